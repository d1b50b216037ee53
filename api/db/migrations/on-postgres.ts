import { sql, type Kysely } from 'kysely';

/**
 * Whether a migration runs on PostgreSQL: the migrations see only `Kysely<unknown>`, not the
 * connection's kind. SQLite has no current_schema(); a failed statement there leaves the migration's
 * transaction usable.
 */
export async function onPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select current_schema()`.execute(db);
    return true;
  } catch {
    return false;
  }
}
