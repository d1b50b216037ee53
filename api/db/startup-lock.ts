/**
 * Work every process does at start (loading the shipped guides and holiday years) must not run in
 * two processes at once: on PostgreSQL a deploy starts several together against the same database,
 * and both would insert the same first versions. A session advisory lock serialises them; the
 * second finds the work done. SQLite serves one machine, and its writes are serialised already.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './connect.ts';
import type { Database } from './schema.ts';

const STARTUP_LOCK_KEY = 727_002;

export async function withStartupLock<T>(database: DatabaseHandle, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (database.kind !== 'postgres') return work(database.db);
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK_KEY})`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.execute(connection);
    }
  });
}
