import type { Kysely } from 'kysely';

/**
 * Data upgrades done once, at start, by work a migration cannot do because it needs the portal's
 * key (a migration runs before the secret is loaded, and a keyless `db:migrate` runs them too):
 * the first is sealing timeline events' fields stored before they were marked `sealed`
 * (api/cases/event-seals.ts, docs/decisions/049). A row says an upgrade is done, so that later
 * starts skip it with one lookup; the upgrade itself is idempotent, so a start that stops half-way
 * simply does it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_upgrades')
    /** The upgrade and what it covered (e.g. `seal-event-inputs:<fingerprint of the sealed fields>`). */
    .addColumn('name', 'text', (c) => c.primaryKey())
    /** How many rows it changed, for the operator's log. */
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_upgrades').execute();
}
