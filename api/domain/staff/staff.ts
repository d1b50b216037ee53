/**
 * Staff accounts: who they are, what they may do (roles), where (offices, service areas), and the
 * rules of signing in (how often: sign-in-throttle.ts). Pure: the clock is an argument.
 */
import { z } from 'zod';
import { nameLine, textLine } from '../text.ts';
import { STAFF_ROLES, type StaffRole } from '../workflow/workflow.ts';

export { STAFF_ROLES, type StaffRole };

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  offices: string[];
  serviceAreas: string[];
}

/** The sign-in form; messages are translation keys (errors.signIn.*). */
export const SignInSchema = z.object({
  username: textLine({ error: 'errors.signIn.usernameRequired' }).trim().min(1, 'errors.signIn.usernameRequired').max(64, 'errors.signIn.usernameRequired'),
  password: textLine({ error: 'errors.signIn.passwordRequired' }).min(1, 'errors.signIn.passwordRequired').max(256, 'errors.signIn.passwordRequired'),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const NewStaffSchema = z.object({
  username: textLine().trim().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'lower-case letters, digits, dot, dash or underscore; 3–64'),
  displayName: nameLine().trim().min(1).max(64),
  password: textLine().min(12, 'at least 12 characters').max(256),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  offices: z.array(textLine().min(1)).min(1),
  serviceAreas: z.array(textLine().min(1)).min(1),
});
export type NewStaff = z.infer<typeof NewStaffSchema>;

/** Sessions end after 30 minutes without activity, and after 12 hours whatever the activity. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;

export interface SessionTimes {
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export function sessionIsLive(session: SessionTimes, now: Date): boolean {
  if (session.revokedAt) return false;
  if (now.toISOString() >= session.expiresAt) return false;
  return now.getTime() - Date.parse(session.lastSeenAt) < SESSION_IDLE_MS;
}
