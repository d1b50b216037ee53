/**
 * When to try a failed notification again: exponential backoff (1 min, 2, 4 … capped at an hour)
 * and, after the last attempt, never (the message is marked failed for staff to follow up).
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 60_000, maxDelayMs: 3_600_000, maxAttempts: 8 };

/** @param attemptsSoFar attempts made, including the one that just failed */
export function nextAttemptDelayMs(attemptsSoFar: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number | null {
  if (attemptsSoFar >= policy.maxAttempts) return null;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptsSoFar - 1));
}
