/**
 * What the routes take from the request context, in one place: the use cases' dependencies and the
 * signed-in staff member (from the session cookie).
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CaseDeps } from '../cases/case-service.ts';
import { STAFF_SESSION_COOKIE, authenticate, type AuthDeps, type SignInDeps, type StaffSession } from '../staff/auth.ts';
import type { ApiEnv } from './api-env.ts';

export function caseDeps(c: Context<ApiEnv>): CaseDeps {
  const deps = c.get('deps');
  return { db: deps.database.db, kind: deps.database.kind, crypto: deps.crypto, calendar: deps.calendar, now: deps.now, randomBytes: deps.randomBytes };
}

export function authDeps(c: Context<ApiEnv>): AuthDeps {
  const deps = c.get('deps');
  return { db: deps.database.db, kind: deps.database.kind, now: deps.now };
}

/** Signing in also names accounts and addresses by keyed hashes (the portal secret's lookup key). */
export function signInDeps(c: Context<ApiEnv>): SignInDeps {
  return { ...authDeps(c), crypto: c.get('deps').crypto };
}

/**
 * The session behind the request's cookie, or undefined (unknown, ended, idle or revoked). Looked up
 * once per request: the staff-only check (staff-only.ts) looks first, the handler reads its answer.
 */
export async function staffSession(c: Context<ApiEnv>): Promise<StaffSession | undefined> {
  const known = c.get('staffSession');
  if (known !== undefined) return known ?? undefined;
  const session = await authenticate(authDeps(c), getCookie(c, STAFF_SESSION_COOKIE));
  c.set('staffSession', session ?? null);
  return session;
}
