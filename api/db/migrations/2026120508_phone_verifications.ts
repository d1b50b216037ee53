import type { Kysely } from 'kysely';

/**
 * One-time codes sent to a phone and the proofs they give (docs/decisions/019). Nothing here can be
 * used if read: the phone is a keyed hash, the code a keyed hash bound to its row, the proof a hash
 * of a random token; the code itself travels only in the encrypted outbox message (`outbox_id`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('phone_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    /** Tries counted, each before its comparison. */
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed_at', 'text')
    /** sha256 of the proof token, once confirmed. */
    .addColumn('proof_hash', 'text')
    .addColumn('proof_expires_at', 'text')
    /** The outbox message that carries the code to the phone. */
    .addColumn('outbox_id', 'text')
    .execute();
  await db.schema.createIndex('phone_verifications_phone').on('phone_verifications').columns(['phone_hash', 'created_at']).execute();
  // NULLs are distinct on both databases: only confirmed rows take part.
  await db.schema.createIndex('phone_verifications_proof').on('phone_verifications').column('proof_hash').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('phone_verifications_proof').execute();
  await db.schema.dropIndex('phone_verifications_phone').execute();
  await db.schema.dropTable('phone_verifications').execute();
}
