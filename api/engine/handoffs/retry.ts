/**
 * When a hand-off's request is tried again (docs/decisions/044): after a network error, a 5xx or a
 * 429 only (any other answer will not change by asking again), with exponential backoff (30 s, 1
 * min, 2, 4 … capped at 30 min) and jitter, so that the requests a 核对 system's outage held back do
 * not all arrive again in the same second; after the last attempt, never.
 */
export interface HandoffRetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export const DEFAULT_HANDOFF_RETRY: HandoffRetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000, maxAttempts: 6 };

/** What an attempt's outcome says about trying again. */
export function isRetryable(outcome: { kind: 'network-error' } | { kind: 'status'; status: number }): boolean {
  if (outcome.kind === 'network-error') return true;
  return outcome.status >= 500 || outcome.status === 429;
}

/**
 * The wait before the next attempt, or null when none is left. "Equal jitter": half the exponential
 * delay for sure, the other half drawn (`random` in [0, 1)), so a retry never comes sooner than half
 * its step nor later than the whole.
 * @param attemptsSoFar attempts made, including the one that just failed
 */
export function handoffRetryDelayMs(attemptsSoFar: number, random: number, policy: HandoffRetryPolicy = DEFAULT_HANDOFF_RETRY): number | null {
  if (attemptsSoFar >= policy.maxAttempts) return null;
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptsSoFar - 1));
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 0.999_999));
}
