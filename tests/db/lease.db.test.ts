/**
 * The lease every outbox-like table is worked under (api/db/lease.ts), on each table that has one:
 * what a claim takes, that workers claiming at once never share a row, and that only the worker
 * holding a row's lease records its outcome (a lease that expired has passed to another).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { claimDueRows, updateWhileLeased, type LeasedTable } from '../../api/db/lease.ts';
import { DIALECTS, useMigratedDatabase } from '../support/test-database.ts';

const TABLES: LeasedTable[] = ['notification_outbox', 'handoff_requests'];
const CASES = DIALECTS.flatMap((kind) => TABLES.map((table) => ({ kind, table })));
const CASE_ID = 'lease-test-case';

describe.each(CASES)('leases on $table on $kind', ({ kind, table }) => {
  const store = useMigratedDatabase(kind);
  const db = () => store.handle.db;
  const start = new Date('2026-11-25T02:00:00Z');
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const claim = (workerId: string, now: Date, limit = 10) => claimDueRows(db(), kind, table, { workerId, now, leaseMs: 60_000, limit });

  /** A row of `table`, due at `due` seconds after the start. */
  async function row(id: string, due: number, status = 'pending'): Promise<void> {
    const common = { id, status, attempts: 0, next_attempt_at: at(due).toISOString(), locked_by: null, locked_until: null, last_error: null, sent_at: null, created_at: start.toISOString() };
    if (table === 'notification_outbox') {
      await db()
        .insertInto('notification_outbox')
        .values({ ...common, case_id: null, channel: 'sms', template: 'case.accepted', lang: 'zh-CN', recipient_enc: 'x', params_json: '{}' })
        .execute();
    } else {
      await db()
        .insertInto('handoff_requests')
        .values({ ...common, case_id: CASE_ID, handoff: 'test-check', payload_enc: 'x', answered_at: null, answer_enc: null })
        .execute();
    }
  }
  const stored = async (id: string) => db().selectFrom(table).select(['id', 'status', 'locked_by', 'locked_until']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeEach(async () => {
    await db().deleteFrom(table).execute();
    if (table === 'handoff_requests') {
      // The request's case (a foreign key): any case will do.
      await db().deleteFrom('cases').where('id', '=', CASE_ID).execute();
      await db()
        .insertInto('cases')
        .values({
          id: CASE_ID,
          tracking_number: 'LEASE-TEST',
          service: 'test',
          office: 'district-a',
          state: 'submitted',
          previous_state: null,
          version: 1,
          lang: 'zh-CN',
          applicant_id_hash: null,
          applicant_phone_hash: null,
          answers_enc: 'x',
          deadlines_json: '[]',
          next_due_on: null,
          clock_paused: 0,
          periods_json: null,
          periods_end_on: null,
          created_at: start.toISOString(),
          updated_at: start.toISOString(),
        })
        .execute();
    }
  });

  it('claims pending rows that are due, earliest first, up to the limit, and holds them until the lease ends', async () => {
    await row('later', 30);
    await row('first', -20);
    await row('second', -10);
    await row('third', 0);
    await row('done', -30, 'sent');

    const claimed = await claim('a', at(0), 2);
    expect(claimed.map((r) => r.id).sort()).toEqual(['first', 'second']);
    expect(claimed.every((r) => r.locked_by === 'a' && r.locked_until === at(60).toISOString())).toBe(true);
    // The whole row comes back, as the table has it.
    expect(claimed[0]).toHaveProperty(table === 'notification_outbox' ? 'template' : 'handoff', table === 'notification_outbox' ? 'case.accepted' : 'test-check');

    expect((await claim('b', at(1))).map((r) => r.id)).toEqual(['third']);
    expect(await claim('b', at(29))).toEqual([]);
    // 'later' is due and the leases on the first two ended; 'third' is held until this very moment.
    expect((await claim('b', at(61))).map((r) => r.id).sort()).toEqual(['first', 'later', 'second']);
  });

  it('gives each row to one worker when several claim at once', async () => {
    for (let i = 0; i < 12; i += 1) await row(`row-${String(i).padStart(2, '0')}`, -i);
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((worker) => claim(worker, at(0), 4)));
    const ids = claims.flatMap((rows) => rows.map((r) => r.id));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('lets only the worker holding the lease record the outcome, and releases the lease', async () => {
    await row('r', 0);
    await claim('dead', at(0));
    // The lease has ended and another worker took the row: the first one's late outcome is not written.
    await claim('b', at(61));
    expect(await updateWhileLeased(db(), table, { id: 'r', workerId: 'dead' }, { last_error: 'late' })).toBe(false);
    expect(await stored('r')).toMatchObject({ locked_by: 'b', status: 'pending' });

    // Given a status, the row must still be in it.
    expect(await updateWhileLeased(db(), table, { id: 'r', workerId: 'b', status: 'waiting' }, { last_error: 'no' })).toBe(false);
    expect(await updateWhileLeased(db(), table, { id: 'r', workerId: 'b', status: 'pending' }, { status: 'sent' })).toBe(true);
    expect(await stored('r')).toEqual({ id: 'r', status: 'sent', locked_by: null, locked_until: null });
    // Released: the holder cannot write again.
    expect(await updateWhileLeased(db(), table, { id: 'r', workerId: 'b' }, { status: 'pending' })).toBe(false);
  });
});
