/**
 * What one status lookup costs the portal in CPU, in process (`app.request`, no sockets): the
 * machine is shared, so a rate under load says as much about the neighbours as about the code, while
 * CPU time per request hardly moves. Seeds 10,000 cases as the bench's `lookups` section does, then
 * asks the same mix of lookups (3 in 4 right, 1 in 4 a wrong second factor) one after another and
 * prints the CPU per lookup and the median wall time. Not part of `npm test`.
 *
 *   node tests/bench/lookup-cpu.ts                 SQLite
 *   BENCH_DATABASE_URL=postgres://… node tests/bench/lookup-cpu.ts   PostgreSQL (a throwaway schema)
 *   LOOKUPS=5000 PROFILE=/tmp/lookups.cpuprofile node tests/bench/lookup-cpu.ts   and a CPU profile of the measured loop only
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { useAuditKeys } from '../../api/db/audit.repo.ts';
import { localFileBackend } from '../../api/engine/files/backend.ts';
import { deriveAuditKeys } from '../../api/platform/audit-keys.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { bootstrap } from '../../api/server/bootstrap.ts';
import { createPortal } from '../../api/server/portal.ts';
import { createCaseDatabase, lookupBodies, TRACK_PATH } from './case-load.ts';

const LOOKUPS = Number(process.env.LOOKUPS ?? 3000);
const WARMUP = 500;
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const kind = databaseUrl ? 'postgres' : 'sqlite';

const database = await createCaseDatabase(kind, databaseUrl);
const filesDir = mkdtempSync(join(tmpdir(), 'portal-lookup-cpu-'));
try {
  const seeded = await database.seed(0, 10_000, 1000);
  const logger = pino({ level: 'silent' });
  useAuditKeys(deriveAuditKeys(database.secret.key));
  const runtime = await bootstrap({ target: database.target, logger, contentCheckMs: 1000 });
  const portal = createPortal({
    ...runtime,
    logger,
    now: () => new Date(),
    environment: 'test',
    crypto: createFieldCrypto(database.secret.key),
    files: localFileBackend({ dataDir: filesDir, secret: randomBytes(32), scanCommand: undefined }),
    trackLimits: { perClient: 100_000_000, perNumber: 100_000_000 },
  });
  const body = lookupBodies(seeded.sample);
  const statuses: Record<number, number> = {};
  const lookup = async () => {
    const response = await portal.app.request(TRACK_PATH, { method: 'POST', body: body(), headers: { 'content-type': 'application/json' } });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  };
  for (let i = 0; i < WARMUP; i += 1) await lookup();
  for (const key of Object.keys(statuses)) delete statuses[Number(key)];
  const profiler = process.env.PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
  }
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  for (let i = 0; i < LOOKUPS; i += 1) {
    const start = performance.now();
    await lookup();
    times.push(performance.now() - start);
  }
  const wallMs = performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler && process.env.PROFILE) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.PROFILE, JSON.stringify(profile));
    profiler.disconnect();
  }
  times.sort((a, b) => a - b);
  const perLookupUs = (cpu.user + cpu.system) / LOOKUPS;
  console.log(
    JSON.stringify({
      kind,
      lookups: LOOKUPS,
      statuses,
      cpuUsPerLookup: Math.round(perLookupUs),
      userUs: Math.round(cpu.user / LOOKUPS),
      systemUs: Math.round(cpu.system / LOOKUPS),
      lookupsPerCpuSecond: Math.round(1e6 / perLookupUs),
      p50Ms: Number((times[Math.floor(times.length / 2)] ?? NaN).toFixed(3)),
      wallUsPerLookup: Math.round((wallMs * 1000) / LOOKUPS),
    }),
  );
  await runtime.close();
} finally {
  await database.drop();
  rmSync(filesDir, { recursive: true, force: true });
}
