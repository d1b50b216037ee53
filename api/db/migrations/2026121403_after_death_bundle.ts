import type { Kysely } from 'kysely';

/**
 * Bundles and their parts (docs/decisions/066): a bundle is a case (身后一件事) that fans out at its
 * submission, in the same transaction, into one part per item ticked. A part is a case of its own
 * service with its own tracking number (a department's hand-off, a step the portal runs), or, for
 * an item applied for later (the eco-burial subsidy once the burial has taken place), a row with no
 * case yet. The primary key keeps one part per item of a bundle; a case is the part of one bundle.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_parts')
    .addColumn('bundle_case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** The item ticked (the bundle's service names its items). */
    .addColumn('item', 'text', (c) => c.notNull())
    /** The order the status page lists the parts in. */
    .addColumn('position', 'integer', (c) => c.notNull())
    /** The part's own case; null for an item applied for later. */
    .addColumn('part_case_id', 'text', (c) => c.references('cases.id').unique())
    .addPrimaryKeyConstraint('case_parts_pk', ['bundle_case_id', 'item'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_parts').execute();
}
