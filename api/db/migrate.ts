import { sql, type Kysely } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/**
 * On PostgreSQL, Kysely looks for its migration tables in every schema of the database unless it
 * is told which one: a schema of its own (tests, bench runs) would then find another schema's
 * tables and skip creating its own. Name the connection's schema (search_path); SQLite has none.
 */
export async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  let schema: string | undefined;
  try {
    schema = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined;
  } catch {
    schema = undefined; // SQLite: no such function
  }
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Applies every pending migration; returns the name of the newest one applied to the database. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string | null> {
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return currentMigration(db);
}

export async function currentMigration(db: Kysely<Database>): Promise<string | null> {
  const all = await (await migratorFor(db)).getMigrations();
  const applied = all.filter((migration) => migration.executedAt !== undefined);
  return applied.at(-1)?.name ?? null;
}

export const latestMigrationName = Object.keys(migrations).sort().at(-1) ?? null;
