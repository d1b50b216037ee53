import type { Kysely } from 'kysely';

/**
 * Rows staff add to effective-dated rule tables (docs/decisions/030), over the rows of each table's
 * source file. Rows are only ever inserted: a correction is a newer row, so the history of every
 * figure stays readable and the audit log's entries keep pointing at what they describe.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rule_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** The table's name, e.g. old-age-allowance.standards. */
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('rule_key', 'text', (c) => c.notNull())
    /** YYYY-MM-DD. */
    .addColumn('effective_from', 'text', (c) => c.notNull())
    /** The value as JSON, as the table's schema accepted it. */
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** The staff member who added it (staff.id). */
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    /**
     * The seq of its audit entry (audit_log.seq, written in the same transaction): the order rows
     * were saved in, which the clock cannot promise. Of two rows of a key on the same day, the
     * later saved counts.
     */
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rule_overrides_table').on('rule_overrides').columns(['table_name', 'rule_key', 'effective_from']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rule_overrides_table').execute();
  await db.schema.dropTable('rule_overrides').execute();
}
