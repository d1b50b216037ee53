import type { Kysely } from 'kysely';

/**
 * Staff sign-in throttling (docs/decisions/014): one counter per client address, per account and
 * address, and per account, replacing the per-account failure count and lock on `staff`, which
 * anyone could use to lock a clerk out and which concurrent requests raced past.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    /** Which counter, by keyed hashes only: 'client:<address>', 'pair:<account>:<address>' or 'account:<account>'. */
    .addColumn('key', 'text', (c) => c.primaryKey())
    /** When the current window began: at its first attempt. */
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    /** Pairs only: the last successful sign-in of the account from the address. */
    .addColumn('last_signed_in_at', 'text')
    .execute();
  await db.schema.createIndex('sign_in_throttle_window').on('sign_in_throttle').column('window_start').execute();
  // One statement per column: SQLite drops one column per ALTER TABLE.
  await db.schema.alterTable('staff').dropColumn('failed_attempts').execute();
  await db.schema.alterTable('staff').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('staff').addColumn('locked_until', 'text').execute();
  await db.schema.dropTable('sign_in_throttle').execute();
}
