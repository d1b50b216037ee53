import type { Kysely } from 'kysely';

/**
 * 好差评 (docs/decisions/053): one rating per case, and the follow-up a bad rating opens for the
 * case's office. A rating holds nothing personal beyond its case's id: the level, the reasons (codes
 * from a fixed list) and the comment, encrypted (people write names, phones and circumstances into
 * it). The service and office are copied from the case so that the aggregates read this table alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** cases.id: one rating per case, which the database itself holds to. */
    .addColumn('case_id', 'text', (c) => c.notNull().unique())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    /** One of the five national levels (very-satisfied … very-dissatisfied). */
    .addColumn('level', 'text', (c) => c.notNull())
    /** JSON list of reason codes. */
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    /** Encrypted (ratings.comment), or null when none was given. */
    .addColumn('comment_enc', 'text')
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ratings_by_service').on('ratings').columns(['service', 'office', 'level']).execute();

  await db.schema
    .createTable('rating_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rating_id', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    /** YYYY-MM-DD (China time): the day the bad rating was given, and the last day to answer it. */
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    /** Encrypted (rating_follow_ups.reply): the office's answer, shown to the applicant. */
    .addColumn('reply_enc', 'text')
    .addColumn('replied_at', 'text')
    /** staff.id of who replied. */
    .addColumn('replied_by', 'text')
    /** 'resolved' or 'not-resolved', the applicant's answer after reading the reply; null before. */
    .addColumn('resolution', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rating_follow_ups_queue').on('rating_follow_ups').columns(['office', 'replied_at', 'due_on']).execute();
  await db.schema.createIndex('rating_follow_ups_case').on('rating_follow_ups').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rating_follow_ups_case').execute();
  await db.schema.dropIndex('rating_follow_ups_queue').execute();
  await db.schema.dropTable('rating_follow_ups').execute();
  await db.schema.dropIndex('ratings_by_service').execute();
  await db.schema.dropTable('ratings').execute();
}
