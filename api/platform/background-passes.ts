/**
 * The work a portal process does beside answering requests (delivering notifications, sending
 * hand-offs, sweeps, refreshes, anchoring the audit log), as named passes each run on its own
 * interval. A pass never runs beside itself: a tick that comes while the pass before is still
 * running is let go (a slow database gets one pass at a time, not a queue of them to run back to
 * back afterwards). A failed step is logged and the pass goes on with its next step; the next pass
 * runs as usual. `stop()` runs no new pass, waits for those in progress, then runs each pass that
 * asks for it once more (the audit anchor's last round, after every other pass's entries).
 */
import type { Logger } from './logger.ts';

export interface PassStep {
  run: () => Promise<unknown>;
  /** What the log says when the step fails. */
  failure: string;
  /** More fields for that log line. */
  context?: Record<string, unknown>;
}

export interface BackgroundPass {
  /** In the log line of a failed step. */
  name: string;
  intervalMs: number;
  /** Run one after another in each pass; one failing does not keep the next from running. */
  steps: PassStep[];
  /** Run a pass at once when started, not only after the first interval. */
  atStart?: boolean;
  /** Run a last pass when stopped, after the passes in progress (of every pass) have finished. */
  atStop?: boolean;
}

export interface BackgroundPasses {
  /** No new passes; resolves when the passes in progress, then the last passes (`atStop`), have finished. */
  stop(): Promise<void>;
}

export function startBackgroundPasses(passes: readonly BackgroundPass[], logger: Logger): BackgroundPasses {
  let stopped = false;
  let stopping: Promise<void> | undefined;

  const runSteps = async (pass: BackgroundPass): Promise<void> => {
    for (const step of pass.steps) {
      try {
        await step.run();
      } catch (error) {
        logger.error({ err: error, pass: pass.name, ...step.context }, step.failure);
      }
    }
  };

  const scheduled = passes.map((pass) => {
    let running: Promise<void> | undefined;
    const tick = () => {
      if (stopped || running) return;
      running = runSteps(pass).finally(() => {
        running = undefined;
      });
    };
    if (pass.atStart) tick();
    const timer = setInterval(tick, pass.intervalMs);
    // The passes never keep the process alive on their own: a stopped server ends it.
    timer.unref();
    return { pass, timer, inProgress: () => running };
  });

  return {
    stop() {
      stopping ??= (async () => {
        stopped = true;
        for (const { timer } of scheduled) clearInterval(timer);
        await Promise.all(scheduled.map(({ inProgress }) => inProgress()));
        for (const { pass } of scheduled) if (pass.atStop) await runSteps(pass);
      })();
      return stopping;
    },
  };
}
