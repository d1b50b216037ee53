/**
 * What a load balancer and Prometheus ask of a process (docs/operations.md): liveness, readiness
 * (not ready while stopping, while its schema is older than its code, or with the database away),
 * and /metrics behind its token, counting by route pattern and reading the queues, the outbox and
 * the files from the database. The process-level checks (loopback, a forwarded request refused, a
 * page's route pattern) are in server-process.test.ts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMigrationName } from '../../api/db/migrate.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const TOKEN = 'metrics-token-for-the-operations-test-0123456789';

describe.each(DIALECTS)('operations endpoints on %s', (kind) => {
  let runtime: TestRuntime;
  const get = (path: string, init?: RequestInit) => runtime.portal.app.request(path, init);
  const scrape = async () => (await get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text();

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { metricsToken: TOKEN });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('is live without asking the database, and ready with its schema up to date', async () => {
    expect(await (await get('/api/v1/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await get('/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', migration: latestMigrationName });
  });

  it('is not ready while the database’s schema is older than its code (a migration running elsewhere), and ready again after', async () => {
    const latest = latestMigrationName ?? '';
    const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${latest}`.execute(runtime.database.db);
    await sql`delete from kysely_migration where name = ${latest}`.execute(runtime.database.db);
    try {
      const response = await get('/api/v1/health/ready');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ error: { code: 'migrating', message: zhCN.errors.unavailable } });
    } finally {
      const saved = row.rows[0];
      if (saved) await sql`insert into kysely_migration (name, timestamp) values (${saved.name}, ${saved.timestamp})`.execute(runtime.database.db);
    }
    expect((await get('/api/v1/health/ready')).status).toBe(200);
  });

  it('refuses a scrape without the token, or with another', async () => {
    expect((await get('/metrics')).status).toBe(403);
    const wrong = await get('/metrics', { headers: { authorization: `Bearer ${TOKEN.replace('0', '1')}` } });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('METRICS_TOKEN');
  });

  it('counts API requests by their route pattern and status class, never by the path typed', async () => {
    await get('/api/v1/guides/minimum-living-allowance?lang=zh-CN');
    await get('/api/v1/guides/no-such-guide-at-all?lang=zh-CN');
    const text = await scrape();
    expect(text).toMatch(/portal_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/guides\/:slug",status="2xx"\} 1/);
    expect(text).toMatch(/portal_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/guides\/:slug",status="4xx"\} 1/);
    expect(text).not.toContain('no-such-guide-at-all');
  });

  it('reads the waiting cases, the outbox’s lag and the stored files from the database, at most once per interval', async () => {
    const text = await scrape();
    expect(text).toMatch(/^portal_database_up 1$/m);
    expect(text).toMatch(/^portal_outbox_lag_seconds \d+(\.\d+)?$/m);
    expect(text).toMatch(/^portal_handoff_lag_seconds \d+(\.\d+)?$/m);
    expect(text).toMatch(/^portal_drafts\{kind="application",state="saved"\} \d+$/m);
    expect(text).toContain('# TYPE portal_cases_waiting gauge');
    expect(text).toContain('# TYPE portal_cases_overdue gauge');
    expect(text).toContain('# TYPE portal_stored_file_bytes gauge');
    if (kind === 'postgres') expect(text).toMatch(/^portal_database_pool_connections\{state="total"\} \d+$/m);
    else expect(text).not.toContain('portal_database_pool_connections');
  });

  it('is not ready once its process begins to stop', async () => {
    runtime.portal.stopAcceptingWork();
    const response = await get('/api/v1/health/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'stopping' } });
    // Still alive: requests in flight finish.
    expect((await get('/api/v1/health/live')).status).toBe(200);
  });
});

describe('readiness with the database away', () => {
  it('answers 503 database_unavailable, not a server fault', async () => {
    const runtime = await createTestRuntime('sqlite');
    await runtime.database.close();
    try {
      const response = await runtime.portal.app.request('/api/v1/health/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 'database_unavailable' } });
    } finally {
      await runtime.dispose().catch(() => undefined);
    }
  });
});
