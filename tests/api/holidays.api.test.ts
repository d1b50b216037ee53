import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

// Made-up figures: the real 2027 arrangement had not been published when this was written.
const MADE_UP_2027 = {
  year: 2027,
  source: '测试用的假想安排',
  holidays: [{ name: '春节', from: '2027-02-03', to: '2027-02-11' }],
  makeUpWorkdays: ['2027-01-30'],
};

describe.each(DIALECTS)('loading public holidays on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-11-25T02:00:00Z');
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en', serviceAreas: ['allowances'] });
  const member = (username: string, roles: StaffRole[]) => staff.member(username, roles);
  const request = staff.request;
  const acceptanceDue = async () => {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication()),
      headers: { 'content-type': 'application/json' },
    });
    return ((await response.json()) as { deadlines: { dueOn: string }[] }).deadlines[0]?.dueOn;
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await member('admin', ['system-admin']);
    await member('clerk', ['intake']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('lists the shipped year and warns that next year is missing', async () => {
    const calendar = (await (await request('clerk', '/staff/holidays')).json()) as { years: { year: number; loadedByStaff: boolean }[]; missing: number[] };
    expect(calendar.years).toEqual([expect.objectContaining({ year: 2026, loadedByStaff: false })]);
    expect(calendar.missing).toEqual([2027]);
  });

  it('lets only a system admin load a year; deadlines use it at once, and the load is audited', async () => {
    clock = new Date('2027-02-01T02:00:00Z');
    await member('admin2', ['system-admin']); // the earlier sessions timed out over the months
    await member('clerk2', ['intake']);
    // Without data, 2027 counts Monday to Friday less the law's holidays: five working days from
    // Monday 1 February skip 春节's 除夕 (Friday 5) to 初三 (Monday 8).
    expect(await acceptanceDue()).toBe('2027-02-10');
    expect((await request('clerk2', '/staff/holidays/2027', { method: 'PUT', body: MADE_UP_2027 })).status).toBe(403);
    const loaded = await request('admin2', '/staff/holidays/2027', { method: 'PUT', body: MADE_UP_2027 });
    expect(loaded.status).toBe(200);
    expect(((await loaded.json()) as { missing: number[] }).missing).toEqual([]);
    // With the made-up 春节 of 3–11 February: 2 Feb, then 12, 15, 16 and 17 February.
    expect(await acceptanceDue()).toBe('2027-02-17');
    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('action', '=', 'holidays.load').execute();
    expect(audit).toEqual([{ action: 'holidays.load', record_id: '2027' }]);
  });

  it('refuses a make-up day on a weekday and a year that does not match the address, with translated field errors', async () => {
    const weekday = await request('admin2', '/staff/holidays/2027', { method: 'PUT', body: { ...MADE_UP_2027, makeUpWorkdays: ['2027-02-02'] } });
    expect(weekday.status).toBe(422);
    expect(((await weekday.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields).toEqual([
      { field: 'makeUpWorkdays.0', code: 'custom', message: '2027-02-02 is not a Saturday or Sunday: make-up working days are weekend days' },
    ]);
    expect((await request('admin2', '/staff/holidays/2028', { method: 'PUT', body: MADE_UP_2027 })).status).toBe(422);
    expect((await request('admin2', '/staff/holidays/2027', { method: 'PUT', body: { year: 2027 } })).status).toBe(422);
  });
});
