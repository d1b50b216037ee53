import type { Kysely } from 'kysely';

/**
 * Hand-offs to other systems (docs/decisions/044): a request written in the transaction of the
 * transition that sends it, then claimed and sent by workers in any number of processes under a
 * lease, as the notification outbox is; a table of its own because a request has an endpoint's
 * answer to wait for (202, then a callback), not a phone and a template.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handoff_requests')
    /** A random UUID: the request id the receiving system deduplicates by, and its callback names. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** The hand-off's name (the service's `handoffs` key, the transition's `handoff`). */
    .addColumn('handoff', 'text', (c) => c.notNull())
    /** Encrypted JSON (field crypto, context handoff_requests.payload): only what the receiving system needs. */
    .addColumn('payload_enc', 'text', (c) => c.notNull())
    /** 'pending' (to send), 'waiting' (accepted, the answer to come), 'answered', 'failed' or 'superseded'. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    /** Why the last attempt failed (a status or a network error's name): never personal data. */
    .addColumn('last_error', 'text')
    /** When the receiving system took the request (202) or answered it. */
    .addColumn('sent_at', 'text')
    .addColumn('answered_at', 'text')
    /** Encrypted JSON (context handoff_requests.answer): the answer as recorded on the case. */
    .addColumn('answer_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handoff_requests_due').on('handoff_requests').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('handoff_requests_case').on('handoff_requests').columns(['case_id', 'handoff']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('handoff_requests_case').execute();
  await db.schema.dropIndex('handoff_requests_due').execute();
  await db.schema.dropTable('handoff_requests').execute();
}
