/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the SQLite file in DATA_DIR. */
import { readConfig } from '../env.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { targetFromConfig } from '../server/bootstrap.ts';

const config = readConfig(process.env);
const database = openDatabase(targetFromConfig(config));
try {
  const version = await migrateToLatest(database.db);
  console.log(`${database.kind}: migrated to ${version}`);
} finally {
  await database.close();
}
