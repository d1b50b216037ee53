/**
 * The bureau dashboard's figures through the API (docs/decisions/054), on SQLite and PostgreSQL: a
 * few 高龄津贴 cases taken through their steps on known days give known counts (received,
 * completed, overdue now) and stage averages in working days; the counters the steps kept are the
 * ones a rebuild from the timelines gives; an office admin sees only their office, a clerk and a
 * content editor nothing; a period that ends before it begins is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildFigures } from '../../api/db/case-figures.repo.ts';
import type { DashboardView } from '../../api/cases/dashboard.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 in China on a day. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);
const OPINION = '经审核，老人户籍和年龄属实，符合申领条件，同意上报审批。';

describe.each(DIALECTS)('the bureau dashboard on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = at('2026-11-02');
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'zh-CN', serviceAreas: ['allowances', 'marriage'] });
  const member = (username: string, roles: StaffRole[], offices = ['demo-district']) => staff.member(username, roles, { offices });
  const as = staff.request;
  const act = async (username: string, trackingNumber: string, transition: string, input: Record<string, string> = {}) => {
    await staff.signIn(username); // the clock moves on by days: a session would have lapsed
    const { version } = (await (await as(username, `/staff/cases/${trackingNumber}`)).json()) as { version: number };
    const response = await as(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input } });
    expect(response.status, `${transition} on ${trackingNumber}`).toBe(200);
  };
  const apply = async (district: string) => {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', { method: 'POST', body: JSON.stringify(oldAgeAllowanceApplication(district)), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  };
  const figures = async (username: string, query = 'from=2026-11&to=2026-12') => {
    const response = await as(username, `/staff/dashboard?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as DashboardView;
  };
  const counters = () => runtime.database.db.selectFrom('case_figures').selectAll().orderBy(['service', 'office', 'month', 'figure', 'stage']).execute();

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    for (const [name, roles] of [['clerk', ['intake']], ['reviewer', ['reviewer']], ['approver', ['approver']], ['editor', ['content-editor']], ['admin', ['office-admin']], ['bureau', ['system-admin']]] as const) await member(name, [...roles]);
    // Monday 2 November 2026: three applications to the district.
    const decided = await apply('demo-district');
    const accepted = await apply('demo-district');
    await apply('demo-district');
    clock = at('2026-11-03');
    await act('clerk', accepted, 'accept'); // 1 working day after it was submitted
    clock = at('2026-11-04');
    await act('clerk', decided, 'accept'); // 2 working days
    clock = at('2026-11-06');
    await act('reviewer', decided, 'review', { opinion: OPINION }); // 2 working days (Thursday, Friday)
    clock = at('2026-11-10');
    await act('approver', decided, 'approve', { monthlyAmount: '100', firstMonth: '2026-12' }); // 2 (Monday, Tuesday)
    // Thursday 10 December: one to the county; the district's two open cases are past their time limits.
    clock = at('2026-12-10');
    await apply('demo-county');
    for (const name of ['clerk', 'editor', 'admin', 'bureau']) await staff.signIn(name);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('counts received, completed and overdue cases, and averages each stage in working days', async () => {
    const view = await figures('bureau');
    expect(view.period).toEqual({ from: '2026-11', to: '2026-12', months: ['2026-11', '2026-12'] });
    expect(view.cases.totals).toEqual({ received: 4, completed: 1, overdue: 2 });
    expect(view.cases.byMonth).toEqual([
      { month: '2026-11', received: 3, completed: 1 },
      { month: '2026-12', received: 1, completed: 0 },
    ]);
    expect(view.cases.byOffice).toEqual([
      { office: 'demo-county', received: 1, completed: 0, overdue: 0 },
      { office: 'demo-district', received: 3, completed: 1, overdue: 2 },
    ]);
    expect(view.cases.byService).toEqual([{ service: 'old-age-allowance', received: 4, completed: 1, overdue: 2 }]);
    expect(view.cases.stages).toEqual([
      { service: 'old-age-allowance', stage: 'submitted', ended: 2, averageWorkingDays: 1.5 },
      { service: 'old-age-allowance', stage: 'accepted', ended: 1, averageWorkingDays: 2 },
      { service: 'old-age-allowance', stage: 'reviewed', ended: 1, averageWorkingDays: 2 },
    ]);
    expect(view.choices.offices).toEqual(expect.arrayContaining(['demo-county', 'demo-district']));
    // A period before any case: nothing, not an error.
    expect((await figures('bureau', 'from=2025-01&to=2025-03')).cases.totals).toEqual({ received: 0, completed: 0, overdue: 2 });
  });

  it('keeps the same counters step by step as a rebuild from the timelines gives', async () => {
    const kept = await counters();
    expect(kept.length).toBeGreaterThan(0);
    await rebuildFigures(runtime.database.db, { calendar: runtime.calendar, statesOf: (id) => runtime.portal.services.get(id)?.workflow.states }, clock);
    expect(await counters()).toEqual(kept);
  });

  it('shows an office admin their own offices only, and answers another office as unknown', async () => {
    const view = await figures('admin');
    expect(view.choices.offices).toEqual(['demo-district']);
    expect(view.cases.totals).toEqual({ received: 3, completed: 1, overdue: 2 });
    expect(view.cases.byOffice.map((row) => row.office)).toEqual(['demo-district']);
    const other = await as('admin', '/staff/dashboard?office=demo-county');
    expect(other.status).toBe(404);
    expect((await figures('bureau', 'from=2026-11&to=2026-12&office=demo-county')).cases.totals).toEqual({ received: 1, completed: 0, overdue: 0 });
  });

  it('refuses the roles that do not see the bureau’s figures, and a period that ends before it begins', async () => {
    for (const name of ['clerk', 'editor']) {
      const response = await as(name, '/staff/dashboard');
      expect(response.status, name).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_permitted');
    }
    const backwards = await as('bureau', '/staff/dashboard?from=2026-12&to=2026-11');
    expect(backwards.status).toBe(422);
    expect(((await backwards.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields).toEqual([{ field: 'to', code: 'custom', message: '截止月份不能早于起始月份' }]);
    expect((await as('bureau', '/staff/dashboard?from=2026-13')).status).toBe(422);
    expect((await as('bureau', '/staff/dashboard?service=no-such-service')).status).toBe(404);
    expect((await runtime.portal.app.request('/api/v1/staff/dashboard')).status).toBe(401);
  });
});
