import type { Kysely } from 'kysely';

/**
 * Counted places a case holds one of from its submission (docs/decisions/064): the public cemetery's
 * plots of a type. Generic (the case core's `holds`), named for the first service that needs it.
 *
 * `case_stock` is one row per thing counted (a cemetery's plot type): how many there are, as the rule
 * table said at the last take, and how many cases hold one. A take is one conditional upsert
 * (`taken < capacity`), as a booking place is (booking.repo.ts takePlace), so the count never passes
 * the capacity, whatever two processes do at once; a give-back never goes below zero.
 * `case_stock_holds` is what each case holds, so that a give-back happens once: the case that is
 * refused or withdrawn marks its hold released in the same transaction as the count goes down.
 * `case_step_keys` is what a step names that only one case may have (the numbered place a plot case
 * is allocated): the primary key refuses a second case, in the step's transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_stock')
    /** `<service>:<what>` (public-cemetery:<cemetery>:<plot type>). */
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('taken', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('case_stock_holds')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('stock_key', 'text', (c) => c.notNull())
    /** 1 once the case gave its place back (refused, withdrawn): never twice. */
    .addColumn('released', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('case_step_keys')
    .addColumn('service', 'text', (c) => c.notNull())
    /** `<cemetery>:<place number>`, normalised: not personal data. */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addPrimaryKeyConstraint('case_step_keys_pk', ['service', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_step_keys').execute();
  await db.schema.dropTable('case_stock_holds').execute();
  await db.schema.dropTable('case_stock').execute();
}
