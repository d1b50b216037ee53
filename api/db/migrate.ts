import { sql, type Kysely } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { MIGRATION_NAMES } from './migrations/names.ts';
import type { Database } from './schema.ts';

// The migration modules are loaded only when a migration is to run (docs/decisions/078).
const provider: MigrationProvider = { getMigrations: async () => (await import('./migrations/index.ts')).migrations };

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/**
 * On PostgreSQL, Kysely looks for its migration tables in every schema of the database unless it
 * is told which one: a schema of its own (tests, bench runs) would then find another schema's
 * tables and skip creating its own. Name the connection's schema (search_path); SQLite has none.
 */
export async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  const schema = await connectionSchema(db);
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

async function connectionSchema(db: Kysely<Database>): Promise<string | undefined> {
  try {
    return (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined;
  } catch {
    return undefined; // SQLite: no such function
  }
}

/**
 * The names in Kysely's record of applied migrations (the connection's schema's, as migratorFor
 * names it), or undefined when there is no record yet: one small query, no migration module loaded.
 * Throws when the database does not answer.
 */
async function appliedMigrationNames(db: Kysely<Database>): Promise<string[] | undefined> {
  const schema = await connectionSchema(db);
  const table = schema ? sql.id(schema, 'kysely_migration') : sql.id('kysely_migration');
  try {
    return (await sql<{ name: string }>`select name from ${table}`.execute(db)).rows.map((row) => row.name);
  } catch (error) {
    // No record yet, or no database: a database that answers has no record (readiness says "migrating"), one that does not is away.
    await sql`select 1`.execute(db).catch(() => {
      throw error;
    });
    return undefined;
  }
}

/** Applies every pending migration; returns the name of the newest one applied to the database. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string | null> {
  const applied = await appliedMigrationNames(db).catch(() => undefined);
  // The usual start: exactly this code's migrations are applied, so Kysely's migrator (which would
  // load every migration module to find nothing to do) is not needed. Anything else, Kysely decides.
  if (applied && applied.length === MIGRATION_NAMES.length && MIGRATION_NAMES.every((name) => applied.includes(name))) return latestMigrationName;
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return currentMigration(db);
}

/** The newest of this code's migrations the database has applied (null: none, or no record yet). */
export async function currentMigration(db: Kysely<Database>): Promise<string | null> {
  const applied = new Set(await appliedMigrationNames(db));
  return MIGRATION_NAMES.filter((name) => applied.has(name)).at(-1) ?? null;
}

export const latestMigrationName = MIGRATION_NAMES.at(-1) ?? null;
