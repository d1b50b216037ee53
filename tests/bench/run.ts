/**
 * `npm run bench`: how the portal performs, always relative to a bare Hono server measured in the
 * same run on the same machine (absolute numbers say more about the machine than about the code).
 * Not part of `npm test`. The page sections (and drafts) need the built site (`npm run build`); lookups
 * and scaling use only the API, which runs from source.
 *
 *   BENCH_DURATION     seconds of measured load per target (default 10; a 2 s warm-up precedes it)
 *   BENCH_CONNECTIONS  concurrent connections (default 50)
 *   BENCH_DATABASE_URL or TEST_DATABASE_URL  also measure on PostgreSQL (a throwaway schema)
 *   BENCH_ONLY         a comma list of sections to run (default: all of them):
 *                        cold-start  spawn → first answer, baseline and portal
 *                        pages       health, guide, home and search pages under load; page weight; memory
 *                        postgres    health and guide page on PostgreSQL
 *                        lookups     status lookups (POST /api/v1/track) under load, 10,000 cases seeded
 *                        scaling     lookup and staff-queue latency with 10,000 and then 1,000,000 cases (BENCH_SCALE_LARGE):
 *                                    the first page, two filters, a page halfway down by its cursor and the dashboard; the ratio 10k → 1M
 *                        flash-crowd 5,000 couples at once for the 200 places of a popular date (marriage
 *                                    appointments); places taken, overbooking and errors read from the database
 *                        dashboard   the bureau dashboard's figures (in process, SQLite) at 1,000,000 cases generated in
 *                                    SQL, p50/p99 against `select count(*) from cases` on the same database (docs/decisions/054)
 *                        drafts      server-side drafts under load, 500 drafts started first, a random one per
 *                                    request: the API's read and save, and a journey page's form post (read,
 *                                    check, save, 303); every draft read back afterwards
 *                        fleet       `npm run fleet` (docs/decisions/070): the flash crowd and the status lookups through
 *                                    nginx to N = 1, 2, 4 portal processes on PostgreSQL (needs a database URL and nginx):
 *                                    throughput, p99 and requests per CPU-second of the portal processes
 *                      Every section with a load test also runs the bare Hono baseline it is compared with.
 *                      pages and lookups also run the stack's floor (floor.ts, docs/decisions/080): the same answers
 *                      and work on bare Hono, Zod and Kysely, with none of the portal, and its memory.
 *
 * Prints a report and writes it as JSON to the OS temp folder.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../support/portal-process.ts';
import { createCaseDatabase, lookupAnswered, lookupBodies, checkLookups, measureCasesAt, SCALE_SETTINGS, TRACK_PATH, type CaseDatabase, type ScalePoint } from './case-load.ts';
import { baselineCrowd, FLASH_SETTINGS, prepareFlashCrowd, runFlashCrowd, type CrowdRun, type FlashCrowdResult } from './flash-crowd.ts';
import { measureLoad, type LoadOptions, type LoadResult } from './load.ts';
import { BROWSER_ENCODINGS, getRaw, measurePageWeight, type PageWeight } from './page-weight.ts';
import { checkDrafts, checkDraftRequests, CURRENT_DRAFT, DRAFT_SETTINGS, draftRequests, PAGE_CONTENT_TYPE, PAGE_PATH, pageServed, startDraftPool, type DraftCheck } from './drafts.ts';
import { createBenchSchema, isLoopbackUrl } from './postgres.ts';
import { runDashboardBench, type DashboardBench } from './dashboard.ts';
import { baselineCrowdWithCpu, FLEET_SIZES, nginxPath, startBenchFleet } from './fleet.ts';
import { NGINX_INSTALL } from '../../api/platform/fleet.ts';
import { coresOf, cpuBetween, cpuSample, killOwnChildren, memoryOf, serverPids, sleep, startBaseline, startFloor, startPortal, type Server } from './processes.ts';
import { floorLookupBodies, floorPagePath, FLOOR_TRACK_PATH, type CapturedPage } from './floor.ts';
import type { SeededApplicant } from './seed-cases.ts';

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

const SECTIONS = ['cold-start', 'pages', 'postgres', 'lookups', 'scaling', 'flash-crowd', 'drafts', 'dashboard', 'fleet'] as const;
type Section = (typeof SECTIONS)[number];
const isSection = (name: string): name is Section => (SECTIONS as readonly string[]).includes(name);
const selected: Section[] = (() => {
  const names = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) return [...SECTIONS];
  const unknown = names.filter((name) => !isSection(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
  return names.filter(isSection);
})();
const runs = (section: Section) => selected.includes(section);
/** Seeded cases: the lookup load test, and the two sizes of the scaling measurement. */
const LOOKUP_CASES = 10_000;
/** The large size of the scaling measurement: a province's million cases by default (BENCH_SCALE_LARGE for a quicker run). */
const SCALE_SIZES = [10_000, positiveIntFromEnv('BENCH_SCALE_LARGE', 1_000_000)] as const;
const LOOKUP_SAMPLE = 1000;

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
const postgresRuns = DATABASE_URL ? 2 : 1;
const loadRuns = 1 + (runs('pages') ? 5 : 0) + (runs('postgres') && DATABASE_URL ? 2 : 0) + (runs('lookups') ? postgresRuns : 0) + (runs('drafts') ? 3 * postgresRuns : 0);
// Seeding 200,000 cases takes well under a minute per database; the measurements about as long.
const budgetS =
  300 +
  loadRuns * (settings.warmupS + settings.durationS + 15) +
  (runs('lookups') ? 60 * postgresRuns : 0) +
  (runs('scaling') ? 300 * postgresRuns : 0) +
  (runs('flash-crowd') ? 60 + 120 * postgresRuns : 0) +
  (runs('drafts') ? 60 * postgresRuns : 0) +
  (runs('dashboard') ? 600 : 0) +
  (runs('fleet') ? 180 + FLEET_SIZES.length * (150 + settings.warmupS + settings.durationS + 15) : 0);
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
  /** Average cores used while measured: by the server (all its processes), by its proxy (the fleet's nginx), by this process (the load generator), by everything else. */
  cpu: { server: number; proxy?: number; generator: number; others: number };
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

/** @param options POST bodies or requests made each time, and the statuses that count as answered (GET and 2xx otherwise) */
async function load(server: Server, name: string, path: string, headers: Record<string, string>, options: LoadOptions = {}): Promise<LoadLine> {
  const url = new URL(path, server.url).href;
  let served = 'identity';
  if (!options.post && !options.request) {
    // Twice: the second answer is what the load test sees (a cached page is a hit by then).
    await getRaw(url, headers);
    const check = await getRaw(url, headers);
    if (check.status !== 200) throw new Error(`${name}: ${path} answered ${check.status}${rebuiltHint()}; the server's last output:\n${server.outputTail()}`);
    served = [check.encoding || 'identity', check.headers['x-cache']].filter(Boolean).join(' ');
  }
  progress(`${name}: ${settings.warmupS} s warm-up + ${settings.durationS} s`);
  // Warm-up (JIT, pools, the page cache's first render); its numbers are thrown away.
  await measureLoad(url, headers, settings.connections, settings.warmupS, options);
  const pids = serverPids(server);
  const watched = [...pids.server, ...pids.proxy, process.pid];
  const before = cpuSample(watched);
  const outputBefore = server.outputBytes();
  const result = await measureLoad(url, headers, settings.connections, settings.durationS, options);
  const used = cpuBetween(before, cpuSample(watched));
  const outputBytesPerRequest = (server.outputBytes() - outputBefore) / result.requests;
  // A fleet's processes together: what a request costs the portal, wherever nginx sent it.
  const serverCores = coresOf(used, pids.server);
  const requestsPerCpuSecond = result.requestsPerSecond / serverCores;
  const base = baselineLoad ?? { ...result, requestsPerCpuSecond };
  return {
    name,
    path,
    served,
    ...result,
    requestsPerCpuSecond,
    outputBytesPerRequest,
    cpu: { server: serverCores, ...(pids.proxy.length ? { proxy: coresOf(used, pids.proxy) } : {}), generator: used.byPid.get(process.pid) ?? NaN, others: used.others },
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
const rebuiltHint = () => (!Object.is(builtAt(), siteBuiltAt) ? ' (dist/ was rebuilt during the run: did someone run `npm run build`?)' : '');

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

/** A page's answer as a browser asking for br gets it: status, headers (but the date and request id), body bytes as sent. */
async function capturePage(origin: string, path: string): Promise<CapturedPage> {
  const answer = await getRaw(new URL(path, origin).href, PAGE_HEADERS);
  const perRequest = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'transfer-encoding']);
  const headers = Object.entries(answer.headers).flatMap(([name, value]) => (perRequest.has(name) || value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((one): [string, string] => [name, one])));
  return { status: answer.status, headers, bodyBase64: answer.raw.toString('base64') };
}

/** Memory just after the start (passed in) and after the load tests and IDLE_S of quiet. */
async function idleMemory(server: Server, atStart: { rssMb: number }) {
  await sleep(IDLE_S * 1000);
  return { startRssMb: atStart.rssMb, ...memoryOf(server.pid) };
}

/** Start, note spawn → first 200, stop; five times. Nothing else runs meanwhile. */
interface ColdStarts {
  medianMs: number;
  runsMs: number[];
}

async function coldStarts(start: () => Promise<Server>): Promise<ColdStarts> {
  const runsMs: number[] = [];
  for (let run = 0; run < COLD_START_RUNS; run += 1) {
    const server = await start();
    runsMs.push(server.readyMs);
    await server.stop();
  }
  return { medianMs: median(runsMs), runsMs };
}


/** Where the case sections run: SQLite always, PostgreSQL when a loopback URL is given. */
function caseDatabases(): { kinds: ('sqlite' | 'postgres')[]; postgresSkipped?: string } {
  if (!DATABASE_URL) return { kinds: ['sqlite'], postgresSkipped: 'BENCH_DATABASE_URL / TEST_DATABASE_URL not set' };
  if (!isLoopbackUrl(DATABASE_URL)) return { kinds: ['sqlite'], postgresSkipped: 'the database URL is not a loopback address' };
  return { kinds: ['sqlite', 'postgres'] };
}

async function withCaseDatabase<T>(kind: 'sqlite' | 'postgres', work: (database: CaseDatabase) => Promise<T>): Promise<T> {
  const database = await createCaseDatabase(kind, DATABASE_URL);
  return guarded(database.drop, () => work(database));
}

const startCasePortal = (database: CaseDatabase) => () =>
  startPortal({ env: { LOG_LEVEL: 'warn', ...database.portalEnv }, ...(database.dataDir ? { dataDir: database.dataDir } : {}) });

/** Status lookups under load, on 10,000 seeded cases: the same connections and duration as every other line. */
async function lookupLoad(kind: 'sqlite' | 'postgres'): Promise<{ line: LoadLine; seedSeconds: number; statuses: Record<string, number> }> {
  return withCaseDatabase(kind, async (database) => {
    progress(`lookups (${kind}): seeding ${LOOKUP_CASES.toLocaleString('en')} cases`);
    const seeded = await database.seed(0, LOOKUP_CASES, LOOKUP_SAMPLE);
    return withServer(startCasePortal(database), async (server) => {
      await checkLookups(server.url, seeded.sample);
      const name = `portal status lookup (POST), ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
      const line = await load(server, name, TRACK_PATH, {}, { post: { body: lookupBodies(seeded.sample) }, answered: lookupAnswered });
      return { line, seedSeconds: seeded.seconds, statuses: line.statuses };
    });
  });
}

/** Lookup and queue latency at 10,000 cases, then the same database grown to the large size. */
async function scaling(kind: 'sqlite' | 'postgres'): Promise<(ScalePoint & { otherCores: number })[]> {
  return withCaseDatabase(kind, async (database) => {
    const points: (ScalePoint & { otherCores: number })[] = [];
    let sample: SeededApplicant[] = [];
    let seededSoFar = 0;
    for (const size of SCALE_SIZES) {
      progress(`scaling (${kind}): seeding up to ${size.toLocaleString('en')} cases`);
      // The portal is stopped meanwhile (SQLite has one writer; and a bulk load is not a workload).
      const seeded = await database.seed(seededSoFar, size - seededSoFar, LOOKUP_SAMPLE);
      // Lookups ask for earlier and newly added cases alike.
      const merged = [...sample, ...seeded.sample];
      const step = Math.ceil(merged.length / LOOKUP_SAMPLE);
      sample = merged.filter((_, i) => i % step === 0);
      seededSoFar = size;
      progress(`scaling (${kind}): the dashboard's counters rebuilt over ${size.toLocaleString('en')} cases`);
      const rebuildSeconds = await database.rebuildFigures();
      progress(`scaling (${kind}): measuring at ${size.toLocaleString('en')} cases`);
      const measured = await withServer(startCasePortal(database), async (server) => {
        const before = cpuSample([server.pid, process.pid]);
        const result = await measureCasesAt(server.url, sample, database.secret.key);
        return { ...result, otherCores: cpuBetween(before, cpuSample([server.pid, process.pid])).others };
      });
      points.push({ cases: size, seedSeconds: seeded.seconds, rebuildSeconds, ...measured });
    }
    return points;
  });
}

/** The flash crowd on each database, after the same crowd against the bare Hono baseline. */
async function flashCrowds(): Promise<{ baseline: CrowdRun & { runs: number[] }; runs: FlashCrowdResult[]; postgresSkipped?: string }> {
  const { plan, officesFile } = prepareFlashCrowd();
  return guarded(
    async () => officesFile.remove(),
    async () => {
      progress(`flash crowd: bare Hono baseline, ${FLASH_SETTINGS.attempts.toLocaleString('en')} POSTs × ${FLASH_SETTINGS.baselineRuns + 1}`);
      const baseline = await withServer(startBaseline, (server) => baselineCrowd(server, plan));
      const { kinds, postgresSkipped } = caseDatabases();
      const results: FlashCrowdResult[] = [];
      for (const kind of kinds) {
        progress(`flash crowd (${kind}): ${FLASH_SETTINGS.attempts.toLocaleString('en')} couples for ${plan.places} places on ${plan.date}`);
        results.push(
          await withCaseDatabase(kind, (database) =>
            withServer(
              () => startPortal({ env: { LOG_LEVEL: 'warn', ...database.portalEnv, MARRIAGE_OFFICES_FILE: officesFile.path, BOOKING_LIMIT_PER_CLIENT: '100000000', PHONE_CODE_LIMIT_PER_CLIENT: '100000000' }, ...(database.dataDir ? { dataDir: database.dataDir } : {}) }),
              (server) => runFlashCrowd(server, plan, kind, database.target),
            ),
          ),
        );
      }
      return { baseline, runs: results, ...(postgresSkipped ? { postgresSkipped } : {}) };
    },
  );
}

interface DraftsRun {
  kind: 'sqlite' | 'postgres';
  pool: number;
  poolSeconds: number;
  read: LoadLine;
  save: LoadLine;
  page: LoadLine;
  check: DraftCheck;
  /** 5xx answers, network errors and timeouts over the three loads: must be 0. */
  failures: number;
  /** Other answers than the served ones (200, or 303 for the page): at most DRAFT_SETTINGS.notServedTolerance of the requests. */
  notServed: number;
  requests: number;
  passed: boolean;
}

/** Drafts under load on one database: the pool started, the three loads, every draft read back. */
async function draftLoad(kind: 'sqlite' | 'postgres'): Promise<DraftsRun> {
  const name = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  return withCaseDatabase(kind, (database) =>
    withServer(startCasePortal(database), async (server) => {
      progress(`drafts (${kind}): starting ${DRAFT_SETTINGS.pool} drafts`);
      const pool = await startDraftPool(server.url);
      await checkDraftRequests(server.url, pool.references[0] ?? '');
      const requests = draftRequests(server.url, pool.references);
      const read = await load(server, `portal draft read (GET), ${name}`, CURRENT_DRAFT, {}, { request: { make: requests.read } });
      const save = await load(server, `portal draft save (PUT), ${name}`, CURRENT_DRAFT, {}, { request: { make: requests.save } });
      const page = await load(server, `portal journey page (POST, 303), ${name}`, PAGE_PATH, {}, { request: { make: requests.page, contentType: PAGE_CONTENT_TYPE }, answered: pageServed });
      progress(`drafts (${kind}): reading every draft back`);
      const check = await checkDrafts(server.url, pool.references, requests.saved);
      const lines = [read, save, page];
      const fives = (line: LoadLine) => Object.entries(line.statuses).reduce((sum, [status, n]) => sum + (Number(status) >= 500 ? n : 0), 0);
      const failures = lines.reduce((sum, line) => sum + fives(line) + line.errors + line.timeouts, 0);
      const notServed = lines.reduce((sum, line) => sum + line.non2xx - fives(line), 0);
      const total = lines.reduce((sum, line) => sum + line.requests, 0);
      const passed = failures === 0 && notServed <= DRAFT_SETTINGS.notServedTolerance * total && check.opened === pool.references.length && check.asSaved === check.opened && check.readBack;
      return { kind, pool: pool.references.length, poolSeconds: pool.seconds, read, save, page, check, failures, notServed, requests: total, passed };
    }),
  );
}

interface FleetRun {
  processes: number;
  crowd: FlashCrowdResult;
  lookup: LoadLine;
}
type FleetResults = { baselineCrowd: CrowdRun & { requestsPerCpuSecond: number }; runs: FleetRun[] } | { skipped: string };

const FLEET_CROWD_ENV = { BOOKING_LIMIT_PER_CLIENT: '100000000', PHONE_CODE_LIMIT_PER_CLIENT: '100000000' };

/**
 * The fleet (docs/decisions/070): for N = 1, 2, 4 processes behind nginx on PostgreSQL, the flash
 * crowd on a fresh schema each time, then the status lookups on one schema of seeded cases.
 */
async function fleetRuns(): Promise<FleetResults> {
  if (!DATABASE_URL) return { skipped: 'BENCH_DATABASE_URL / TEST_DATABASE_URL not set: the fleet runs on PostgreSQL' };
  if (!isLoopbackUrl(DATABASE_URL)) return { skipped: 'the database URL is not a loopback address' };
  if (!nginxPath()) return { skipped: `nginx is not installed (${NGINX_INSTALL})` };
  const { plan, officesFile } = prepareFlashCrowd();
  return guarded(
    async () => officesFile.remove(),
    async () => {
      progress(`fleet: the flash crowd against the bare Hono baseline, ${FLASH_SETTINGS.attempts.toLocaleString('en')} POSTs × ${FLASH_SETTINGS.baselineRuns + 1}`);
      const baselineCrowd = await withServer(startBaseline, (server) => baselineCrowdWithCpu(server, plan));
      return withCaseDatabase('postgres', async (lookupDatabase) => {
        progress(`fleet: seeding ${LOOKUP_CASES.toLocaleString('en')} cases for the lookups`);
        const seeded = await lookupDatabase.seed(0, LOOKUP_CASES, LOOKUP_SAMPLE);
        const runs: FleetRun[] = [];
        for (const processes of FLEET_SIZES) {
          progress(`fleet of ${processes}: ${FLASH_SETTINGS.attempts.toLocaleString('en')} couples for ${plan.places} places through nginx`);
          const crowd = await withCaseDatabase('postgres', (database) =>
            withServer(
              () => startBenchFleet(processes, database, { ...FLEET_CROWD_ENV, MARRIAGE_OFFICES_FILE: officesFile.path }),
              (server) => runFlashCrowd(server, plan, 'postgres', database.target),
            ),
          );
          const lookup = await withServer(
            () => startBenchFleet(processes, lookupDatabase),
            async (server) => {
              await checkLookups(server.url, seeded.sample);
              return load(server, `fleet of ${processes}: status lookup (POST), PostgreSQL`, TRACK_PATH, {}, { post: { body: lookupBodies(seeded.sample) }, answered: lookupAnswered });
            },
          );
          runs.push({ processes, crowd, lookup });
        }
        return { baselineCrowd, runs };
      });
    },
  );
}

async function main() {
  if (Number.isNaN(siteBuiltAt) && (runs('cold-start') || runs('pages') || runs('postgres') || runs('drafts'))) throw new Error('the site is not built: run `npm run build` first');
  const portalEnv = { LOG_LEVEL: 'warn' };
  progress(`sections: ${selected.join(', ')}`);

  // How busy the machine is with other work (other people's tests share it): a noisy run shows.
  const quietStart = cpuSample([process.pid]);
  await sleep(1000);
  const othersBefore = cpuBetween(quietStart, cpuSample([process.pid])).others;

  // 1. Cold starts first, while nothing else runs.
  let cold: { othersDuringColdStarts: number; baselineCold: ColdStarts; freshCold: ColdStarts; existingCold: ColdStarts } | undefined;
  if (runs('cold-start')) {
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
    cold = { othersDuringColdStarts: cpuBetween(coldStart, cpuSample([process.pid])).others, baselineCold, freshCold, existingCold };
  }

  // 2. The baseline under load, then idle: every load line is a ratio to it.
  const baseline =
    runs('pages') || runs('postgres') || runs('lookups') || runs('drafts') || runs('fleet')
      ? await withServer(startBaseline, async (server) => {
          const atStart = memoryOf(server.pid);
          const line = await load(server, 'baseline JSON (bare Hono)', '/', {});
          baselineLoad = line;
          return { line, memory: await idleMemory(server, atStart) };
        })
      : undefined;

  // 3. The portal (SQLite, LOG_LEVEL=warn): page weight, the four targets, then idle memory.
  // 4. Production logs every request: the guide page again at LOG_LEVEL=info.
  let portal: { lines: LoadLine[]; pageWeight: PageWeight[]; captured: CapturedPage[]; memory: Awaited<ReturnType<typeof idleMemory>> } | undefined;
  let info: { line: LoadLine } | undefined;
  let floorPages: { lines: LoadLine[]; memory: Awaited<ReturnType<typeof idleMemory>> } | undefined;
  if (runs('pages')) {
    portal = await withPortal({ env: portalEnv }, async (server) => {
      const atStart = memoryOf(server.pid);
      progress('page weight');
      const pageWeight: PageWeight[] = [await measurePageWeight(server.url, '/'), await measurePageWeight(server.url, GUIDE)];
      const lines = [
        await load(server, 'portal health', HEALTH, {}),
        await load(server, 'portal guide page', GUIDE, PAGE_HEADERS),
        await load(server, 'portal home page', '/', PAGE_HEADERS),
        await load(server, 'portal search page', SEARCH, PAGE_HEADERS),
      ];
      // The guide's and the home page's answers as the load saw them, for the floor to send again.
      const captured = [await capturePage(server.url, GUIDE), await capturePage(server.url, '/')];
      return { lines, pageWeight, captured, memory: await idleMemory(server, atStart) };
    });
    info = await withPortal({ env: { LOG_LEVEL: 'info' } }, async (server) => ({ line: await load(server, 'portal guide page, LOG_LEVEL=info', GUIDE, PAGE_HEADERS) }));
    const pagesFile = join(mkdtempSync(join(tmpdir(), 'portal-bench-floor-pages-')), 'pages.json');
    writeFileSync(pagesFile, JSON.stringify(portal.captured));
    floorPages = await guarded(
      async () => rmSync(dirname(pagesFile), { recursive: true, force: true }),
      () =>
        withServer(
          () => startFloor(pagesFile),
          async (server) => {
            const atStart = memoryOf(server.pid);
            const lines = [await load(server, 'floor: the guide page\'s answer', floorPagePath(0), PAGE_HEADERS), await load(server, 'floor: the home page\'s answer', floorPagePath(1), PAGE_HEADERS)];
            return { lines, memory: await idleMemory(server, atStart) };
          },
        ),
    );
  }

  // 5. PostgreSQL, when there is one on this machine.
  let postgres: { schema: string; tables: number; lines: LoadLine[] } | { skipped: string } | undefined;
  if (runs('postgres')) {
    if (!DATABASE_URL) postgres = { skipped: 'BENCH_DATABASE_URL / TEST_DATABASE_URL not set' };
    else if (!isLoopbackUrl(DATABASE_URL)) postgres = { skipped: 'the database URL is not a loopback address' };
    else {
      progress('PostgreSQL schema');
      const schema = await createBenchSchema(DATABASE_URL);
      postgres = await guarded(schema.drop, () =>
        withPortal({ env: { ...portalEnv, DATABASE_URL: schema.url } }, async (server) => ({
          schema: schema.schema,
          tables: await schema.tableCount(),
          lines: [await load(server, 'portal health, PostgreSQL', HEALTH, {}), await load(server, 'portal guide page, PostgreSQL', GUIDE, PAGE_HEADERS)],
        })),
      );
    }
  }

  // 6. Status lookups under load (10,000 cases), on each database.
  const { kinds, postgresSkipped } = caseDatabases();
  let lookups: { kind: 'sqlite' | 'postgres'; line: LoadLine; seedSeconds: number; statuses: Record<string, number> }[] | undefined;
  let floorLookup: LoadLine | undefined;
  if (runs('lookups')) {
    lookups = [];
    for (const kind of kinds) lookups.push({ kind, ...(await lookupLoad(kind)) });
    progress('floor: seeding its cases');
    floorLookup = await withServer(startFloor, (server) =>
      load(server, 'floor: a lookup (Zod, 1 upsert, 2 reads)', FLOOR_TRACK_PATH, {}, { post: { body: floorLookupBodies() }, answered: lookupAnswered }),
    );
  }

  // 7. Lookup and queue latency at 10,000 and at 200,000 cases, on each database.
  let scale: { kind: 'sqlite' | 'postgres'; points: Awaited<ReturnType<typeof scaling>> }[] | undefined;
  if (runs('scaling')) {
    scale = [];
    for (const kind of kinds) scale.push({ kind, points: await scaling(kind) });
  }

  // 8. A flash crowd on a popular date, on each database.
  const flash = runs('flash-crowd') ? await flashCrowds() : undefined;

  // 9. Drafts on the server: read, save and a journey page, on each database.
  let drafts: DraftsRun[] | undefined;
  if (runs('drafts')) {
    drafts = [];
    for (const kind of kinds) drafts.push(await draftLoad(kind));
  }

  // 10. The bureau dashboard at 1,000,000 cases (SQLite, in process: the query, not HTTP).
  const dashboardRun: DashboardBench | undefined = runs('dashboard') ? await runDashboardBench(progress) : undefined;

  // 11. The fleet behind nginx: N = 1, 2, 4 processes on PostgreSQL.
  const fleet = runs('fleet') ? await fleetRuns() : undefined;

  // Object.is: without a build both are NaN, which is not a rebuild.
  const rebuiltDuringRun = !Object.is(builtAt(), siteBuiltAt);
  return { sections: selected, rebuiltDuringRun, othersBefore, cold, baseline, portal, info, floorPages, postgres, lookups, floorLookup, scale, postgresSkipped, flash, drafts, dashboard: dashboardRun, fleet };
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

function renderFlashCrowd(flash: NonNullable<Results['flash']>): string[] {
  const { baseline: base } = flash;
  const out = [
    `Flash crowd: a popular date opens with ${FLASH_SETTINGS.places} places (marriage appointments, one office loaded from MARRIAGE_OFFICES_FILE, released a minute`,
    // The crowd comes from one address here; the per-client limit is raised, and still counted for every attempt that reaches the database.
    `before) and ${FLASH_SETTINGS.attempts.toLocaleString('en')} couples, all different people, try to book it over HTTP, ${FLASH_SETTINGS.connections} requests in flight, each with its own`,
    `Idempotency-Key; ${FLASH_SETTINGS.warmupAttempts.toLocaleString('en')} attempts on another day first warm the server up. Places, appointments and overbooking are read`,
    `from the database afterwards. The baseline: the same ${FLASH_SETTINGS.attempts.toLocaleString('en')} POSTs (same bodies and connections) to a bare Hono JSON endpoint,`,
    `median of ${FLASH_SETTINGS.baselineRuns} runs (${base.runs.map((rate) => fixed(rate)).join(', ')} req/s). Rates are answers over first request sent → last answer.`,
    ...table(
      ['target', 'attempts/s', '×base', 'bookings/s', 'p50 ms', '×base', 'p99 ms', '×base', 'taken', 'appts', 'overbooked', 'full', 'other errors', 'CPU srv/gen/other'],
      [
        ['bare Hono (POST JSON)', fixed(base.attemptsPerSecond), ratio(1), '-', fixed(base.p50Ms, 2), ratio(1), fixed(base.p99Ms, 2), ratio(1), '-', '-', '-', '-', String(Object.entries(base.outcomes).reduce((sum, [outcome, n]) => sum + (outcome === 'ok' ? 0 : n), 0)), '-'],
        ...flash.runs.map((run) => [
          `portal, ${run.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
          fixed(run.crowd.attemptsPerSecond),
          ratio(run.crowd.attemptsPerSecond / base.attemptsPerSecond),
          fixed(run.crowd.successesPerSecond, 1),
          fixed(run.crowd.p50Ms, 2),
          ratio(run.crowd.p50Ms / base.p50Ms),
          fixed(run.crowd.p99Ms, 2),
          ratio(run.crowd.p99Ms / base.p99Ms),
          `${run.state.placesTaken}/${FLASH_SETTINGS.places}`,
          String(run.state.appointments),
          String(run.state.overbooked),
          String(run.crowd.outcomes.full ?? 0),
          String(run.nonFullErrors),
          [run.cpu.server, run.cpu.generator, run.cpu.others].map((cores) => fixed(cores, 2)).join('/'),
        ]),
      ],
    ),
  ];
  for (const run of flash.runs) {
    const name = run.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const errors = Object.entries(run.crowd.outcomes).filter(([outcome]) => outcome.startsWith('error'));
    out.push(
      `  ${name}: ${run.date}, ${run.slots} slots × ${run.placesPerSlot} places; taken ${run.state.placesTaken} (must be ${FLASH_SETTINGS.places}), 201 answers ${run.crowd.outcomes.booked ?? 0}, active appointments ${run.state.appointments}, ` +
        `overbooked ${run.state.overbooked} (rows over capacity ${run.state.overbookedRows}, slots whose appointments differ from places taken ${run.state.slotMismatches}), ` +
        `errors other than full ${run.nonFullErrors}${errors.length ? ` (${errors.map(([outcome, n]) => `${outcome}: ${n}`).join(', ')})` : ''}: ${run.passed ? 'PASS' : 'FAIL'}`,
      `    per slot taken/appointments/capacity: ${run.state.slots.map((slot) => `${slot.start} ${slot.taken}/${slot.appointments}/${slot.capacity}`).join(', ')}`,
      `    booking attempts/s ${ratio(run.crowd.attemptsPerSecond / base.attemptsPerSecond)} bare Hono's requests/s (aim: ≥ 0.50×); the last place went ${fixed(run.crowd.lastBookedAfterMs)} ms after the first attempt, the last "full" ${fixed(run.crowd.seconds * 1000)} ms;`,
      `    p99 of each connection's first request ${fixed(run.crowd.p99FirstOnConnectionMs)} ms (bare Hono ${fixed(base.p99FirstOnConnectionMs, 1)}), of the others ${fixed(run.crowd.p99LaterMs)} ms (bare Hono ${fixed(base.p99LaterMs, 1)}); warm-up on ${run.warmup.date}: ${Object.entries(run.warmup.outcomes).map(([outcome, n]) => `${outcome} ${n}`).join(', ')}`,
    );
  }
  if (flash.postgresSkipped) out.push(`  PostgreSQL: skipped (${flash.postgresSkipped}).`);
  return out;
}

function renderFleet(fleet: FleetResults, baseline: LoadLine | undefined): string[] {
  if ('skipped' in fleet) return [`Fleet: skipped (${fleet.skipped}).`];
  const base = fleet.baselineCrowd;
  const cpu = (value: { server: number; proxy?: number; generator: number; others: number }) => [value.server, value.proxy ?? NaN, value.generator, value.others].map((cores) => fixed(cores, 2)).join('/');
  const rows: string[][] = [
    ['bare Hono, POST / (the crowd)', '-', fixed(base.attemptsPerSecond), ratio(1), fixed(base.p99Ms, 1), ratio(1), fixed(base.requestsPerCpuSecond), ratio(1), '-', '-'],
    ...fleet.runs.map((run) => {
      const rate = run.crowd.crowd.attemptsPerSecond;
      const perCpu = rate / run.crowd.cpu.server;
      return [
        'flash crowd through nginx',
        String(run.processes),
        fixed(rate),
        ratio(rate / base.attemptsPerSecond),
        fixed(run.crowd.crowd.p99Ms, 1),
        ratio(run.crowd.crowd.p99Ms / base.p99Ms),
        fixed(perCpu),
        ratio(perCpu / base.requestsPerCpuSecond),
        cpu(run.crowd.cpu),
        `${run.crowd.state.placesTaken}/${FLASH_SETTINGS.places} taken, ${run.crowd.state.overbooked} overbooked, ${run.crowd.nonFullErrors} errors: ${run.crowd.passed ? 'PASS' : 'FAIL'}`,
      ];
    }),
    ...(baseline ? [['bare Hono, GET / (the lookups)', '-', fixed(baseline.requestsPerSecond), ratio(1), fixed(baseline.p99Ms, 1), ratio(1), fixed(baseline.requestsPerCpuSecond), ratio(1), '-', '-']] : []),
    ...fleet.runs.map((run) => [
      'status lookups through nginx',
      String(run.processes),
      fixed(run.lookup.requestsPerSecond),
      ratio(run.lookup.vsBaseline.requestsPerSecond),
      fixed(run.lookup.p99Ms, 1),
      ratio(run.lookup.vsBaseline.p99),
      fixed(run.lookup.requestsPerCpuSecond),
      ratio(run.lookup.vsBaseline.requestsPerCpuSecond),
      cpu(run.lookup.cpu),
      `${run.lookup.non2xx} not answered 200/404, ${run.lookup.errors + run.lookup.timeouts} errors`,
    ]),
  ];
  const one = fleet.runs[0];
  const gains = fleet.runs
    .slice(1)
    .map((run) => `N=${run.processes}: crowd ${ratio(run.crowd.crowd.attemptsPerSecond / (one?.crowd.crowd.attemptsPerSecond ?? NaN))}, lookups ${ratio(run.lookup.requestsPerSecond / (one?.lookup.requestsPerSecond ?? NaN))} (p99 ${ratio(run.crowd.crowd.p99Ms / (one?.crowd.crowd.p99Ms ?? NaN))} / ${ratio(run.lookup.p99Ms / (one?.lookup.p99Ms ?? NaN))})`)
    .join('; ');
  return [
    `Fleet (docs/decisions/070): N portal processes on PostgreSQL behind nginx, started by \`npm run fleet\`'s supervisor, every request through nginx's one port.`,
    `The crowd: ${FLASH_SETTINGS.attempts.toLocaleString('en')} couples for ${FLASH_SETTINGS.places} places, ${FLASH_SETTINGS.connections} in flight, a fresh schema per N; the lookups: ${settings.connections} connections, ${settings.durationS} s, ${LOOKUP_CASES.toLocaleString('en')} seeded cases.`,
    `Ratios to the bare Hono baseline of this run (for the crowd its POST /, median of ${FLASH_SETTINGS.baselineRuns}; for the lookups its GET /). req/CPU-s: requests per second of the portal`,
    `processes' CPU (all N together); nginx's share is apart. CPU: average cores used by the portal processes / nginx / the load generator / everything else (PostgreSQL among them).`,
    ...table(['workload', 'N', 'req/s', '×base', 'p99 ms', '×base', 'req/CPU-s', '×base', 'CPU portal/nginx/gen/other', 'check'], rows),
    `Against N=1: ${gains}.`,
    `On ${availableParallelism()} cores the gain is bounded: the N processes, nginx, the load generator and PostgreSQL all share them, so a second process helps only as far`,
    `as one process left a core idle (waiting on the database), and more processes than cores add only contention. The figures are indicative: the machine is shared.`,
  ];
}

function renderDashboard(run: DashboardBench): string[] {
  const ms = (value: number) => `${fixed(value, value < 10 ? 2 : 1)} ms`;
  return [
    `Dashboard (docs/decisions/054): ${run.cases.toLocaleString('en')} cases and ${run.events.toLocaleString('en')} events generated in SQL (SQLite) in ${fixed(run.seedSeconds, 1)} s;`,
    `  the counters built from the timelines in ${fixed(run.rebuildSeconds, 1)} s (${run.counters.toLocaleString('en')} rows). In process, a system admin's default view (every office, twelve months):`,
    `  bare baseline select count(*) from cases: p50 ${ms(run.baseline.p50Ms)}, p99 ${ms(run.baseline.p99Ms)}`,
    `  the dashboard (counters, overdue and appointments from indexes): p50 ${ms(run.dashboard.p50Ms)}, p99 ${ms(run.dashboard.p99Ms)}  = ${fixed(run.vsBaseline.p50, 3)}× / ${fixed(run.vsBaseline.p99, 3)}× the baseline`,
    `  the monthly counts grouped from the cases table instead: p50 ${ms(run.fromCases.p50Ms)}, p99 ${ms(run.fromCases.p99Ms)}  = ${fixed(run.fromCasesVsBaseline.p50, 2)}× / ${fixed(run.fromCasesVsBaseline.p99, 2)}× the baseline`,
    `Ratings on the dashboard (docs/decisions/059): ${run.ratings.ratings.toLocaleString('en')} ratings and ${run.ratings.followUps.toLocaleString('en')} follow-ups generated in SQL in ${fixed(run.ratings.seedSeconds, 1)} s;`,
    `  counted by the migration's backfill in ${fixed(run.ratings.backfillSeconds, 1)} s (${run.ratings.counters.toLocaleString('en')} rows). The same default view, ratings section included:`,
    `  the dashboard with ratings (their counters, follow-ups overdue from an index): p50 ${ms(run.ratings.dashboard.p50Ms)}, p99 ${ms(run.ratings.dashboard.p99Ms)}  = ${fixed(run.ratings.vsBaseline.p50, 3)}× / ${fixed(run.ratings.vsBaseline.p99, 3)}× the baseline`,
    `  the period's levels grouped from the ratings table on a covering index instead: p50 ${ms(run.ratings.fromRatings.p50Ms)}, p99 ${ms(run.ratings.fromRatings.p99Ms)}  = ${fixed(run.ratings.fromRatingsVsBaseline.p50, 2)}× / ${fixed(run.ratings.fromRatingsVsBaseline.p99, 2)}× the baseline`,
  ];
}

function renderDrafts(runs: DraftsRun[], postgresSkipped: string | undefined): string[] {
  const out = [
    `Drafts (docs/decisions/033): ${DRAFT_SETTINGS.pool} 高龄津贴 drafts started through POST /api/v1/drafts, each holding a whole application's answers; every request`,
    `opens a random one by its reference (a keyed hash lookup), so each is a different row. read: GET ${CURRENT_DRAFT} (decrypt; the read counts as use, one UPDATE);`,
    `save: PUT ${CURRENT_DRAFT} (encrypt and write); page: POST ${PAGE_PATH} as a browser's form with the draft's cookie (read, check, save, 303 to the next question).`,
    `Served: 200 (read, save) and 303 (page); 5xx, network errors and timeouts fail the run, and so do other answers over ${fixed(DRAFT_SETTINGS.notServedTolerance * 100, 1)}% of the requests.`,
  ];
  for (const run of runs) {
    const statuses = (line: LoadLine) => Object.entries(line.statuses).map(([status, n]) => `${status}: ${n}`).join(', ');
    const measured = (which: 'read' | 'save' | 'page') => {
      const line = run[which];
      return `    ${which}: ${fixed(line.requestsPerSecond)}/s (${ratio(line.vsBaseline.requestsPerSecond)} bare Hono), p50 ${fixed(line.p50Ms, 2)} ms (${ratio(line.vsBaseline.p50)}), p99 ${fixed(line.p99Ms, 2)} ms (${ratio(line.vsBaseline.p99)}); answers ${statuses(line)}`;
    };
    out.push(
      `  ${run.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${run.pool} drafts started in ${fixed(run.poolSeconds, 1)} s`,
      measured('read'),
      measured('save'),
      measured('page'),
      `    failures (5xx, errors, timeouts) ${run.failures}, not served ${run.notServed} of ${run.requests}; afterwards ${run.check.opened}/${run.pool} drafts open, ${run.check.asSaved} holding answers a request saved, ` +
        `a save then a page post read back ${run.check.readBack ? 'exactly' : 'WRONG'}: ${run.passed ? 'PASS' : 'FAIL'}`,
      ...run.check.problems.map((problem) => `    ${problem}`),
    );
  }
  if (postgresSkipped) out.push(`  PostgreSQL: skipped (${postgresSkipped}).`);
  return out;
}

/**
 * The portal against the stack's floor (floor.ts): of the gap to the bare baseline, how much the
 * work itself costs on this stack (the floor's ratio) and how much is the portal's (portal ÷ floor).
 */
function renderFloor(results: Results): string[] {
  const { portal, floorPages, lookups, floorLookup, baseline } = results;
  const rows: string[][] = [];
  const row = (what: string, mine: LoadLine | undefined, floor: LoadLine | undefined) => {
    if (!mine || !floor) return;
    rows.push([what, ratio(mine.vsBaseline.requestsPerCpuSecond), ratio(floor.vsBaseline.requestsPerCpuSecond), ratio(mine.requestsPerCpuSecond / floor.requestsPerCpuSecond)]);
  };
  row('guide page (kept, br)', portal?.lines.find((line) => line.path === GUIDE), floorPages?.lines[0]);
  row('home page (kept, br)', portal?.lines.find((line) => line.path === '/'), floorPages?.lines[1]);
  row('status lookup, SQLite', lookups?.find((lookup) => lookup.kind === 'sqlite')?.line, floorLookup);
  if (rows.length === 0) return [];
  const out = [
    '',
    `The stack's floor (tests/bench/floor.ts): the same answers and work on bare Hono, Zod and Kysely on node:sqlite, none of the portal.`,
    `req/CPU-s as a ratio to the bare baseline: the portal's, the floor's, and the portal's to the floor's (1.00× would mean the portal adds nothing to what the stack costs).`,
    ...table(['path', 'portal ×base', 'floor ×base', 'portal ÷ floor'], rows),
  ];
  if (floorPages && baseline && portal) {
    out.push(
      `Memory idle after load: the portal ${fixed(portal.memory.rssMb, 1)} MB, the floor ${fixed(floorPages.memory.rssMb, 1)} MB (the stack's libraries loaded, the portal's V8 and malloc settings), the bare baseline ${fixed(baseline.memory.rssMb, 1)} MB:`,
      `the portal's own code and data are ${fixed(portal.memory.rssMb - floorPages.memory.rssMb, 1)} MB of it.`,
    );
  }
  return out;
}

function render(results: Results, jsonPath: string): string {
  const { sections, rebuiltDuringRun, othersBefore, cold, baseline, portal, info, floorPages, postgres, lookups, floorLookup, scale, postgresSkipped, flash, drafts } = results;
  const loadLines = [
    ...(baseline ? [baseline.line] : []),
    ...(portal?.lines ?? []),
    ...(info ? [info.line] : []),
    ...(floorPages?.lines ?? []),
    ...(postgres && 'lines' in postgres ? postgres.lines : []),
    ...(lookups ?? []).map((lookup) => lookup.line),
    ...(floorLookup ? [floorLookup] : []),
    ...(drafts ?? []).flatMap((run) => [run.read, run.save, run.page]),
  ];
  const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
  const out: string[] = [
    `Portal benchmark — ${new Date().toISOString()} — sections: ${sections.join(', ')}`,
    `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpuModel})`,
    `The load generator (autocannon, in the bench process) and the server under test share these cores,`,
    `so every speed is a ratio to the bare Hono baseline measured in this same run.`,
    `Other processes on the machine used ${fixed(othersBefore, 2)} cores in the second before the run.`,
  ];
  if (loadLines.length > 0) {
    out.push(
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
    );
    const disturbed = loadLines.filter((line) => line.cpu.others > NOISE_CORES && !line.name.includes('PostgreSQL'));
    if (disturbed.length > 0) {
      out.push(`WARNING: other processes used over ${NOISE_CORES} cores during: ${disturbed.map((line) => line.name).join('; ')}. Their req/s and latency ratios are unreliable: rerun on a quiet machine.`);
    }
    if (loadLines.some((line) => line.name.includes('PostgreSQL'))) out.push('(For the PostgreSQL lines, "other" includes the PostgreSQL server itself, so req/CPU-s leaves out the database\'s work.)');
  }
  const warnGuide = portal?.lines[1];
  if (warnGuide && info) {
    out.push(
      `LOG_LEVEL=info vs warn on the guide page: ${ratio(info.line.requestsPerCpuSecond / warnGuide.requestsPerCpuSecond)} the req/CPU-s (${ratio(info.line.requestsPerSecond / warnGuide.requestsPerSecond)} the req/s), ${fixed(info.line.outputBytesPerRequest)} bytes of log per request (read from a pipe by the bench process, as a log shipper would).`,
    );
  }
  if (postgres && 'skipped' in postgres) out.push(`PostgreSQL: skipped (${postgres.skipped}).`);
  else if (postgres) out.push(`PostgreSQL: schema ${postgres.schema} (options=-c search_path honoured; the portal created ${postgres.tables} tables in it; dropped at the end).`);
  if (lookups) {
    out.push(
      '',
      `Status lookups: POST ${TRACK_PATH} on ${LOOKUP_CASES.toLocaleString('en')} seeded cases, each request a different tracking number; 3 in 4 with the right second factor`,
      `(ID number or phone: 200), 1 in 4 with a wrong one (404, as for an unknown number). Both count as answered; anything else (429, 5xx) is in non-2xx.`,
      `The portal ran with TRACK_LIMIT_PER_CLIENT / TRACK_LIMIT_PER_NUMBER raised (one client asks for the same numbers again and again); each lookup still counts both limits in the database.`,
    );
    for (const lookup of lookups) {
      const line = lookup.line;
      out.push(
        `  ${lookup.kind}: ${fixed(line.requestsPerSecond)} lookups/s (${ratio(line.vsBaseline.requestsPerSecond)} bare Hono), p50 ${fixed(line.p50Ms, 2)} ms (${ratio(line.vsBaseline.p50)}), p99 ${fixed(line.p99Ms, 2)} ms (${ratio(line.vsBaseline.p99)}); answers ${Object.entries(lookup.statuses).map(([status, n]) => `${status}: ${n}`).join(', ')}; seeded in ${fixed(lookup.seedSeconds, 1)} s`,
      );
    }
    if (postgresSkipped) out.push(`  postgres: skipped (${postgresSkipped}).`);
  }
  if (scale) {
    const ms = (latency: { p50Ms: number; p99Ms: number }) => `${fixed(latency.p50Ms, 2)} / ${fixed(latency.p99Ms, 2)}`;
    out.push(
      '',
      `Scaling: the same database seeded with ${SCALE_SIZES.map((n) => n.toLocaleString('en')).join(', then grown to ')} cases (two offices, two years of 高龄津贴 cases: most decided,`,
      `the recent ones in progress, some paused or overdue), the portal restarted on it. Latency p50 / p99 in ms, each request timed alone:`,
      `lookups one at a time (${SCALE_SETTINGS.sequentialLookups}) and ${SCALE_SETTINGS.concurrentConnections} at a time (${SCALE_SETTINGS.concurrentLookups}, with their rate), the 3:1 mix above;`,
      `the staff queue (GET /api/v1/staff/cases as the demo intake clerk, whose office holds half the cases) one request at a time, ${SCALE_SETTINGS.queueRequests} per page;`,
      `the dashboard (GET /api/v1/staff/dashboard as the demo office admin: both offices, twelve months) ${SCALE_SETTINGS.dashboardRequests} one at a time, its counters rebuilt after seeding ("rebuild s").`,
      `"other CPU": cores used meanwhile by processes other than the portal and the bench (on PostgreSQL, the database server among them).`,
    );
    for (const { kind, points } of scale) {
      const views = points[0]?.queue.map((view) => view.name) ?? [];
      const rows = points.map((point) => [
        point.cases.toLocaleString('en'),
        fixed(point.seedSeconds, 1),
        fixed(point.otherCores, 2),
        point.queueTotal.toLocaleString('en'),
        ms(point.lookupSequential),
        ms(point.lookupConcurrent),
        fixed(point.lookupConcurrent.requestsPerSecond),
        ...point.queue.map((view) => ms(view.latency)),
        ms(point.dashboard),
        fixed(point.rebuildSeconds, 1),
      ]);
      const [small, large] = points;
      if (small && large) {
        const grow = (a: { p50Ms: number; p99Ms: number }, b: { p50Ms: number; p99Ms: number }) => `${ratio(b.p50Ms / a.p50Ms)} / ${ratio(b.p99Ms / a.p99Ms)}`;
        rows.push([
          `×${fixed(large.cases / small.cases)} cases`,
          '',
          '',
          '',
          grow(small.lookupSequential, large.lookupSequential),
          grow(small.lookupConcurrent, large.lookupConcurrent),
          ratio(large.lookupConcurrent.requestsPerSecond / small.lookupConcurrent.requestsPerSecond),
          ...large.queue.map((view, i) => grow(small.queue[i]?.latency ?? view.latency, view.latency)),
          grow(small.dashboard, large.dashboard),
          '',
        ]);
      }
      out.push(`${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}:`, ...table(['cases', 'seed s', 'other CPU', 'in queue', 'lookup ×1', `lookup ×${SCALE_SETTINGS.concurrentConnections}`, 'lookups/s', ...views.map((view) => `queue: ${view}`), 'dashboard', 'rebuild s'], rows));
      const failures = points.flatMap((point) => [point.lookupSequential, point.lookupConcurrent, ...point.queue.map((view) => view.latency), point.dashboard]).reduce((sum, latency) => sum + latency.failures, 0);
      if (failures > 0) out.push(`WARNING: ${failures} requests were not answered as expected (see the JSON).`);
      if (kind === 'sqlite' && points.some((point) => point.otherCores > NOISE_CORES)) {
        out.push(`WARNING: other processes used over ${NOISE_CORES} cores while measuring (column "other CPU"): rerun on a quiet machine.`);
      }
    }
    if (postgresSkipped) out.push(`PostgreSQL: skipped (${postgresSkipped}).`);
  }

  if (flash) out.push('', ...renderFlashCrowd(flash));
  if (drafts) out.push('', ...renderDrafts(drafts, postgresSkipped));
  if (results.dashboard) out.push('', ...renderDashboard(results.dashboard));
  if (results.fleet) out.push('', ...renderFleet(results.fleet, baseline?.line));

  if (cold) {
    const { othersDuringColdStarts, baselineCold, freshCold, existingCold } = cold;
    out.push(
      '',
      `Cold start: spawn → first 200 of ${HEALTH} (GET / for the baseline), median of ${COLD_START_RUNS} (all runs in ms);`,
      `other processes used ${fixed(othersDuringColdStarts, 2)} cores meanwhile${othersDuringColdStarts > NOISE_CORES ? ' (WARNING: a busy machine slows starts down)' : ''}.`,
    );
    const coldRow = (name: string, runs: ColdStarts) => [name, fixed(runs.medianMs), ratio(runs.medianMs / baselineCold.medianMs), runs.runsMs.map((value) => fixed(value)).join(' ')];
    out.push(
      ...table(
        ['server', 'median ms', '×base', 'runs'],
        [
          [`baseline (bare Hono, GET /)`, fixed(baselineCold.medianMs), ratio(1), baselineCold.runsMs.map((value) => fixed(value)).join(' ')],
          coldRow('portal, fresh DATA_DIR (create, migrate, load guides)', freshCold),
          coldRow('portal, existing DATA_DIR', existingCold),
        ],
      ),
    );
  }

  if (baseline && portal) {
    out.push('', `Memory (VmRSS, MB): when ready, and after the load tests plus ${IDLE_S} s idle; peak is VmHWM`);
    const memoryRow = (name: string, memory: typeof baseline.memory) => [name, fixed(memory.startRssMb, 1), fixed(memory.rssMb, 1), ratio(memory.rssMb / baseline.memory.rssMb), fixed(memory.peakMb, 1)];
    out.push(
      ...table(
        ['process', 'ready', 'idle after load', '×base', 'peak'],
        [memoryRow('baseline', baseline.memory), memoryRow('portal (SQLite)', portal.memory), ...(floorPages ? [memoryRow('floor (the stack loaded)', floorPages.memory)] : [])],
      ),
    );
  }
  out.push(...renderFloor(results));

  if (portal) {
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
  if (results.flash?.runs.some((run) => !run.passed)) {
    console.error('flash crowd: FAILED (places taken, overbooking or errors: see above)');
    process.exitCode = 1;
  }
  if (results.fleet && 'runs' in results.fleet && results.fleet.runs.some((run) => !run.crowd.passed)) {
    console.error('fleet: the flash crowd FAILED (places taken, overbooking or errors: see above)');
    process.exitCode = 1;
  }
  if (results.drafts?.some((run) => !run.passed)) {
    console.error('drafts: FAILED (errors, refusals or drafts not as saved: see above)');
    process.exitCode = 1;
  }
} catch (error) {
  console.error('bench failed:', error);
  process.exitCode = 1;
} finally {
  await runCleanups();
  clearTimeout(watchdog);
}
