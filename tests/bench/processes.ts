/**
 * The servers under test, as child processes: start, stop (always, and in bounded time), memory,
 * cold start. Only loopback addresses are ever used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT, startPortalProcess, type PortalProcessOptions } from '../support/portal-process.ts';

export { sleep };

const STOP_GRACE_MS = 5_000;
const START_TIMEOUT_MS = 30_000;

export interface Server {
  url: string;
  pid: number;
  /** Bytes the server wrote to stdout/stderr since it started listening (its logs). */
  outputBytes(): number;
  /** The last output, for error messages. */
  outputTail(): string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago, so a cold start can poll it from the very spawn. */
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

/** SIGTERM, then SIGKILL if the child has not exited within the grace time. */
function stopChild(child: ChildProcess, stop: () => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  return stop().then(
    () => clearTimeout(force),
    () => clearTimeout(force),
  );
}

/**
 * Replaces the helper's line parser (it JSON-parses and keeps every line: at LOG_LEVEL=info that
 * would load the load-generator process with the server's logging work) by a byte counter.
 */
function drainOutput(child: ChildProcess): Pick<Server, 'outputBytes' | 'outputTail'> {
  let bytes = 0;
  let tail = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.removeAllListeners('data');
    stream?.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      tail = (tail + chunk.toString()).slice(-2000);
    });
    stream?.resume();
  }
  return { outputBytes: () => bytes, outputTail: () => tail };
}

/** The real portal, exactly as tests/support/portal-process.ts starts it. */
export async function startPortal(options: PortalProcessOptions = {}): Promise<Server> {
  const portal = await startPortalProcess({ timeoutMs: START_TIMEOUT_MS, ...options });
  const pid = portal.child.pid;
  if (pid === undefined) throw new Error('portal has no pid');
  return { url: portal.url, pid, ...drainOutput(portal.child), stop: () => stopChild(portal.child, () => portal.stop()) };
}

/** The bare Hono baseline (baseline-server.ts). */
export async function startBaseline(port = 0): Promise<Server> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'tests/bench/baseline-server.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopChild(child, () => (child.kill('SIGTERM'), exited));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('baseline server did not start in time')), START_TIMEOUT_MS);
    child.stdout.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      const line = JSON.parse(chunk.toString().split('\n')[0] ?? '') as { url?: string };
      if (line.url) resolve(line.url);
      else reject(new Error(`baseline server said: ${chunk.toString()}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline server exited with ${code}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  if (child.pid === undefined) throw new Error('baseline has no pid');
  return { url, pid: child.pid, ...drainOutput(child), stop };
}

/**
 * Milliseconds from spawn to the first 200 of `probePath`: the server is told a free port and
 * polled from the moment it is spawned, so the time includes everything a load balancer waits for.
 */
export async function coldStart(start: (port: number) => Promise<Server>, probePath: string): Promise<number> {
  const port = await freePort();
  const probe = `http://127.0.0.1:${port}${probePath}`;
  const began = performance.now();
  // Spawning happens synchronously inside start(); its promise settles at the "listening" line.
  const starting = start(port);
  starting.catch(() => undefined); // observed below; avoid an unhandled rejection while polling
  let elapsed: number | undefined;
  while (elapsed === undefined && performance.now() - began < START_TIMEOUT_MS) {
    try {
      const response = await fetch(probe, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) elapsed = performance.now() - began;
    } catch {
      // refused until the server listens
    }
    if (elapsed === undefined) await sleep(2);
  }
  const server = await starting;
  await server.stop();
  if (elapsed === undefined) throw new Error(`${probe} never answered 200`);
  return elapsed;
}

/** Resident memory now and its peak, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * Last resort, synchronous so it also works in an 'exit' handler: SIGKILL every process whose
 * parent is this one. It also catches a portal whose start timed out (the helper does not hand
 * back that child).
 */
export function killOwnChildren(): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}
