/**
 * What the routes take from the request context, in one place: the use cases' dependencies and the
 * staff session behind the cookie (for requireStaff).
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CaseDeps } from '../cases/case-service.ts';
import type { HandoffDeps } from '../engine/handoffs/handoffs.ts';
import { STAFF_SESSION_COOKIE, authenticate, type AuthDeps, type SignInDeps, type StaffSession } from '../staff/auth.ts';
import type { ApiEnv } from './api-env.ts';

export function caseDeps<E extends ApiEnv>(c: Context<E>): CaseDeps {
  const deps = c.get('deps');
  return { db: deps.database.db, kind: deps.database.kind, crypto: deps.crypto, calendar: deps.calendar, now: deps.now, randomBytes: deps.randomBytes, services: deps.services, rules: deps.rules, offices: deps.offices };
}

export function handoffDeps<E extends ApiEnv>(c: Context<E>): HandoffDeps {
  const deps = c.get('deps');
  return { db: deps.database.db, kind: deps.database.kind, crypto: deps.crypto, calendar: deps.calendar, now: deps.now, services: deps.services, rules: deps.rules, offices: deps.offices, handoffs: deps.handoffs, logger: deps.logger };
}

export function authDeps<E extends ApiEnv>(c: Context<E>): AuthDeps {
  const deps = c.get('deps');
  return { db: deps.database.db, kind: deps.database.kind, now: deps.now };
}

/** Signing in also names accounts and addresses by keyed hashes (the portal secret's lookup key). */
export function signInDeps<E extends ApiEnv>(c: Context<E>): SignInDeps {
  return { ...authDeps(c), crypto: c.get('deps').crypto };
}

/** Each request's session once looked up (null: none): by its context, which lives as long as the request. */
const sessions = new WeakMap<Context, StaffSession | null>();

/**
 * The session behind the request's cookie, or undefined (unknown, ended, idle or revoked). Looked up
 * once per request: the staff-only check (staff-only.ts) looks first, the operation's own
 * requireStaff reads its answer. Only requireStaff calls it; handlers read `c.get('staff')`.
 */
export async function staffSession<E extends ApiEnv>(c: Context<E>): Promise<StaffSession | undefined> {
  const known = sessions.get(c);
  if (known !== undefined) return known ?? undefined;
  const session = await authenticate(authDeps(c), getCookie(c, STAFF_SESSION_COOKIE));
  sessions.set(c, session ?? null);
  return session;
}
