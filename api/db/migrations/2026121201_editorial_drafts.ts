import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * One drafts table for every kind of edited content (docs/decisions/057): guides' and notices'
 * drafts were the same table under two names, and the next kind (funeral price lists, relief
 * standards pages) would have been a third. A row is keyed by its kind ('guide', 'notice': the
 * record type its audit entries name) and its key within the kind (a guide's slug, a notice's id);
 * `base_json` is what the kind opened it from (a guide's version per language, a notice's version
 * or null), as JSON. Every row of `guide_drafts` and `notice_drafts` is carried over, then they go.
 */
/** The columns both old tables and the new one have, in one order. */
const LIFECYCLE = 'created_by, last_changed_by, submitted_by, approved_by, review_comment, change_note, change_kind, scheduled_at, scheduled_by, lock_version, created_at, updated_at';

/** The lifecycle's columns, the same in the new table and the two old ones. */
const lifecycleColumns = <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
  table
    /** draft, submitted, approved or scheduled (api/domain/content/editorial.ts). */
    .addColumn('state', 'text', (c) => c.notNull())
    /** The kind's content as JSON, checked by its schema whenever it is read. */
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_changed_by', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('change_note', 'text')
    .addColumn('change_kind', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('scheduled_by', 'text')
    /** Compared on every change (optimistic locking) and by the claim that publishes a due draft once. */
    .addColumn('lock_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

export async function up(db: Kysely<unknown>): Promise<void> {
  await lifecycleColumns(db.schema.createTable('editorial_drafts').addColumn('kind', 'text', (c) => c.notNull()).addColumn('key', 'text', (c) => c.notNull()))
    .addColumn('base_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('editorial_drafts_pk', ['kind', 'key'])
    .execute();
  // One scheduled pass looks for every kind's due drafts every few seconds.
  await db.schema.createIndex('editorial_drafts_due').on('editorial_drafts').columns(['state', 'scheduled_at']).execute();

  await sql`insert into editorial_drafts (kind, key, state, content_json, base_json, ${sql.raw(LIFECYCLE)})
    select 'guide', slug, state, content_json, base_versions_json, ${sql.raw(LIFECYCLE)} from guide_drafts`.execute(db);
  await sql`insert into editorial_drafts (kind, key, state, content_json, base_json, ${sql.raw(LIFECYCLE)})
    select 'notice', id, state, content_json, case when base_version is null then 'null' else cast(base_version as text) end, ${sql.raw(LIFECYCLE)} from notice_drafts`.execute(db);
  // Their indexes go with them, on both databases.
  await db.schema.dropTable('guide_drafts').execute();
  await db.schema.dropTable('notice_drafts').execute();
}

/** Back to the two tables, with the guides' and notices' rows; a kind registered later has no table to go back to, and its drafts are dropped. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await lifecycleColumns(db.schema.createTable('guide_drafts').addColumn('slug', 'text', (c) => c.primaryKey()))
    .addColumn('base_versions_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guide_drafts_due').on('guide_drafts').columns(['state', 'scheduled_at']).execute();
  await lifecycleColumns(db.schema.createTable('notice_drafts').addColumn('id', 'text', (c) => c.primaryKey()))
    .addColumn('base_version', 'integer')
    .execute();
  await db.schema.createIndex('notice_drafts_due').on('notice_drafts').columns(['state', 'scheduled_at']).execute();
  await sql`insert into guide_drafts (slug, state, content_json, base_versions_json, ${sql.raw(LIFECYCLE)})
    select key, state, content_json, base_json, ${sql.raw(LIFECYCLE)} from editorial_drafts where kind = 'guide'`.execute(db);
  await sql`insert into notice_drafts (id, state, content_json, base_version, ${sql.raw(LIFECYCLE)})
    select key, state, content_json, case when base_json = 'null' then null else cast(base_json as integer) end, ${sql.raw(LIFECYCLE)} from editorial_drafts where kind = 'notice'`.execute(db);
  await db.schema.dropTable('editorial_drafts').execute();
}
