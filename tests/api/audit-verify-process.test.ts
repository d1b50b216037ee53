/**
 * `npm run audit:verify` as an operator runs it, against what a real portal process left behind:
 * the anchor it wrote to DATA_DIR (and logged) when it stopped, its secret, its database. The exit
 * status and the lines are the README's (commands table).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditHead, type AuditHead } from '../../api/db/audit.repo.ts';
import { openDatabase, type DatabaseHandle } from '../../api/db/connect.ts';
import { removeAuditGuards } from '../support/audit-tamper.ts';
import { PROJECT_ROOT, startPortalProcess } from '../support/portal-process.ts';
import { DIALECTS, TEST_DATABASE_URL, createTestDatabase, type TestDatabase } from '../support/test-database.ts';

function auditVerify(env: Record<string, string>, args: string[] = []) {
  const { PORTAL_SECRET: _secret, DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'api/cli/audit-verify.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function postgresUrl(database: TestDatabase): string {
  if (database.target.kind !== 'postgres') throw new Error('expected postgres');
  return `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.target.schema}`)}`;
}

describe.each(DIALECTS)('npm run audit:verify after a portal ran, on %s', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-audit-'));
  const env: Record<string, string> = { DATA_DIR: dataDir };
  let database: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  let head: AuditHead;
  let output: string[] = [];

  // The portal makes its demo applications, each step audited, and anchors the head when it stops.
  beforeAll(async () => {
    if (kind === 'postgres') {
      database = await createTestDatabase('postgres');
      env.DATABASE_URL = postgresUrl(database);
    }
    const portal = await startPortalProcess({ dataDir, env: env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {} });
    expect(await portal.stop('SIGTERM')).toBe(0);
    output = portal.output;
    handle = openDatabase(database ? database.target : { kind: 'sqlite', path: join(dataDir, 'portal.sqlite') });
    head = await readAuditHead(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the chain intact and containing the anchor the server wrote and logged when it stopped', () => {
    expect(head.seq).toBeGreaterThan(3);
    const anchor = JSON.parse(readFileSync(join(dataDir, 'audit-head.json'), 'utf8')) as { seq: number; hash: string };
    expect(anchor).toMatchObject({ seq: head.seq, hash: head.hash });
    const logged = output.filter((line) => line.includes('"msg":"audit head anchored"')).map((line) => JSON.parse(line) as { auditAnchor: unknown });
    expect(logged.at(-1)?.auditAnchor).toEqual(anchor);

    const intact = auditVerify(env);
    expect(intact.stderr).toBe('');
    expect(intact.stdout).toContain(`audit chain intact: ${head.seq} entries, every entry keyed; contains the anchored head, entry ${head.seq}`);
    expect(intact.status).toBe(0);
  });

  it('names the first missing entry once an administrator cuts the last ones off; fails under another secret', async () => {
    if (!handle) throw new Error('opened in beforeAll');
    const otherSecret = auditVerify({ ...env, PORTAL_SECRET: randomBytes(32).toString('hex') });
    expect(otherSecret.stderr).toContain('cannot be trusted: not signed with this portal’s audit key');
    expect(otherSecret.stderr).toContain('audit chain BROKEN at entry 1 (hash)');
    expect(otherSecret.status).toBe(1);

    await removeAuditGuards(handle.db, kind);
    await handle.db.deleteFrom('audit_log').where('seq', '>=', head.seq - 1).execute();
    const cut = auditVerify(env);
    expect(cut.stderr).toContain(`audit chain BROKEN at entry ${head.seq - 1} (truncated): entry ${head.seq - 1} is missing: the chain ends at entry ${head.seq - 2}, but the anchor`);
    expect(cut.stderr).toContain(`records entry ${head.seq} (the last entries were removed); the ${head.seq - 2} entries before it are intact`);
    expect(cut.status).toBe(1);

    // Without its anchor the same database looks whole: said as a warning.
    const unanchored = auditVerify(env, ['--anchor', join(dataDir, 'no-such-anchor.json')]);
    expect(unanchored.stderr).toContain('warning: no audit anchor at');
    expect(unanchored.stdout).toContain(`audit chain intact: ${head.seq - 2} entries`);
    expect(unanchored.status).toBe(0);
  });

  it('checks nothing without the secret, or on a database the migration has not reached (it never migrates one)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'portal-nosecret-'));
    const unmigrated = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    try {
      const noSecret = auditVerify({ ...env, DATA_DIR: empty });
      expect(noSecret.stderr).toContain('no portal secret');
      expect(noSecret.status).toBe(2);
      writeFileSync(join(empty, 'secret.key'), randomBytes(32).toString('hex'));
      const notMigrated = auditVerify(unmigrated ? { DATA_DIR: empty, DATABASE_URL: postgresUrl(unmigrated) } : { DATA_DIR: empty });
      expect(notMigrated.stderr).toContain('has not reached migration 2026120502_audit_hmac');
      expect(notMigrated.status).toBe(2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
      await unmigrated?.drop();
    }
  });
});
