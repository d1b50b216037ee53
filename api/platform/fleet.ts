/**
 * A fleet as in production, on one machine (docs/decisions/070): N portal processes on one
 * PostgreSQL database behind Debian's nginx, one public port. This module supervises them: it
 * writes nginx's configuration (processes not ready are marked `down`), runs nginx in the
 * foreground, polls every process's readiness, restarts a process that exits (with backoff), and
 * stops everything gracefully. `npm run fleet` (api/cli/fleet.ts) is its command; the fleet test,
 * the bench and the fault test start it in process to see the pids.
 *
 * Nothing here needs a process to share memory with another: the notification worker, hand-offs
 * and scheduled jobs already run in every process under leases (`SKIP LOCKED`), so N processes do
 * each job once.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Logger } from './logger.ts';

const SERVE = fileURLToPath(new URL('../cli/serve.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_PATH = '/api/v1/health/ready';

/** Debian's package; on a machine without it the command says what to run. */
export const NGINX_INSTALL = 'apt-get install -y nginx';

export interface UpstreamServer {
  port: number;
  /** Not ready (starting, stopping, database away, exited): nginx sends it nothing. */
  down: boolean;
}

export interface NginxConfigOptions {
  /** The folder nginx runs in (`-p`): pid, error log and temp paths inside it. */
  prefix: string;
  host: string;
  port: number;
  servers: readonly UpstreamServer[];
  /** When the fleet runs as root: the account nginx's workers run as (they write request bodies into the prefix). */
  user?: { name: string; group: string };
}

/** The nginx configuration for the fleet: pure, so a unit test reads it. */
export function nginxConfig(options: NginxConfigOptions): string {
  const { prefix } = options;
  const listen = options.host.includes(':') ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
  const temp = (name: string) => join(prefix, 'temp', name);
  return `# Written by \`npm run fleet\` (api/platform/fleet.ts); rewritten whenever a process goes down or comes back.
${options.user ? `user ${options.user.name} ${options.user.group};\n` : ''}daemon off;
# The Node processes are the work; one worker proxies far more requests than they answer on these cores.
worker_processes 1;
worker_rlimit_nofile 8192;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;

events {
  worker_connections 4096;
}

http {
  # Each portal process logs every request with its id (one JSON line): a second log here would only repeat it.
  access_log off;
  server_tokens off;
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  # The largest application's files (50 MB) and the form around them.
  client_max_body_size 60m;

  # max_fails=0: a process is taken out by the fleet's readiness checks (at once when it exits), not
  # by nginx counting failures; a 503 of every process (the database away) reaches the client as
  # it is, with its Retry-After, rather than nginx's 502 "no live upstreams".
  upstream portal {
${options.servers.map((server) => `    server 127.0.0.1:${server.port} max_fails=0${server.down ? ' down' : ''};`).join('\n')}
    keepalive 32;
  }

  server {
    listen ${listen};
    # Scraped on the machine, straight from each process (or with METRICS_TOKEN): never through the public port.
    location = /metrics { deny all; }
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 2s;
      # A refused connection, a timeout or a process stopping (503): the next process. Never
      # non_idempotent: a POST the process may have acted on is not sent twice.
      proxy_next_upstream error timeout http_503;
    }
  }
}
`;
}

/** nginx from NGINX_PATH, else PATH, else Debian's /usr/sbin (not on a normal user's PATH). */
export function findNginx(env: NodeJS.ProcessEnv): string | undefined {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (env.NGINX_PATH) return executable(env.NGINX_PATH) ? env.NGINX_PATH : undefined;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin'];
  return dirs.map((dir) => join(dir, 'nginx')).find(executable);
}

/** As root, nginx's workers run as the owner of DATA_DIR: they write request bodies into it, which `nobody` could not. */
export function workerUserFor(dataDir: string): { name: string; group: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const { uid, gid } = statSync(dataDir);
  const nameOf = (file: string, id: number) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => Number(fields[2]) === id)?.[0];
  try {
    return { name: nameOf('/etc/passwd', uid) ?? 'root', group: nameOf('/etc/group', gid) ?? 'root' };
  } catch {
    return { name: 'root', group: 'root' };
  }
}

export type ProcessState = 'starting' | 'ready' | 'not-ready' | 'exited';

export interface FleetProcess {
  index: number;
  port: number;
  url: string;
  /** The current process's pid (a new one after a restart); undefined while none runs. */
  pid: number | undefined;
  state: ProcessState;
  restarts: number;
}

export interface FleetOptions {
  processes: number;
  /** nginx's address and port: the fleet's one public address. */
  host: string;
  port: number;
  /** Each process's loopback port; port+1 … port+N by default (stable, so Prometheus can scrape each). */
  processPorts?: readonly number[];
  dataDir: string;
  databaseUrl: string;
  /** The portal secret, loaded or generated once, the same for every process. */
  secretHex: string;
  nginx: string;
  /** The environment the processes inherit (NODE_ENV, PUBLIC_URL, LOG_LEVEL, …). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Where the processes' and nginx's output goes: inherited by default (the command); handed here by tests. */
  onOutput?: (source: string, chunk: Buffer) => void;
  healthIntervalMs?: number;
  startTimeoutMs?: number;
}

export interface Fleet {
  url: string;
  processes: readonly FleetProcess[];
  nginxPid(): number | undefined;
  configPath: string;
  /** Resolves when the given process (by index) is ready again after `since` (a restart). */
  whenReady(index: number, timeoutMs: number): Promise<void>;
  /** Resolves with a reason if nginx ends by itself: the fleet then stops. */
  failed: Promise<string>;
  stop(): Promise<void>;
}

const RESTART_BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000, 30_000];
/** A process ready this long has recovered: its next exit restarts at once again. */
const STABLE_MS = 30_000;
const STOP_GRACE_MS = 15_000;
const READY_TIMEOUT_MS = 3_000;
/**
 * Probes left unanswered in a row before a process is taken out. A process that died is taken out
 * by its exit at once; this is for one that hangs. Not fewer: the fleet bench saw a healthy process
 * of four on two cores miss two probes in a row under a flash crowd, and taking it out only loads
 * the others more.
 */
const UNANSWERED_PROBES = 3;
/**
 * Not-ready answers in a row (other than "stopping") before a process is taken out. One is not
 * enough: under a flash crowd the readiness query can wait past its 2 s on a healthy database, and
 * each change of the upstream reloads nginx, which closes its idle keep-alive connections under the
 * clients (the fleet process test saw "other side closed"). A process stopping says so and goes at once.
 */
const NOT_READY_PROBES = 2;

class StartError extends Error {}

export type ProbeAnswer = 'ready' | 'stopping' | 'not-ready' | 'error';

/** What a readiness probe's answer does to a running process: back in, taken out, or nothing yet (its counts carried). */
export function judgeProbe(counts: { failures: number; notReady: number }, answer: ProbeAnswer): { failures: number; notReady: number; verdict: 'ready' | 'out' | 'unchanged' } {
  switch (answer) {
    case 'ready':
      return { failures: 0, notReady: 0, verdict: 'ready' };
    case 'stopping':
      return { failures: 0, notReady: 0, verdict: 'out' };
    case 'not-ready': {
      const notReady = counts.notReady + 1;
      return { failures: 0, notReady, verdict: notReady >= NOT_READY_PROBES ? 'out' : 'unchanged' };
    }
    case 'error': {
      const failures = counts.failures + 1;
      return { failures, notReady: 0, verdict: failures >= UNANSWERED_PROBES ? 'out' : 'unchanged' };
    }
  }
}

/** The error code of a readiness 503's body (api/routes/health.routes.ts), if it has one. */
export function notReadyCode(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('error' in parsed)) return undefined;
    const error = parsed.error;
    return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Slot extends FleetProcess {
  child: ChildProcess | undefined;
  /** Probes unanswered in a row. */
  failures: number;
  /** Probes answered not ready (other than stopping) in a row. */
  notReady: number;
  crashes: number;
  readySince: number;
  tail: string;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { logger } = options;
  const healthIntervalMs = options.healthIntervalMs ?? 2_000;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const prefix = join(options.dataDir, 'fleet');
  for (const name of ['', 'temp']) mkdirSync(join(prefix, name), { recursive: true });
  const configPath = join(prefix, 'nginx.conf');
  const errorLog = join(prefix, 'error.log');
  const nginxArgs = ['-p', prefix, '-c', configPath, '-e', errorLog];
  const user = workerUserFor(options.dataDir);
  const ports = options.processPorts ?? Array.from({ length: options.processes }, (_, i) => options.port + 1 + i);
  const slots: Slot[] = ports.slice(0, options.processes).map((port, index) => ({ index, port, url: `http://127.0.0.1:${port}`, pid: undefined, state: 'exited', restarts: 0, child: undefined, failures: 0, notReady: 0, crashes: 0, readySince: 0, tail: '' }));
  // A TLS proxy in front of the fleet may be trusted too; nginx on this machine always is.
  const trustProxy = ['127.0.0.1', ...(options.env.TRUST_PROXY ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry && entry !== '127.0.0.1')].join(',');
  const processEnv = { ...options.env, HOST: '127.0.0.1', DATA_DIR: options.dataDir, DATABASE_URL: options.databaseUrl, PORTAL_SECRET: options.secretHex, TRUST_PROXY: trustProxy };
  let stopping = false;
  let nginx: ChildProcess | undefined;
  const waiters = new Set<() => void>();

  const writeConfig = () => {
    writeFileSync(configPath, nginxConfig({ prefix, host: options.host, port: options.port, servers: slots.map((slot) => ({ port: slot.port, down: slot.state !== 'ready' })), ...(user ? { user } : {}) }));
  };
  const output = (source: string, child: ChildProcess, keep?: (text: string) => void) => {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        keep?.(chunk.toString());
        options.onOutput?.(source, chunk);
      });
    }
  };
  const stdio = (): ['ignore', 'pipe' | 'inherit', 'pipe' | 'inherit'] => (options.onOutput ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit']);

  // Reloads one after another: the last one always sees the newest configuration.
  let reloading: Promise<void> = Promise.resolve();
  let upstreamShown = '';
  const applyUpstream = () => {
    const shown = slots.map((slot) => (slot.state === 'ready' ? 'up' : 'down')).join(',');
    if (shown === upstreamShown) return;
    upstreamShown = shown;
    writeConfig();
    if (!nginx) return;
    reloading = reloading.then(async () => {
      if (stopping || !nginx) return;
      try {
        await promisify(execFile)(options.nginx, [...nginxArgs, '-s', 'reload']);
        logger.info({ upstream: slots.map((slot) => ({ port: slot.port, state: slot.state })) }, 'fleet: nginx reloaded');
      } catch (error) {
        logger.error({ err: error }, 'fleet: nginx reload failed');
      }
    });
  };
  const setState = (slot: Slot, state: ProcessState) => {
    if (slot.state === state) return;
    const was = slot.state;
    slot.state = state;
    if (state === 'ready') {
      slot.readySince = Date.now();
      for (const wake of waiters) wake();
    }
    if (was === 'ready' || state === 'ready') logger[state === 'ready' || stopping ? 'info' : 'warn']({ process: slot.index + 1, port: slot.port, pid: slot.pid, state }, `fleet: process ${slot.index + 1} ${state}`);
    applyUpstream();
  };

  const probe = async (slot: Slot): Promise<ProbeAnswer> => {
    try {
      const response = await fetch(slot.url + READY_PATH, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
      const text = await response.text();
      if (response.status === 200) return 'ready';
      return response.status === 503 && notReadyCode(text) === 'stopping' ? 'stopping' : 'not-ready';
    } catch {
      return 'error';
    }
  };

  const spawnProcess = (slot: Slot) => {
    const child = spawn(process.execPath, [SERVE], {
      cwd: PROJECT_ROOT,
      env: { ...processEnv, PORT: String(slot.port) },
      stdio: stdio(),
      // Its own process group: Ctrl-C reaches the fleet only, which stops nginx first, then the processes.
      detached: true,
    });
    slot.child = child;
    slot.pid = child.pid;
    slot.failures = 0;
    slot.notReady = 0;
    slot.tail = '';
    output(`process ${slot.index + 1}`, child, (text) => {
      slot.tail = (slot.tail + text).slice(-3000);
    });
    child.once('exit', (code, signal) => {
      if (slot.child !== child) return;
      slot.child = undefined;
      slot.pid = undefined;
      setState(slot, 'exited');
      if (stopping) return;
      // Back off only when it keeps failing: a process that had been up a while restarts at once.
      if (slot.readySince && Date.now() - slot.readySince > STABLE_MS) slot.crashes = 0;
      const delay = RESTART_BACKOFF_MS[Math.min(slot.crashes, RESTART_BACKOFF_MS.length - 1)] ?? 30_000;
      slot.crashes += 1;
      logger.warn({ process: slot.index + 1, port: slot.port, code, signal, restartInMs: delay }, `fleet: process ${slot.index + 1} exited; restarting`);
      setTimeout(() => {
        if (stopping) return;
        slot.restarts += 1;
        spawnProcess(slot);
        void untilReady(slot).catch((error: unknown) => logger.error({ err: error, process: slot.index + 1 }, 'fleet: a restarted process did not become ready'));
      }, delay).unref();
    });
    setState(slot, 'starting');
  };

  /** Polls a starting process quickly (not every 2 s): the restart's gap is its start time. */
  const untilReady = async (slot: Slot) => {
    const child = slot.child;
    const deadline = Date.now() + startTimeoutMs;
    while (!stopping && slot.child === child && child) {
      if ((await probe(slot)) === 'ready') {
        if (slot.child === child) setState(slot, 'ready');
        return;
      }
      if (Date.now() > deadline) {
        // Killed; its exit restarts it with backoff.
        child.kill('SIGKILL');
        throw new StartError(`process ${slot.index + 1} was not ready within ${startTimeoutMs} ms:\n${slot.tail}`);
      }
      await sleep(100);
    }
    if (!stopping) throw new StartError(`process ${slot.index + 1} exited before it was ready:\n${slot.tail}`);
  };

  const stopProcesses = async () => {
    await Promise.all(
      slots.map(async (slot) => {
        const child = slot.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }),
    );
  };
  let resolveFailed: (reason: string) => void = () => {};
  const failed = new Promise<string>((resolve) => {
    resolveFailed = resolve;
  });
  const stopNginx = async () => {
    const running = nginx;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    // QUIT: nginx stops accepting and lets the requests it is proxying finish (the processes still run).
    running.kill('SIGQUIT');
    const force = setTimeout(() => running.kill('SIGTERM'), 10_000);
    await exited;
    clearTimeout(force);
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      clearInterval(health);
      for (const wake of waiters) wake();
      await stopNginx();
      await stopProcesses();
      process.removeListener('exit', killAll);
      logger.info('fleet: stopped');
    })());
  // A crash of this module's caller must not leave processes behind it (SIGKILL of the fleet itself cannot be caught: run it under systemd, whose cgroup takes them all).
  const killAll = () => {
    for (const child of [nginx, ...slots.map((slot) => slot.child)]) if (child && child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  let health: NodeJS.Timeout | undefined;
  try {
    writeConfig();
    for (const slot of slots) spawnProcess(slot);
    await Promise.all(slots.map(untilReady));
    writeConfig();
    upstreamShown = slots.map((slot) => (slot.state === 'ready' ? 'up' : 'down')).join(',');
    // Checked first: a bad configuration is reported as nginx words it, not as a process that exits.
    await promisify(execFile)(options.nginx, [...nginxArgs, '-t', '-q']).catch((error: { stderr?: string }) => {
      throw new StartError(`nginx refused the configuration ${configPath}:\n${error.stderr ?? String(error)}`);
    });
    const started = spawn(options.nginx, nginxArgs, { stdio: stdio(), detached: true });
    nginx = started;
    let nginxTail = '';
    output('nginx', started, (text) => {
      nginxTail = (nginxTail + text).slice(-3000);
    });
    started.once('exit', (code, signal) => {
      if (stopping) return;
      const reason = `nginx ended by itself (${code ?? signal}); see ${errorLog}`;
      logger.error({ code, signal, errorLog }, 'fleet: nginx ended by itself; stopping the fleet');
      resolveFailed(reason);
    });
    const url = `http://${options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        let log = '';
        try {
          log = readFileSync(errorLog, 'utf8').slice(-2000);
        } catch {
          // no log yet
        }
        throw new StartError(`nginx exited at start (${started.exitCode ?? started.signalCode}):\n${nginxTail}${log}`);
      }
      const answered = await fetch(url + READY_PATH, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) }).then(
        (response) => response.status,
        () => 0,
      );
      if (answered === 200) break;
      if (Date.now() > deadline) throw new StartError(`nginx did not answer on ${url} within 10 s:\n${nginxTail}`);
      await sleep(50);
    }
    // Readiness every interval: "stopping" takes a process out at once; another not-ready answer
    // (database away, migrating) NOT_READY_PROBES times running, no answer UNANSWERED_PROBES times running.
    health = setInterval(() => {
      for (const slot of slots) {
        if (!slot.child || slot.state === 'starting') continue;
        void probe(slot).then((answer) => {
          if (stopping || !slot.child) return;
          const judged = judgeProbe(slot, answer);
          slot.failures = judged.failures;
          slot.notReady = judged.notReady;
          if (judged.verdict === 'ready') setState(slot, 'ready');
          else if (judged.verdict === 'out') setState(slot, 'not-ready');
        });
      }
    }, healthIntervalMs);
    health.unref();
    return {
      url,
      processes: slots,
      nginxPid: () => nginx?.pid,
      configPath,
      failed,
      whenReady: (index, timeoutMs) =>
        new Promise<void>((resolve, reject) => {
          const slot = slots[index];
          if (!slot) return reject(new Error(`no process ${index}`));
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`process ${index + 1} not ready within ${timeoutMs} ms (state ${slot.state}):\n${slot.tail}`));
          }, timeoutMs);
          function check() {
            if (slot?.state !== 'ready' && !stopping) return;
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
          waiters.add(check);
          check();
        }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export { StartError as FleetStartError };
