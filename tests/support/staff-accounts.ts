/**
 * A staff account that is none of the demo ones (a clerk of another office), made straight in a
 * test server's database as `npm run staff:create` makes it: the demo accounts work the district's
 * office only. Signed in through the API like the demo accounts (portal-api.ts).
 */
import { databaseTarget, openDatabase } from '../../api/db/connect.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { createStaff } from '../../api/staff/auth.ts';

export interface TestStaff {
  username: string;
  password: string;
  roles: StaffRole[];
  offices: string[];
  serviceAreas: string[];
}

/** Creates the account on this server's (SQLite) database, unless a test of this worker already has. */
export async function ensureStaff(portal: { dataDir: string }, member: TestStaff): Promise<void> {
  const database = openDatabase(databaseTarget({ dataDir: portal.dataDir }));
  try {
    const known = await database.db.selectFrom('staff').select('id').where('username', '=', member.username).executeTakeFirst();
    if (!known) await createStaff({ db: database.db, kind: database.kind, now: () => new Date() }, { displayName: member.username, ...member });
  } finally {
    await database.close();
  }
}

/** The member's session cookie (`staff_session=…`), signed in through the API. */
export async function staffSession(baseUrl: string, member: Pick<TestStaff, 'username' | 'password'>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username: member.username, password: member.password }),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('staff_session='))?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`signing in as ${member.username} answered ${response.status}`);
  return cookie;
}
