/**
 * The one check for staff operations (docs/decisions/027): a live session, and when the operation
 * names roles, one of them. Without a session: 401 `not_signed_in`; without one of the roles: 403
 * `not_permitted` (the answer the use cases give when a member's roles may not do something). The
 * member (and the session) are then on the context, typed (`StaffEnv`), for the handler.
 *
 * Only what the member's roles alone decide is checked here. Whether a member may read or act on a
 * case, see an office's day or administer an office needs the case or the office and stays in the
 * use case, whose refusal the route answers through the refusal table (refusals.ts).
 *
 * A route declares it in its `createRoute({ middleware: [requireStaff(…)] })`; staff-only.ts runs the
 * same check on every /staff/ path before the body is read, so that a stranger is answered 401
 * before any validation (the route's check then finds the session already looked up).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { StaffRole } from '../domain/staff/staff.ts';
import type { StaffSession } from '../staff/auth.ts';
import type { ApiEnv, StaffEnv } from './api-env.ts';
import { refuse, type Refusals } from './refusals.ts';
import { staffSession } from './route-deps.ts';

export interface StaffRequirement {
  /** The roles that may call the operation (any one of them); none: any signed-in member. */
  roles?: readonly StaffRole[];
}

/** The session of a member who meets `requirement`, or why not. */
export async function admitStaff<E extends ApiEnv>(c: Context<E>, requirement: StaffRequirement = {}): Promise<{ session: StaffSession } | Refusals['staff']> {
  const session = await staffSession(c);
  if (!session) return { reason: 'not_signed_in' };
  const { roles } = requirement;
  if (roles && !roles.some((role) => session.staff.roles.includes(role))) return { reason: 'not_permitted' };
  return { session };
}

export function requireStaff(requirement: StaffRequirement = {}): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const admitted = await admitStaff(c, requirement);
    if (!('session' in admitted)) return refuse(c, 'staff', admitted);
    c.set('staffSession', admitted.session);
    c.set('staff', admitted.session.staff);
    await next();
  };
}
