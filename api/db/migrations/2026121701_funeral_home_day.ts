import type { Kysely } from 'kysely';

/**
 * The funeral home's day (docs/decisions/072): what the home's staff record about a booking, apart
 * from the case's answers (which stay as the family gave them):
 * - each booked service marked done (cremation, hall, storage; the transport's own status is in
 *   funeral_transports), once, with who and when;
 * - the cremation certificate's number (火化证明编号), sealed with the portal's key (never readable
 *   from the database alone), once per booking, corrected by recording it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('funeral_services_done')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** cremation | hall | storage */
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('funeral_services_done_pk', ['case_id', 'item'])
    .execute();
  await db.schema
    .createTable('funeral_cremation_certificates')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('number_enc', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('funeral_cremation_certificates').execute();
  await db.schema.dropTable('funeral_services_done').execute();
}
