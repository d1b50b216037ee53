/**
 * The fleet as the bench sees it (docs/decisions/070): `npm run fleet`'s supervisor started in this
 * process (api/platform/fleet.ts) on a bench database, wrapped as a `Server` whose CPU is the sum
 * of its portal processes'; and the flash crowd's bare baseline with its CPU time, for requests per
 * CPU-second.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNginx, startFleet } from '../../api/platform/fleet.ts';
import { createLogger } from '../../api/platform/logger.ts';
import type { CaseDatabase } from './case-load.ts';
import { FLASH_SETTINGS, fireCrowd, type CrowdRun } from './flash-crowd.ts';
import { attemptBody, attemptHeaders, type FlashCrowdPlan } from '../support/flash-crowd.ts';
import { cpuBetween, cpuSample, freePort, type Server } from './processes.ts';

export const FLEET_SIZES = [1, 2, 4] as const;

export const nginxPath = () => findNginx(process.env);

/** The pids whose parent is `pid` (nginx's worker under its master). */
export function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export interface FleetServer extends Server {
  pids(): number[];
  proxyPids(): number[];
}

/** N processes on the bench database behind nginx; `env` over the database's (offices file, limits). */
export async function startBenchFleet(processes: number, database: CaseDatabase, env: Record<string, string> = {}): Promise<FleetServer> {
  const nginx = nginxPath();
  if (!nginx) throw new Error('nginx is not installed');
  const databaseUrl = database.portalEnv.DATABASE_URL;
  if (!databaseUrl) throw new Error('the fleet runs on PostgreSQL');
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-fleet-'));
  let bytes = 0;
  let tail = '';
  const began = performance.now();
  try {
    const fleet = await startFleet({
      processes,
      host: '127.0.0.1',
      port: await freePort(),
      processPorts: await Promise.all(Array.from({ length: processes }, freePort)),
      dataDir,
      databaseUrl,
      secretHex: database.secret.hex,
      nginx,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...database.portalEnv, ...env },
      logger: createLogger({ level: 'warn' }),
      onOutput: (_source, chunk) => {
        bytes += chunk.length;
        tail = (tail + chunk.toString()).slice(-2000);
      },
    });
    const pids = () => fleet.processes.flatMap((one) => (one.pid === undefined ? [] : [one.pid]));
    return {
      url: fleet.url,
      pid: pids()[0] ?? 0,
      pids,
      proxyPids: () => {
        const master = fleet.nginxPid();
        return master === undefined ? [] : [master, ...childrenOf(master)];
      },
      readyMs: performance.now() - began,
      outputBytes: () => bytes,
      outputTail: () => tail,
      stop: async () => {
        await fleet.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The flash crowd against the bare baseline as baselineCrowd does it, with the baseline's CPU per run: the median run by rate. */
export async function baselineCrowdWithCpu(server: Server, plan: FlashCrowdPlan): Promise<CrowdRun & { requestsPerCpuSecond: number }> {
  const fire = () => fireCrowd(`${server.url}/`, FLASH_SETTINGS.attempts, FLASH_SETTINGS.connections, { body: (i) => attemptBody(plan, i), headers: attemptHeaders, outcome: (status) => (status >= 200 && status < 300 ? 'ok' : `error ${status}`) });
  await fire(); // warm-up
  const runs: (CrowdRun & { requestsPerCpuSecond: number })[] = [];
  for (let run = 0; run < FLASH_SETTINGS.baselineRuns; run += 1) {
    const before = cpuSample([server.pid]);
    const crowd = await fire();
    const cores = cpuBetween(before, cpuSample([server.pid])).byPid.get(server.pid) ?? NaN;
    runs.push({ ...crowd, requestsPerCpuSecond: crowd.attemptsPerSecond / cores });
  }
  runs.sort((a, b) => a.attemptsPerSecond - b.attemptsPerSecond);
  return runs[Math.floor(runs.length / 2)] as CrowdRun & { requestsPerCpuSecond: number };
}
