/**
 * The case-side measurements: status lookups (POST /api/v1/track) and the staff queue
 * (GET /api/v1/staff/cases) against the real portal process, on a database seeded with many cases
 * (seed-cases.ts). The portal is started with the lookup limits raised (TRACK_LIMIT_PER_CLIENT,
 * TRACK_LIMIT_PER_NUMBER): every request here comes from one address and asks for a few hundred
 * numbers over and over, which the production limits would refuse after 100.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkingDayCalendar } from '../../api/content/holidays.ts';
import { rebuildFigures } from '../../api/db/case-figures.repo.ts';
import { openDatabase, type DatabaseTarget } from '../../api/db/connect.ts';
import { migrateToLatest } from '../../api/db/migrate.ts';
import { chinaDate } from '../../api/domain/calendar/china-time.ts';
import { formatTrackingNumber } from '../../api/domain/cases/tracking-number.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { BUILT_IN_SERVICES } from '../../api/services/registry.ts';
import type { StaffRole } from '../../api/domain/workflow/workflow.ts';
import { demoPassword, demoUsername } from '../../api/staff/demo-accounts.ts';
import { measureLoad, type LoadResult } from './load.ts';
import { createBenchSchema } from './postgres.ts';
import { seedCases, type SeedResult, type SeededApplicant } from './seed-cases.ts';

export const TRACK_PATH = '/api/v1/track';
export const QUEUE_PATH = '/api/v1/staff/cases';
/**
 * The queue pages measured: the first page, the due-soon filter, a state filter, and a page halfway
 * down the queue reached as the workbench's "next" link reaches it (by its cursor, docs/decisions/071).
 */
export const QUEUE_VIEWS = [
  { name: 'first page', query: '' },
  { name: 'due soon', query: '?due=due-soon' },
  { name: 'approved', query: '?state=approved' },
] as const;
export const DEEP_VIEW = 'halfway down (cursor)';
/** The bureau dashboard (docs/decisions/054) as the demo office admin sees it: every office of theirs, the default twelve months. */
export const DASHBOARD_PATH = '/api/v1/staff/dashboard';

/** A second factor that is well-formed and nobody's. */
const WRONG_ID_NUMBER = '110101194001019999';
/** Raised far beyond any load test (the defaults are 100 per client and 10 per number per 10 min). */
const NO_LOOKUP_LIMITS = { TRACK_LIMIT_PER_CLIENT: '100000000', TRACK_LIMIT_PER_NUMBER: '100000000' };

/** One secret for the seeding (lookup hashes) and the portal (which must match them). */
export function benchSecret(): { hex: string; key: Buffer } {
  const key = randomBytes(32);
  return { hex: key.toString('hex'), key };
}

export interface CaseDatabase {
  kind: 'sqlite' | 'postgres';
  /** What the portal gets: DATA_DIR for SQLite, DATABASE_URL for PostgreSQL. */
  portalEnv: Record<string, string>;
  dataDir: string | undefined;
  /** Where the bench itself reads and writes it (the same database the portal uses). */
  target: DatabaseTarget;
  secret: { hex: string; key: Buffer };
  /** Adds cases `from` … `from + count - 1` (the portal must not be running on SQLite meanwhile). */
  seed(from: number, count: number, sampleSize: number): Promise<SeedResult>;
  /**
   * The dashboard's counters built again from every case's timeline (the portal's own rebuild): the
   * seeding writes rows straight in, past the steps that keep the counters. Seconds taken.
   */
  rebuildFigures(): Promise<number>;
  drop(): Promise<void>;
}

/** A throwaway database for seeded cases: a SQLite file in a temp folder, or a PostgreSQL schema. */
export async function createCaseDatabase(kind: 'sqlite' | 'postgres', postgresUrl?: string): Promise<CaseDatabase> {
  const secret = benchSecret();
  const calendar = loadWorkingDayCalendar();
  const crypto = createFieldCrypto(secret.key);
  let target: DatabaseTarget;
  let portalEnv: Record<string, string>;
  let dataDir: string | undefined;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'portal-bench-cases-'));
    dataDir = dir;
    target = { kind: 'sqlite', path: join(dir, 'portal.sqlite') };
    // DATABASE_URL empty: an inherited one must not turn this run into a PostgreSQL one.
    portalEnv = { DATABASE_URL: '' };
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!postgresUrl) throw new Error('no PostgreSQL URL');
    const schema = await createBenchSchema(postgresUrl);
    target = { kind: 'postgres', url: postgresUrl, schema: schema.schema, poolSize: 2 };
    portalEnv = { DATABASE_URL: schema.url };
    drop = schema.drop;
  }
  const handle = openDatabase(target);
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return {
    kind,
    portalEnv: { ...portalEnv, PORTAL_SECRET: secret.hex, ...NO_LOOKUP_LIMITS },
    dataDir,
    target,
    secret,
    async seed(from, count, sampleSize) {
      const seeding = openDatabase(target);
      try {
        return await seedCases(seeding, { crypto, calendar, today: chinaDate(new Date()), from, count, sampleSize });
      } finally {
        await seeding.close();
      }
    },
    async rebuildFigures() {
      const handle = openDatabase(target);
      try {
        const started = performance.now();
        await rebuildFigures(handle.db, { calendar, statesOf: (id) => BUILT_IN_SERVICES.get(id)?.workflow.states }, new Date());
        return (performance.now() - started) / 1000;
      } finally {
        await handle.close();
      }
    },
    drop,
  };
}

/**
 * Lookup bodies: three in four with the right second factor (the ID number or the phone, half
 * each), one in four with a wrong one (answered 404, exactly like an unknown number).
 */
export function lookupBodies(sample: readonly SeededApplicant[]): () => string {
  if (sample.length === 0) throw new Error('no seeded cases to look up');
  let n = 0;
  return () => {
    n += 1;
    const applicant = sample[(n * 7919) % sample.length] as SeededApplicant;
    const trackingNumber = formatTrackingNumber(applicant.trackingNumber);
    const secondFactor = n % 4 === 0 ? WRONG_ID_NUMBER : n % 8 < 4 ? applicant.idNumber : applicant.phone;
    return JSON.stringify({ trackingNumber, secondFactor });
  };
}

export const lookupAnswered = (status: number) => status === 200 || status === 404;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(10_000) });
}

/** One right and one wrong lookup answer as they should, or the measurement would measure errors. */
export async function checkLookups(baseUrl: string, sample: readonly SeededApplicant[]): Promise<void> {
  const applicant = sample[0];
  if (!applicant) throw new Error('no seeded cases to look up');
  const right = await post(baseUrl + TRACK_PATH, { trackingNumber: formatTrackingNumber(applicant.trackingNumber), secondFactor: applicant.idNumber });
  const wrong = await post(baseUrl + TRACK_PATH, { trackingNumber: formatTrackingNumber(applicant.trackingNumber), secondFactor: WRONG_ID_NUMBER });
  if (right.status !== 200 || wrong.status !== 404) {
    throw new Error(`lookups answer ${right.status} (right pair) and ${wrong.status} (wrong pair), not 200 and 404: ${await right.text()}`);
  }
}

/** Signs in as the demo intake clerk (office demo-district, every service area): the session cookie. */
export async function signInDemoIntake(baseUrl: string, secret: Buffer): Promise<string> {
  return signInDemo(baseUrl, secret, 'intake');
}

/** Signs in as a demo member of staff of the role: the session cookie. */
async function signInDemo(baseUrl: string, secret: Buffer, role: StaffRole): Promise<string> {
  const response = await post(baseUrl + '/api/v1/staff/session', { username: demoUsername(role), password: demoPassword(secret, role) });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (response.status !== 200 || !cookie) throw new Error(`staff sign-in answered ${response.status}: ${await response.text()}`);
  return cookie;
}

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  requests: number;
  /** Answers other than the expected ones (e.g. 429, 500): must be 0. */
  failures: number;
  statuses: Record<string, number>;
}

const latency = (result: LoadResult): Latency => ({
  p50Ms: result.p50Ms,
  p99Ms: result.p99Ms,
  requestsPerSecond: result.requestsPerSecond,
  requests: result.requests,
  failures: result.non2xx + result.errors + result.timeouts,
  statuses: result.statuses,
});

export interface ScalePoint {
  cases: number;
  seedSeconds: number;
  /** How many cases the demo clerk's queue holds (one office of two). */
  queueTotal: number;
  lookupSequential: Latency;
  lookupConcurrent: Latency;
  queue: { name: string; query: string; latency: Latency }[];
  /** The dashboard's figures (GET /api/v1/staff/dashboard) as the demo office admin, one at a time; counters rebuilt after the seeding, in rebuildSeconds. */
  dashboard: Latency;
  rebuildSeconds: number;
}

export const SCALE_SETTINGS = { sequentialLookups: 1000, concurrentLookups: 2000, concurrentConnections: 10, queueRequests: 200, dashboardRequests: 100 };

/** Lookups one at a time and ten at a time, then the queue pages one at a time; a short warm-up first. */
export async function measureCasesAt(baseUrl: string, sample: readonly SeededApplicant[], secret: Buffer): Promise<Omit<ScalePoint, 'cases' | 'seedSeconds' | 'rebuildSeconds'>> {
  await checkLookups(baseUrl, sample);
  const body = lookupBodies(sample);
  const track = baseUrl + TRACK_PATH;
  const lookup = (connections: number, amount: number) => measureLoad(track, {}, connections, 60, { post: { body }, amount, answered: lookupAnswered });
  await lookup(4, 200); // warm-up
  const lookupSequential = latency(await lookup(1, SCALE_SETTINGS.sequentialLookups));
  const lookupConcurrent = latency(await lookup(SCALE_SETTINGS.concurrentConnections, SCALE_SETTINGS.concurrentLookups));

  const cookie = await signInDemoIntake(baseUrl, secret);
  const first = await fetch(baseUrl + QUEUE_PATH, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`the queue answered ${first.status}: ${await first.text()}`);
  const queueTotal = ((await first.json()) as { total: number }).total;
  // The page halfway down: found once by its number (skipping), then measured by its cursor.
  const halfway = Math.min(10_000, Math.max(2, Math.floor(queueTotal / 20 / 2)));
  const before = await fetch(`${baseUrl}${QUEUE_PATH}?page=${halfway - 1}`, { headers: { cookie } });
  const cursor = ((await before.json()) as { next: string | null }).next;
  if (!cursor) throw new Error(`the queue's page ${halfway - 1} has no next page`);
  const views: { name: string; query: string }[] = [...QUEUE_VIEWS, { name: DEEP_VIEW, query: `?page=${halfway}&after=${encodeURIComponent(cursor)}` }];
  const queue = [];
  for (const view of views) {
    const url = baseUrl + QUEUE_PATH + view.query;
    await measureLoad(url, { cookie }, 1, 60, { amount: 20 }); // warm-up
    queue.push({ ...view, latency: latency(await measureLoad(url, { cookie }, 1, 60, { amount: SCALE_SETTINGS.queueRequests })) });
  }

  const admin = await signInDemo(baseUrl, secret, 'office-admin');
  const figures = await fetch(baseUrl + DASHBOARD_PATH, { headers: { cookie: admin } });
  const received = figures.status === 200 ? ((await figures.json()) as { cases?: { totals?: { received?: number } } }).cases?.totals?.received : undefined;
  // Empty figures would time an empty dashboard: the counters must hold the seeded cases.
  if (!received) throw new Error(`the dashboard answered ${figures.status} with ${received ?? 'no'} cases received`);
  await measureLoad(baseUrl + DASHBOARD_PATH, { cookie: admin }, 1, 60, { amount: 10 }); // warm-up
  const dashboard = latency(await measureLoad(baseUrl + DASHBOARD_PATH, { cookie: admin }, 1, 60, { amount: SCALE_SETTINGS.dashboardRequests }));
  return { queueTotal, lookupSequential, lookupConcurrent, queue, dashboard };
}
