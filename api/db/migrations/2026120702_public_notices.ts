import type { Kysely } from 'kysely';

/**
 * Public entries (docs/decisions/045): the 公示 of a proposal and the 公布 of a decision, written by
 * the transition that publishes them, in its transaction. A row holds only what its page shows,
 * already masked; the public pages read this table alone, never a case. Rows whose last day is past
 * are not shown and are deleted by the periodic sweep.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('public_entries')
    /** A random UUID: the entry's public id (its objection link), unrelated to the tracking number. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** The case it was written for (cases.id): what an objection is recorded on. Never shown. */
    .addColumn('case_id', 'text', (c) => c.notNull())
    /** 'notice' (公示) or 'announcement' (公布). */
    .addColumn('list', 'text', (c) => c.notNull())
    /** The village or community whose board it is on. */
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('masked_name', 'text', (c) => c.notNull())
    .addColumn('household_size', 'integer', (c) => c.notNull())
    /** The service: the kind of help. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** Integer fen, or null. */
    .addColumn('amount_fen', 'integer')
    /** First and last day shown (YYYY-MM-DD, China time, both included). */
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    /** The transition an objection to it takes (a notice's), or null. */
    .addColumn('objection', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_entries_board').on('public_entries').columns(['place', 'list', 'to_day']).execute();
  await db.schema.createIndex('public_entries_case').on('public_entries').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('public_entries_case').execute();
  await db.schema.dropIndex('public_entries_board').execute();
  await db.schema.dropTable('public_entries').execute();
}
