/**
 * The servers under test, as child processes: start, stop (always, and in bounded time), memory.
 * Only loopback addresses are ever used.
 *
 * The portal is spawned the way tests/support/portal-process.ts spawns it (same entry, same
 * environment), but readiness is found by polling a URL rather than by waiting for the
 * "portal listening" log line: that line is logged at info, so the helper never sees it at
 * LOG_LEVEL=warn, the level these measurements need. Polling from the spawn on also gives the
 * cold start time for free.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../support/portal-process.ts';

export { sleep };

const STOP_GRACE_MS = 5_000;
const START_TIMEOUT_MS = 30_000;

export interface Server {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of the readiness URL. */
  readyMs: number;
  /** Bytes the server has written to stdout and stderr (its logs). */
  outputBytes(): number;
  /** The last 2000 characters of that output, for error messages. */
  outputTail(): string;
  /** SIGTERM, SIGKILL after a grace time; removes a data folder the start created. */
  stop(): Promise<void>;
  /** A server of several processes (the fleet): every one of them, whose CPU is the server's; `[pid]` when absent. */
  pids?(): number[];
  /** The proxy in front of them (the fleet's nginx, master and workers), measured apart. */
  proxyPids?(): number[];
}

/** The server's processes and its proxy's, for cpuSample. */
export const serverPids = (server: Server) => ({ server: server.pids?.() ?? [server.pid], proxy: server.proxyPids?.() ?? [] });

/** Cores used by a set of pids between two samples. */
export const coresOf = (used: { byPid: Map<number, number> }, pids: readonly number[]) => pids.reduce((sum, pid) => sum + (used.byPid.get(pid) ?? NaN), 0);

/** A port that was free a moment ago: the server is told it, so it can be polled from the spawn. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(script: string, env: Record<string, string>, readyPath: string, onStopped = () => {}): Promise<Server> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, script)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Counted, not parsed or kept: at LOG_LEVEL=info, parsing every line here would load the
  // load-generator process with the server's logging work.
  let bytes = 0;
  let tail = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      tail = (tail + chunk.toString()).slice(-2000);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
      onStopped();
    })());

  const url = `http://127.0.0.1:${port}`;
  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before answering:\n${tail}`);
    if (performance.now() - began > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`${script} did not answer 200 on ${readyPath} within ${START_TIMEOUT_MS} ms:\n${tail}`);
    }
    try {
      const response = await fetch(url + readyPath, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) readyMs = performance.now() - began;
    } catch {
      // refused until the server listens
    }
    if (readyMs === undefined) await sleep(2);
  }
  if (child.pid === undefined) throw new Error(`${script} has no pid`);
  return { url, pid: child.pid, readyMs, outputBytes: () => bytes, outputTail: () => tail, stop };
}

/** The bare Hono baseline (baseline-server.ts). */
export const startBaseline = () => startServer('tests/bench/baseline-server.ts', {}, '/');

/** The stack's floor (floor-server.ts), serving the captured pages in `pagesFile` when given. */
export const startFloor = (pagesFile?: string) => startServer('tests/bench/floor-server.ts', pagesFile ? { FLOOR_PAGES: pagesFile } : {}, '/');

/** The real portal, as `node api/cli/serve.ts`, in a fresh DATA_DIR unless one is given. */
export function startPortal(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<Server> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const removeOwnDir = () => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const env = { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...options.env };
  return startServer('api/cli/serve.ts', env, '/api/v1/health', removeOwnDir).catch((error: unknown) => {
    removeOwnDir();
    throw error;
  });
}

/** Kernel clock ticks per second for /proc CPU times (USER_HZ, 100 on every Linux build in use). */
const TICKS_PER_S = 100;

export interface CpuSample {
  atMs: number;
  /** Ticks all cores spent on anything but idling, since boot. */
  busy: number;
  /** Ticks (user + system) of each watched process, with those of its children that have exited. */
  byPid: Map<number, number>;
}

/** The machine's and some processes' CPU times now, from /proc. */
export function cpuSample(pids: number[]): CpuSample {
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  const byPid = new Map<number, number>();
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (in parentheses, may hold spaces): utime, stime, cutime, cstime are
    // the 12th to 15th. The children's part counts servers that this process started and stopped.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byPid.set(pid, [11, 12, 13, 14].reduce((sum, index) => sum + Number(after[index]), 0));
  }
  return { atMs: performance.now(), busy: user + nice + system + irq + softirq + steal, byPid };
}

/** Average cores used between two samples: by each watched process, and by everything else. */
export function cpuBetween(before: CpuSample, after: CpuSample): { byPid: Map<number, number>; others: number } {
  const seconds = (after.atMs - before.atMs) / 1000;
  const cores = (ticks: number) => ticks / TICKS_PER_S / seconds;
  const byPid = new Map([...after.byPid].map(([pid, ticks]) => [pid, cores(ticks - (before.byPid.get(pid) ?? ticks))]));
  const watched = [...byPid.values()].reduce((sum, value) => sum + value, 0);
  return { byPid, others: Math.max(0, cores(after.busy - before.busy) - watched) };
}

/** Resident memory now and its peak, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * Last resort, synchronous so that it also works in an 'exit' handler: SIGKILL every process
 * whose parent is this one (they are all servers this run spawned).
 */
export function killOwnChildren(): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the command name (in parentheses, may hold spaces) come the state, then the ppid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}
