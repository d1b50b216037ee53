import type { Kysely } from 'kysely';

/** What the development notification provider "sent", so developers and tests can read it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dev_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dev_messages').execute();
}
