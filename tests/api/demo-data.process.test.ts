/**
 * A database made by a development start, then started in production: the start refuses, naming
 * every demo account and demo application and the command that removes them; after
 * `npm run demo:remove` it starts, and the demo system admin's password no longer signs in.
 * The real processes, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDemoCases } from '../../api/cases/demo-cases.ts';
import { ensureDemoNotices } from '../../api/content/demo-notices.ts';
import { useAuditKeys } from '../../api/db/audit.repo.ts';
import { deriveAuditKeys } from '../../api/platform/audit-keys.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { bootstrap } from '../../api/server/bootstrap.ts';
import { formatTrackingNumber } from '../../api/domain/cases/tracking-number.ts';
import { demoPassword, ensureDemoStaff } from '../../api/staff/demo-accounts.ts';
import { PROJECT_ROOT, startPortalProcess } from '../support/portal-process.ts';
import { DIALECTS, TEST_DATABASE_URL, createTestDatabase } from '../support/test-database.ts';
import { silentLogger } from '../support/test-runtime.ts';

const DEMO_USERNAMES = ['demo-intake', 'demo-investigator', 'demo-reviewer', 'demo-approver', 'demo-content-editor', 'demo-office-admin', 'demo-system-admin', 'demo-content-editor-2'];

/** Runs one of the npm scripts' files to its end, as an operator would. */
function run(file: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, file)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.each(DIALECTS)('a development database started in production, on %s', (kind) => {
  it('refuses to start while demo data is left, naming it, and starts once `npm run demo:remove` removed it', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-demo-'));
    const database = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    const secret = randomBytes(32);
    const env: Record<string, string> = { DATA_DIR: dataDir, PORTAL_SECRET: secret.toString('hex') };
    if (database?.target.kind === 'postgres') env.DATABASE_URL = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.target.schema}`)}`;
    const production = { ...env, NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.gov.cn' };
    try {
      // What a development start leaves in its database (the same functions, in this process: a
      // development process would cost seconds more and show nothing else).
      const runtime = await bootstrap({ target: database?.target ?? { kind: 'sqlite', path: join(dataDir, 'portal.sqlite') }, logger: silentLogger, contentCheckMs: 0 });
      let trackingNumbers: string[];
      try {
        useAuditKeys(deriveAuditKeys(secret));
        await ensureDemoStaff({ db: runtime.database.db, kind, now: () => new Date() }, secret);
        const crypto = createFieldCrypto(secret);
        await ensureDemoCases({ db: runtime.database.db, kind, crypto, calendar: runtime.calendar, now: () => new Date(), randomBytes });
        trackingNumbers = (await runtime.database.db.selectFrom('cases').select('tracking_number').execute()).map((row) => formatTrackingNumber(row.tracking_number));
        // The example notices are public pages: demo data as much as the accounts (docs/decisions/056).
        expect(await ensureDemoNotices({ db: runtime.database.db, kind, now: () => new Date(), officeIds: ['demo-district-registry'], hasGuide: async () => true })).toBe(3);
      } finally {
        await runtime.close();
      }
      // Four 高龄津贴 applications and four relief cases.
      expect(trackingNumbers).toHaveLength(8);

      const refused = run('api/cli/serve.ts', production);
      expect(refused.status).toBe(1);
      expect(refused.output).not.toContain('portal listening');
      for (const username of DEMO_USERNAMES) expect(refused.output).toContain(username);
      for (const trackingNumber of trackingNumbers) expect(refused.output).toContain(trackingNumber);
      expect(refused.output).toContain('example notices (3)');
      expect(refused.output).toContain('npm run demo:remove');

      const removed = run('api/cli/demo-remove.ts', production);
      expect(removed.status, removed.output).toBe(0);
      expect(removed.output).toContain(`removed 8 demo applications: ${trackingNumbers.sort().join(', ')}`);
      expect(removed.output).toContain('removed 8 demo staff accounts');
      expect(removed.output).toContain('removed 3 example notices');

      const portal = await startPortalProcess({ env: production, dataDir });
      try {
        const signIn = await fetch(`${portal.url}/api/v1/staff/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'demo-system-admin', password: demoPassword(secret, 'system-admin') }),
        });
        expect(signIn.status).toBe(401);
        // No example notice is left for the public.
        const listed = (await (await fetch(`${portal.url}/api/v1/announcements`)).json()) as { total: number };
        expect(listed.total).toBe(0);
      } finally {
        expect(await portal.stop()).toBe(0);
      }
    } finally {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a production start without PUBLIC_URL', () => {
  it('refuses, saying what to set', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-demo-'));
    try {
      const refused = run('api/cli/serve.ts', { DATA_DIR: dataDir, NODE_ENV: 'production', PUBLIC_URL: '' });
      expect(refused.status).toBe(1);
      expect(refused.output).toContain('PUBLIC_URL: required in production');
      expect(refused.output).not.toContain('portal listening');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
