import type { Kysely } from 'kysely';

/**
 * A system admin opens a case it may not otherwise read only by giving a reason ("break glass"):
 * each grant is kept (who, which case, why, until when), and the case page shows the record of
 * access from the audit log, which an index on the audited record makes cheap to read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_access_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_access_grants_case_staff').on('case_access_grants').columns(['case_id', 'staff_id', 'expires_at']).execute();
  await db.schema.createIndex('audit_log_record').on('audit_log').columns(['record_type', 'record_id', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_record').execute();
  await db.schema.dropIndex('case_access_grants_case_staff').execute();
  await db.schema.dropTable('case_access_grants').execute();
}
