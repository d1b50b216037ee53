/**
 * `npm run backup [-- --to DIR]`: an online backup of the embedded deployment (the SQLite database,
 * the uploaded files, the audit anchor) into a new folder under DIR (./backups by default), while
 * the portal runs (api/platform/backup.ts, docs/operations.md). Not the secret: keep it apart.
 * Exit 0: done, the folder printed; 2: nothing backed up (PostgreSQL, no database, bad arguments).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../env.ts';
import { backupDataDir } from '../platform/backup.ts';

try {
  const { values } = parseArgs({ options: { to: { type: 'string', default: 'backups' } } });
  const config = readConfig(process.env);
  if (config.databaseUrl) throw new Error('DATABASE_URL is set: back PostgreSQL up with pg_dump or your archiving, and DATA_DIR/files with the file system (docs/operations.md)');
  const { folder, manifest } = await backupDataDir(config.dataDir, resolve(values.to), new Date());
  console.log(`backed up to ${folder}: the database (${manifest.database.bytes} bytes, migration ${manifest.migration ?? 'none'}), ${manifest.files.count} files (${manifest.files.bytes} bytes)${manifest.anchor ? ', the audit anchor' : ''}`);
  console.log('the portal secret is not in the backup: keep PORTAL_SECRET (or DATA_DIR/secret.key) in your secret store, apart from it');
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exitCode = 2;
}
