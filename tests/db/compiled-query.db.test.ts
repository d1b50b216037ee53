import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../api/db/compiled-query.ts';
import { DIALECTS, useMigratedDatabase } from '../support/test-database.ts';

describe.each(DIALECTS)('queries compiled once, on %s', (kind) => {
  const store = useMigratedDatabase(kind);
  const limitsOf = compiledOnce(2, (db, prefix: string, atLeast: number) =>
    db.selectFrom('rate_limits').select(['key', 'count']).where('key', 'like', prefix).where('count', '>=', atLeast).orderBy('key').limit(10),
  );

  it('run with each call’s values, in the database and in a transaction alike', async () => {
    const window = '2026-12-18T00:00:00.000Z';
    await store.handle.db
      .insertInto('rate_limits')
      .values([
        { key: 'compiled:a', window_start: window, count: 1 },
        { key: 'compiled:b', window_start: window, count: 5 },
        { key: 'other:c', window_start: window, count: 9 },
      ])
      .execute();
    expect((await limitsOf(store.handle.db, 'compiled:%', 1)).rows.map((row) => [row.key, Number(row.count)])).toEqual([
      ['compiled:a', 1],
      ['compiled:b', 5],
    ]);
    expect((await limitsOf(store.handle.db, 'compiled:%', 2)).rows.map((row) => row.key)).toEqual(['compiled:b']);
    const inTransaction = await store.handle.db.transaction().execute(async (trx) => (await limitsOf(trx, '%:c', 0)).rows.map((row) => row.key));
    expect(inTransaction).toEqual(['other:c']);
  });

  it('refuse a query whose argument does not come out as a bound value', async () => {
    const inlined = compiledOnce(1, (db, key: string) => db.selectFrom('rate_limits').select('key').where(sql.raw<boolean>(`key = '${key}'`)));
    await expect(inlined(store.handle.db, 'x')).rejects.toThrow(/bound value/);
    const unused = compiledOnce(2, (db, key: string, _never: string) => db.selectFrom('rate_limits').select('key').where('key', '=', key));
    await expect(unused(store.handle.db, 'x', 'y')).rejects.toThrow(/bound value/);
  });
});
