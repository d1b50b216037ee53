/**
 * `npm run restore -- <backup folder> [--replace]`: restores a backup `npm run backup` made into
 * DATA_DIR, with no portal running on it (api/platform/backup.ts). The backup is checked whole
 * first; what DATA_DIR held is moved aside (--replace), never deleted. Then start the portal with
 * the same PORTAL_SECRET, and `npm run audit:verify`.
 * Exit 0: restored; 2: nothing changed (a damaged backup, a running portal, data present without --replace).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../env.ts';
import { restoreDataDir } from '../platform/backup.ts';

try {
  const { values, positionals } = parseArgs({ options: { replace: { type: 'boolean', default: false } }, allowPositionals: true });
  const [from] = positionals;
  if (!from || positionals.length > 1) throw new Error('name one backup folder: npm run restore -- backups/portal-backup-… [--replace]');
  const config = readConfig(process.env);
  if (config.databaseUrl) throw new Error('DATABASE_URL is set: restore PostgreSQL with its own tools (docs/operations.md)');
  const { manifest, movedAside } = await restoreDataDir(resolve(from), config.dataDir, { replace: values.replace, now: new Date() });
  if (movedAside) console.log(`moved what ${config.dataDir} held aside to ${movedAside}`);
  console.log(`restored the backup of ${manifest.createdAt} (migration ${manifest.migration ?? 'none'}, ${manifest.files.count} files) into ${config.dataDir}`);
  console.log('start the portal with the PORTAL_SECRET the backup was made with, then run npm run audit:verify');
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exitCode = 2;
}
