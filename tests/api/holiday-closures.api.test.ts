/**
 * Issue 12, item 2: New Year's Day 2027 was bookable because the 2027 notice was not loaded, and
 * loading it then left the booking orphaned (the office's day "0 appointments · closed", the
 * couple's status page "booked", no text). Now the law's holidays close a year without a notice,
 * and loading a year over booked days lists them to the system admin first, then cancels them as
 * an office closure does (both parties texted a link to book again, places released), in one
 * transaction with the year, or saves nothing. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { renderNotification } from '../../api/notifications/delivery.ts';
import { marriageAppointment } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const OFFICE = 'demo-district-registry';

/** An admin's first, incomplete entry of 2027 (made-up figures: the real notice was not out when this was written). */
const INCOMPLETE_2027 = { year: 2027, source: '测试用的假想安排（漏了元旦）', holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }], makeUpWorkdays: [] };
/** The same year corrected: 元旦 2027-01-01…03. */
const CORRECTED_2027 = { ...INCOMPLETE_2027, source: '测试用的假想安排', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }, ...INCOMPLETE_2027.holidays] };

interface Affected {
  trackingNumber: string;
  office: string;
  date: string;
  start: string;
  kind: string;
  people: { name: string; idNumber: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
  affected?: Affected[];
}

describe.each(DIALECTS)('public holidays over booked days on %s', (kind) => {
  let runtime: TestRuntime;
  // Thursday 10 December 2026, 10:00 in China: bookable to 9 January 2027.
  const clock = new Date('2026-12-10T02:00:00Z');
  let person = 300;
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en', serviceAreas: ['marriage'] });
  const member = (username: string, roles: StaffRole[], offices: string[]) => staff.member(username, roles, { offices });
  const request = staff.request;
  const loadYear = (body: unknown) => request('root', '/staff/holidays/2027', { method: 'PUT', body });
  const attempt = async (date: string, start: string, lang = 'en') => {
    person += 1;
    const couple = { ...marriageAppointment(person, { date, start }), office: OFFICE };
    const response = await runtime.portal.app.request('http://localhost/api/v1/marriage/appointments', {
      method: 'POST',
      body: JSON.stringify(await withPhoneProofs(runtime.portal.app, couple, () => clock)),
      headers: { 'content-type': 'application/json', 'accept-language': lang },
    });
    return { response, couple };
  };
  async function book(date: string, start: string, lang = 'en') {
    const { response, couple } = await attempt(date, start, lang);
    expect(response.status).toBe(201);
    return { trackingNumber: ((await response.json()) as { trackingNumber: string }).trackingNumber, couple };
  }
  const caseState = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('cases').select('state').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirst())?.state;
  const place = async (date: string, start: string) =>
    runtime.database.db.selectFrom('booking_places').select(['capacity', 'taken']).where('key', '=', `${OFFICE}|${date}|${start}|marriage`).executeTakeFirst();
  const texts = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('notification_outbox').select(['template', 'lang', 'params_json']).execute()).filter(
      (message) => (JSON.parse(message.params_json) as { trackingNumber?: string }).trackingNumber === trackingNumber && message.template === 'case.appointmentCancelledByOffice',
    );
  const stored2027 = async () =>
    ((await (await request('root', '/staff/holidays')).json()) as { years: { year: number; holidays: { name: string }[] }[] }).years.find((year) => year.year === 2027);
  const calendarStates = async (from: string, days: number) =>
    ((await (await runtime.portal.app.request(`/api/v1/marriage/offices/${OFFICE}/calendar?kind=marriage&from=${from}&days=${days}`)).json()) as { days: { date: string; state: string }[] }).days.map(
      (day) => [day.date, day.state],
    );

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await member('root', ['system-admin'], ['headquarters']);
    await member('clerk', ['intake'], ['demo-district']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('closes New Year’s Day 2027 by law while no 2027 notice is loaded: the calendar, a booking and the office’s day all say so', async () => {
    expect(await calendarStates('2026-12-31', 5)).toEqual([
      ['2026-12-31', 'available'],
      ['2027-01-01', 'closed'],
      ['2027-01-02', 'closed'],
      ['2027-01-03', 'closed'],
      ['2027-01-04', 'available'],
    ]);
    const { response } = await attempt('2027-01-01', '09:00');
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'date', code: 'closed' });
    const day = (await (await request('clerk', `/staff/appointments?office=${OFFICE}&date=2027-01-01`)).json()) as { slots: unknown[]; closedFor?: unknown };
    expect(day).toMatchObject({ slots: [], closedFor: { reason: 'holiday', name: '元旦', statutory: true } });
  });

  it('lists a booked 1 January before loading 元旦 over it and saves nothing; confirmed, it cancels it, texts both and releases its place, with the year', async () => {
    // An admin's first entry of 2027 forgot 元旦, and a couple booked it.
    expect((await loadYear(INCOMPLETE_2027)).status).toBe(200);
    const newYear = await book('2027-01-01', '09:00');
    const monday = await book('2027-01-04', '09:00');

    const preview = await loadYear(CORRECTED_2027);
    expect(preview.status).toBe(409);
    const shown = (await preview.json()) as ErrorBody;
    expect(shown.error.code).toBe('holidays_need_confirmation');
    expect(shown.error.message).toBe('The new holidays of 2027 fall on 1 booked appointment: check the appointment that will be cancelled, then confirm.');
    expect(shown.affected).toEqual([
      {
        trackingNumber: newYear.trackingNumber,
        office: OFFICE,
        date: '2027-01-01',
        start: '09:00',
        end: '09:30',
        kind: 'marriage',
        people: [
          { name: '王**', idNumber: expect.stringMatching(/^1101\*{10}\d{3}[\dX]$/) },
          { name: '李**', idNumber: expect.stringMatching(/^1101\*{10}\d{3}[\dX]$/) },
        ],
      },
    ]);
    // Nothing half-saved by the look: the year, the case, its place.
    expect((await stored2027())?.holidays.map((holiday) => holiday.name)).toEqual(['春节']);
    expect(await caseState(newYear.trackingNumber)).toBe('booked');
    expect(await place('2027-01-01', '09:00')).toEqual({ capacity: 10, taken: 1 });
    const looks = await runtime.database.db.selectFrom('audit_log').select(['record_id', 'details_json']).where('action', '=', 'holidays.load.preview').execute();
    expect(looks.map((look) => [look.record_id, JSON.parse(look.details_json ?? '{}')])).toEqual([['2027', { affected: 1 }]]);

    const loaded = await loadYear({ ...CORRECTED_2027, confirmed: [newYear.trackingNumber] });
    expect(loaded.status).toBe(200);
    expect(((await loaded.json()) as { cancelled: number }).cancelled).toBe(1);
    expect((await stored2027())?.holidays.map((holiday) => holiday.name)).toEqual(['元旦', '春节']);
    expect([await caseState(newYear.trackingNumber), await caseState(monday.trackingNumber)]).toEqual(['cancelled-by-office', 'booked']);
    // The place is released and the day closed in the database too.
    expect(await place('2027-01-01', '09:00')).toEqual({ capacity: 0, taken: 0 });
    expect(await place('2027-01-04', '09:00')).toEqual({ capacity: 10, taken: 1 });
    const people = await runtime.database.db
      .selectFrom('appointment_people')
      .innerJoin('appointments', 'appointments.id', 'appointment_people.appointment_id')
      .select(['appointments.status', 'appointment_people.active'])
      .where('appointments.date', '=', '2027-01-01')
      .execute();
    expect(people.map((row) => [row.status, Number(row.active)])).toEqual([
      ['cancelled', 0],
      ['cancelled', 0],
    ]);

    // Both of the couple are texted, saying why, with the booking page to book again.
    const sent = await texts(newYear.trackingNumber);
    expect(sent).toHaveLength(2);
    expect(JSON.parse(sent[0]?.params_json ?? '{}')).toEqual({
      trackingNumber: newYear.trackingNumber,
      date: '2027-01-01',
      start: '09:00',
      office: 'Example District Marriage Registry',
      bookUrl: 'http://localhost/en/book/marriage',
      trackUrl: `http://localhost/en/track?number=${newYear.trackingNumber}`,
      context: 'holiday',
      holiday: '元旦',
    });
    expect(renderNotification(sent[0] ?? { template: '', lang: 'en', params_json: '{}' })).toBe(
      `Civil Affairs Online: we are sorry, 2027-01-01 is a public holiday (元旦) and Example District Marriage Registry is closed, so your appointment at 09:00 (${newYear.trackingNumber}) is cancelled. Please book again: http://localhost/en/book/marriage`,
    );

    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'details_json']).where('action', 'in', ['holidays.load', 'case.cancel-by-office']).orderBy('seq').execute();
    expect(audit.map((entry) => [entry.action, JSON.parse(entry.details_json ?? '{}')])).toEqual([
      ['holidays.load', { holidays: 1, makeUpWorkdays: 0 }],
      ['case.cancel-by-office', { office: OFFICE, date: '2027-01-01', start: '09:00', reason: 'holiday', year: '2027' }],
      ['holidays.load', { holidays: 2, makeUpWorkdays: 0, cancelled: [newYear.trackingNumber] }],
    ]);

    // The couple's status page says the office cancelled it, and where to book again.
    const track = await runtime.portal.app.request('http://localhost/api/v1/track', {
      method: 'POST',
      body: JSON.stringify({ trackingNumber: newYear.trackingNumber, secondFactor: newYear.couple.partyB.idNumber }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await track.json()).toMatchObject({ state: 'cancelled-by-office', bookingPath: '/book/marriage', timeline: expect.arrayContaining([expect.objectContaining({ transition: 'cancel-by-office' })]) });
    const day = (await (await request('clerk', `/staff/appointments?office=${OFFICE}&date=2027-01-01`)).json()) as { closedFor?: unknown };
    expect(day.closedFor).toEqual({ reason: 'holiday', name: '元旦', statutory: false });
  });

  it('saves nothing when an appointment cannot be cancelled, or was booked after the list was shown', async () => {
    const withTraining = { ...CORRECTED_2027, holidays: [...CORRECTED_2027.holidays, { name: '测试假日', from: '2027-01-05', to: '2027-01-05' }] };
    const early = await book('2027-01-05', '09:00');
    const shown = ((await (await loadYear(withTraining)).json()) as ErrorBody).affected?.map((appointment) => appointment.trackingNumber);
    expect(shown).toEqual([early.trackingNumber]);
    // Booked after the admin was shown the list: back to the list, now with both.
    const late = await book('2027-01-05', '10:00');
    const again = await loadYear({ ...withTraining, confirmed: [early.trackingNumber] });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).affected?.map((appointment) => appointment.trackingNumber)).toEqual([early.trackingNumber, late.trackingNumber]);

    // The later couple has just arrived (a clerk's step the list did not know of): all or nothing.
    await runtime.database.db.updateTable('cases').set({ state: 'arrived' }).where('tracking_number', '=', late.trackingNumber.replaceAll('-', '')).execute();
    const refused = await loadYear({ ...withTraining, confirmed: [early.trackingNumber, late.trackingNumber] });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('not_cancellable');
    expect(await caseState(early.trackingNumber)).toBe('booked');
    expect(await place('2027-01-05', '09:00')).toEqual({ capacity: 10, taken: 1 });
    expect((await stored2027())?.holidays.map((holiday) => holiday.name)).toEqual(['元旦', '春节']);
    expect(await texts(early.trackingNumber)).toEqual([]);
    expect(await calendarStates('2027-01-05', 1)).toEqual([['2027-01-05', 'available']]);
  });
});
