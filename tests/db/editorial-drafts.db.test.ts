/**
 * The migration to one drafts table (2026121201_editorial_drafts, docs/decisions/057), on SQLite and
 * PostgreSQL: every row of guide_drafts and notice_drafts is carried into editorial_drafts under its
 * kind and key, with what it was opened from as JSON, and the two tables are gone; migrating down
 * puts them back with their rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../api/db/connect.ts';
import { migratorFor } from '../../api/db/migrate.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.ts';

const BEFORE = '2026121101_notices';
const MIGRATION = '2026121201_editorial_drafts';
const LIFECYCLE = sql.raw('created_by, last_changed_by, submitted_by, approved_by, review_comment, change_note, change_kind, scheduled_at, scheduled_by, lock_version, created_at, updated_at');

describe.each(DIALECTS)('the editorial drafts migration on %s', (kind) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  const tables = async () => {
    const rows = kind === 'sqlite' ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(handle.db) : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(handle.db);
    return rows.rows.map((row) => row.name);
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind, { fresh: true });
    handle = openDatabase(database.target);
    const migrated = await (await migratorFor(handle.db)).migrateTo(BEFORE);
    if (migrated.error) throw migrated.error;
    await sql`insert into guide_drafts (slug, state, content_json, base_versions_json, ${LIFECYCLE})
      values ('old-age-allowance', 'scheduled', '{"zh-CN":{}}', '{"zh-CN":3,"en":2}', 'ann', 'ann', 'ann', 'bob', null, '{"zh-CN":"改","en":"Changed"}', 'major', '2027-01-01T01:00:00.000Z', 'bob', 5, '2026-12-10T02:00:00.000Z', '2026-12-10T03:00:00.000Z')`.execute(handle.db);
    await sql`insert into notice_drafts (id, state, content_json, base_version, ${LIFECYCLE})
      values ('20261210-ab12', 'draft', '{"date":"2026-12-10"}', null, 'ann', 'ann', null, null, '请补充', null, null, null, null, 2, '2026-12-10T02:00:00.000Z', '2026-12-10T02:30:00.000Z'),
             ('20261209-cd34', 'submitted', '{"date":"2026-12-09"}', 4, 'bob', 'bob', 'bob', null, null, null, null, null, null, 3, '2026-12-09T02:00:00.000Z', '2026-12-09T02:30:00.000Z')`.execute(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('carries every guide and notice draft into editorial_drafts, and drops the two tables', async () => {
    const migrated = await (await migratorFor(handle.db)).migrateTo(MIGRATION);
    if (migrated.error) throw migrated.error;
    const rows = await handle.db.selectFrom('editorial_drafts').selectAll().orderBy('kind').orderBy('key').execute();
    expect(rows.map((row) => ({ kind: row.kind, key: row.key, state: row.state, base: JSON.parse(row.base_json) as unknown, lock: Number(row.lock_version) }))).toEqual([
      { kind: 'guide', key: 'old-age-allowance', state: 'scheduled', base: { 'zh-CN': 3, en: 2 }, lock: 5 },
      { kind: 'notice', key: '20261209-cd34', state: 'submitted', base: 4, lock: 3 },
      { kind: 'notice', key: '20261210-ab12', state: 'draft', base: null, lock: 2 },
    ]);
    expect(rows[0]).toMatchObject({ change_note: '{"zh-CN":"改","en":"Changed"}', change_kind: 'major', scheduled_at: '2027-01-01T01:00:00.000Z', scheduled_by: 'bob', approved_by: 'bob', content_json: '{"zh-CN":{}}' });
    expect(rows[2]).toMatchObject({ review_comment: '请补充', updated_at: '2026-12-10T02:30:00.000Z' });
    const names = await tables();
    expect(names).toContain('editorial_drafts');
    expect(names).not.toContain('guide_drafts');
    expect(names).not.toContain('notice_drafts');
  });

  it('puts the two tables back with their rows when migrated down', async () => {
    const down = await (await migratorFor(handle.db)).migrateDown();
    if (down.error) throw down.error;
    const guides = await sql<{ slug: string; base_versions_json: string; lock_version: number }>`select slug, base_versions_json, lock_version from guide_drafts`.execute(handle.db);
    expect(guides.rows.map((row) => ({ ...row, lock_version: Number(row.lock_version) }))).toEqual([{ slug: 'old-age-allowance', base_versions_json: '{"zh-CN":3,"en":2}', lock_version: 5 }]);
    const notices = await sql<{ id: string; base_version: number | null }>`select id, base_version from notice_drafts order by id`.execute(handle.db);
    expect(notices.rows.map((row) => ({ id: row.id, base: row.base_version === null ? null : Number(row.base_version) }))).toEqual([
      { id: '20261209-cd34', base: 4 },
      { id: '20261210-ab12', base: null },
    ]);
    expect(await tables()).not.toContain('editorial_drafts');
  });
});
