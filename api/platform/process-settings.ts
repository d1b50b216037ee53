/**
 * What the portal's process runs with (docs/decisions/078): V8's heap sized for a server that keeps
 * ~60 MB alive, glibc's malloc held to two arenas, and Node's compile cache on. Heap sizes and the
 * arena count are read once, when the process starts (V8 ignores a semi-space size set later, glibc
 * reads MALLOC_ARENA_MAX at its first allocation), so the entry (`api/cli/serve.ts`, `start.ts`)
 * replaces its own process with one started with them, before it loads anything else: same pid,
 * same stdio, same signals, for whoever supervises it.
 *
 * What an operator set wins: a flag already given (on the command line or in NODE_OPTIONS), an
 * environment variable already set. `PORTAL_PROCESS_SETTINGS=off` starts the process as it is.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * - `--max-semi-space-size=8`: the young generation at 2 × 8 MB instead of V8's 2 × 64 MB on a
 *   64-bit machine with memory to spare. A request's garbage dies young either way; the larger
 *   space only kept 128 MB resident after the first burst.
 * - `--max-old-space-size=256`: the old generation's limit. The live heap after load is ~60–80 MB;
 *   V8 treats a heap this size as memory-constrained and grows its next-collection limit by less,
 *   so the dead objects of a burst are collected instead of kept (V8's default limit here is 4 GB).
 */
export const PORTAL_V8_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--max-old-space-size=256'];

/** glibc's malloc makes an arena per thread that allocates (libuv's pool compresses pages), each keeping what it freed. */
export const PORTAL_MALLOC_ARENA_MAX = '2';

/**
 * glibc's malloc settings, each set unless the environment already has it:
 * - `MALLOC_ARENA_MAX` (above).
 * - `MALLOC_MMAP_THRESHOLD_=65536`: a block of 64 KiB or more (a socket's read buffer, a
 *   compressor's window, a rendered page's bytes) gets pages of its own, returned to the system
 *   when freed. By default glibc raises this threshold to the size of the largest such block freed
 *   (up to 32 MiB) and its trim threshold to twice that, so after the first burst these blocks came
 *   from the main heap, whose freed middle and top (up to 64 MiB) stayed resident: ~50 MB idle after
 *   the page load tests, ~40 MB with this (docs/decisions/078, 2026-12-06 section).
 * - `MALLOC_TRIM_THRESHOLD_=131072`: glibc's default, fixed; setting either threshold turns off that
 *   raising for both.
 */
export const PORTAL_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: PORTAL_MALLOC_ARENA_MAX,
  MALLOC_MMAP_THRESHOLD_: '65536',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** Set in the relaunched process's environment (and removed from it at once): it is relaunched only once. */
const RELAUNCHED_MARK = 'PORTAL_PROCESS_RELAUNCHED';
const OPT_OUT = 'PORTAL_PROCESS_SETTINGS';

export interface ProcessStart {
  execPath: string;
  /** process.execArgv: the flags node was started with. */
  execArgv: readonly string[];
  /** process.argv: node, the script, its arguments. */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Where the compile cache goes when NODE_COMPILE_CACHE does not say; undefined: none. */
  compileCacheDir: string | undefined;
}

export interface Relaunch {
  /** argv[0] is the executable, as execve takes it. */
  args: string[];
  env: Record<string, string>;
}

const flagName = (flag: string) => flag.split('=')[0]?.replace(/_/g, '-') ?? flag;

/** The process to start instead of this one, or undefined when this one already runs with the settings. */
export function relaunchFor(start: ProcessStart): Relaunch | undefined {
  if (start.env[RELAUNCHED_MARK] !== undefined || start.env[OPT_OUT] === 'off') return undefined;
  const given = new Set([...start.execArgv, ...(start.env.NODE_OPTIONS ?? '').split(/\s+/)].filter(Boolean).map(flagName));
  const flags = PORTAL_V8_FLAGS.filter((flag) => !given.has(flagName(flag)));
  const added: Record<string, string> = {};
  for (const [name, value] of Object.entries(PORTAL_MALLOC_ENV)) if (start.env[name] === undefined) added[name] = value;
  // In the environment rather than module.enableCompileCache(): the relaunched process then reads
  // even its entry from the cache, without loading the TypeScript stripper at all.
  if (start.env.NODE_COMPILE_CACHE === undefined && start.env.NODE_DISABLE_COMPILE_CACHE === undefined && start.compileCacheDir) {
    added.NODE_COMPILE_CACHE = start.compileCacheDir;
  }
  if (flags.length === 0 && Object.keys(added).length === 0) return undefined;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(start.env)) if (value !== undefined) env[name] = value;
  return {
    args: [start.execPath, ...flags, ...start.execArgv, ...start.argv.slice(1)],
    env: { ...env, ...added, [RELAUNCHED_MARK]: '1' },
  };
}

/**
 * This user's compile cache folder in the OS temp folder, private to them: V8's code cache is
 * trusted input, so a folder another user made (or a link to one) is not used.
 */
export function privateCompileCacheDir(): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const dir = join(tmpdir(), `civil-affairs-portal-compile-cache-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces this process with one started with the portal's settings (execve: same pid), unless it
 * runs with them already. Call first in an entry, before anything with effects: nothing after the
 * call runs in the process it replaces. Where execve is missing (Windows), the process goes on as is.
 */
export function relaunchWithProcessSettings(): void {
  if (process.env[RELAUNCHED_MARK] !== undefined) {
    // Not inherited by what this process starts (a virus scanner, a build).
    delete process.env[RELAUNCHED_MARK];
    return;
  }
  if (typeof process.execve !== 'function') return;
  const relaunch = relaunchFor({ execPath: process.execPath, execArgv: process.execArgv, argv: process.argv, env: process.env, compileCacheDir: privateCompileCacheDir() });
  if (relaunch) process.execve(process.execPath, relaunch.args, relaunch.env);
}
