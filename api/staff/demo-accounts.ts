/**
 * One demo account per role, outside production only, so that a new developer can sign in to
 * every part of the workbench at once. Each password is derived from the portal secret: the same
 * on every start (so it can be printed), different on every machine (so it is no public password).
 * Each account is marked as demo data (demo_records): a production start refuses to run while one
 * is left (`npm run demo:remove`).
 */
import { createHmac } from 'node:crypto';
import { markDemoRecords, staffIdsByUsername } from '../db/demo-data.repo.ts';
import { findStaffByUsername } from '../db/staff.repo.ts';
import { STAFF_ROLES, type StaffRole } from '../domain/staff/staff.ts';
import { createStaff, type AuthDeps } from './auth.ts';

export const DEMO_OFFICES = ['demo-district'];
export const DEMO_SERVICE_AREAS = ['allowances', 'marriage', 'relief', 'funeral'];

export function demoUsername(role: StaffRole): string {
  return `demo-${role}`;
}

/** `account`: a role's account, or one of the extra accounts (SECOND_DEMO_ACCOUNTS' names). */
export function demoPassword(secret: Buffer, account: StaffRole | string): string {
  return createHmac('sha256', secret).update(`demo-staff:${account}`).digest('base64url').slice(0, 16);
}

/**
 * A second account of a role whose work needs two people: a guide draft is approved by an editor
 * other than its author (docs/decisions/052), so a new user tries review as the second editor.
 */
export const SECOND_DEMO_ACCOUNTS: readonly { name: string; role: StaffRole }[] = [{ name: 'content-editor-2', role: 'content-editor' }];

export interface DemoAccount {
  role: StaffRole;
  username: string;
  password: string;
}

/** The usernames of the demo accounts, reserved: `npm run staff:create` refuses them. */
export const DEMO_USERNAMES: readonly string[] = [...STAFF_ROLES.map(demoUsername), ...SECOND_DEMO_ACCOUNTS.map((account) => `demo-${account.name}`)];

export async function ensureDemoStaff(deps: AuthDeps, secret: Buffer): Promise<DemoAccount[]> {
  // In parallel: argon2 hashing runs on the thread pool, and a first start hashes eight passwords.
  const accounts = await Promise.all(
    [...STAFF_ROLES.map((role) => ({ name: role as string, role })), ...SECOND_DEMO_ACCOUNTS].map(async ({ name, role }) => {
      const username = `demo-${name}`;
      const password = demoPassword(secret, name);
      if (!(await findStaffByUsername(deps.db, username))) {
        await createStaff(deps, { username, displayName: `Demo ${name}`, password, roles: [role], offices: DEMO_OFFICES, serviceAreas: DEMO_SERVICE_AREAS });
      }
      return { role, username, password };
    }),
  );
  // Marked as demo data (also when made by an older start): a production start refuses while any is left.
  await markDemoRecords(deps.db, 'staff', await staffIdsByUsername(deps.db, DEMO_USERNAMES), deps.now());
  return accounts;
}
