/**
 * Starts the real portal server as a child process on a free port with a fresh data folder, the
 * way a user runs it; for the browser tests, the benchmarks and the shutdown tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PortalProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Every line the server printed, for assertions about logs. */
  output: string[];
  /** Milliseconds from spawn to the "listening" log line. */
  startupMs: number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface PortalProcessOptions {
  env?: Record<string, string>;
  /** Reuse a data folder (e.g. a second process on the same database); a fresh one otherwise. */
  dataDir?: string;
  timeoutMs?: number;
}

export async function startPortalProcess(options: PortalProcessOptions = {}): Promise<PortalProcess> {
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portal-test-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'api/cli/serve.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`portal did not start in time:\n${output.join('\n')}`));
    }, options.timeoutMs ?? 30_000);
    const onLine = (line: string) => {
      output.push(line);
      // serve.ts prints this plain line whatever the log level.
      const listening = /^portal listening at (http:\/\/\S+)$/.exec(line);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1].replace('localhost', '127.0.0.1'));
      }
    };
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`portal exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });
  const startupMs = performance.now() - started;
  return {
    url,
    dataDir,
    child,
    output,
    startupMs,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => {
          if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        });
        child.kill(signal);
      }),
  };
}
