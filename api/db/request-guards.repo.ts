/**
 * Guards that must hold across processes: fixed-window rate limits and idempotency keys. Each is a
 * single atomic statement (an upsert, an insert that may conflict), correct on SQLite and
 * PostgreSQL alike without locks held across requests.
 */
import { sql, type Kysely } from 'kysely';
import { compiledOnce } from './compiled-query.ts';
import type { Database } from './schema.ts';

export interface RateLimitDecision {
  allowed: boolean;
  count: number;
  /** When the current window ends (ISO). */
  resetAt: string;
}

/** One more request counted against `key`, allowed up to `limit` in the window. */
export interface RateLimitHit {
  key: string;
  limit: number;
}

/**
 * One statement per number of keys counted at once: each key's row is created with a count of 1, or
 * its count raised by one in the same window (started again at 1 in a new one). Compiled once.
 */
const countStatements = new Map<number, ReturnType<typeof countStatement>>();
function countStatement(keys: number) {
  return compiledOnce(keys + 1, (db, windowStart: string, ...keyArguments: string[]) =>
    db
      .insertInto('rate_limits')
      .values(keyArguments.map((key) => ({ key, window_start: windowStart, count: 1 })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          // A new window starts the count again; the same window adds one.
          count: sql<number>`case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end`,
          window_start: eb.ref('excluded.window_start'),
        })),
      )
      .returning(['key', 'count']),
  );
}

/**
 * Counts one more request for each key in the current window and says, key by key (in the order
 * given), whether it is within its limit. Every key is counted in one statement: one write and one
 * transaction however many limits a request is counted against (a status lookup: per client and per
 * tracking number), each still shared by every process through the database. The keys must differ.
 */
export async function hitRateLimits(db: Kysely<Database>, hits: readonly RateLimitHit[], options: { windowMs: number; now: Date }): Promise<RateLimitDecision[]> {
  if (hits.length === 0) return [];
  if (new Set(hits.map((hit) => hit.key)).size !== hits.length) throw new Error('hitRateLimits: the same key twice');
  const windowStart = new Date(Math.floor(options.now.getTime() / options.windowMs) * options.windowMs).toISOString();
  let statement = countStatements.get(hits.length);
  if (!statement) countStatements.set(hits.length, (statement = countStatement(hits.length)));
  const { rows } = await statement(db, windowStart, ...hits.map((hit) => hit.key));
  // RETURNING gives no order on PostgreSQL: each row by its key.
  const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
  const resetAt = new Date(Date.parse(windowStart) + options.windowMs).toISOString();
  return hits.map((hit) => {
    const count = counts.get(hit.key);
    if (count === undefined) throw new Error(`hitRateLimits: no count returned for ${hit.key}`);
    return { allowed: count <= hit.limit, count, resetAt };
  });
}

/** Counts one more request for `key` in the current window and says whether it is within `limit`. */
export async function hitRateLimit(db: Kysely<Database>, key: string, options: { limit: number; windowMs: number; now: Date }): Promise<RateLimitDecision> {
  const [decision] = await hitRateLimits(db, [{ key, limit: options.limit }], options);
  if (!decision) throw new Error('hitRateLimit: no decision');
  return decision;
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

const claimedKey = compiledOnce(1, (db, key: string) => db.selectFrom('idempotency_keys').select('key').where('key', '=', key));

/**
 * Whether a key was claimed before (a read only: a request that will be refused need not claim one).
 * Compiled once: in a rush for a popular date every attempt refused as full asks it.
 */
export async function idempotencyKeyExists(db: Kysely<Database>, key: string): Promise<boolean> {
  return (await claimedKey(db, key)).rows.length > 0;
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
