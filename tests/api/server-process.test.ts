/**
 * The real server as a process: what an operator relies on. Needs the built site (npm test builds
 * it first).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTrackingNumber, newTrackingNumber } from '../../api/domain/cases/tracking-number.ts';
import { PROJECT_ROOT, startPortalProcess, type PortalProcess } from '../support/portal-process.ts';
import { TEST_DATABASE_URL, createTestDatabase } from '../support/test-database.ts';

const SITE_BUILT = existsSync(join(PROJECT_ROOT, 'dist/server/entry.mjs'));

describe('the portal process', () => {
  let portal: PortalProcess;
  beforeAll(async () => {
    expect(SITE_BUILT, 'run `npm run build` first (npm test does)').toBe(true);
    portal = await startPortalProcess();
  });
  afterAll(async () => {
    await portal?.stop();
  });

  it('serves the site and the API from one port', async () => {
    expect((await fetch(`${portal.url}/`)).status).toBe(200);
    expect((await fetch(`${portal.url}/en/`)).status).toBe(200);
    const health = (await (await fetch(`${portal.url}/api/v1/health`)).json()) as { database: string };
    expect(health.database).toBe('sqlite');
  });

  it('serves built assets with long-lived cache headers, compressed', async () => {
    const html = await (await fetch(`${portal.url}/`)).text();
    const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(stylesheet).toBeDefined();
    const response = await fetch(`${portal.url}${stylesheet}`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('br');
  });

  it('logs one JSON line per request with its request id, and never the query string', async () => {
    const idNumber = '110101194001011234';
    const response = await fetch(`${portal.url}/search?q=${idNumber}`);
    const requestId = response.headers.get('x-request-id');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const jsonLines = portal.output.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = jsonLines.find((entry) => entry.requestId === requestId);
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/search', status: 200 });
    expect(portal.output.join('\n')).not.toContain(idNumber);
  });

  it('counts requests for Prometheus by route pattern, answers /metrics on this machine only, and never shows the route header', async () => {
    const page = await fetch(`${portal.url}/guides/minimum-living-allowance`);
    expect(page.headers.get('x-portal-route')).toBeNull();
    await fetch(`${portal.url}/guides/minimum-living-allowance`);
    await fetch(`${portal.url}/api/v1/guides/minimum-living-allowance?lang=zh-CN`);
    const metrics = await fetch(`${portal.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(/portal_http_request_duration_seconds_count\{method="GET",route="\/guides\/\[slug\]",status="2xx"\} 2/);
    expect(text).toMatch(/portal_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/guides\/:slug",status="2xx"\} 1/);
    expect(text).not.toMatch(/route="[^"]*minimum-living-allowance/);
    expect(text).toMatch(/^portal_database_up 1$/m);
    expect(text).toMatch(/^portal_cases_waiting\{service="[a-z-]+",state="[a-z-_]+"\} \d+$/m);
    expect(text).toContain('process_resident_memory_bytes');
    // Through a proxy every visitor would look local: refused without the token.
    expect((await fetch(`${portal.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    expect((await (await fetch(`${portal.url}/api/v1/health/ready`)).json()) as unknown).toMatchObject({ status: 'ready' });
  });

  it('refuses an oversize form post to a page with 413 before reading it, and answers a normal one', async () => {
    const big = await fetch(`${portal.url}/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.url },
      body: `trackingNumber=${'A'.repeat(100 * 1024)}`,
    });
    expect(big.status).toBe(413);
    const normal = await fetch(`${portal.url}/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.url },
      body: 'trackingNumber=2222-2222-222&secondFactor=13812345678',
    });
    expect(normal.status).toBeLessThan(500);
  });

  it('answers a page kept by the page cache with the headers it was rendered with, its own request id, counted and logged (docs/decisions/077)', async () => {
    const path = '/en/guides/old-age-allowance?kept=1';
    const headersOf = (response: Response) => {
      const all = Object.fromEntries(response.headers);
      for (const varying of ['date', 'x-request-id', 'x-cache', 'keep-alive']) delete all[varying];
      return all;
    };
    const rendered = await fetch(`${portal.url}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
    const renderedBody = await rendered.text();
    expect(rendered.headers.get('x-cache')).toBe('miss');
    const kept = await fetch(`${portal.url}${path}`, { headers: { 'accept-encoding': 'br, gzip', 'x-request-id': 'trace-kept-1' } });
    expect(kept.headers.get('x-cache')).toBe('hit');
    expect(headersOf(kept)).toEqual(headersOf(rendered));
    expect(await kept.text()).toBe(renderedBody);
    expect(kept.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(kept.headers.get('x-content-type-options')).toBe('nosniff');
    expect(kept.headers.get('x-request-id')).toBe('trace-kept-1');
    expect(kept.headers.get('x-portal-route')).toBeNull();
    // Not yet kept for this one: only a browser's br or gzip is kept ready; deflate is made further in, as before.
    const deflated = await fetch(`${portal.url}${path}`, { headers: { 'accept-encoding': 'deflate' } });
    expect([deflated.headers.get('x-cache'), deflated.headers.get('content-encoding')]).toEqual(['hit', 'deflate']);
    const notModified = await fetch(`${portal.url}${path}`, { headers: { 'if-none-match': kept.headers.get('etag') ?? '' } });
    expect(notModified.status).toBe(304);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = portal.output.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((entry) => entry.requestId === 'trace-kept-1')).toMatchObject({ msg: 'request', method: 'GET', path: '/en/guides/old-age-allowance', status: 200, cache: 'hit' });
    const metrics = await (await fetch(`${portal.url}/metrics`)).text();
    expect(metrics).toMatch(/portal_http_request_duration_seconds_count\{method="GET",route="\/guides\/\[slug\]",status="3xx"\} 1/);
  });

  it('keeps its secret in DATA_DIR, readable by the owner only, and never logs it', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const file = join(portal.dataDir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(portal.output.join('\n')).not.toContain(readFileSync(file, 'utf8').trim());
  });
  // Last of this group: its process is the one stopped (a process of its own only for this cost a start).
  it('exits 0 on SIGINT too', async () => {
    expect(await portal.stop('SIGINT')).toBe(0);
  });
});

describe('stopping the portal', () => {
  it('finishes requests in flight, then exits 0 on SIGTERM', async () => {
    const portal = await startPortalProcess({ env: { LOG_LEVEL: 'debug' } });
    const { port } = new URL(portal.url);
    // Each asks for a different URL, so each is rendered (≈ 20 ms): most are still in flight at SIGTERM.
    const sockets = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        new Promise<Socket>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(`GET /guides/old-age-allowance?n=${i} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, () => resolve(socket));
          });
        }),
      ),
    );
    const statuses = sockets.map(
      (socket) =>
        new Promise<string>((resolve) => {
          let text = '';
          socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
          socket.on('close', () => resolve(text.slice(0, 12)));
        }),
    );
    // Signal only once the server has every request in hand: a connection still waiting in the
    // kernel's backlog when the listening socket closes is refused by the kernel, not the portal.
    const started = () => portal.output.filter((line) => line.includes('"msg":"request started"')).length;
    await expect.poll(started, { timeout: 10_000, interval: 5 }).toBe(10);
    const exit = portal.stop('SIGTERM');
    expect(await Promise.all(statuses)).toEqual(Array(10).fill('HTTP/1.1 200'));
    expect(await exit).toBe(0);
    expect(portal.output.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  });

});

// Each test starts two portal processes (about 8 s alone): a minute each, for a loaded machine.
describe.runIf(TEST_DATABASE_URL)('two portal processes on one PostgreSQL', () => {
  it('agree: a publish seen through one is served by the other', async () => {
    const database = await createTestDatabase('postgres');
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.target.schema}`)}`;
    const env = { DATABASE_URL: url, CONTENT_CHECK_MS: '200' };
    const first = await startPortalProcess({ env });
    const second = await startPortalProcess({ env });
    try {
      for (const portal of [first, second]) {
        expect(await (await fetch(`${portal.url}/en/guides/old-age-allowance`)).text()).not.toContain('Republished title');
      }
      // A publish by a third party (a staff editor, later): a new version and a content version bump.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`insert into guide_versions (id, slug, lang, version, title, frontmatter_json, body_md, body_html, content_hash, source, published_at, created_at)
        select 'republished', slug, lang, version + 1, 'Republished title', replace(frontmatter_json, '"title":"Old-age allowance"', '"title":"Republished title"'), body_md, body_html, 'staff', 'staff', published_at, created_at
        from guide_versions where slug = 'old-age-allowance' and lang = 'en'`);
      await client.query(`update content_state set version = version + 1 where name = 'guides'`);
      await client.end();
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const portal of [first, second]) {
        expect(await (await fetch(`${portal.url}/en/guides/old-age-allowance`)).text()).toContain('Republished title');
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await database.drop();
    }
  }, 60_000);
  it('share one status-lookup limit: lookups through both count against the same tracking number', async () => {
    const database = await createTestDatabase('postgres');
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.target.schema}`)}`;
    const env = { DATABASE_URL: url, TRACK_LIMIT_PER_NUMBER: '4' };
    const [first, second] = await Promise.all([startPortalProcess({ env }), startPortalProcess({ env })]);
    try {
      const trackingNumber = formatTrackingNumber(newTrackingNumber(randomBytes));
      const lookUp = (portal: PortalProcess) =>
        fetch(`${portal.url}/api/v1/track`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trackingNumber, secondFactor: '13812345678' }) });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await lookUp(i % 2 === 0 ? first : second)).status);
      statuses.push((await lookUp(first)).status, (await lookUp(second)).status);
      expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await database.drop();
    }
  }, 60_000);
});
