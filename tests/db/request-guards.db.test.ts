import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS, claimIdempotencyKey, completeIdempotencyKey, hitRateLimit, hitRateLimits, idempotencyKeyExists, releaseIdempotencyKey } from '../../api/db/request-guards.repo.ts';
import { openDatabase } from '../../api/db/connect.ts';
import { DIALECTS, useMigratedDatabase } from '../support/test-database.ts';

describe.each(DIALECTS)('request guards on %s', (kind) => {
  const store = useMigratedDatabase(kind);
  const at = (iso: string) => new Date(iso);

  it('allow requests up to the limit in a window, then refuse, then start again in the next window', async () => {
    const options = { limit: 3, windowMs: 60_000 };
    const decisions = [];
    for (let i = 0; i < 5; i += 1) decisions.push(await hitRateLimit(store.handle.db, 'track:client:a', { ...options, now: at('2026-11-25T02:00:10Z') }));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions[4]).toMatchObject({ count: 5, resetAt: '2026-11-25T02:01:00.000Z' });
    expect(await hitRateLimit(store.handle.db, 'track:client:a', { ...options, now: at('2026-11-25T02:01:01Z') })).toMatchObject({ allowed: true, count: 1 });
    expect(await hitRateLimit(store.handle.db, 'track:client:b', { ...options, now: at('2026-11-25T02:00:10Z') })).toMatchObject({ allowed: true, count: 1 });
  });

  it('count every request exactly once when several processes hit the same limit at once', async () => {
    const others = [openDatabase(store.target), openDatabase(store.target)];
    try {
      const now = at('2026-11-25T03:00:00Z');
      const hits = await Promise.all(
        Array.from({ length: 30 }, (_, i) => hitRateLimit((others[i % 2] ?? store.handle).db, 'track:number:X', { limit: 10, windowMs: 60_000, now })),
      );
      expect(hits.filter((h) => h.allowed)).toHaveLength(10);
      expect(Math.max(...hits.map((h) => h.count))).toBe(30);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  it('count several limits in one statement, each against its own limit and window, in the order given', async () => {
    const now = at('2026-11-25T05:00:10Z');
    const options = { windowMs: 60_000, now };
    // The per-number count is ahead of the client's: each key keeps its own count.
    await hitRateLimit(store.handle.db, 'both:number:N', { limit: 2, ...options });
    const first = await hitRateLimits(store.handle.db, [{ key: 'both:client:C', limit: 5 }, { key: 'both:number:N', limit: 2 }], options);
    expect(first).toEqual([
      { allowed: true, count: 1, resetAt: '2026-11-25T05:01:00.000Z' },
      { allowed: true, count: 2, resetAt: '2026-11-25T05:01:00.000Z' },
    ]);
    const second = await hitRateLimits(store.handle.db, [{ key: 'both:number:N', limit: 2 }, { key: 'both:client:C', limit: 5 }], options);
    expect(second.map((decision) => [decision.allowed, decision.count])).toEqual([
      [false, 3],
      [true, 2],
    ]);
    // A new window starts both again, in the same statement.
    const later = await hitRateLimits(store.handle.db, [{ key: 'both:client:C', limit: 5 }, { key: 'both:number:N', limit: 2 }], { windowMs: 60_000, now: at('2026-11-25T05:01:00Z') });
    expect(later.map((decision) => decision.count)).toEqual([1, 1]);
    await expect(hitRateLimits(store.handle.db, [{ key: 'same', limit: 1 }, { key: 'same', limit: 1 }], options)).rejects.toThrow(/same key/);
  });

  it('count both limits of every request exactly once when several processes count the same keys at once', async () => {
    const others = [openDatabase(store.target), openDatabase(store.target)];
    try {
      const now = at('2026-11-25T06:00:00Z');
      const hits = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          hitRateLimits((others[i % 2] ?? store.handle).db, [{ key: `pair:client:${i % 3}`, limit: 100 }, { key: 'pair:number:X', limit: 10 }], { windowMs: 60_000, now }),
        ),
      );
      expect(hits.filter(([, number]) => number?.allowed)).toHaveLength(10);
      expect(hits.map(([, number]) => number?.count).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(Math.max(...hits.map(([client]) => client?.count ?? 0))).toBe(10);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  it('tell whether a key was claimed, from a statement compiled once', async () => {
    const now = at('2026-11-25T02:30:00Z');
    expect(await idempotencyKeyExists(store.handle.db, 'seen-before')).toBe(false);
    await claimIdempotencyKey(store.handle.db, 'seen-before', 'h', now);
    expect(await idempotencyKeyExists(store.handle.db, 'seen-before')).toBe(true);
    expect(await idempotencyKeyExists(store.handle.db, 'never-seen')).toBe(false);
  });

  it('make a repeated request return the first answer, and refuse the key with another body', async () => {
    const now = at('2026-11-25T02:00:00Z');
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-a', now)).toEqual({ outcome: 'first', claimedAt: now.toISOString() });
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-a', now)).toEqual({ outcome: 'in-progress' });
    expect(await completeIdempotencyKey(store.handle.db, 'k1', now.toISOString(), { status: 201, body: { trackingNumber: '7KQ4-M9XH-2CP' } })).toBe(true);
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-a', now)).toEqual({ outcome: 'replay', status: 201, body: { trackingNumber: '7KQ4-M9XH-2CP' } });
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-b', now)).toEqual({ outcome: 'mismatch' });
  });

  it('let exactly one of many simultaneous requests with the same key go first', async () => {
    const now = at('2026-11-25T02:00:00Z');
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimIdempotencyKey(store.handle.db, 'double-click', 'h', now)));
    expect(claims.filter((c) => c.outcome === 'first')).toHaveLength(1);
    await releaseIdempotencyKey(store.handle.db, 'double-click', now.toISOString());
    expect(await claimIdempotencyKey(store.handle.db, 'double-click', 'h', now)).toMatchObject({ outcome: 'first' });
  });

  /** A claim as a request leaves it when its process dies mid-way: in progress, never completed nor released. */
  const leaveClaimBehind = (key: string, claimedAt: Date, requestHash = 'h') =>
    store.handle.db.insertInto('idempotency_keys').values({ key, request_hash: requestHash, status: 'in-progress', response_status: null, response_json: null, created_at: claimedAt.toISOString() }).execute();

  it('let a retry take over a claim left in progress longer than the lease, and keep a fresh one in progress', async () => {
    const now = at('2026-11-25T04:00:00Z');
    await leaveClaimBehind('dead', new Date(now.getTime() - IDEMPOTENCY_LEASE_MS - 1));
    await leaveClaimBehind('running', new Date(now.getTime() - IDEMPOTENCY_LEASE_MS + 1000));
    expect(await claimIdempotencyKey(store.handle.db, 'dead', 'h', now)).toEqual({ outcome: 'first', claimedAt: now.toISOString() });
    expect(await claimIdempotencyKey(store.handle.db, 'running', 'h', now)).toEqual({ outcome: 'in-progress' });
    // Taken over, the key is the retry's: in progress while it runs, its answer replayed after.
    expect(await claimIdempotencyKey(store.handle.db, 'dead', 'h', now)).toEqual({ outcome: 'in-progress' });
    expect(await completeIdempotencyKey(store.handle.db, 'dead', now.toISOString(), { status: 201, body: { n: 1 } })).toBe(true);
    expect(await claimIdempotencyKey(store.handle.db, 'dead', 'h', now)).toEqual({ outcome: 'replay', status: 201, body: { n: 1 } });
  });

  it('let a retry with changed answers take over a dead claim (nothing was answered for it)', async () => {
    const now = at('2026-11-25T04:10:00Z');
    await leaveClaimBehind('edited', new Date(now.getTime() - IDEMPOTENCY_LEASE_MS - 1), 'old-answers');
    expect(await claimIdempotencyKey(store.handle.db, 'edited', 'new-answers', now)).toMatchObject({ outcome: 'first' });
    expect(await claimIdempotencyKey(store.handle.db, 'edited', 'old-answers', now)).toEqual({ outcome: 'mismatch' });
  });

  it('let exactly one of several simultaneous retries, over several connections, take over a dead claim', async () => {
    const others = [openDatabase(store.target), openDatabase(store.target)];
    try {
      const now = at('2026-11-25T04:20:00Z');
      await leaveClaimBehind('crashed', new Date(now.getTime() - 10 * IDEMPOTENCY_LEASE_MS));
      const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => claimIdempotencyKey((others[i % 3] ?? store.handle).db, 'crashed', 'h', now)));
      expect(claims.filter((claim) => claim.outcome === 'first')).toHaveLength(1);
      expect(claims.filter((claim) => claim.outcome === 'in-progress')).toHaveLength(11);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('never let a request that outlived its lease complete or release the claim that replaced its own', async () => {
    const first = at('2026-11-25T04:30:00Z');
    const retry = new Date(first.getTime() + IDEMPOTENCY_LEASE_MS + 1);
    expect(await claimIdempotencyKey(store.handle.db, 'slow', 'h', first)).toMatchObject({ outcome: 'first' });
    expect(await claimIdempotencyKey(store.handle.db, 'slow', 'h', retry)).toEqual({ outcome: 'first', claimedAt: retry.toISOString() });
    expect(await completeIdempotencyKey(store.handle.db, 'slow', first.toISOString(), { status: 201, body: { n: 'late' } })).toBe(false);
    await releaseIdempotencyKey(store.handle.db, 'slow', first.toISOString());
    expect(await claimIdempotencyKey(store.handle.db, 'slow', 'h', retry)).toEqual({ outcome: 'in-progress' });
    expect(await completeIdempotencyKey(store.handle.db, 'slow', retry.toISOString(), { status: 201, body: { n: 'retry' } })).toBe(true);
    expect(await claimIdempotencyKey(store.handle.db, 'slow', 'h', retry)).toEqual({ outcome: 'replay', status: 201, body: { n: 'retry' } });
  });
});
