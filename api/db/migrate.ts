import type { Kysely } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/** Applies every pending migration; returns the name of the newest one applied to the database. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string | null> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return currentMigration(db);
}

export async function currentMigration(db: Kysely<Database>): Promise<string | null> {
  const all = await new Migrator({ db, provider }).getMigrations();
  const applied = all.filter((migration) => migration.executedAt !== undefined);
  return applied.at(-1)?.name ?? null;
}

export const latestMigrationName = Object.keys(migrations).sort().at(-1) ?? null;
