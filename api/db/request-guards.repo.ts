/**
 * Guards that must hold across processes: fixed-window rate limits and idempotency keys. Each is a
 * single atomic statement (an upsert, an insert that may conflict), correct on SQLite and
 * PostgreSQL alike without locks held across requests.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface RateLimitDecision {
  allowed: boolean;
  count: number;
  /** When the current window ends (ISO). */
  resetAt: string;
}

/** Counts one more request for `key` in the current window and says whether it is within `limit`. */
export async function hitRateLimit(db: Kysely<Database>, key: string, options: { limit: number; windowMs: number; now: Date }): Promise<RateLimitDecision> {
  const windowStart = new Date(Math.floor(options.now.getTime() / options.windowMs) * options.windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // A new window starts the count again; the same window adds one.
        count: sql<number>`case when rate_limits.window_start = ${windowStart} then rate_limits.count + 1 else 1 end`,
        window_start: windowStart,
      }),
    )
    .returning(['count'])
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  return { allowed: count <= options.limit, count, resetAt: new Date(Date.parse(windowStart) + options.windowMs).toISOString() };
}

/**
 * How long a claim may stay "in progress" before a retry may take it over: the claim of a request
 * whose process died would otherwise answer 409 for ever. Far longer than any request holds a claim
 * (docs/decisions/017 says how that is bounded).
 */
export const IDEMPOTENCY_LEASE_MS = 2 * 60_000;

export type IdempotencyClaim =
  /** This request holds the key; `claimedAt` is its claim, which only it may complete or release. */
  | { outcome: 'first'; claimedAt: string }
  | { outcome: 'replay'; status: number; body: unknown }
  | { outcome: 'in-progress' }
  | { outcome: 'mismatch' };

/**
 * The first request with a key claims it; a repeat with the same body gets the first answer back
 * (or "in progress" while the first is still running); the same key with a different body is refused.
 *
 * A claim still in progress after the lease was left by a request that died: the next request with
 * the key takes it over (with its own body: nothing was answered for the dead one's), whatever body
 * it carries. The takeover is one conditional UPDATE on the claim as it was read, so of several
 * retries at once exactly one takes it over and the others see it in progress. `created_at` is the
 * claim's time: it is also what completing or releasing checks, so a request that outlived its
 * lease can no longer touch the claim that replaced its own.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  key: string,
  requestHash: string,
  now: Date,
  leaseMs: number = IDEMPOTENCY_LEASE_MS,
): Promise<IdempotencyClaim> {
  const claimedAt = now.toISOString();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ key, request_hash: requestHash, status: 'in-progress', response_status: null, response_json: null, created_at: claimedAt })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { outcome: 'first', claimedAt };
  const existing = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  if (!existing) return { outcome: 'in-progress' }; // released between the two statements: the client tries again
  if (existing.status === 'in-progress' && Date.parse(existing.created_at) <= now.getTime() - leaseMs) {
    const takenOver = await db
      .updateTable('idempotency_keys')
      .set({ request_hash: requestHash, created_at: claimedAt })
      .where('key', '=', key)
      .where('status', '=', 'in-progress')
      .where('created_at', '=', existing.created_at)
      .executeTakeFirst();
    return Number(takenOver.numUpdatedRows) === 1 ? { outcome: 'first', claimedAt } : { outcome: 'in-progress' };
  }
  if (existing.request_hash !== requestHash) return { outcome: 'mismatch' };
  if (existing.status !== 'done' || existing.response_status === null) return { outcome: 'in-progress' };
  return { outcome: 'replay', status: Number(existing.response_status), body: existing.response_json ? (JSON.parse(existing.response_json) as unknown) : null };
}

/** Whether a key was claimed before (a read only: a request that will be refused need not claim one). */
export async function idempotencyKeyExists(db: Kysely<Database>, key: string): Promise<boolean> {
  return (await db.selectFrom('idempotency_keys').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
}

/**
 * Keeps the answer for repeats. Only the claim's own request may (`claimedAt` from its claim);
 * false when the claim is no longer its own (a retry took it over after the lease).
 */
export async function completeIdempotencyKey(db: Kysely<Database>, key: string, claimedAt: string, response: { status: number; body: unknown }): Promise<boolean> {
  const updated = await db
    .updateTable('idempotency_keys')
    .set({ status: 'done', response_status: response.status, response_json: JSON.stringify(response.body) })
    .where('key', '=', key)
    .where('status', '=', 'in-progress')
    .where('created_at', '=', claimedAt)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A request that failed before answering gives its key back, so the client can try again (its own claim only). */
export async function releaseIdempotencyKey(db: Kysely<Database>, key: string, claimedAt: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('key', '=', key).where('status', '=', 'in-progress').where('created_at', '=', claimedAt).execute();
}
