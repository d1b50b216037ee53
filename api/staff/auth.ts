/**
 * Signing staff in and out. Passwords are argon2id hashes. Every attempt is counted in the database
 * before its password is checked, per client address, per account and address, and per account
 * (docs/decisions/014), so no burst and no number of processes checks more passwords than allowed,
 * and nobody elsewhere can lock a clerk out. Sessions are random tokens whose sha256 is stored,
 * with idle and absolute timeouts. Every sign-in, failure, refused attempt and sign-out is in the
 * audit chain.
 */
import { createHash, randomBytes } from 'node:crypto';
import type * as Argon2 from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { appendAudit } from '../db/audit.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { giveBackSignInCount, pruneSignInCounts, recordSignInSuccess, takeSignInCount } from '../db/sign-in-throttle.repo.ts';
import {
  findSessionWithStaff,
  findStaffByUsername,
  insertSession,
  insertStaff,
  revokeAllSessions,
  revokeSession,
  touchSession,
} from '../db/staff.repo.ts';
import {
  KNOWN_ADDRESS_MS,
  SIGN_IN_COUNTERS,
  SIGN_IN_LIMITS,
  SIGN_IN_WINDOW_MS,
  clientNetwork,
  isKnownAddress,
  normaliseUsername,
  retryAtOf,
  type SignInCounter,
} from '../domain/staff/sign-in-throttle.ts';
import { SESSION_ABSOLUTE_MS, sessionIsLive, type NewStaff, type SignIn, type StaffMember } from '../domain/staff/staff.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';

export const STAFF_SESSION_COOKIE = 'staff_session';
/** Touching the session on every request would write on every request; once a minute is enough. */
const TOUCH_AFTER_MS = 60_000;
/** argon2id as OWASP recommends (19 MiB, 2 passes, 1 lane). */
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface AuthDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
}

/** The native argon2 library is loaded by the first sign-in or new account, not by every process at start (docs/decisions/078). */
let argon2Module: Promise<typeof Argon2> | undefined;
const argon2 = () => (argon2Module ??= import('@node-rs/argon2'));

export const hashPassword = async (password: string) => (await argon2()).hash(password, ARGON2);

// Verifying against a real hash for unknown usernames keeps the answer's timing the same.
let decoyHash: Promise<string> | undefined;

export async function createStaff(deps: AuthDeps, input: NewStaff): Promise<string> {
  const { password, ...rest } = input;
  return insertStaff(deps.db, { ...rest, passwordHash: await hashPassword(password) }, deps.now());
}

/** Signing in also needs the keyed hash that names accounts and addresses in the counters. */
export interface SignInDeps extends AuthDeps {
  crypto: Pick<FieldCrypto, 'lookupHash'>;
}

export type SignInResult =
  | { ok: true; token: string; staff: StaffMember; expiresAt: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAt: string };

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

type CountKeys = Record<SignInCounter, string>;
interface TakenCount {
  key: string;
  windowStart: string;
}
type CountOutcome = { ok: true; taken: Partial<Record<SignInCounter, TakenCount>> } | { ok: false; counter: SignInCounter; retryAt: string };

/**
 * Takes the attempt's counts in order (client, pair, account), skipping the account's ceiling for
 * an address the account signed in from lately. A refusal gives back the counts already taken: an
 * attempt that is not let through uses up nothing.
 */
async function takeCounts(db: Kysely<Database>, keys: CountKeys, now: Date): Promise<CountOutcome> {
  const taken: Partial<Record<SignInCounter, TakenCount>> = {};
  let knownAddress = false;
  for (const counter of SIGN_IN_COUNTERS) {
    if (counter === 'perAccount' && knownAddress) continue;
    const result = await takeSignInCount(db, keys[counter], { limit: SIGN_IN_LIMITS[counter], windowMs: SIGN_IN_WINDOW_MS, now });
    if (!result.taken) {
      await Promise.all(Object.values(taken).map((count) => giveBackSignInCount(db, count.key, count.windowStart)));
      return { ok: false, counter, retryAt: retryAtOf(result.windowStart) };
    }
    if (counter === 'perPair') knownAddress = isKnownAddress(result.lastSignedInAt, now);
    taken[counter] = { key: keys[counter], windowStart: result.windowStart };
  }
  return { ok: true, taken };
}

export async function signIn(deps: SignInDeps, input: SignIn, origin: string | null): Promise<SignInResult> {
  const now = deps.now();
  // Started on any first attempt, so that an unknown name is not the one that waits for it.
  const decoy = (decoyHash ??= hashPassword(randomBytes(16).toString('hex')));
  const username = normaliseUsername(input.username);
  // Keyed hashes: the counters and the audit name an account the same way whether it exists or not,
  // and hold no username (people type passwords into that field) and no address.
  const account = deps.crypto.lookupHash(username, 'staff.sign-in.account');
  const client = deps.crypto.lookupHash(clientNetwork(origin), 'staff.sign-in.client');
  const keys: CountKeys = { perClient: `client:${client}`, perPair: `pair:${account}:${client}`, perAccount: `account:${account}` };
  const attempt = { at: now, actorId: null, actorRole: null, recordType: 'staff-sign-in', recordId: account, origin };

  const counted = await takeCounts(deps.db, keys, now);
  if (!counted.ok) {
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps.kind, { ...attempt, action: 'staff.sign-in-throttled', details: { limit: counted.counter, retryAt: counted.retryAt } }),
    );
    return { ok: false, reason: 'throttled', retryAt: counted.retryAt };
  }

  const staff = await findStaffByUsername(deps.db, username);
  // An unknown or disabled account is checked against a decoy, so its answer takes as long.
  const matches = await (await argon2()).verify(staff && !staff.disabled ? staff.passwordHash : await decoy, input.password);
  if (!staff || staff.disabled || !matches) {
    await deps.db.transaction().execute((trx) => appendAudit(trx, deps.kind, { ...attempt, action: 'staff.sign-in-failed', details: { staffId: staff?.id ?? null } }));
    return { ok: false, reason: 'invalid' };
  }

  // The right password: the pair starts again, and the attempt is given back to the others.
  await recordSignInSuccess(deps.db, keys.perPair, now);
  await Promise.all(
    (['perClient', 'perAccount'] as const).flatMap((counter) => {
      const count = counted.taken[counter];
      return count ? [giveBackSignInCount(deps.db, count.key, count.windowStart)] : [];
    }),
  );
  await pruneSignInCounts(deps.db, { now, windowMs: SIGN_IN_WINDOW_MS, rememberMs: KNOWN_ADDRESS_MS });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await insertSession(deps.db, { id: sessionIdOf(token), staff_id: staff.id, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: expiresAt, revoked_at: null });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, { at: now, actorId: staff.id, actorRole: staff.roles.join(','), action: 'staff.sign-in', recordType: 'staff', recordId: staff.id, origin }),
  );
  const { passwordHash: _hash, disabled: _disabled, ...member } = staff;
  return { ok: true, token, staff: member, expiresAt };
}

export interface StaffSession {
  sessionId: string;
  staff: StaffMember;
}

/** The staff member behind a session cookie, or undefined when it is unknown, ended, idle or revoked. */
export async function authenticate(deps: AuthDeps, token: string | undefined): Promise<StaffSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const now = deps.now();
  const found = await findSessionWithStaff(deps.db, sessionIdOf(token));
  if (!found || found.staff.disabled || !sessionIsLive(found, now)) return undefined;
  if (now.getTime() - Date.parse(found.lastSeenAt) > TOUCH_AFTER_MS) await touchSession(deps.db, found.sessionId, now);
  const { passwordHash: _hash, disabled: _disabled, ...member } = found.staff;
  return { sessionId: found.sessionId, staff: member };
}

export async function signOut(deps: AuthDeps, session: StaffSession, everywhere: boolean, origin: string | null): Promise<void> {
  const now = deps.now();
  if (everywhere) await revokeAllSessions(deps.db, session.staff.id, now);
  else await revokeSession(deps.db, session.sessionId, now);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, {
      at: now,
      actorId: session.staff.id,
      actorRole: session.staff.roles.join(','),
      action: everywhere ? 'staff.sign-out-everywhere' : 'staff.sign-out',
      recordType: 'staff',
      recordId: session.staff.id,
      origin,
    }),
  );
}
