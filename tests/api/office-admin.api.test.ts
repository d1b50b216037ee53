/**
 * Office admins change their registry office's schedule: places (never below what is taken),
 * sessions and slot length (not under booked appointments), and closed days (a day with bookings
 * shows them first, then cancels them all, releases their places and texts each applicant, in one
 * transaction). Scoped to the admin's own offices; bad input is a 4xx with field errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { marriageAppointment } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const OFFICE = 'demo-district-registry';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
  affected?: { trackingNumber: string; start: string; kind: string; people: { name: string; idNumber: string }[] }[];
}
interface OfficeBody {
  schedule: { slotMinutes: number; placesPerSlot: Record<string, number>; closures: string[]; weekly: Record<string, { from: string; to: string }[]> };
  slotsNotReduced?: number;
  cancelled?: number;
}

const SETTINGS = {
  weekly: { '1': [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }], '2': [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }], '3': [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }], '4': [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }], '5': [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }] },
  slotMinutes: 30,
  placesPerSlot: { marriage: 10, divorce: 4, reissue: 4 },
  window: { minDaysAhead: 1, maxDaysAhead: 30 },
};

describe.each(DIALECTS)('office admins and their registry office’s schedule on %s', (kind) => {
  let runtime: TestRuntime;
  // Wednesday 25 November 2026, 10:00 in China.
  const clock = new Date('2026-11-25T02:00:00Z');
  let person = 0;
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en', serviceAreas: ['marriage'] });
  const member = (username: string, roles: StaffRole[], offices: string[]) => staff.member(username, roles, { offices });
  const request = staff.request;
  async function book(date: string, start: string, lang = 'en') {
    person += 1;
    const response = await runtime.portal.app.request('http://localhost/api/v1/marriage/appointments', {
      method: 'POST',
      body: JSON.stringify(await withPhoneProofs(runtime.portal.app, { ...marriageAppointment(person, { date, start }), office: OFFICE }, () => clock)),
      headers: { 'content-type': 'application/json', 'accept-language': lang },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  const place = async (date: string, start: string) =>
    runtime.database.db.selectFrom('booking_places').select(['capacity', 'taken']).where('key', '=', `${OFFICE}|${date}|${start}|marriage`).executeTakeFirst();
  const caseState = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('cases').select('state').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirst())?.state;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await member('district-admin', ['office-admin'], ['demo-district']);
    await member('county-admin', ['office-admin'], ['demo-county']);
    await member('clerk', ['intake'], ['demo-district']);
    await member('root', ['system-admin'], ['headquarters']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('lists only the offices an admin runs, all of them for a system admin, and none for a clerk', async () => {
    const ids = async (username: string) => ((await (await request(username, '/staff/offices')).json()) as { offices: { id: string }[] }).offices.map((o) => o.id);
    expect(await ids('district-admin')).toEqual([OFFICE]);
    expect(await ids('root')).toEqual(['demo-district-registry', 'demo-city-north-registry', 'demo-county-registry']);
    expect((await request('clerk', '/staff/offices')).status).toBe(403);
    expect((await request('county-admin', `/staff/offices/${OFFICE}`)).status).toBe(404);
    expect((await request('county-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: SETTINGS })).status).toBe(404);
    expect((await request('clerk', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: '2026-12-01' } })).status).toBe(403);
    expect((await request('district-admin', '/staff/offices/no-such-office')).status).toBe(404);
  });

  it('raises places for existing slots too, and lowers them never below what is taken, saying how many slots kept more', async () => {
    await book('2026-12-01', '09:00');
    await book('2026-12-01', '09:00');
    await book('2026-12-01', '09:30');
    expect(await place('2026-12-01', '09:00')).toEqual({ capacity: 10, taken: 2 });

    const raised = await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: { ...SETTINGS, placesPerSlot: { ...SETTINGS.placesPerSlot, marriage: 12 } } });
    expect(raised.status).toBe(200);
    expect(((await raised.json()) as OfficeBody).slotsNotReduced).toBe(0);
    expect(await place('2026-12-01', '09:00')).toEqual({ capacity: 12, taken: 2 });
    // The booking engine uses the new capacity at once in this process.
    expect(runtime.offices.get(OFFICE)?.schedule.placesPerSlot['marriage']).toBe(12);

    const lowered = await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: { ...SETTINGS, placesPerSlot: { ...SETTINGS.placesPerSlot, marriage: 1 } } });
    expect(lowered.status).toBe(200);
    expect(((await lowered.json()) as OfficeBody).slotsNotReduced).toBe(1);
    expect(await place('2026-12-01', '09:00')).toEqual({ capacity: 2, taken: 2 });
    expect(await place('2026-12-01', '09:30')).toEqual({ capacity: 1, taken: 1 });
    const full = await runtime.portal.app.request('http://localhost/api/v1/marriage/appointments', {
      method: 'POST',
      body: JSON.stringify({ ...marriageAppointment(9000, { date: '2026-12-01', start: '09:00' }), office: OFFICE }),
      headers: { 'content-type': 'application/json' },
    });
    expect(full.status).toBe(409);
    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('action', '=', 'offices.schedule.change').execute();
    expect(audit).toHaveLength(2);
    await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: SETTINGS });
  });

  it('keeps the slot length while appointments are booked, and sessions that would leave one outside every slot', async () => {
    const length = await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: { ...SETTINGS, slotMinutes: 20 } });
    expect(length.status).toBe(409);
    expect(((await length.json()) as ErrorBody).error).toMatchObject({ code: 'slot_length_locked', fields: [{ field: 'slotMinutes' }] });
    // 1 December is a Tuesday with bookings at 09:00 and 09:30.
    const mornings = await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: { ...SETTINGS, weekly: { ...SETTINGS.weekly, '2': [{ from: '13:30', to: '17:00' }] } } });
    expect(mornings.status).toBe(409);
    expect(((await mornings.json()) as ErrorBody).error.message).toContain('2026-12-01 09:00');
    expect(((await (await request('district-admin', `/staff/offices/${OFFICE}`)).json()) as OfficeBody).schedule.slotMinutes).toBe(30);
  });

  it('answers bad settings with translated field errors, and a body that is not JSON with 400, never 5xx', async () => {
    const bad = await request('district-admin', `/staff/offices/${OFFICE}/settings`, {
      method: 'PUT',
      body: { ...SETTINGS, slotMinutes: 1, weekly: { ...SETTINGS.weekly, '1': [{ from: '12:00', to: '09:00' }] }, window: { minDaysAhead: 10, maxDaysAhead: 5 } },
    });
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as ErrorBody).error.fields ?? [];
    expect(fields).toContainEqual({ field: 'slotMinutes', code: 'too_small', message: 'Slot length (minutes) must be 5 or more' });
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['slotMinutes']));
    const order = await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: { ...SETTINGS, weekly: { ...SETTINGS.weekly, '1': [{ from: '12:00', to: '09:00' }] }, window: { minDaysAhead: 10, maxDaysAhead: 5 } } });
    expect(((await order.json()) as ErrorBody).error.fields).toEqual([
      { field: 'weekly.1', code: 'custom', message: 'In Monday’s opening hours, 12:00-09:00 must end after it starts' },
      { field: 'window.maxDaysAhead', code: 'custom', message: 'Latest days ahead must not be less than the earliest days ahead (10)' },
    ]);
    expect((await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', raw: '{"weekly":' })).status).toBe(400);
    expect((await request('district-admin', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: '2026-11-25' } })).status).toBe(422);
    expect((await request('district-admin', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: 'tomorrow' } })).status).toBe(422);
    expect((await request('district-admin', `/staff/offices/${OFFICE}/closures/2026-13-45`)).status).toBe(422);
  });

  it('closes a day without bookings at once, and the database refuses its places even to a process that has not refreshed', async () => {
    const closed = await request('district-admin', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: '2026-12-02' } });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as OfficeBody).schedule.closures).toContain('2026-12-02');
    expect(await place('2026-12-02', '09:00')).toEqual({ capacity: 0, taken: 0 });
    const reopened = await request('district-admin', `/staff/offices/${OFFICE}/closures/2026-12-02`, { method: 'DELETE' });
    expect(((await reopened.json()) as OfficeBody).schedule.closures).not.toContain('2026-12-02');
    expect(await place('2026-12-02', '09:00')).toEqual({ capacity: 10, taken: 0 });
  });

  it('shows a booked day’s appointments before closing it, then cancels them all, releases their places and texts each applicant', async () => {
    const first = await book('2026-12-03', '10:00', 'zh-CN');
    const second = await book('2026-12-03', '14:00');

    const preview = (await (await request('district-admin', `/staff/offices/${OFFICE}/closures/2026-12-03`)).json()) as ErrorBody;
    expect(preview.affected?.map((a) => [a.trackingNumber, a.start, a.kind])).toEqual([
      [first, '10:00', 'marriage'],
      [second, '14:00', 'marriage'],
    ]);
    expect(preview.affected?.[0]?.people[0]).toEqual({ name: '王**', idNumber: expect.stringMatching(/^1101\*{10}\d{3}[\dX]$/) });

    const unconfirmed = await request('district-admin', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: '2026-12-03' } });
    expect(unconfirmed.status).toBe(409);
    expect(((await unconfirmed.json()) as ErrorBody).affected).toHaveLength(2);
    // One confirmed of two (the second booked after the list was shown): nothing happens.
    const partly = await request('district-admin', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: '2026-12-03', confirmed: [first] } });
    expect(partly.status).toBe(409);
    expect(await caseState(first)).toBe('booked');

    const closed = await request('district-admin', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: '2026-12-03', confirmed: [first, second] } });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as OfficeBody).cancelled).toBe(2);
    expect([await caseState(first), await caseState(second)]).toEqual(['cancelled-by-office', 'cancelled-by-office']);
    expect(await place('2026-12-03', '10:00')).toEqual({ capacity: 0, taken: 0 });
    const appointments = await runtime.database.db.selectFrom('appointments').select('status').where('date', '=', '2026-12-03').execute();
    expect(appointments.map((a) => a.status)).toEqual(['cancelled', 'cancelled']);
    const people = await runtime.database.db.selectFrom('appointment_people').innerJoin('appointments', 'appointments.id', 'appointment_people.appointment_id').select('appointment_people.active').where('appointments.date', '=', '2026-12-03').execute();
    expect(people.every((p) => Number(p.active) === 0)).toBe(true);

    const messages = await runtime.database.db.selectFrom('notification_outbox').select(['lang', 'params_json']).where('template', '=', 'case.appointmentCancelledByOffice').execute();
    expect(messages.map((m) => ({ lang: m.lang, ...(JSON.parse(m.params_json) as Record<string, string>) }))).toEqual(
      expect.arrayContaining([
        { lang: 'zh-CN', trackingNumber: first, date: '2026-12-03', start: '10:00', office: '示例区婚姻登记处', bookUrl: 'http://localhost/book/marriage', trackUrl: `http://localhost/track?number=${first}` },
        { lang: 'en', trackingNumber: second, date: '2026-12-03', start: '14:00', office: 'Example District Marriage Registry', bookUrl: 'http://localhost/en/book/marriage', trackUrl: `http://localhost/en/track?number=${second}` },
      ]),
    );
    // Both people of each appointment are told.
    expect(messages).toHaveLength(4);
    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'details_json']).where('action', 'in', ['case.cancel-by-office', 'offices.closure.add']).execute();
    const ofThisDay = audit.filter((entry) => entry.details_json?.includes('2026-12-03'));
    expect(ofThisDay.map((a) => a.action).sort()).toEqual(['case.cancel-by-office', 'case.cancel-by-office', 'offices.closure.add']);

    // The applicant's status page shows the office's cancellation and where to book again.
    const track = await runtime.portal.app.request('http://localhost/api/v1/track', {
      method: 'POST',
      body: JSON.stringify({ trackingNumber: second, secondFactor: marriageAppointment(person, { date: '2026-12-03', start: '14:00' }).partyA.idNumber }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await track.json()).toMatchObject({ state: 'cancelled-by-office', bookingPath: '/book/marriage', timeline: expect.arrayContaining([expect.objectContaining({ transition: 'cancel-by-office' })]) });
  });

  it('saves nothing when one appointment cannot be cancelled: all or nothing', async () => {
    const early = await book('2026-12-04', '09:00');
    const late = await book('2026-12-04', '15:00');
    // The couple of the later appointment has just arrived (a clerk's action the list did not know of).
    await runtime.database.db.updateTable('cases').set({ state: 'arrived' }).where('tracking_number', '=', late.replaceAll('-', '')).execute();
    const refused = await request('district-admin', `/staff/offices/${OFFICE}/closures`, { method: 'POST', body: { date: '2026-12-04', confirmed: [early, late] } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({ code: 'not_cancellable' });
    expect(await caseState(early)).toBe('booked');
    expect(await place('2026-12-04', '09:00')).toEqual({ capacity: 10, taken: 1 });
    expect(((await (await request('district-admin', `/staff/offices/${OFFICE}`)).json()) as OfficeBody).schedule.closures).not.toContain('2026-12-04');
    const queued = await runtime.database.db.selectFrom('notification_outbox').select('id').where('template', '=', 'case.appointmentCancelledByOffice').execute();
    expect(queued).toHaveLength(4); // the two people of each of the two appointments closed before, none more
  });

  it('is not offered to the clerk as a case action', async () => {
    const trackingNumber = await book('2026-12-07', '09:00');
    const view = (await (await request('clerk', `/staff/cases/${trackingNumber}`)).json()) as { actions: { name: string }[] };
    expect(view.actions.map((a) => a.name)).not.toContain('cancel-by-office');
  });

  it('reaches another process of the portal when it refreshes (every minute in a server), and this one at once', async () => {
    // A second runtime on the same database stands for a second server process.
    const other = await createTestRuntime(kind, { now: () => clock, sharedWith: runtime });
    try {
      const before = runtime.offices.get(OFFICE)?.schedule.window.maxDaysAhead;
      expect(other.offices.get(OFFICE)?.schedule.window.maxDaysAhead).toBe(before);
      const changed = await request('district-admin', `/staff/offices/${OFFICE}/settings`, { method: 'PUT', body: { ...SETTINGS, window: { minDaysAhead: 1, maxDaysAhead: 45 } } });
      expect(changed.status).toBe(200);
      expect(runtime.offices.get(OFFICE)?.schedule.window.maxDaysAhead).toBe(45);
      // Not yet: the other process books by what it read until its next refresh.
      expect(other.offices.get(OFFICE)?.schedule.window.maxDaysAhead).toBe(before);
      await other.offices.refresh();
      expect(other.offices.get(OFFICE)?.schedule.window.maxDaysAhead).toBe(45);
      // What its API answers and its pages read is that object.
      const listed = (await (await other.portal.app.request('/api/v1/marriage/offices')).json()) as { offices: { id: string; window: { maxDaysAhead: number } }[] };
      expect(listed.offices.find((office) => office.id === OFFICE)?.window.maxDaysAhead).toBe(45);
    } finally {
      await other.dispose();
    }
  });
});
