/**
 * Online backup and restore of an embedded deployment (docs/operations.md): the SQLite database,
 * the uploaded files and the audit log's anchor, from DATA_DIR, while the portal runs.
 *
 * The database is copied with SQLite's online backup (node:sqlite's `backup`), which gives one
 * consistent snapshot however many writes go on meanwhile. Files are copied after it: a file's
 * content never changes once stored (its address is its hash), so every file the snapshot names is
 * there; files stored after the snapshot are copied too and are swept as orphans after a restore
 * (no row names them). The audit log's anchor is copied first: taken before the snapshot, it names
 * a head the snapshot holds (or an earlier one, which `npm run audit:verify` accepts), never an
 * entry written after the snapshot, which would make the restored chain look truncated.
 *
 * The portal secret is NOT copied: a backup without it cannot be read, which is what keeps a copied
 * backup from being a leak. Keep the secret in the secret store (docs/operations.md).
 */
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { z } from 'zod';

export const DATABASE_FILE = 'portal.sqlite';
const FILES_DIR = 'files';
const ANCHOR_FILE = 'audit-head.json';
export const MANIFEST_FILE = 'manifest.json';

export const BackupManifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  /** The newest migration in the snapshot: a restore onto an older portal version is refused by its start. */
  migration: z.string().nullable(),
  database: z.object({ file: z.literal(DATABASE_FILE), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  files: z.object({ count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  anchor: z.boolean(),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

export class BackupError extends Error {
  override name = 'BackupError';
}

/** The backup's folder name for a moment: sortable, no colons (Windows, rsync). */
export function backupName(at: Date): string {
  return `portal-backup-${at.toISOString().replace(/[:]/g, '-').replace(/\.\d{3}Z$/, 'Z')}`;
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function treeFigures(root: string): Promise<{ count: number; bytes: number }> {
  if (!existsSync(root)) return { count: 0, bytes: 0 };
  let count = 0;
  let bytes = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    count += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { count, bytes };
}

/**
 * Backs DATA_DIR up into a new folder under `into`; answers the folder and its manifest. Refuses a
 * DATA_DIR without an embedded database (on PostgreSQL, back the database up with its own tools).
 */
export async function backupDataDir(dataDir: string, into: string, now: Date): Promise<{ folder: string; manifest: BackupManifest }> {
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new BackupError(`no embedded database at ${source}: on PostgreSQL, use pg_dump or your archiving (docs/operations.md)`);
  const folder = join(into, backupName(now));
  if (existsSync(folder)) throw new BackupError(`${folder} exists already`);
  // Written under a temporary name and renamed when whole: a folder with the final name is a complete backup.
  const partial = `${folder}.partial`;
  await mkdir(partial, { recursive: true });
  const anchor = join(dataDir, ANCHOR_FILE);
  const hasAnchor = existsSync(anchor);
  if (hasAnchor) await copyFile(anchor, join(partial, ANCHOR_FILE));
  const database = new DatabaseSync(source, { readOnly: true });
  let migration: string | null = null;
  try {
    await backup(database, join(partial, DATABASE_FILE));
  } finally {
    database.close();
  }
  const snapshot = new DatabaseSync(join(partial, DATABASE_FILE), { readOnly: true });
  try {
    const row = snapshot.prepare('select name from kysely_migration order by name desc limit 1').get() as { name?: string } | undefined;
    migration = row?.name ?? null;
  } catch {
    migration = null; // a database never migrated
  } finally {
    snapshot.close();
  }
  const filesDir = join(dataDir, FILES_DIR);
  // Without the store's half-written temporary files (they are never named by a row).
  if (existsSync(filesDir)) await cp(filesDir, join(partial, FILES_DIR), { recursive: true, filter: (path) => !path.startsWith(join(filesDir, 'tmp')) });
  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    migration,
    database: { file: DATABASE_FILE, bytes: (await stat(join(partial, DATABASE_FILE))).size, sha256: await sha256Of(join(partial, DATABASE_FILE)) },
    files: await treeFigures(join(partial, FILES_DIR)),
    anchor: hasAnchor,
  };
  await writeFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, folder);
  return { folder, manifest };
}

/**
 * Restores a backup into DATA_DIR. Checks the backup whole first (its manifest, the database's
 * checksum and integrity) so that a damaged backup changes nothing. What DATA_DIR held is moved
 * aside into `replaced-<moment>/` (never deleted), and only when `replace` is given; a database
 * with a write-ahead log beside it is refused: a server may be running on it.
 */
export async function restoreDataDir(from: string, dataDir: string, options: { replace: boolean; now: Date }): Promise<{ manifest: BackupManifest; movedAside: string | undefined }> {
  let manifest: BackupManifest;
  try {
    manifest = BackupManifestSchema.parse(JSON.parse(await readFile(join(from, MANIFEST_FILE), 'utf8')));
  } catch (error) {
    throw new BackupError(`${from} is not a portal backup (its ${MANIFEST_FILE} is missing or damaged: ${(error as Error).message.split('\n')[0]})`);
  }
  const backupDatabase = join(from, DATABASE_FILE);
  if (!existsSync(backupDatabase) || (await sha256Of(backupDatabase)) !== manifest.database.sha256) throw new BackupError(`the backup's database does not match its manifest: it is damaged or was changed`);
  const check = new DatabaseSync(backupDatabase, { readOnly: true });
  try {
    const result = check.prepare('pragma integrity_check').get() as { integrity_check?: string } | undefined;
    if (result?.integrity_check !== 'ok') throw new BackupError(`the backup's database fails SQLite's integrity check: ${result?.integrity_check ?? 'no answer'}`);
  } finally {
    check.close();
  }
  const target = join(dataDir, DATABASE_FILE);
  if (existsSync(`${target}-wal`)) throw new BackupError(`${target}-wal exists: a portal may be running on this DATA_DIR (stop it first; after a crash, start and stop it once)`);
  const present = [DATABASE_FILE, FILES_DIR, ANCHOR_FILE].filter((name) => existsSync(join(dataDir, name)));
  let movedAside: string | undefined;
  if (present.length > 0) {
    if (!options.replace) throw new BackupError(`${dataDir} already holds ${present.join(', ')}: pass --replace to move them aside and restore`);
    movedAside = join(dataDir, `replaced-${options.now.toISOString().replace(/[:]/g, '-')}`);
    await mkdir(movedAside, { recursive: true });
    for (const name of [...present, `${DATABASE_FILE}-shm`].filter((name) => existsSync(join(dataDir, name)))) await rename(join(dataDir, name), join(movedAside, name));
  }
  await mkdir(dataDir, { recursive: true });
  await copyFile(backupDatabase, target);
  if (existsSync(join(from, FILES_DIR))) await cp(join(from, FILES_DIR), join(dataDir, FILES_DIR), { recursive: true });
  if (manifest.anchor) await copyFile(join(from, ANCHOR_FILE), join(dataDir, ANCHOR_FILE));
  return { manifest, movedAside };
}
