import { describe, expect, it } from 'vitest';
import { PORTAL_MALLOC_ARENA_MAX, PORTAL_MALLOC_ENV, PORTAL_V8_FLAGS, relaunchFor, type ProcessStart } from '../../api/platform/process-settings.ts';

const start = (overrides: Partial<ProcessStart> = {}): ProcessStart => ({
  execPath: '/opt/node/bin/node',
  execArgv: [],
  argv: ['/opt/node/bin/node', '/srv/portal/api/cli/serve.ts', '--flag-of-the-script'],
  env: { PATH: '/usr/bin', NODE_ENV: 'production' },
  compileCacheDir: '/tmp/portal-cache',
  ...overrides,
});

describe('the process the portal relaunches itself as (docs/decisions/078)', () => {
  it('runs the same script with its arguments, the heap flags before the flags node was given, and keeps the environment', () => {
    const relaunch = relaunchFor(start({ execArgv: ['--enable-source-maps'] }));
    expect(relaunch?.args).toEqual(['/opt/node/bin/node', ...PORTAL_V8_FLAGS, '--enable-source-maps', '/srv/portal/api/cli/serve.ts', '--flag-of-the-script']);
    expect(relaunch?.env).toMatchObject({ PATH: '/usr/bin', NODE_ENV: 'production', MALLOC_ARENA_MAX: PORTAL_MALLOC_ARENA_MAX, NODE_COMPILE_CACHE: '/tmp/portal-cache' });
    // Fixed thresholds: glibc stops raising them after a large block is freed (and keeping up to 64 MiB of freed heap).
    expect(relaunch?.env).toMatchObject({ MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_TRIM_THRESHOLD_: '131072' });
  });

  it('is not relaunched again: the relaunched process carries a mark', () => {
    const relaunch = relaunchFor(start());
    expect(relaunch).toBeDefined();
    expect(relaunchFor(start({ execArgv: relaunch?.args.slice(1, 1 + PORTAL_V8_FLAGS.length), env: relaunch?.env }))).toBeUndefined();
  });

  it('leaves what the operator set: a flag given on the command line or in NODE_OPTIONS, malloc’s variables, the compile cache’s folder or its absence', () => {
    const malloc = { MALLOC_ARENA_MAX: '8', MALLOC_MMAP_THRESHOLD_: '1048576', MALLOC_TRIM_THRESHOLD_: '0' };
    const relaunch = relaunchFor(start({ execArgv: ['--max-semi-space-size=32'], env: { NODE_OPTIONS: '--max_old_space_size=1024', ...malloc, NODE_COMPILE_CACHE: '/var/cache/portal' } }));
    expect(relaunch).toBeUndefined();
    const someMalloc = relaunchFor(start({ env: { MALLOC_MMAP_THRESHOLD_: '1048576' } }));
    expect(someMalloc?.env).toMatchObject({ MALLOC_MMAP_THRESHOLD_: '1048576', MALLOC_TRIM_THRESHOLD_: PORTAL_MALLOC_ENV.MALLOC_TRIM_THRESHOLD_, MALLOC_ARENA_MAX: PORTAL_MALLOC_ARENA_MAX });
    const withoutCache = relaunchFor(start({ env: { NODE_DISABLE_COMPILE_CACHE: '1' } }));
    expect(withoutCache?.env.NODE_COMPILE_CACHE).toBeUndefined();
    expect(withoutCache?.args).toEqual(['/opt/node/bin/node', ...PORTAL_V8_FLAGS, '/srv/portal/api/cli/serve.ts', '--flag-of-the-script']);
  });

  it('runs as started when PORTAL_PROCESS_SETTINGS=off, or without a private cache folder only without the cache', () => {
    expect(relaunchFor(start({ env: { PORTAL_PROCESS_SETTINGS: 'off' } }))).toBeUndefined();
    expect(relaunchFor(start({ compileCacheDir: undefined }))?.env.NODE_COMPILE_CACHE).toBeUndefined();
  });
});
