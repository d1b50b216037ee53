/**
 * Staff operations answer a stranger 401 before anything else looks at the request: no validation
 * message, no size or media-type refusal tells someone without a session what an operation takes
 * (`GET /staff/appointments?date=bad` answered such a stranger 422). Every path under /staff/ is a
 * staff operation but signing in; the OpenAPI document marks the same operations with the
 * `staff_session` cookie scheme (openapi-contract.ts), from this same rule. The check is
 * requireStaff's (require-staff.ts), which each operation declares again with its roles.
 */
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './api-env.ts';
import { refuse } from './refusals.ts';
import { admitStaff } from './require-staff.ts';

/** The staff paths anyone may call: signing in. */
const OPEN_TO_ANYONE = [{ method: 'POST', path: '/staff/session' }] as const;

/** Whether the operation at `path` (under the API's base, as the OpenAPI document writes it) needs a staff session. */
export function isStaffOperation(method: string, path: string): boolean {
  if (!path.startsWith('/staff/')) return false;
  return !OPEN_TO_ANYONE.some((open) => open.method === method.toUpperCase() && open.path === path);
}

/** For the API's /staff/* paths: 401 without a live session, before validation and body limits. */
export const staffOnly: MiddlewareHandler<ApiEnv> = async (c, next) => {
  // Mounted under the API's base: the API path starts at the first "/staff/".
  const path = c.req.path.slice(c.req.path.indexOf('/staff/'));
  if (isStaffOperation(c.req.method, path)) {
    const admitted = await admitStaff(c);
    if (!('session' in admitted)) return refuse(c, 'staff', admitted);
  }
  await next();
};
