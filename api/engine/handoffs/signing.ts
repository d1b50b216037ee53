/**
 * How a hand-off's requests and callbacks are signed (docs/decisions/044): HMAC-SHA256, under the
 * hand-off's shared secret, over the timestamp, a full stop and the body exactly as sent. The
 * timestamp (Unix seconds) is inside what is signed, so a captured request replayed later than the
 * window is refused, and the body cannot be changed without the signature failing. Both sides use
 * these functions: the portal signs requests and verifies callbacks; the development receiver does
 * the opposite.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers a signed request or callback carries. */
export const HANDOFF_HEADERS = {
  /** The request's id: the receiving system answers a repeat of it as it answered the first. */
  requestId: 'x-handoff-request-id',
  /** Unix seconds when it was signed. */
  timestamp: 'x-handoff-timestamp',
  /** `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. */
  signature: 'x-handoff-signature',
} as const;

/** How far a signature's timestamp may be from the verifier's clock, either way. */
export const REPLAY_WINDOW_SECONDS = 300;

const SCHEME = 'v1=';

export function signHandoff(secret: string, timestamp: number, body: string): string {
  return SCHEME + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The headers to send a body with, signed at `now`. */
export function signedHeaders(secret: string, requestId: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    [HANDOFF_HEADERS.requestId]: requestId,
    [HANDOFF_HEADERS.timestamp]: String(timestamp),
    [HANDOFF_HEADERS.signature]: signHandoff(secret, timestamp, body),
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Whether `signature` signs `body` at `timestamp` under `secret`, within the replay window of `now`. */
export function verifyHandoffSignature(secret: string, input: { timestamp: string | undefined; signature: string | undefined; body: string; now: Date }): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const seconds = Number(timestamp);
  if (Math.abs(input.now.getTime() / 1000 - seconds) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signHandoff(secret, seconds, input.body));
  const given = Buffer.from(signature);
  // Compared in constant time, so that the time taken says nothing of how much of it was right.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
