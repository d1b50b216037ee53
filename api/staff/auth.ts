/**
 * Signing staff in and out. Passwords are argon2id hashes; failures are counted in the database
 * (so several processes agree) and lock the account for a while after the fifth; sessions are
 * random tokens whose sha256 is stored, with idle and absolute timeouts. Every sign-in, failure and
 * sign-out is in the audit chain.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { appendAudit } from '../db/audit.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import {
  findSessionWithStaff,
  findStaffByUsername,
  insertSession,
  insertStaff,
  recordFailedSignIn,
  resetFailedSignIns,
  revokeAllSessions,
  revokeSession,
  setLockedUntil,
  touchSession,
} from '../db/staff.repo.ts';
import { SESSION_ABSOLUTE_MS, lockoutAfterFailures, sessionIsLive, type NewStaff, type SignIn, type StaffMember } from '../domain/staff/staff.ts';

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

export const hashPassword = (password: string) => hash(password, ARGON2);

// Verifying against a real hash for unknown usernames keeps the answer's timing the same.
let decoyHash: Promise<string> | undefined;

export async function createStaff(deps: AuthDeps, input: NewStaff): Promise<string> {
  const { password, ...rest } = input;
  return insertStaff(deps.db, { ...rest, passwordHash: await hashPassword(password) }, deps.now());
}

export type SignInResult =
  | { ok: true; token: string; staff: StaffMember; expiresAt: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAt: string };

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function signIn(deps: AuthDeps, input: SignIn, origin: string | null): Promise<SignInResult> {
  const now = deps.now();
  const staff = await findStaffByUsername(deps.db, input.username);
  if (!staff || staff.disabled) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoyHash, input.password);
    return { ok: false, reason: 'invalid' };
  }
  if (staff.lockedUntil && staff.lockedUntil > now.toISOString()) return { ok: false, reason: 'locked', retryAt: staff.lockedUntil };
  if (!(await verify(staff.passwordHash, input.password))) {
    const failures = await recordFailedSignIn(deps.db, staff.id);
    const lockMs = lockoutAfterFailures(failures);
    const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
    if (lockedUntil) await setLockedUntil(deps.db, staff.id, lockedUntil);
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps.kind, { at: now, actorId: null, actorRole: null, action: 'staff.sign-in-failed', recordType: 'staff', recordId: staff.id, origin, details: { failures } }),
    );
    return lockedUntil ? { ok: false, reason: 'locked', retryAt: lockedUntil } : { ok: false, reason: 'invalid' };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await resetFailedSignIns(deps.db, staff.id);
  await insertSession(deps.db, { id: sessionIdOf(token), staff_id: staff.id, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: expiresAt, revoked_at: null });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, { at: now, actorId: staff.id, actorRole: staff.roles.join(','), action: 'staff.sign-in', recordType: 'staff', recordId: staff.id, origin }),
  );
  const { passwordHash: _hash, failedAttempts: _failures, lockedUntil: _locked, disabled: _disabled, ...member } = staff;
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
  const { passwordHash: _hash, failedAttempts: _failures, lockedUntil: _locked, disabled: _disabled, ...member } = found.staff;
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
