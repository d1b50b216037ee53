import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { marriageAppointment } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';


interface Day {
  office: string;
  slots: { start: string; appointments: { trackingNumber: string; state: string; people: { name: string; idNumber: string; noShows: number }[] }[] }[];
}

describe.each(DIALECTS)('a registry office’s day on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-11-25T02:00:00Z');
  const staff = staffClient({ runtime: () => runtime, now: () => clock, serviceAreas: ['marriage'] });
  const member = (username: string, roles: StaffRole[], offices: string[]) => staff.member(username, roles, { offices });
  const as = staff.request;
  const book = async (n: number, slot: { date: string; start: string }) => {
    const response = await runtime.portal.app.request('/api/v1/marriage/appointments', { method: 'POST', body: JSON.stringify(await withPhoneProofs(runtime.portal.app, marriageAppointment(n, slot), () => clock)), headers: { 'content-type': 'application/json' } });
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await member('county.clerk', ['intake'], ['demo-county']);
    await member('district.clerk', ['intake'], ['demo-district']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('lists the day’s appointments by time for the office’s own clerks, names shown and ID numbers masked, and audits the look', async () => {
    const first = await book(1, { date: '2026-12-02', start: '09:00' });
    await book(2, { date: '2026-12-02', start: '10:30' });
    const response = await as('county.clerk', '/staff/appointments?office=demo-county-registry&date=2026-12-02');
    expect(response.status).toBe(200);
    const day = (await response.json()) as Day;
    expect(day.slots.map((slot) => slot.start)).toContain('13:30');
    const nine = day.slots.find((slot) => slot.start === '09:00');
    expect(nine?.appointments).toEqual([{ trackingNumber: first, kind: 'marriage', visit: 1, state: 'booked', people: [expect.objectContaining({ name: '王小明', noShows: 0 }), expect.objectContaining({ name: '李小红' })] }]);
    expect(nine?.appointments[0]?.people[0]?.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect((await as('district.clerk', '/staff/appointments?office=demo-county-registry&date=2026-12-02')).status).toBe(404);
    const audit = await runtime.database.db.selectFrom('audit_log').select('action').where('action', '=', 'appointments.day-view').execute();
    expect(audit).toHaveLength(1);
  });

  it('runs the day from the case page: arrived, then done; a couple who never came is marked, and their no-shows show next time', async () => {
    const arriving = await book(3, { date: '2026-11-26', start: '09:00' });
    const missing = await book(4, { date: '2026-11-26', start: '09:30' });
    clock = new Date('2026-11-26T01:00:00Z');
    await member('county.clerk2', ['intake'], ['demo-county']);
    const act = (trackingNumber: string, transition: string, version: number) => as('county.clerk2', `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input: {} } });
    expect((await act(arriving, 'mark-arrived', 1)).status).toBe(200);
    expect((await act(arriving, 'complete', 2)).status).toBe(200);
    // Not come: once their 09:30–10:00 slot is over.
    expect((await act(missing, 'mark-no-show', 1)).status).toBe(409);
    clock = new Date('2026-11-26T02:00:00Z');
    await member('county.clerk2.later', ['intake'], ['demo-county']);
    expect((await as('county.clerk2.later', `/staff/cases/${missing}/transitions`, { method: 'POST', body: { transition: 'mark-no-show', version: 1, input: {} } })).status).toBe(200);
    // The couple who did not come may book again, and the clerks see their no-show.
    clock = new Date('2026-11-27T01:00:00Z');
    await member('county.clerk3', ['intake'], ['demo-county']);
    await book(4, { date: '2026-12-03', start: '09:00' });
    const day = (await (await as('county.clerk3', '/staff/appointments?office=demo-county-registry&date=2026-12-03')).json()) as Day;
    expect(day.slots.find((slot) => slot.start === '09:00')?.appointments[0]?.people.map((person) => person.noShows)).toEqual([1, 1]);
  });

  it('finds a couple in the day by tracking number, full ID number or its last 4 characters, posted and audited without the number', async () => {
    clock = new Date('2026-11-25T02:00:00Z');
    await member('county.clerk4', ['intake'], ['demo-county']);
    const wanted = await book(5, { date: '2026-12-08', start: '11:00' });
    await book(6, { date: '2026-12-08', start: '11:00' });
    const search = async (query: string) => {
      const response = await as('county.clerk4', '/staff/appointments/search', { method: 'POST', body: { office: 'demo-county-registry', date: '2026-12-08', search: query } });
      expect(response.status).toBe(200);
      const day = (await response.json()) as Day;
      return day.slots.flatMap((slot) => slot.appointments.map((appointment) => appointment.trackingNumber));
    };
    const woman = marriageAppointment(5, { date: '2026-12-08', start: '11:00' }).partyB.idNumber;
    expect(await search(wanted.toLowerCase().replaceAll('-', ' '))).toEqual([wanted]);
    expect(await search(woman)).toEqual([wanted]);
    expect(await search(woman.slice(-4))).toEqual([wanted]);
    expect(await search('110101')).toEqual([]);
    expect((await search('')).length).toBe(2);
    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'details_json']).where('action', '=', 'appointments.day-search').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toContain(woman);
  });
});
