import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../api/db/schema.ts';
import { staffQueue, QUEUE_PAGE_SIZE, type QueueFilters, type QueueItem, type ServiceStateCounts } from '../../api/cases/queue.ts';
import { insertCase, saveTransition } from '../../api/db/cases.repo.ts';
import { openDatabase } from '../../api/db/connect.ts';
import { migrateToLatest, migratorFor } from '../../api/db/migrate.ts';
import { HolidayYearSchema, addDays, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { formatTrackingNumber, newTrackingNumber } from '../../api/domain/cases/tracking-number.ts';
import type { StaffMember } from '../../api/domain/staff/staff.ts';
import { applyTransition, deadlineStatus, startDeadlines, type Actor, type CaseSnapshot, type Deadline } from '../../api/domain/workflow/workflow.ts';
import { oldAgeAllowanceWorkflow as workflow } from '../../api/services/old-age-allowance/workflow.ts';
import { DIALECTS, createTestDatabase, useMigratedDatabase } from '../support/test-database.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const staff = (role: 'intake' | 'reviewer' | 'approver'): Actor => ({ kind: 'staff', staffId: role, roles: [role], offices: ['district-a'], serviceAreas: ['allowances'] });
const applicant: Actor = { kind: 'applicant' };

type QueueCountKey = { service: string; office: string; state: string; clock_paused: number; running: number; cases: number };
const sortedCounts = (rows: QueueCountKey[]) => rows.filter((row) => row.cases > 0).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** What the triggers kept: the counts over their shards. */
async function keptCounts(db: Kysely<Database>): Promise<QueueCountKey[]> {
  const rows = await db
    .selectFrom('case_queue_counts')
    .select((eb) => ['service', 'office', 'state', 'clock_paused', 'running', eb.fn.sum<string | number>('cases').as('cases')])
    .groupBy(['service', 'office', 'state', 'clock_paused', 'running'])
    .execute();
  return sortedCounts(rows.map((row) => ({ ...row, clock_paused: Number(row.clock_paused), running: Number(row.running), cases: Number(row.cases) })));
}

/** The same counted from the cases themselves. */
async function countedCounts(db: Kysely<Database>): Promise<QueueCountKey[]> {
  const running = sql<number>`case when next_due_on is null then 0 else 1 end`;
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['service', 'office', 'state', 'clock_paused', running.as('running'), eb.fn.countAll<string | number>().as('cases')])
    .groupBy(['service', 'office', 'state', 'clock_paused', running])
    .execute();
  return sortedCounts(rows.map((row) => ({ ...row, clock_paused: Number(row.clock_paused), running: Number(row.running), cases: Number(row.cases) })));
}

type DueCountKey = { due_on: string; service: string; office: string; cases: number };
const sortedDue = (rows: DueCountKey[]) => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** What the triggers kept per due day, over their shards; and whether any row was left at zero. */
async function keptDueCounts(db: Kysely<Database>): Promise<{ counts: DueCountKey[]; zeroRows: number }> {
  const rows = await db.selectFrom('case_due_counts').select(['due_on', 'service', 'office', 'shard', 'cases']).execute();
  const summed = new Map<string, DueCountKey>();
  for (const row of rows) {
    const key = `${row.due_on}|${row.service}|${row.office}`;
    const entry = summed.get(key) ?? { due_on: row.due_on, service: row.service, office: row.office, cases: 0 };
    entry.cases += Number(row.cases);
    summed.set(key, entry);
  }
  return { counts: sortedDue([...summed.values()]), zeroRows: rows.filter((row) => Number(row.cases) === 0).length };
}

/** The same counted from the cases: a running deadline, the clock not paused. */
async function countedDueCounts(db: Kysely<Database>): Promise<DueCountKey[]> {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['next_due_on', 'service', 'office', eb.fn.countAll<string | number>().as('cases')])
    .where('next_due_on', 'is not', null)
    .where('clock_paused', '=', 0)
    .groupBy(['next_due_on', 'service', 'office'])
    .execute();
  return sortedDue(rows.map((row) => ({ due_on: row.next_due_on ?? '', service: row.service, office: row.office, cases: Number(row.cases) })));
}

describe.each(DIALECTS)('the queue columns of a case on %s', (kind) => {
  const store = useMigratedDatabase(kind);

  async function newCase(snapshot: CaseSnapshot, at: Date, office = snapshot.office): Promise<{ id: string; trackingNumber: string }> {
    const trackingNumber = newTrackingNumber(randomBytes);
    const id = await store.handle.db.transaction().execute((trx) =>
      insertCase(trx, { trackingNumber, service: workflow.id, lang: 'zh-CN', applicantIdHash: null, applicantPhoneHash: null, answersEnc: 'x', snapshot: { ...snapshot, office }, at }),
    );
    return { id, trackingNumber };
  }

  it('keep the queue’s counts exact through inserts, steps, deletes and a direct update (case_queue_counts, kept by triggers)', async () => {
    const db = store.handle.db;
    const made: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const today = '2026-11-02';
      const snapshot: CaseSnapshot = { state: i % 3 ? 'submitted' : 'accepted', version: 1, office: i % 2 ? 'district-a' : 'district-b', deadlines: i % 5 ? startDeadlines(workflow, ['acceptance'], { today, calendar }) : [] };
      made.push((await newCase(snapshot, new Date(`${today}T02:00:00Z`))).id);
    }
    expect(await keptCounts(db)).toEqual(await countedCounts(db));
    // A step through the repository, a change behind its back, and deletes.
    const first = made[0] ?? '';
    await db.updateTable('cases').set({ state: 'awaiting-documents', clock_paused: 1, next_due_on: null }).where('id', '=', first).execute();
    await db.updateTable('cases').set({ office: 'district-c' }).where('id', 'in', made.slice(1, 5)).execute();
    await db.updateTable('cases').set({ updated_at: '2026-11-03T00:00:00.000Z' }).where('id', 'in', made.slice(5, 10)).execute();
    await db.deleteFrom('cases').where('id', 'in', made.slice(10, 20)).execute();
    expect(await keptCounts(db)).toEqual(await countedCounts(db));
  });

  it('keep the open cases per day next due exact, and leave no row at zero (case_due_counts, kept by triggers: what "overdue now" sums)', async () => {
    const db = store.handle.db;
    const made: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      const today = addDays('2026-11-02', i % 4);
      const snapshot: CaseSnapshot = { state: 'submitted', version: 1, office: i % 2 ? 'district-a' : 'district-b', deadlines: i % 6 ? startDeadlines(workflow, ['acceptance'], { today, calendar }) : [] };
      made.push((await newCase(snapshot, new Date(`${today}T02:00:00Z`))).id);
    }
    const before = await keptDueCounts(db);
    expect(before.counts).toEqual(await countedDueCounts(db));
    expect(before.counts.length).toBeGreaterThan(2);
    // Paused (补正), moved to another day, moved office, cleared (decided), untouched columns, deleted.
    await db.updateTable('cases').set({ clock_paused: 1 }).where('id', 'in', made.slice(0, 3)).execute();
    await db.updateTable('cases').set({ next_due_on: '2026-12-31' }).where('id', 'in', made.slice(3, 6)).execute();
    await db.updateTable('cases').set({ office: 'district-c' }).where('id', 'in', made.slice(6, 9)).execute();
    await db.updateTable('cases').set({ next_due_on: null, state: 'approved' }).where('id', 'in', made.slice(9, 12)).execute();
    await db.updateTable('cases').set({ updated_at: '2026-11-03T00:00:00.000Z' }).where('id', 'in', made.slice(12, 15)).execute();
    await db.deleteFrom('cases').where('id', 'in', made.slice(15, 20)).execute();
    // And back: a paused clock resumes.
    await db.updateTable('cases').set({ clock_paused: 0 }).where('id', '=', made[0] ?? '').execute();
    const after = await keptDueCounts(db);
    expect(after.counts).toEqual(await countedDueCounts(db));
    expect(after.zeroRows).toBe(0);
    await db.deleteFrom('cases').where('id', 'in', made).execute();
    expect(await keptDueCounts(db)).toEqual({ counts: await countedDueCounts(db), zeroRows: 0 });
  });

  const columns = async (id: string) => store.handle.db.selectFrom('cases').select(['next_due_on', 'clock_paused']).where('id', '=', id).executeTakeFirstOrThrow();

  it('follow every transition: accept starts the decision deadline, 补正 pauses and resumes it, approval clears it', async () => {
    let today = '2026-11-02';
    let snapshot: CaseSnapshot = { state: 'submitted', version: 1, office: 'district-a', deadlines: startDeadlines(workflow, ['acceptance'], { today, calendar }) };
    const { id } = await newCase(snapshot, new Date(`${today}T02:00:00Z`));
    expect(await columns(id)).toEqual({ next_due_on: '2026-11-09', clock_paused: 0 });

    const take = async (name: string, actor: Actor, input: unknown, on: string) => {
      today = on;
      const outcome = applyTransition(workflow, snapshot, name, actor, input, { today, calendar });
      if (!outcome.ok) throw new Error(`${name}: ${outcome.refusal.code}`);
      await saveTransition(store.handle.db, store.handle.kind, {
        caseId: id,
        expectedVersion: snapshot.version,
        result: outcome.result,
        actor: { kind: actor.kind, id: null, role: null },
        audit: { actorId: null, actorRole: actor.kind, action: `case.${name}`, origin: null },
        at: new Date(`${today}T02:00:00Z`),
      });
      snapshot = outcome.result.snapshot;
      return columns(id);
    };

    // Accepted on Wed 4 Nov: the acceptance deadline stops, 20 working days for the decision start.
    expect(await take('accept', staff('intake'), {}, '2026-11-04')).toEqual({ next_due_on: '2026-12-02', clock_paused: 0 });
    expect(await take('request-documents', staff('intake'), { documents: '户口簿复印件' }, '2026-11-05')).toEqual({ next_due_on: null, clock_paused: 1 });
    // Back after 5 working days (6–12 Nov): the decision is due 5 working days later than before.
    expect(await take('provide-documents', applicant, {}, '2026-11-12')).toEqual({ next_due_on: '2026-12-09', clock_paused: 0 });
    expect(await take('review', staff('reviewer'), { opinion: '经审核，符合申领条件' }, '2026-11-13')).toEqual({ next_due_on: '2026-12-09', clock_paused: 0 });
    expect(await take('approve', staff('approver'), { monthlyAmount: 100, firstMonth: '2026-12' }, '2026-11-16')).toEqual({ next_due_on: null, clock_paused: 0 });
  });

  it('are filled in for the cases that existed before the migration', async () => {
    const testDatabase = await createTestDatabase(kind, { fresh: true });
    const handle = openDatabase(testDatabase.target);
    try {
      const { error } = await (await migratorFor(handle.db)).migrateTo('2026112505_staff');
      expect(error).toBeUndefined();
      const deadlines: Record<string, Deadline[]> = {
        running: [
          { key: 'acceptance', startedOn: '2026-11-02', dueOn: '2026-11-09', stoppedOn: '2026-11-03' },
          { key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-01' },
        ],
        paused: [{ key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-01', pausedOn: '2026-11-05' }],
        decided: [{ key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-01', stoppedOn: '2026-11-20' }],
        submitted: [{ key: 'acceptance', startedOn: '2026-11-02', dueOn: '2026-11-09' }],
      };
      // 2,500 rows: more than one batch of the backfill.
      const rows = Array.from({ length: 2500 }, (_, i) => {
        const kindOfCase = Object.keys(deadlines)[i % 4] ?? 'running';
        return {
          id: `case-${String(i).padStart(5, '0')}`,
          tracking_number: `T${String(i).padStart(9, '0')}`,
          service: workflow.id,
          office: 'district-a',
          state: kindOfCase,
          previous_state: null,
          version: 1,
          lang: 'zh-CN',
          applicant_id_hash: null,
          applicant_phone_hash: null,
          answers_enc: 'x',
          deadlines_json: JSON.stringify(deadlines[kindOfCase]),
          created_at: '2026-11-02T02:00:00.000Z',
          updated_at: '2026-11-02T02:00:00.000Z',
        };
      });
      // Before the migration the table has no queue columns: insert through an untyped handle.
      const untyped = handle.db as unknown as import('kysely').Kysely<{ cases: (typeof rows)[number] }>;
      for (let i = 0; i < rows.length; i += 500) await untyped.insertInto('cases').values(rows.slice(i, i + 500)).execute();

      await migrateToLatest(handle.db);
      const filled = await handle.db
        .selectFrom('cases')
        .select(['state', 'next_due_on', 'clock_paused', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['state', 'next_due_on', 'clock_paused'])
        .orderBy('state')
        .execute();
      expect(filled.map((row) => ({ ...row, n: Number(row.n) }))).toEqual([
        { state: 'decided', next_due_on: null, clock_paused: 0, n: 625 },
        { state: 'paused', next_due_on: null, clock_paused: 1, n: 625 },
        { state: 'running', next_due_on: '2026-12-01', clock_paused: 0, n: 625 },
        { state: 'submitted', next_due_on: '2026-11-09', clock_paused: 0, n: 625 },
      ]);
      // The queue's counts, built by their migration from the cases already there.
      expect(await keptCounts(handle.db)).toEqual(await countedCounts(handle.db));
    } finally {
      await handle.close();
      await testDatabase.drop();
    }
  });
});

describe.each(DIALECTS)('the staff queue from the database on %s', (kind) => {
  const store = useMigratedDatabase(kind);
  const member = (offices: string[]): StaffMember => ({ id: 's', username: 's', displayName: 's', roles: ['intake'], offices, serviceAreas: ['allowances'] });

  interface Made {
    trackingNumber: string;
    office: string;
    state: string;
    createdAt: string;
    deadlines: Deadline[];
  }

  /**
   * The queue computed in memory, the way the old version did, for comparison: every case in
   * scope, its status from deadlineStatus, sorted (running: soonest due first, then longest
   * waiting; then paused, then idle, both newest first).
   */
  function expected(cases: Made[], offices: string[], filters: QueueFilters, today: string): { items: QueueItem[]; total: number; countsByState: Record<string, number>; countsByService: ServiceStateCounts[] } {
    const clock = { today, calendar };
    const all = cases
      .filter((c) => offices.includes(c.office))
      .map((c) => {
        const live = c.deadlines.filter((d) => !d.stoppedOn).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
        const running = live.filter((d) => !d.pausedOn)[0];
        const paused = live.some((d) => d.pausedOn);
        const segment = paused ? 1 : running ? 0 : 2;
        const item: QueueItem = {
          trackingNumber: formatTrackingNumber(c.trackingNumber),
          service: workflow.id,
          state: c.state,
          office: c.office,
          submittedAt: c.createdAt,
          dueOn: paused ? (live[0]?.dueOn ?? null) : (running?.dueOn ?? null),
          dueStatus: paused ? 'paused' : running ? deadlineStatus(running, clock) : null,
        };
        return { item, segment };
      });
    const countsByState: Record<string, number> = {};
    for (const { item } of all) countsByState[item.state] = (countsByState[item.state] ?? 0) + 1;
    // The one service's states in its workflow's order, those with cases only.
    const states = Object.keys(workflow.states).flatMap((state) => (countsByState[state] ? [{ state, cases: countsByState[state] }] : []));
    const countsByService = states.length > 0 ? [{ service: workflow.id, states }] : [];
    const kept = all
      .filter(({ item }) => !filters.state || item.state === filters.state)
      .filter(({ item }) => !filters.due || item.dueStatus === filters.due || (filters.due === 'due-soon' && item.dueStatus === 'overdue'))
      .sort((a, b) =>
        a.segment !== b.segment
          ? a.segment - b.segment
          : a.segment === 0
            ? (a.item.dueOn ?? '').localeCompare(b.item.dueOn ?? '') || a.item.submittedAt.localeCompare(b.item.submittedAt)
            : b.item.submittedAt.localeCompare(a.item.submittedAt),
      );
    const pages = Math.max(1, Math.ceil(kept.length / QUEUE_PAGE_SIZE));
    const page = Math.min(Math.max(1, filters.page), pages);
    return { items: kept.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE).map(({ item }) => item), total: kept.length, countsByState, countsByService };
  }

  it('filters, orders, pages and counts exactly as the rules say, whatever today is', async () => {
    // 130 cases over two offices: running with due dates spread around the days below, paused
    // (补正), and decided; created one minute apart so that "newest first" is one order.
    const made: Made[] = [];
    const start = Date.parse('2026-09-01T02:00:00Z');
    for (let i = 0; i < 130; i += 1) {
      const office = i % 3 === 0 ? 'district-b' : 'district-a';
      const createdAt = new Date(start + i * 60_000).toISOString();
      const dueOn = addDays('2026-09-20', (i * 7) % 40);
      const flavour = i % 10;
      let state: string;
      let deadlines: Deadline[];
      if (flavour < 6) [state, deadlines] = [i % 2 ? 'submitted' : 'accepted', [{ key: 'decision', startedOn: '2026-09-01', dueOn }]];
      else if (flavour < 8) [state, deadlines] = ['awaiting-documents', [{ key: 'decision', startedOn: '2026-09-01', dueOn, pausedOn: '2026-09-10' }]];
      else [state, deadlines] = [i % 2 ? 'approved' : 'withdrawn', [{ key: 'decision', startedOn: '2026-09-01', dueOn, stoppedOn: '2026-09-15' }]];
      const trackingNumber = newTrackingNumber(randomBytes);
      await store.handle.db.transaction().execute((trx) =>
        insertCase(trx, {
          trackingNumber,
          service: workflow.id,
          lang: 'zh-CN',
          applicantIdHash: null,
          applicantPhoneHash: null,
          answersEnc: 'x',
          snapshot: { state, version: 1, office, deadlines },
          at: new Date(createdAt),
        }),
      );
      made.push({ trackingNumber, office, state, createdAt, deadlines });
    }

    const filterSets: Omit<QueueFilters, 'page'>[] = [{}, { due: 'overdue' }, { due: 'due-soon' }, { state: 'accepted' }, { state: 'awaiting-documents' }, { state: 'approved', due: 'due-soon' }];
    // Before, on and around National Day (holidays, a make-up Saturday), and a plain week.
    for (const today of ['2026-09-24', '2026-09-30', '2026-10-03', '2026-10-09', '2026-10-10', '2026-10-20']) {
      const now = () => new Date(`${today}T02:00:00Z`);
      for (const offices of [['district-a'], ['district-a', 'district-b']]) {
        for (const filters of filterSets) {
          const want = expected(made, offices, { ...filters, page: 1 }, today);
          const pages = Math.max(1, Math.ceil(want.total / QUEUE_PAGE_SIZE));
          for (let page = 1; page <= pages + 1; page += 1) {
            const { next: _next, previous: _previous, ...got } = (await staffQueue({ db: store.handle.db, calendar, now }, member(offices), { ...filters, page })) ?? {};
            const label = `${today} ${offices.join('+')} ${JSON.stringify(filters)} page ${page}`;
            expect({ label, ...got }).toEqual({ label, ...expected(made, offices, { ...filters, page }, today), page: Math.min(page, pages), pages });
          }
          // The same pages walked by their cursors, forward to the last and back to the first (docs/decisions/071): on one day, which has every segment.
          if (today !== '2026-10-09') continue;
          let cursor = await staffQueue({ db: store.handle.db, calendar, now }, member(offices), { ...filters, page: 1 });
          for (let page = 2; page <= pages; page += 1) {
            const label = `${today} ${offices.join('+')} ${JSON.stringify(filters)} after page ${page - 1}`;
            expect(cursor?.next, label).toEqual(expect.any(String));
            cursor = await staffQueue({ db: store.handle.db, calendar, now }, member(offices), { ...filters, page, after: cursor?.next ?? '' });
            expect({ label, page: cursor?.page, items: cursor?.items }).toEqual({ label, page, items: expected(made, offices, { ...filters, page }, today).items });
          }
          expect(cursor?.next ?? null).toBeNull();
          for (let page = pages - 1; page >= 1; page -= 1) {
            const label = `${today} ${offices.join('+')} ${JSON.stringify(filters)} before page ${page + 1}`;
            cursor = await staffQueue({ db: store.handle.db, calendar, now }, member(offices), { ...filters, page, before: cursor?.previous ?? '' });
            expect({ label, page: cursor?.page, items: cursor?.items }).toEqual({ label, page, items: expected(made, offices, { ...filters, page }, today).items });
          }
          expect(cursor?.previous ?? null).toBeNull();
        }
      }
    }
  });

  it('gives a member no queue without a case-handling role (a system administrator included), and nothing outside their service areas', async () => {
    const db = store.handle.db;
    const now = () => new Date('2026-10-20T02:00:00Z');
    // Handles marriage registration's cases (intake), but no allowance case is in the marriage area.
    expect(await staffQueue({ db, calendar, now }, { ...member(['district-a']), serviceAreas: ['marriage'] }, { page: 1 })).toEqual({ items: [], total: 0, page: 1, pages: 1, countsByState: {}, countsByService: [], next: null, previous: null });
    for (const roles of [['system-admin'], ['office-admin'], ['content-editor']] as const) {
      expect(await staffQueue({ db, calendar, now }, { ...member(['district-a', 'district-b']), roles: [...roles] }, { page: 1 }), roles[0]).toBeUndefined();
    }
  });
});
