import { describe, expect, it } from 'vitest';
import { claimIdempotencyKey, completeIdempotencyKey, hitRateLimit, releaseIdempotencyKey } from '../../api/db/request-guards.repo.ts';
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

  it('make a repeated request return the first answer, and refuse the key with another body', async () => {
    const now = at('2026-11-25T02:00:00Z');
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-a', now)).toEqual({ outcome: 'first' });
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-a', now)).toEqual({ outcome: 'in-progress' });
    await completeIdempotencyKey(store.handle.db, 'k1', { status: 201, body: { trackingNumber: '7KQ4-M9XH-2CP' } });
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-a', now)).toEqual({ outcome: 'replay', status: 201, body: { trackingNumber: '7KQ4-M9XH-2CP' } });
    expect(await claimIdempotencyKey(store.handle.db, 'k1', 'hash-b', now)).toEqual({ outcome: 'mismatch' });
  });

  it('let exactly one of many simultaneous requests with the same key go first', async () => {
    const now = at('2026-11-25T02:00:00Z');
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimIdempotencyKey(store.handle.db, 'double-click', 'h', now)));
    expect(claims.filter((c) => c.outcome === 'first')).toHaveLength(1);
    await releaseIdempotencyKey(store.handle.db, 'double-click');
    expect(await claimIdempotencyKey(store.handle.db, 'double-click', 'h', now)).toEqual({ outcome: 'first' });
  });
});
