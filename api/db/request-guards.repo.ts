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

export type IdempotencyClaim =
  | { outcome: 'first' }
  | { outcome: 'replay'; status: number; body: unknown }
  | { outcome: 'in-progress' }
  | { outcome: 'mismatch' };

/**
 * The first request with a key claims it; a repeat with the same body gets the first answer back
 * (or "in progress" while the first is still running); the same key with a different body is refused.
 */
export async function claimIdempotencyKey(db: Kysely<Database>, key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ key, request_hash: requestHash, status: 'in-progress', response_status: null, response_json: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { outcome: 'first' };
  const existing = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  if (!existing || existing.request_hash !== requestHash) return { outcome: 'mismatch' };
  if (existing.status !== 'done' || existing.response_status === null) return { outcome: 'in-progress' };
  return { outcome: 'replay', status: Number(existing.response_status), body: existing.response_json ? (JSON.parse(existing.response_json) as unknown) : null };
}

/** Whether a key was claimed before (a read only: a request that will be refused need not claim one). */
export async function idempotencyKeyExists(db: Kysely<Database>, key: string): Promise<boolean> {
  return (await db.selectFrom('idempotency_keys').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
}

export async function completeIdempotencyKey(db: Kysely<Database>, key: string, response: { status: number; body: unknown }): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: 'done', response_status: response.status, response_json: JSON.stringify(response.body) })
    .where('key', '=', key)
    .execute();
}

/** A request that failed before answering gives its key back, so the client can try again. */
export async function releaseIdempotencyKey(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('key', '=', key).where('status', '=', 'in-progress').execute();
}
