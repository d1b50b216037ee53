import type { Kysely } from 'kysely';

/**
 * Registry offices' booking schedules as admin data: one row per office whose schedule an office
 * admin has changed. An office without a row keeps the schedule of its file (MARRIAGE_OFFICES_FILE)
 * or the built-in demo; a row replaces that schedule whole (docs/decisions/009).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('office_schedules')
    .addColumn('office_id', 'text', (c) => c.primaryKey())
    .addColumn('schedule_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('office_schedules').execute();
}
