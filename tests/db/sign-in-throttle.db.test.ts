import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/connect.ts';
import { migratorFor } from '../../api/db/migrate.ts';
import { giveBackSignInCount, pruneSignInCounts, recordSignInSuccess, takeSignInCount } from '../../api/db/sign-in-throttle.repo.ts';
import { DIALECTS, createTestDatabase, useMigratedDatabase } from '../support/test-database.ts';

const WINDOW = { limit: 5, windowMs: 15 * 60_000 };
const at = (iso: string) => new Date(iso);

describe.each(DIALECTS)('sign-in counters on %s', (kind) => {
  const store = useMigratedDatabase(kind);

  it('let exactly the limit through when three connections race for one counter', async () => {
    const others = [openDatabase(store.target), openDatabase(store.target)];
    try {
      const now = at('2026-12-05T02:00:00Z');
      const takes = await Promise.all(
        Array.from({ length: 60 }, (_, i) => takeSignInCount((others[i % 3] ?? store.handle).db, 'pair:race', { ...WINDOW, now })),
      );
      expect(takes.filter((take) => take.taken)).toHaveLength(5);
      const row = await store.handle.db.selectFrom('sign_in_throttle').selectAll().where('key', '=', 'pair:race').executeTakeFirstOrThrow();
      // A refused attempt is not counted: the stored count never passes the limit.
      expect(Number(row.count)).toBe(5);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('start a window at its first attempt and a new one once it is over', async () => {
    const first = await takeSignInCount(store.handle.db, 'pair:window', { ...WINDOW, now: at('2026-12-05T02:07:30Z') });
    expect(first).toEqual({ taken: true, windowStart: '2026-12-05T02:07:30.000Z', lastSignedInAt: null });
    for (let i = 0; i < 4; i += 1) await takeSignInCount(store.handle.db, 'pair:window', { ...WINDOW, now: at('2026-12-05T02:10:00Z') });
    expect(await takeSignInCount(store.handle.db, 'pair:window', { ...WINDOW, now: at('2026-12-05T02:22:29.999Z') })).toEqual({ taken: false, windowStart: '2026-12-05T02:07:30.000Z' });
    expect(await takeSignInCount(store.handle.db, 'pair:window', { ...WINDOW, now: at('2026-12-05T02:22:30Z') })).toMatchObject({ taken: true, windowStart: '2026-12-05T02:22:30.000Z' });
  });

  it('give a count back to the window it was taken in, never to a later one', async () => {
    const now = at('2026-12-05T03:00:00Z');
    const taken = await takeSignInCount(store.handle.db, 'client:back', { ...WINDOW, limit: 1, now });
    if (!taken.taken) throw new Error('not taken');
    expect((await takeSignInCount(store.handle.db, 'client:back', { ...WINDOW, limit: 1, now })).taken).toBe(false);
    await giveBackSignInCount(store.handle.db, 'client:back', taken.windowStart);
    expect((await takeSignInCount(store.handle.db, 'client:back', { ...WINDOW, limit: 1, now })).taken).toBe(true);
    await giveBackSignInCount(store.handle.db, 'client:back', '2026-12-05T02:00:00.000Z');
    expect((await takeSignInCount(store.handle.db, 'client:back', { ...WINDOW, limit: 1, now })).taken).toBe(false);
  });

  it('start the pair again on a successful sign-in, remember it, and forget only what is over and not remembered', async () => {
    const now = at('2026-12-05T04:00:00Z');
    for (let i = 0; i < 5; i += 1) await takeSignInCount(store.handle.db, 'pair:success', { ...WINDOW, now });
    await recordSignInSuccess(store.handle.db, 'pair:success', now);
    expect(await takeSignInCount(store.handle.db, 'pair:success', { ...WINDOW, now })).toEqual({ taken: true, windowStart: now.toISOString(), lastSignedInAt: now.toISOString() });
    await takeSignInCount(store.handle.db, 'account:stale', { ...WINDOW, now });
    const later = at('2026-12-05T04:15:00Z');
    await pruneSignInCounts(store.handle.db, { now: later, windowMs: WINDOW.windowMs, rememberMs: 30 * 24 * 60 * 60_000 });
    const keys = (await store.handle.db.selectFrom('sign_in_throttle').select('key').execute()).map((row) => row.key);
    expect(keys).toContain('pair:success');
    expect(keys).not.toContain('account:stale');
  });

  it('come with a migration that drops the old lockout columns and can be undone', async () => {
    const testDatabase = await createTestDatabase(kind, { fresh: true });
    const handle = openDatabase(testDatabase.target);
    try {
      const migrator = await migratorFor(handle.db);
      expect((await migrator.migrateTo('2026120501_sign_in_throttle')).error).toBeUndefined();
      // Whether the connection's own staff table has the column (introspection would list other schemas' too).
      const has = (column: string) => sql`select ${sql.ref(column)} from staff where 1 = 0`.execute(handle.db).then(() => true, () => false);
      expect([await has('failed_attempts'), await has('locked_until'), await has('username')]).toEqual([false, false, true]);
      expect((await migrator.migrateDown()).error).toBeUndefined();
      expect([await has('failed_attempts'), await has('locked_until')]).toEqual([true, true]);
      expect((await migrator.migrateTo('2026120501_sign_in_throttle')).error).toBeUndefined();
      expect([await has('failed_attempts'), await has('locked_until')]).toEqual([false, false]);
    } finally {
      await handle.close();
      await testDatabase.drop();
    }
  });
});
