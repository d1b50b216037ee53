/**
 * The background passes a portal process runs (api/platform/background-passes.ts) on a fake clock:
 * each on its interval, never beside itself, a failure logged without stopping anything, and
 * `stop()` waiting for what is in progress.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundPasses, type BackgroundPass } from '../../api/platform/background-passes.ts';
import { createLogger } from '../../api/platform/logger.ts';

interface LogLine {
  level: string;
  msg: string;
  pass?: string;
  err?: { message: string };
  [field: string]: unknown;
}

describe('background passes', () => {
  let lines: LogLine[];
  const logger = () => createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } });
  const counting = (name: string, intervalMs: number, runs: string[], extra: Partial<BackgroundPass> = {}): BackgroundPass => ({
    name,
    intervalMs,
    steps: [{ run: async () => void runs.push(name), failure: `${name} failed` }],
    ...extra,
  });

  beforeEach(() => {
    lines = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each pass on its own interval, and once at the start when it asks to', async () => {
    const runs: string[] = [];
    const passes = startBackgroundPasses([counting('slow', 1_000, runs), counting('quick', 300, runs, { atStart: true })], logger());
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['quick']);
    await vi.advanceTimersByTimeAsync(299);
    expect(runs).toEqual(['quick']);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['quick', 'quick']);
    await vi.advanceTimersByTimeAsync(700);
    expect(runs.filter((name) => name === 'quick')).toHaveLength(4);
    expect(runs.filter((name) => name === 'slow')).toHaveLength(1);
    await passes.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(5);
  });

  it('never runs a pass beside itself: the ticks that come while it runs are let go', async () => {
    let started = 0;
    let running = 0;
    let mostAtOnce = 0;
    let finish = () => {};
    const pass: BackgroundPass = {
      name: 'slow',
      intervalMs: 1_000,
      steps: [
        {
          run: async () => {
            started += 1;
            running += 1;
            mostAtOnce = Math.max(mostAtOnce, running);
            await new Promise<void>((resolve) => (finish = resolve));
            running -= 1;
          },
          failure: 'slow failed',
        },
      ],
    };
    const passes = startBackgroundPasses([pass], logger());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(started).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    // The ticks missed are not made up for: the next pass comes at the next tick.
    expect(started).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
    finish();
    await passes.stop();
    expect(mostAtOnce).toBe(1);
  });

  it('logs a failed step with its pass, goes on with the pass’s next step, and runs the next pass', async () => {
    const runs: string[] = [];
    let failures = 1;
    const pass: BackgroundPass = {
      name: 'sweeps',
      intervalMs: 1_000,
      steps: [
        {
          run: async () => {
            runs.push('first');
            if (failures-- > 0) throw new Error('database unavailable');
          },
          failure: 'could not sweep',
          context: { table: 'drafts' },
        },
        { run: async () => void runs.push('second'), failure: 'second failed' },
      ],
    };
    const passes = startBackgroundPasses([pass], logger());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['first', 'second']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'could not sweep', pass: 'sweeps', table: 'drafts', err: { message: 'database unavailable' } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['first', 'second', 'first', 'second']);
    expect(lines).toHaveLength(1);
    await passes.stop();
  });

  it('stops: starts no pass, waits for the ones in progress, then runs the last passes once', async () => {
    const order: string[] = [];
    let finish = () => {};
    const slow: BackgroundPass = {
      name: 'deliveries',
      intervalMs: 1_000,
      steps: [
        {
          run: async () => {
            order.push('delivery started');
            await new Promise<void>((resolve) => (finish = resolve));
            order.push('delivery finished');
          },
          failure: 'delivery failed',
        },
      ],
    };
    const anchor: BackgroundPass = { name: 'anchor', intervalMs: 10_000, atStop: true, steps: [{ run: async () => void order.push('anchored'), failure: 'anchor failed' }] };
    const passes = startBackgroundPasses([slow, anchor], logger());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual(['delivery started']);

    let stopped = false;
    const stopping = passes.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(stopped).toBe(false);
    expect(order).toEqual(['delivery started']);

    finish();
    await stopping;
    expect(order).toEqual(['delivery started', 'delivery finished', 'anchored']);
    // Stopping again waits for the same stop: the last pass is not run twice.
    await passes.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(order).toEqual(['delivery started', 'delivery finished', 'anchored']);
  });
});
