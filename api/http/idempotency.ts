/**
 * Idempotency-Key for POSTs that create something: the first request with a key runs; a repeat
 * with the same body gets the first answer again; the same key with another body, or while the
 * first is still running, gets 409. A refused request (4xx) releases the key, so the corrected
 * answers may use it. A claim left "in progress" by a request whose process died is taken over by
 * the next request with the key once its lease has passed (IDEMPOTENCY_LEASE_MS).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { claimIdempotencyKey, completeIdempotencyKey, IDEMPOTENCY_LEASE_MS, idempotencyKeyExists, releaseIdempotencyKey } from '../db/request-guards.repo.ts';
import type { ApiEnv } from './api-env.ts';

/**
 * Keeps the work's answer under its key inside the work's own transaction, so that what was made and
 * the answer a repeat gets are committed together: a client whose connection was cut after the
 * commit, or whose process died, gets the first answer again on its retry, never a refusal for what
 * its first try did (docs/decisions/069). Work that makes nothing in a transaction of its own need
 * not call it: its answer is kept after it, as before.
 */
export type KeepAnswer = (trx: Transaction<Database>, body: unknown) => Promise<void>;

/** What the work did: made something (its answer is kept for repeats), or refused (the key is released). */
export type IdempotentOutcome<Body, Refusal> = { kind: 'done'; status: 201; body: Body } | { kind: 'refused'; refusal: Refusal };

/**
 * Reads the request's JSON body (a body that is not JSON is `malformed`, before any key is claimed)
 * and runs `work` on it under the Idempotency-Key, if the request has one.
 *
 * `refuseEarly`, when given, may refuse a request before its key is claimed, from what it knows
 * cheaply (a slot already full): such a request writes nothing. A key used before still goes the
 * whole way, so that a repeat of a request that succeeded gets its first answer, not a refusal.
 */
export async function idempotent<Body, Refusal>(
  c: Context<ApiEnv>,
  scope: string,
  key: string | undefined,
  work: (body: unknown, keep: KeepAnswer) => Promise<IdempotentOutcome<Body, Refusal>>,
  refuseEarly?: (body: unknown) => Promise<Refusal | undefined>,
): Promise<{ kind: 'malformed' } | { kind: 'replay'; body: Body } | { kind: 'conflict'; code: 'idempotency_key_reused' | 'request_in_progress' } | IdempotentOutcome<Body, Refusal>> {
  const rawBody = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { kind: 'malformed' };
  }
  const deps = c.get('deps');
  const scopedKey = `${scope}:${key ?? ''}`;
  const early = await refuseEarly?.(body);
  if (early !== undefined && !(key && (await idempotencyKeyExists(deps.database.db, scopedKey)))) return { kind: 'refused', refusal: early };
  if (!key) return work(body, async () => {});
  const claim = await claimIdempotencyKey(deps.database.db, scopedKey, createHash('sha256').update(rawBody).digest('hex'), deps.now());
  if (claim.outcome === 'replay') return { kind: 'replay', body: claim.body as Body };
  if (claim.outcome !== 'first') return { kind: 'conflict', code: claim.outcome === 'mismatch' ? 'idempotency_key_reused' : 'request_in_progress' };
  let keptInWork: boolean | undefined;
  const keep: KeepAnswer = async (trx, answer) => {
    keptInWork = await completeIdempotencyKey(trx, scopedKey, claim.claimedAt, { status: 201, body: answer });
  };
  try {
    const outcome = await work(body, keep);
    if (outcome.kind === 'done') {
      const kept = keptInWork ?? (await completeIdempotencyKey(deps.database.db, scopedKey, claim.claimedAt, { status: outcome.status, body: outcome.body }));
      // Only a request that outlived its lease gets here; its answer stands, but a repeat will not see it.
      if (!kept) c.get('logger').error({ scope, requestId: c.get('requestId') }, 'a request outlived its idempotency lease: a retry took over its key');
    } else await releaseIdempotencyKey(deps.database.db, scopedKey, claim.claimedAt);
    return outcome;
  } catch (error) {
    // The work failed whole (its transaction rolled back): the key is free for a retry. When the
    // database is away the release fails too; it is tried again until the database is back, so a
    // retry is not told "in progress" for the whole lease (docs/operations.md).
    await releaseIdempotencyKey(deps.database.db, scopedKey, claim.claimedAt).catch(() => releaseWhenBack(() => releaseIdempotencyKey(deps.database.db, scopedKey, claim.claimedAt), deps.now().getTime() + IDEMPOTENCY_LEASE_MS, deps.now));
    throw error;
  }
}

/** How often a release that failed is tried again, until the lease would have freed the key anyway. */
const RELEASE_RETRY_MS = 1_000;

function releaseWhenBack(release: () => Promise<unknown>, until: number, now: () => Date): void {
  const attempt = () => {
    if (now().getTime() >= until) return;
    release().catch(() => setTimeout(attempt, RELEASE_RETRY_MS).unref());
  };
  setTimeout(attempt, RELEASE_RETRY_MS).unref();
}
