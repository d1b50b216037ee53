import { sql, type Kysely } from 'kysely';

/**
 * Demo data marked as such: the accounts and applications a development start makes
 * (api/staff/demo-accounts.ts, api/cases/demo-cases.ts) are listed in `demo_records`, so that a
 * production start can refuse while any is left and `npm run demo:remove` removes exactly them.
 * A table of their own, so that the accounts and cases tables stay as they are.
 *
 * Accounts made before this mark existed are the seven usernames a development start gives them.
 * Demo applications made before it are recognised at start by their made-up applicants (their keyed
 * hashes need the portal secret, which a migration does not have).
 */
const DEMO_USERNAMES = ['demo-intake', 'demo-investigator', 'demo-reviewer', 'demo-approver', 'demo-content-editor', 'demo-office-admin', 'demo-system-admin'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demo_records')
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_records_pk', ['record_type', 'record_id'])
    .execute();
  await sql`
    insert into demo_records (record_type, record_id, created_at)
    select 'staff', id, created_at from staff where username in (${sql.join(DEMO_USERNAMES)})
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demo_records').execute();
}
