/**
 * `npm run backup` and `npm run restore` as an operator runs them (api/platform/backup.ts,
 * docs/operations.md), end to end on the embedded database: a backup taken while a real portal
 * process is writing, restored into an empty DATA_DIR, served by a new process with the same secret:
 * the uploaded file reads back byte for byte and the audit chain verifies against the restored
 * anchor. A restore over data without --replace, and a damaged backup, change nothing.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, startPortalProcess } from '../support/portal-process.ts';

const SCAN = readFileSync(new URL('../fixtures/files/scan.png', import.meta.url));
const SECRET = randomBytes(32).toString('hex');
const SERVICE = 'eco-burial-subsidy';

/** Runs one of the npm scripts' files to its end, as an operator would. */
function run(file: string, args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _url, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, file), ...args], { cwd: PROJECT_ROOT, env: { ...inherited, NODE_ENV: 'test', PORTAL_SECRET: SECRET, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run backup and npm run restore, on the embedded database', () => {
  const folders: string[] = [];
  const folder = (prefix: string) => {
    const made = mkdtempSync(join(tmpdir(), prefix));
    folders.push(made);
    return made;
  };
  afterAll(() => {
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  it('backs up while the portal writes, and a new process on the restored folder serves the file and verifies the audit chain', { timeout: 120_000 }, async () => {
    const dataDir = folder('portal-backup-source-');
    const backups = folder('portal-backups-');
    const portal = await startPortalProcess({ dataDir, env: { PORTAL_SECRET: SECRET } });
    let backupFolder = '';
    let uploaded: { key: string; reference: string; fileId: string };
    let original = new Uint8Array();
    try {
      // A document uploaded to an application being gathered: a row, and its sealed content in DATA_DIR/files.
      const created = await fetch(`${portal.url}/api/v1/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: SERVICE }) });
      const { reference, draft } = (await created.json()) as { reference: string; draft: { key: string } };
      const form = new FormData();
      form.set('service', SERVICE);
      form.set('purpose', 'cremationCertificate');
      form.set('file', new Blob([new Uint8Array(SCAN)]), 'certificate.png');
      const upload = await fetch(`${portal.url}/api/v1/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: { origin: portal.url, 'draft-reference': reference } });
      expect(upload.status).toBe(201);
      uploaded = { key: draft.key, reference, fileId: ((await upload.json()) as { id: string }).id };
      original = new Uint8Array(await (await fetch(`${portal.url}/api/v1/drafts/${draft.key}/files/${uploaded.fileId}`, { headers: { 'draft-reference': reference } })).arrayBuffer());

      // Writes go on while the backup runs: drafts made one after another.
      let writing = true;
      const writes = (async () => {
        let made = 0;
        while (writing) {
          const response = await fetch(`${portal.url}/api/v1/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: SERVICE }) });
          if (response.status === 201) made += 1;
        }
        return made;
      })();
      const backedUp = run('api/cli/backup.ts', ['--to', backups], { DATA_DIR: dataDir });
      writing = false;
      expect(await writes).toBeGreaterThan(0);
      expect(backedUp.status, backedUp.output).toBe(0);
      expect(backedUp.output).toMatch(/backed up to .*portal-backup-.*: the database \(\d+ bytes, migration \d+_\w+\), 1 files/);
      expect(backedUp.output).toContain('the portal secret is not in the backup');
      const made = readdirSync(backups);
      expect(made).toHaveLength(1);
      backupFolder = join(backups, made[0] ?? '');
      expect(existsSync(join(backupFolder, 'secret.key'))).toBe(false);
      expect(original.byteLength).toBeGreaterThan(0);
    } finally {
      expect(await portal.stop('SIGTERM')).toBe(0);
    }

    // Over the folder it came from, without --replace: refused, nothing changed.
    const over = run('api/cli/restore.ts', [backupFolder], { DATA_DIR: dataDir });
    expect(over.status).toBe(2);
    expect(over.output).toContain('--replace');

    // Into an empty folder, then served by a new process with the same secret.
    const restoredDir = folder('portal-restored-');
    const restored = run('api/cli/restore.ts', [backupFolder], { DATA_DIR: restoredDir });
    expect(restored.status, restored.output).toBe(0);
    expect(restored.output).toContain('restored the backup of');
    const again = await startPortalProcess({ dataDir: restoredDir, env: { PORTAL_SECRET: SECRET } });
    try {
      const file = await fetch(`${again.url}/api/v1/drafts/${uploaded.key}/files/${uploaded.fileId}`, { headers: { 'draft-reference': uploaded.reference } });
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(original);
    } finally {
      expect(await again.stop('SIGTERM')).toBe(0);
    }
    const verified = run('api/cli/audit-verify.ts', [], { DATA_DIR: restoredDir });
    expect(verified.status, verified.output).toBe(0);
    expect(verified.output).toMatch(/audit chain intact: \d+ entries/);

    // A damaged backup: refused before anything in DATA_DIR moves.
    const database = join(backupFolder, 'portal.sqlite');
    const bytes = readFileSync(database);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(database, bytes);
    const damaged = run('api/cli/restore.ts', [backupFolder, '--replace'], { DATA_DIR: restoredDir });
    expect(damaged.status).toBe(2);
    expect(damaged.output).toContain('damaged');
    expect(readdirSync(restoredDir).some((name) => name.startsWith('replaced-'))).toBe(false);
  });
});
