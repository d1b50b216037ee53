import type { Kysely } from 'kysely';

/**
 * Files given with a draft or a case (docs/decisions/026): what each is and whose; the contents live
 * outside the database, encrypted, at `address` (a keyed hash of the plaintext, shared by equal
 * contents). The original name is encrypted like any personal value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** 'draft' or 'case'. */
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    /** The field (or purpose) the file was given for. */
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    /** Bytes as stored (after processing), unencrypted. */
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    /** 'clean' or 'not-scanned'. */
    .addColumn('scan_state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_owner').on('files').columns(['owner_kind', 'owner_id', 'created_at']).execute();
  await db.schema.createIndex('files_address').on('files').column('address').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('files_address').execute();
  await db.schema.dropIndex('files_owner').execute();
  await db.schema.dropTable('files').execute();
}
