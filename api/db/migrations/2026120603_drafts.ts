import type { Kysely } from 'kysely';

/**
 * Applications in progress, kept on the server (docs/decisions/033). The browser holds only a random
 * reference, stored here as a keyed hash; the answers are one encrypted JSON value. A draft lives
 * until `expires_at` (the journey decides how long); its reference lapses 30 minutes after
 * `last_seen_at`, after which only the resume code (also a keyed hash) with the applicant's ID
 * number opens it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drafts')
    /** A random UUID: the submission's Idempotency-Key and the owner id of the draft's files. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service', 'text', (c) => c.notNull())
    /** Keyed hash of the browser's reference; null once it was replaced by a resume. */
    .addColumn('reference_hash', 'text', (c) => c.unique())
    .addColumn('answers_enc', 'text', (c) => c.notNull())
    /** Keyed hash of the resume code, once the applicant asked to come back later. */
    .addColumn('resume_code_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    /**
     * Set by the submission that made it a case: the answers are gone, and what is left is only what
     * the confirmation shows (the tracking number, a booking's public details), which its reference
     * opens, idle or not, until it expires.
     */
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('drafts_expires').on('drafts').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('drafts_expires').execute();
  await db.schema.dropTable('drafts').execute();
}
