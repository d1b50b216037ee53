/**
 * `npm run bench`: how the portal performs, always relative to a bare Hono server measured in the
 * same run on the same machine (absolute numbers say more about the machine than about the code).
 * Not part of `npm test`. Needs the built site (`npm run build`).
 *
 *   BENCH_DURATION     seconds of measured load per target (default 10; a 2 s warm-up precedes it)
 *   BENCH_CONNECTIONS  concurrent connections (default 50)
 *   BENCH_DATABASE_URL or TEST_DATABASE_URL  also measure on PostgreSQL (a throwaway schema)
 *
 * Prints a report and writes it as JSON to the OS temp folder.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/portal-process.ts';
import { measureLoad, type LoadResult } from './load.ts';
import { BROWSER_ENCODINGS, getRaw, measurePageWeight, type PageWeight } from './page-weight.ts';
import { createBenchSchema, isLoopbackUrl } from './postgres.ts';
import { cpuBetween, cpuSample, killOwnChildren, memoryOf, sleep, startBaseline, startPortal, type Server } from './processes.ts';

function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

const settings = {
  connections: positiveIntFromEnv('BENCH_CONNECTIONS', 50),
  warmupS: 2,
  durationS: positiveIntFromEnv('BENCH_DURATION', 10),
};
const COLD_START_RUNS = 5;
const IDLE_S = 5;
const HEALTH = '/api/v1/health';
const GUIDE = '/guides/minimum-living-allowance';
const SEARCH = '/search?q=%E4%BD%8E%E4%BF%9D';
const PAGE_HEADERS = { 'accept-encoding': BROWSER_ENCODINGS };
/** From the issue: a guide page's first visit, compressed. 1 KB = 1024 bytes. */
const TARGETS = { totalBytes: 50 * 1024, jsBytes: 10 * 1024 };
/** More CPU than this taken by other processes during a measurement makes its ratio suspect. */
const NOISE_CORES = 0.15;
const DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

// ---- Bounded and always cleaned up -------------------------------------------------------------

/** Undo actions for what is running now (servers, schema, folders), newest last. */
const cleanups = new Set<() => Promise<void>>();

async function guarded<T>(cleanup: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  cleanups.add(cleanup);
  try {
    return await work();
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    await Promise.race([cleanup().catch((error: unknown) => console.error('cleanup failed:', error)), sleep(10_000)]);
  }
  killOwnChildren();
}

const withServer = async <T>(start: () => Promise<Server>, work: (server: Server) => Promise<T>): Promise<T> => {
  const server = await start();
  return guarded(() => server.stop(), () => work(server));
};

process.once('exit', killOwnChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    void runCleanups().finally(() => process.exit(130));
  });
}
const loadRuns = 1 + 4 + 1 + (DATABASE_URL ? 2 : 0);
const budgetS = 300 + loadRuns * (settings.warmupS + settings.durationS + 15);
const watchdog = setTimeout(() => {
  console.error(`bench did not finish within ${budgetS} s: stopping`);
  void runCleanups().finally(() => process.exit(1));
}, budgetS * 1000);

const progress = (message: string) => console.error(`… ${message}`);

// ---- Measurements ------------------------------------------------------------------------------

interface LoadLine extends LoadResult {
  name: string;
  path: string;
  /** How the server answered the request the load test repeats: encoding and page-cache state. */
  served: string;
  /** Average cores used while measured: by the server, by this process (the load generator), by everything else. */
  cpu: { server: number; generator: number; others: number };
  /** Log output per request (stdout and stderr). */
  outputBytesPerRequest: number;
  /** Requests per second of the server's CPU time: what a request costs, largely independent of contention. */
  requestsPerCpuSecond: number;
  vsBaseline: { requestsPerSecond: number; p50: number; p99: number; requestsPerCpuSecond: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

let baselineLoad: (LoadResult & { requestsPerCpuSecond: number }) | undefined;

async function load(server: Server, name: string, path: string, headers: Record<string, string>): Promise<LoadLine> {
  const url = new URL(path, server.url).href;
  // Twice: the second answer is what the load test sees (a cached page is a hit by then).
  await getRaw(url, headers);
  const check = await getRaw(url, headers);
  if (check.status !== 200) throw new Error(`${name}: ${path} answered ${check.status}${rebuiltHint()}; the server's last output:\n${server.outputTail()}`);
  const served = [check.encoding || 'identity', check.headers['x-cache']].filter(Boolean).join(' ');
  progress(`${name}: ${settings.warmupS} s warm-up + ${settings.durationS} s`);
  // Warm-up (JIT, pools, the page cache's first render); its numbers are thrown away.
  await measureLoad(url, headers, settings.connections, settings.warmupS);
  const before = cpuSample([server.pid, process.pid]);
  const outputBefore = server.outputBytes();
  const result = await measureLoad(url, headers, settings.connections, settings.durationS);
  const used = cpuBetween(before, cpuSample([server.pid, process.pid]));
  const outputBytesPerRequest = (server.outputBytes() - outputBefore) / result.requests;
  const serverCores = used.byPid.get(server.pid) ?? NaN;
  const requestsPerCpuSecond = result.requestsPerSecond / serverCores;
  const base = baselineLoad ?? { ...result, requestsPerCpuSecond };
  return {
    name,
    path,
    served,
    ...result,
    requestsPerCpuSecond,
    outputBytesPerRequest,
    cpu: { server: serverCores, generator: used.byPid.get(process.pid) ?? NaN, others: used.others },
    vsBaseline: {
      requestsPerSecond: result.requestsPerSecond / base.requestsPerSecond,
      p50: result.p50Ms / base.p50Ms,
      p99: result.p99Ms / base.p99Ms,
      requestsPerCpuSecond: requestsPerCpuSecond / base.requestsPerCpuSecond,
    },
  };
}

const SITE_ENTRY = join(PROJECT_ROOT, 'dist/server/entry.mjs');
/** When the site was built. dist/ is shared with whoever else works in this checkout. */
const builtAt = () => (existsSync(SITE_ENTRY) ? statSync(SITE_ENTRY).mtimeMs : NaN);
const siteBuiltAt = builtAt();
const rebuiltHint = () => (builtAt() !== siteBuiltAt ? ' (dist/ was rebuilt during the run: did someone run `npm run build`?)' : '');

/**
 * A running portal imports each page's chunk on that page's first request; if `npm run build`
 * replaces dist/ meanwhile, the chunk is gone and the page answers 500. Requesting every page the
 * bench uses right after the start closes that window from minutes to milliseconds.
 */
async function withPortal<T>(options: Parameters<typeof startPortal>[0], work: (server: Server) => Promise<T>): Promise<T> {
  return withServer(
    () => startPortal(options),
    async (server) => {
      for (const path of [HEALTH, GUIDE, '/', SEARCH]) {
        const response = await getRaw(new URL(path, server.url).href, PAGE_HEADERS);
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}${rebuiltHint()}:\n${server.outputTail()}`);
      }
      return work(server);
    },
  );
}

/** Memory just after the start (passed in) and after the load tests and IDLE_S of quiet. */
async function idleMemory(server: Server, atStart: { rssMb: number }) {
  await sleep(IDLE_S * 1000);
  return { startRssMb: atStart.rssMb, ...memoryOf(server.pid) };
}

/** Start, note spawn → first 200, stop; five times. Nothing else runs meanwhile. */
async function coldStarts(start: () => Promise<Server>): Promise<{ medianMs: number; runsMs: number[] }> {
  const runsMs: number[] = [];
  for (let run = 0; run < COLD_START_RUNS; run += 1) {
    const server = await start();
    runsMs.push(server.readyMs);
    await server.stop();
  }
  return { medianMs: median(runsMs), runsMs };
}


async function main() {
  if (Number.isNaN(siteBuiltAt)) throw new Error('the site is not built: run `npm run build` first');
  const portalEnv = { LOG_LEVEL: 'warn' };

  // How busy the machine is with other work (other people's tests share it): a noisy run shows.
  const quietStart = cpuSample([process.pid]);
  await sleep(1000);
  const othersBefore = cpuBetween(quietStart, cpuSample([process.pid])).others;

  // 1. Cold starts first, while nothing else runs.
  progress('cold starts');
  const coldStart = cpuSample([process.pid]);
  const baselineCold = await coldStarts(startBaseline);
  const freshCold = await coldStarts(() => startPortal({ env: portalEnv }));
  const existingDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const existingCold = await guarded(
    async () => rmSync(existingDir, { recursive: true, force: true }),
    async () => {
      await (await startPortal({ dataDir: existingDir, env: portalEnv })).stop(); // creates the database
      return coldStarts(() => startPortal({ dataDir: existingDir, env: portalEnv }));
    },
  );
  const othersDuringColdStarts = cpuBetween(coldStart, cpuSample([process.pid])).others;

  // 2. The baseline under load, then idle.
  const baseline = await withServer(
    startBaseline,
    async (server) => {
      const atStart = memoryOf(server.pid);
      const line = await load(server, 'baseline JSON (bare Hono)', '/', {});
      baselineLoad = line;
      return { line, memory: await idleMemory(server, atStart) };
    },
  );

  // 3. The portal (SQLite, LOG_LEVEL=warn): page weight, the four targets, then idle memory.
  const portal = await withPortal(
    { env: portalEnv },
    async (server) => {
      const atStart = memoryOf(server.pid);
      progress('page weight');
      const pageWeight: PageWeight[] = [await measurePageWeight(server.url, '/'), await measurePageWeight(server.url, GUIDE)];
      const lines = [
        await load(server, 'portal health', HEALTH, {}),
        await load(server, 'portal guide page', GUIDE, PAGE_HEADERS),
        await load(server, 'portal home page', '/', PAGE_HEADERS),
        await load(server, 'portal search page', SEARCH, PAGE_HEADERS),
      ];
      return { lines, pageWeight, memory: await idleMemory(server, atStart) };
    },
  );

  // 4. Production logs every request: the guide page again at LOG_LEVEL=info.
  const info = await withPortal(
    { env: { LOG_LEVEL: 'info' } },
    async (server) => ({ line: await load(server, 'portal guide page, LOG_LEVEL=info', GUIDE, PAGE_HEADERS) }),
  );

  // 5. PostgreSQL, when there is one on this machine.
  let postgres: { schema: string; tables: number; lines: LoadLine[] } | { skipped: string };
  if (!DATABASE_URL) postgres = { skipped: 'BENCH_DATABASE_URL / TEST_DATABASE_URL not set' };
  else if (!isLoopbackUrl(DATABASE_URL)) postgres = { skipped: 'the database URL is not a loopback address' };
  else {
    progress('PostgreSQL schema');
    const schema = await createBenchSchema(DATABASE_URL);
    postgres = await guarded(schema.drop, () =>
      withPortal(
        { env: { ...portalEnv, DATABASE_URL: schema.url } },
        async (server) => ({
          schema: schema.schema,
          tables: await schema.tableCount(),
          lines: [await load(server, 'portal health, PostgreSQL', HEALTH, {}), await load(server, 'portal guide page, PostgreSQL', GUIDE, PAGE_HEADERS)],
        }),
      ),
    );
  }

  const rebuiltDuringRun = builtAt() !== siteBuiltAt;
  return { rebuiltDuringRun, othersBefore, othersDuringColdStarts, baselineCold, freshCold, existingCold, baseline, portal, info, postgres };
}

// ---- Report ------------------------------------------------------------------------------------

type Results = Awaited<ReturnType<typeof main>>;

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
/** Two decimals, or two significant digits below 0.1 so that a tiny ratio does not read 0.00×. */
const ratio = (value: number) => `${Number.isFinite(value) && value < 0.1 ? value.toPrecision(2) : fixed(value, 2)}×`;
const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [format(header), ...rows.map(format)];
}

function render(results: Results, jsonPath: string): string {
  const { rebuiltDuringRun, othersBefore, othersDuringColdStarts, baselineCold, freshCold, existingCold, baseline, portal, info, postgres } = results;
  const loadLines = [baseline.line, ...portal.lines, info.line, ...('lines' in postgres ? postgres.lines : [])];
  const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
  const out: string[] = [
    `Portal benchmark — ${new Date().toISOString()}`,
    `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpuModel})`,
    `The load generator (autocannon, in the bench process) and the server under test share these cores,`,
    `so every speed is a ratio to the bare Hono baseline measured in this same run.`,
    `Other processes on the machine used ${fixed(othersBefore, 2)} cores in the second before the run.`,
    '',
    `Load: ${settings.connections} connections, ${settings.warmupS} s warm-up, ${settings.durationS} s measured per target; SQLite, LOG_LEVEL=warn unless said.`,
    `Pages are requested with Accept-Encoding: ${BROWSER_ENCODINGS}. p50/p99: latency of each request, from send to full answer.`,
    ...table(
      ['target', 'req/s', '×base', 'p50 ms', '×base', 'p99 ms', '×base'],
      loadLines.map((line) => [
        line.name,
        fixed(line.requestsPerSecond),
        ratio(line.vsBaseline.requestsPerSecond),
        fixed(line.p50Ms, 2),
        ratio(line.vsBaseline.p50),
        fixed(line.p99Ms, 2),
        ratio(line.vsBaseline.p99),
      ]),
    ),
    '',
    `Cost per request and run conditions. "served": the answer's encoding and page-cache state; wire bytes include headers.`,
    `CPU: average cores (of ${availableParallelism()}) used while measured by the server / the load generator / all other processes.`,
    `req/CPU-s: requests per second of server CPU, which other processes' load disturbs much less than req/s.`,
    ...table(
      ['target', 'served', 'wire B/resp', 'non-2xx', 'errors', 'CPU srv/gen/other', 'req/CPU-s', '×base'],
      loadLines.map((line) => [
        line.name,
        line.served,
        fixed(line.wireBytesPerResponse),
        String(line.non2xx),
        String(line.errors + line.timeouts),
        [line.cpu.server, line.cpu.generator, line.cpu.others].map((cores) => fixed(cores, 2)).join('/'),
        fixed(line.requestsPerCpuSecond),
        ratio(line.vsBaseline.requestsPerCpuSecond),
      ]),
    ),
  ];
  const disturbed = loadLines.filter((line) => line.cpu.others > NOISE_CORES && !line.name.includes('PostgreSQL'));
  if (disturbed.length > 0) {
    out.push(`WARNING: other processes used over ${NOISE_CORES} cores during: ${disturbed.map((line) => line.name).join('; ')}. Their req/s and latency ratios are unreliable: rerun on a quiet machine.`);
  }
  if ('lines' in postgres) out.push('(For the PostgreSQL lines, "other" includes the PostgreSQL server itself, so req/CPU-s leaves out the database\'s work.)');
  const warnGuide = portal.lines[1];
  if (warnGuide) {
    out.push(
      `LOG_LEVEL=info vs warn on the guide page: ${ratio(info.line.requestsPerCpuSecond / warnGuide.requestsPerCpuSecond)} the req/CPU-s (${ratio(info.line.requestsPerSecond / warnGuide.requestsPerSecond)} the req/s), ${fixed(info.line.outputBytesPerRequest)} bytes of log per request (read from a pipe by the bench process, as a log shipper would).`,
    );
  }
  if ('skipped' in postgres) out.push(`PostgreSQL: skipped (${postgres.skipped}).`);
  else out.push(`PostgreSQL: schema ${postgres.schema} (options=-c search_path honoured; the portal created ${postgres.tables} tables in it; dropped at the end).`);

  out.push(
    '',
    `Cold start: spawn → first 200 of ${HEALTH} (GET / for the baseline), median of ${COLD_START_RUNS} (all runs in ms);`,
    `other processes used ${fixed(othersDuringColdStarts, 2)} cores meanwhile${othersDuringColdStarts > NOISE_CORES ? ' (WARNING: a busy machine slows starts down)' : ''}.`,
  );
  const coldRow = (name: string, cold: { medianMs: number; runsMs: number[] }) => [
    name,
    fixed(cold.medianMs),
    ratio(cold.medianMs / baselineCold.medianMs),
    cold.runsMs.map((ms) => fixed(ms)).join(' '),
  ];
  out.push(
    ...table(
      ['server', 'median ms', '×base', 'runs'],
      [
        [`baseline (bare Hono, GET /)`, fixed(baselineCold.medianMs), ratio(1), baselineCold.runsMs.map((ms) => fixed(ms)).join(' ')],
        coldRow('portal, fresh DATA_DIR (create, migrate, load guides)', freshCold),
        coldRow('portal, existing DATA_DIR', existingCold),
      ],
    ),
  );

  out.push('', `Memory (VmRSS, MB): when ready, and after the load tests plus ${IDLE_S} s idle; peak is VmHWM`);
  const memoryRow = (name: string, memory: typeof baseline.memory) => [
    name,
    fixed(memory.startRssMb, 1),
    fixed(memory.rssMb, 1),
    ratio(memory.rssMb / baseline.memory.rssMb),
    fixed(memory.peakMb, 1),
  ];
  out.push(...table(['process', 'ready', 'idle after load', '×base', 'peak'], [memoryRow('baseline', baseline.memory), memoryRow('portal (SQLite)', portal.memory)]));

  out.push('', `Page weight, first visit: HTML + stylesheets + scripts + island modules and their imports, body bytes as sent (${BROWSER_ENCODINGS})`);
  for (const page of portal.pageWeight) {
    out.push(`${page.path}: total ${kb(page.totalBytes)}, of which JavaScript ${kb(page.jsBytes)} (+ ${kb(page.inlineScriptBytes)} uncompressed inline script inside the HTML)`);
    for (const asset of page.assets) out.push(`    ${asset.kind.padEnd(5)} ${String(asset.transferred).padStart(7)} B  ${asset.encoding.padEnd(8)} ${asset.path}`);
  }
  const guide = portal.pageWeight.find((page) => page.path === GUIDE);
  if (guide) {
    const verdict = (actual: number, target: number) => `${kb(actual)} (target ≤ ${kb(target)}: ${actual <= target ? 'within' : 'OVER'})`;
    out.push(`Guide page vs the issue's targets: total ${verdict(guide.totalBytes, TARGETS.totalBytes)}, JavaScript ${verdict(guide.jsBytes, TARGETS.jsBytes)}`);
  }
  if (rebuiltDuringRun) out.push('', 'WARNING: dist/ was rebuilt during the run (by someone else?): the figures mix two builds.');
  out.push('', `JSON: ${jsonPath}`);
  return out.join('\n');
}

try {
  const started = performance.now();
  const results = await main();
  const jsonPath = join(tmpdir(), `portal-bench-${new Date().toISOString().replaceAll(':', '-')}.json`);
  const meta = { date: new Date().toISOString(), node: process.version, cores: availableParallelism(), settings, targets: TARGETS, seconds: (performance.now() - started) / 1000 };
  writeFileSync(jsonPath, `${JSON.stringify({ meta, ...results }, null, 2)}\n`);
  console.log(render(results, jsonPath));
} catch (error) {
  console.error('bench failed:', error);
  process.exitCode = 1;
} finally {
  await runCleanups();
  clearTimeout(watchdog);
}
