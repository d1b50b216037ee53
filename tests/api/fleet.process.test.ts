/**
 * `npm run fleet` (api/platform/fleet.ts, docs/decisions/070): two portal processes on PostgreSQL
 * behind nginx answer through one port, both get requests, /metrics is not served through it, and
 * a process killed with SIGKILL is stepped around (GETs keep being answered) and restarted by the
 * supervisor. Needs TEST_DATABASE_URL and nginx; the command's refusals need neither.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx, startFleet, type Fleet } from '../../api/platform/fleet.ts';
import { createLogger } from '../../api/platform/logger.ts';
import { createBenchSchema, type BenchSchema } from '../bench/postgres.ts';
import { PROJECT_ROOT } from '../support/portal-process.ts';

const DATABASE = process.env.TEST_DATABASE_URL;
const NGINX = findNginx(process.env);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** How many readiness requests a process has answered, from its own /metrics (straight to it, on this machine). */
async function readinessCount(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^portal_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/health\/ready"[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

function runFleetCommand(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'api/cli/fleet.ts')], { cwd: PROJECT_ROOT, env: { ...process.env, NODE_ENV: 'test', ...env }, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run fleet refuses what it cannot run', () => {
  it('without DATABASE_URL, and without nginx, naming what to do', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-fleet-refusal-'));
    try {
      const noDatabase = runFleetCommand({ DATABASE_URL: '', DATA_DIR: dataDir });
      expect(noDatabase.status).toBe(2);
      expect(noDatabase.output).toContain('DATABASE_URL is not set');
      const noNginx = runFleetCommand({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: dataDir, NGINX_PATH: join(dataDir, 'no-nginx') });
      expect(noNginx.status).toBe(2);
      expect(noNginx.output).toContain('apt-get install -y nginx');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.runIf(DATABASE && NGINX)('a fleet of two processes behind nginx', () => {
  let schema: BenchSchema;
  let fleet: Fleet;
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-fleet-'));
  const output: string[] = [];

  beforeAll(async () => {
    schema = await createBenchSchema(DATABASE ?? '');
    fleet = await startFleet({
      processes: 2,
      host: '127.0.0.1',
      port: await freePort(),
      processPorts: [await freePort(), await freePort()],
      dataDir,
      databaseUrl: schema.url,
      secretHex: randomBytes(32).toString('hex'),
      nginx: NGINX ?? '',
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
      logger: createLogger({ level: 'silent' }),
      onOutput: (source, chunk) => output.push(`${source}: ${chunk.toString()}`),
    });
  });
  afterAll(async () => {
    await fleet?.stop();
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers through one port, spreads requests over both, steps around a killed process and restarts it', { timeout: 30_000 }, async () => {
    // A GET sent on a keepalive connection that nginx closed as it reloaded (it reloads whenever a
    // process's readiness changes) fails before any answer: closed cleanly, or reset when the old
    // worker let go of the connection as the request arrived (seen on a slow machine). A client sends
    // an idempotent GET again on a new connection, as browsers do. Only that is retried, once; every
    // answer must still be 200.
    let resent = 0;
    const get = async (path: string): Promise<number> => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const response = await fetch(fleet.url + path);
          await response.arrayBuffer();
          return response.status;
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code;
          const closed = code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
          if (!closed || attempt > 1) throw error;
          resent += 1;
        }
      }
    };
    const [first, second] = fleet.processes;
    if (!first || !second) throw new Error('two processes');
    const before = [await readinessCount(first.url), await readinessCount(second.url)];
    const statuses = await Promise.all(Array.from({ length: 40 }, () => get('/api/v1/health/ready')));
    expect(statuses.filter((status) => status !== 200), output.join('')).toEqual([]);
    const after = [await readinessCount(first.url), await readinessCount(second.url)];
    // Both processes answered some of the forty (nginx's round robin, over keepalive connections).
    expect({ first: (after[0] ?? 0) - (before[0] ?? 0) > 0, second: (after[1] ?? 0) - (before[1] ?? 0) > 0 }, `readiness answered before ${before.join('/')}, after ${after.join('/')}`).toEqual({ first: true, second: true });
    // The metrics are for this machine's scraper, never for the public port.
    expect(await get('/metrics')).toBe(403);
    expect(readFileSync(fleet.configPath, 'utf8')).toContain('proxy_next_upstream error timeout http_503;');

    const killedPid = first.pid;
    process.kill(killedPid ?? 0, 'SIGKILL');
    // While it is gone and while it starts again: every GET is answered (nginx moves on to the other).
    const during: number[] = [];
    const deadline = Date.now() + 20_000;
    while ((first.pid === killedPid || first.state !== 'ready') && Date.now() < deadline) {
      during.push(...(await Promise.all(Array.from({ length: 5 }, () => get('/api/v1/health/live')))));
    }
    expect(first.pid).not.toBe(killedPid);
    expect(first.restarts).toBe(1);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((status) => status !== 200)).toEqual([]);
    await fleet.whenReady(0, 10_000);
    // And the new process gets its share again, once nginx has reloaded (its old worker lets go of
    // the keepalive connections it holds as it finishes).
    const restartedBefore = await readinessCount(first.url);
    const backBy = Date.now() + 10_000;
    while ((await readinessCount(first.url)) === restartedBefore && Date.now() < backBy) {
      await Promise.all(Array.from({ length: 10 }, () => get('/api/v1/health/ready')));
    }
    expect(await readinessCount(first.url)).toBeGreaterThan(restartedBefore);
    expect(readFileSync(fleet.configPath, 'utf8')).not.toContain(' down;');
    // Only the few connections open across a reload were sent again, never a stream of failures.
    expect(resent, 'GETs sent again on a new connection after nginx closed theirs').toBeLessThanOrEqual(10);
  });
});
