/**
 * `npm run staff:create -- --username li.ming --name 李明 --roles intake,reviewer --offices district-a --areas allowances`
 * Creates a staff account. The password comes from STAFF_PASSWORD, or is generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readConfig } from '../env.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { NewStaffSchema } from '../domain/staff/staff.ts';
import { targetFromConfig } from '../server/bootstrap.ts';
import { createStaff } from '../staff/auth.ts';
import { DEMO_USERNAMES } from '../staff/demo-accounts.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'string' },
    offices: { type: 'string' },
    areas: { type: 'string' },
  },
});
const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
const generated = !process.env.STAFF_PASSWORD;
const parsed = NewStaffSchema.safeParse({
  username: values.username,
  displayName: values.name ?? values.username,
  password: process.env.STAFF_PASSWORD ?? randomBytes(12).toString('base64url'),
  roles: list(values.roles),
  offices: list(values.offices),
  serviceAreas: list(values.areas),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`✗ ${issue.path.join('.')}: ${issue.message}`);
  console.error('usage: npm run staff:create -- --username NAME --name "显示名" --roles intake,reviewer --offices OFFICE --areas allowances');
  process.exit(2);
}
if (DEMO_USERNAMES.includes(parsed.data.username)) {
  // Reserved: a development start on this database would take the account for its demo account and mark it as demo data.
  console.error(`✗ username: ${parsed.data.username} is reserved for a demo account`);
  process.exit(2);
}
const database = openDatabase(targetFromConfig(readConfig(process.env)));
try {
  await migrateToLatest(database.db);
  await createStaff({ db: database.db, kind: database.kind, now: () => new Date() }, parsed.data);
  console.log(`created ${parsed.data.username} (${parsed.data.roles.join(', ')})`);
  if (generated) console.log(`password (shown once): ${parsed.data.password}`);
} catch (error) {
  console.error(`✗ ${(error as Error).message.includes('unique') || (error as Error).message.includes('UNIQUE') ? 'that username is taken' : (error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
