/**
 * Ratings on the bureau dashboard through the API (docs/decisions/059), on SQLite and PostgreSQL:
 * five 高龄津贴 cases finished and rated over two months (one bad rating answered and resolved, one
 * left past its day) give known counts per level, month, service and office, the satisfaction rate
 * of the public aggregate, the bad ratings' reasons and their follow-ups; the counters the rating,
 * the reply and the resolution kept are the ones the migration's count of the ratings table gives,
 * and a demo case removed takes its rating's back; an office admin sees only their offices, a
 * clerk and a content editor nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../api/cases/dashboard.ts';
import { removeRatingFigures } from '../../api/db/ratings.repo.ts';
import { backfill } from '../../api/db/migrations/2026121203_rating_figures.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { ELDER_PHONE, oldAgeAllowanceApplication } from '../support/applications.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 in China on a day. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);
const API = 'http://localhost/api/v1';
const levels = (counts: Partial<Record<string, number>>) => ({ 'very-satisfied': 0, satisfied: 0, 'basically-satisfied': 0, dissatisfied: 0, 'very-dissatisfied': 0, ...counts });
const noFollowUps = { opened: 0, replied: 0, overdue: 0, resolved: 0 };

describe.each(DIALECTS)('ratings on the bureau dashboard on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = at('2026-11-02');
  let address = 0;
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'zh-CN', serviceAreas: ['allowances'] });
  const as = staff.request;
  const post = (path: string, body: unknown) => {
    address += 1; // each look-up from an address of its own: the status page's limits are not what is tested here
    return runtime.portal.app.request(`${API}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, { clientAddress: `10.59.0.${address}` });
  };
  /** An application to an office, not accepted by its clerk: a decision that stands, so it may be rated. */
  const finished = async (office: string, clerk: string) => {
    const applied = await post('/services/old-age-allowance/applications', oldAgeAllowanceApplication(office));
    expect(applied.status).toBe(201);
    const { trackingNumber } = (await applied.json()) as { trackingNumber: string };
    await staff.signIn(clerk); // the clock moves on by days: a session would have lapsed
    const { version } = (await (await as(clerk, `/staff/cases/${trackingNumber}`)).json()) as { version: number };
    const step = await as(clerk, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition: 'not-accept', version, input: { reason: '申请人户籍不在本区，请向户籍所在地申请。' } } });
    expect(step.status).toBe(200);
    return trackingNumber;
  };
  const rate = async (trackingNumber: string, rating: Record<string, unknown>) => {
    expect((await post('/track/rating', { trackingNumber, secondFactor: ELDER_PHONE, ...rating })).status).toBe(201);
  };
  const followUpOf = async (trackingNumber: string) => {
    const { items } = (await (await as('clerk', '/staff/follow-ups')).json()) as { items: { id: string; trackingNumber: string }[] };
    return items.find((item) => item.trackingNumber === trackingNumber)?.id ?? '';
  };
  const figures = async (username: string, query = 'from=2026-11&to=2026-12') => {
    const response = await as(username, `/staff/dashboard?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as DashboardView).ratings;
  };
  const counters = async () =>
    (await runtime.database.db.selectFrom('rating_figures').selectAll().where('count', '!=', 0).orderBy(['service', 'office', 'month', 'figure', 'key']).execute()).map((row) => ({ ...row, count: Number(row.count) }));
  const caseId = async (trackingNumber: string) => (await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow()).id;
  let removable = '';

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    for (const [name, roles, offices] of [
      ['clerk', ['intake'], ['demo-district']],
      ['county.clerk', ['intake'], ['demo-county']],
      ['editor', ['content-editor'], ['demo-district']],
      ['admin', ['office-admin'], ['demo-district']],
      ['bureau', ['system-admin'], ['demo-district']],
    ] as const) await staff.member(name, [...roles] as StaffRole[], { offices: [...offices] });
    // Monday 2 November: one very satisfied, one dissatisfied (answered on the 4th, resolved on the 5th).
    await rate(await finished('demo-district', 'clerk'), { level: 'very-satisfied', reasons: ['quick'] });
    const answered = await finished('demo-district', 'clerk');
    await rate(answered, { level: 'dissatisfied', reasons: ['slow', 'documents-again'] });
    clock = at('2026-11-04');
    await staff.signIn('clerk');
    const reply = await as('clerk', `/staff/follow-ups/${await followUpOf(answered)}/reply`, { method: 'POST', body: { reply: '经核实，已通知窗口一次性告知所需材料，不再重复收取。' } });
    expect(reply.status).toBe(200);
    clock = at('2026-11-05');
    expect((await post('/track/rating/resolution', { trackingNumber: answered, secondFactor: ELDER_PHONE, resolution: 'resolved' })).status).toBe(200);
    // Thursday 10 December: one very dissatisfied (never answered: due on the 17th), one satisfied at the county, one fairly satisfied.
    clock = at('2026-12-10');
    await rate(await finished('demo-district', 'clerk'), { level: 'very-dissatisfied', reasons: ['slow', 'other'], comment: '等了很久。' });
    await rate(await finished('demo-county', 'county.clerk'), { level: 'satisfied', reasons: ['courteous-staff'] });
    removable = await finished('demo-district', 'clerk');
    await rate(removable, { level: 'basically-satisfied' });
    // Monday 21 December: the December follow-up is past its day.
    clock = at('2026-12-21');
    for (const name of ['clerk', 'editor', 'admin', 'bureau']) await staff.signIn(name);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('counts the period’s ratings per level, month, service and office, with the public rate, the bad ratings’ reasons and follow-ups', async () => {
    const ratings = await figures('bureau');
    expect(ratings.totals).toEqual({
      total: 5,
      counts: levels({ 'very-satisfied': 1, satisfied: 1, 'basically-satisfied': 1, dissatisfied: 1, 'very-dissatisfied': 1 }),
      satisfactionRate: 0.6,
      bad: 2,
      followUps: { opened: 2, replied: 1, overdue: 1, resolved: 1 },
    });
    expect(ratings.byMonth).toEqual([
      { month: '2026-11', total: 2, counts: levels({ 'very-satisfied': 1, dissatisfied: 1 }), satisfactionRate: 0.5, bad: 1 },
      { month: '2026-12', total: 3, counts: levels({ satisfied: 1, 'basically-satisfied': 1, 'very-dissatisfied': 1 }), satisfactionRate: 2 / 3, bad: 1 },
    ]);
    expect(ratings.byService).toEqual([{ service: 'old-age-allowance', ...ratings.totals }]);
    expect(ratings.byOffice).toEqual([
      { office: 'demo-county', total: 1, counts: levels({ satisfied: 1 }), satisfactionRate: 1, bad: 0, followUps: noFollowUps },
      { office: 'demo-district', total: 4, counts: levels({ 'very-satisfied': 1, 'basically-satisfied': 1, dissatisfied: 1, 'very-dissatisfied': 1 }), satisfactionRate: 0.5, bad: 2, followUps: { opened: 2, replied: 1, overdue: 1, resolved: 1 } },
    ]);
    // Only bad ratings' reasons, the most frequent first, then in the list's order.
    expect(ratings.badReasons).toEqual([
      { reason: 'slow', count: 2, share: 1 },
      { reason: 'documents-again', count: 1, share: 0.5 },
      { reason: 'other', count: 1, share: 0.5 },
    ]);
    // By the month of the rating: December's, and its overdue follow-up; November's has none overdue.
    const december = await figures('bureau', 'from=2026-12&to=2026-12');
    expect(december.totals).toMatchObject({ total: 3, bad: 1, followUps: { opened: 1, replied: 0, overdue: 1, resolved: 0 } });
    expect((await figures('bureau', 'from=2026-11&to=2026-11')).totals.followUps).toEqual({ opened: 1, replied: 1, overdue: 0, resolved: 1 });
    expect((await figures('bureau', 'from=2026-11&to=2026-12&office=demo-county')).totals).toMatchObject({ total: 1, satisfactionRate: 1 });
    // A period before any rating: nothing, and no rate rather than 0%.
    expect((await figures('bureau', 'from=2025-01&to=2025-02')).totals).toEqual({ total: 0, counts: levels({}), satisfactionRate: null, bad: 0, followUps: noFollowUps });
  });

  it('shows an office admin their own offices’ ratings only, and refuses a clerk and a content editor', async () => {
    const ratings = await figures('admin');
    expect(ratings.totals).toMatchObject({ total: 4, bad: 2, satisfactionRate: 0.5 });
    expect(ratings.byOffice.map((row) => row.office)).toEqual(['demo-district']);
    expect((await as('admin', '/staff/dashboard?office=demo-county')).status).toBe(404);
    for (const name of ['clerk', 'editor']) expect((await as(name, '/staff/dashboard')).status, name).toBe(403);
  });

  it('keeps the counters a rating, its reply and resolution add as the migration counts them from the ratings, and takes a removed one back', async () => {
    const kept = await counters();
    expect(kept).toContainEqual({ service: 'old-age-allowance', office: 'demo-district', month: '2026-11', figure: 'follow-up-resolved', key: '', count: 1 });
    await runtime.database.db.deleteFrom('rating_figures').execute();
    await backfill(runtime.database.db);
    expect(await counters()).toEqual(kept);

    // A demo case removed takes its rating out of the counters, in the removal's transaction.
    const id = await caseId(removable);
    await runtime.database.db.transaction().execute(async (trx) => {
      await removeRatingFigures(trx, id);
      await trx.deleteFrom('ratings').where('case_id', '=', id).execute();
    });
    const after = await counters();
    await runtime.database.db.deleteFrom('rating_figures').execute();
    await backfill(runtime.database.db);
    expect(await counters()).toEqual(after);
    expect((await figures('bureau')).totals).toMatchObject({ total: 4, counts: levels({ 'very-satisfied': 1, satisfied: 1, dissatisfied: 1, 'very-dissatisfied': 1 }) });
  });
});
