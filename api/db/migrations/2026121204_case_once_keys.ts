import type { Kysely } from 'kysely';

/**
 * "Once per …" keys of the services that allow one case per something (docs/decisions/061): one
 * eco-burial subsidy per deceased. A case holds its key from its submission; the primary key makes
 * a second holder impossible on both databases, whatever two submissions do at the same moment. A
 * case that ended without its service's benefit (withdrawn, not accepted, refused) gives the key up
 * to the next case of the same key, which takes the row over inside its submission's transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_once_keys')
    /** The service whose rule it is (cases.service). */
    .addColumn('service', 'text', (c) => c.notNull())
    /** The keyed hash of what the case is for (the deceased's ID number), never the value itself. */
    .addColumn('key_hash', 'text', (c) => c.notNull())
    /** The case that holds the key now. */
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addPrimaryKeyConstraint('case_once_keys_pk', ['service', 'key_hash'])
    .execute();
  await db.schema.createIndex('case_once_keys_case').on('case_once_keys').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('case_once_keys_case').execute();
  await db.schema.dropTable('case_once_keys').execute();
}
