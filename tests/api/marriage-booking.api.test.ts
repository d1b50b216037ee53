import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageApiClient } from '../../api/server/portal.ts';
import { formatDayWithWeekday } from '../../api/i18n/index.ts';
import { en } from '../../api/i18n/resources/en.ts';
import { marriageEn } from '../../api/services/marriage/messages/en.ts';
import { marriageAppointment, personId } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}

describe.each(DIALECTS)('booking marriage appointments on %s', (kind) => {
  let runtime: TestRuntime;
  // Wednesday 25 November 2026, 10:00 in China.
  const clock = new Date('2026-11-25T02:00:00Z');
  /** Books, the people's phones confirmed first (docs/decisions/019). */
  const book = async <B extends { partyA: { phone: string }; partyB?: { phone: string } | undefined }>(body: B, headers: Record<string, string> = {}) =>
    runtime.portal.app.request('/api/v1/marriage/appointments', { method: 'POST', body: JSON.stringify(await withPhoneProofs(runtime.portal.app, body, () => clock)), headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers } });
  const count = async (table: 'appointments' | 'cases') => (await runtime.database.db.selectFrom(table).select('id').execute()).length;
  const placesTaken = async (key: string) => Number((await runtime.database.db.selectFrom('booking_places').select('taken').where('key', '=', key).executeTakeFirst())?.taken ?? 0);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('books a slot: a case with a tracking number, a place held, and the couple told by text', async () => {
    const response = await book(marriageAppointment(1, { date: '2026-12-02', start: '09:00' }));
    expect(response.status).toBe(201);
    const booked = (await response.json()) as { trackingNumber: string; end: string };
    expect(booked).toMatchObject({ office: 'demo-county-registry', kind: 'marriage', date: '2026-12-02', start: '09:00', end: '09:30' });
    expect(await placesTaken('demo-county-registry|2026-12-02|09:00|marriage')).toBe(1);
    const outbox = await runtime.database.db.selectFrom('notification_outbox').select(['template', 'params_json']).where('template', '=', 'case.appointmentBooked').execute();
    // The text names the office and its address, in the language the couple booked in.
    expect(outbox.map((row) => JSON.parse(row.params_json) as Record<string, string>)).toContainEqual({
      trackingNumber: booked.trackingNumber,
      date: '2026-12-02',
      start: '09:00',
      office: 'Example County Marriage Registry',
      address: '1 Minzheng Road, Chengguan, Example County',
    });
  });

  it('never holds more places than a slot has, however many people try at once, and loses none', async () => {
    // The county office has 4 places per slot for marriages; 40 couples try for the same one.
    const attempts = await Promise.all(Array.from({ length: 40 }, (_, i) => book(marriageAppointment(100 + i, { date: '2026-12-03', start: '14:00' }))));
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s === 409)).toHaveLength(36);
    const full = (await attempts.find((r) => r.status === 409)?.json()) as ErrorBody;
    expect(full.error).toMatchObject({ code: 'slot_full', fields: [{ field: 'start', code: 'full', message: 'That time is fully booked: choose another' }] });
    expect(await placesTaken('demo-county-registry|2026-12-03|14:00|marriage')).toBe(4);
    const held = await runtime.database.db.selectFrom('appointments').select('id').where('place_key', '=', 'demo-county-registry|2026-12-03|14:00|marriage').execute();
    expect(held).toHaveLength(4);
  });

  it('lets a person hold one active appointment of a kind, and says so next to the field', async () => {
    expect((await book(marriageAppointment(2, { date: '2026-12-04', start: '09:00' }))).status).toBe(201);
    const before = await count('cases');
    const again = await book(marriageAppointment(2, { date: '2026-12-07', start: '10:00' }));
    expect(again.status).toBe(422);
    // Asked with the phones it was booked with: a party of that appointment is told which it is.
    const held = marriageEn.errors.marriage.alreadyBookedVerified.replace('{{kind}}', marriageEn.marriage.kind.marriage).replace('{{date}}', formatDayWithWeekday('2026-12-04', 'en'));
    expect(((await again.json()) as ErrorBody).error.fields).toEqual([{ field: 'partyA.idNumber', code: 'already_booked', message: held }]);
    expect(await count('cases')).toBe(before);
    expect(await placesTaken('demo-county-registry|2026-12-07|10:00|marriage')).toBe(0);
  });

  it('names the second party when it is they who already hold an appointment', async () => {
    expect((await book(marriageAppointment(60, { date: '2026-12-04', start: '10:00' }))).status).toBe(201);
    const sameBride = { ...marriageAppointment(61, { date: '2026-12-07', start: '11:00' }), partyB: marriageAppointment(60, { date: '2026-12-07', start: '11:00' }).partyB };
    const again = await book(sameBride);
    expect(again.status).toBe(422);
    const held = marriageEn.errors.marriage.alreadyBookedVerified.replace('{{kind}}', marriageEn.marriage.kind.marriage).replace('{{date}}', formatDayWithWeekday('2026-12-04', 'en'));
    expect(((await again.json()) as ErrorBody).error.fields).toEqual([{ field: 'partyB.idNumber', code: 'already_booked', message: held }]);
    expect(await placesTaken('demo-county-registry|2026-12-07|11:00|marriage')).toBe(0);
  });

  it('books a passport holder at a designated office, who then finds the appointment with the passport number', async () => {
    const passport = { name: 'Anna Schmidt', idType: 'passport', idNumber: 'C01X00T62', phone: '13700000062', birthDate: '1996-05-07', sex: 'female' };
    const elsewhere = await book({ ...marriageAppointment(62, { date: '2026-12-07', start: '14:00' }), partyB: passport });
    expect(elsewhere.status).toBe(422);
    expect(((await elsewhere.json()) as ErrorBody).error.fields?.map((f) => f.field)).toEqual(['partyB.idType']);
    const response = await book({ ...marriageAppointment(62, { date: '2026-12-07', start: '14:00' }), office: 'demo-district-registry', partyB: { ...passport, idNumber: 'c01x 00t62' } });
    expect(response.status).toBe(201);
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    const tracked = await runtime.portal.app.request('/api/v1/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: 'C01X00T62' }), headers: { 'content-type': 'application/json' } });
    expect(tracked.status).toBe(200);
    // The same passport cannot hold a second marriage appointment.
    const again = await book({ ...marriageAppointment(63, { date: '2026-12-08', start: '14:00' }), office: 'demo-district-registry', partyB: passport });
    expect(((await again.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'partyB.idNumber', code: 'already_booked' })]);
  });

  it('refuses a closed, past, too-early or not-yet-open day on the date field, and a time the office does not have', async () => {
    const refusal = async (slot: { date: string; start: string }) => ((await (await book(marriageAppointment(3, slot))).json()) as ErrorBody).error.fields?.[0];
    expect(await refusal({ date: '2026-11-29', start: '09:00' })).toMatchObject({ field: 'date', code: 'closed' });
    expect(await refusal({ date: '2026-11-20', start: '09:00' })).toMatchObject({ field: 'date', code: 'past' });
    expect(await refusal({ date: '2026-11-25', start: '14:00' })).toMatchObject({ field: 'date', code: 'too-soon' });
    expect(await refusal({ date: '2027-01-05', start: '09:00' })).toMatchObject({ field: 'date', code: 'beyond-window' });
    expect(await refusal({ date: '2026-12-02', start: '09:10' })).toMatchObject({ field: 'start', code: 'no-such-slot' });
    const special = (await (await book({ ...marriageAppointment(3, { date: '2026-12-12', start: '09:00' }), office: 'demo-district-registry' })).json()) as ErrorBody;
    expect(special.error.fields?.[0]).toMatchObject({ field: 'date', code: 'not-yet-open', message: 'Booking for that day opens at 1 December at 09:00' });
  });

  it('makes one appointment of a repeated request with the same Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'marriage-form-0001-double' };
    const first = await book(marriageAppointment(4, { date: '2026-12-08', start: '09:30' }), key);
    const second = await book(marriageAppointment(4, { date: '2026-12-08', start: '09:30' }), key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(((await second.json()) as { trackingNumber: string }).trackingNumber).toBe(((await first.json()) as { trackingNumber: string }).trackingNumber);
    expect(await placesTaken('demo-county-registry|2026-12-08|09:30|marriage')).toBe(1);
  });

  it('answers an attempt for a full slot without writing anything, but still replays a request that succeeded before it filled', async () => {
    const slot = { date: '2026-12-09', start: '15:00' };
    const key = { 'idempotency-key': 'marriage-form-0009-replay' };
    const first = await book(marriageAppointment(9, slot), key);
    expect(first.status).toBe(201);
    for (let n = 10; n < 13; n += 1) expect((await book(marriageAppointment(n, slot))).status).toBe(201);
    const keys = async () => (await runtime.database.db.selectFrom('idempotency_keys').select('key').execute()).length;
    const keysBefore = await keys();
    const refused = await book(marriageAppointment(13, slot), { 'idempotency-key': 'marriage-form-0013-late' });
    expect(refused.status).toBe(409);
    expect(await keys()).toBe(keysBefore);
    const replay = await book(marriageAppointment(9, slot), key);
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(await first.json());
  });

  it('answers a booking sent as the pages send it in the reader’s language, and texts the couple in it', async () => {
    // As the booking registration books (api/services/marriage/pages.ts): the body and the Idempotency-Key in `init`, whose
    // headers the client would otherwise let replace the page's language.
    const client = pageApiClient(runtime.portal.api, 'http://localhost', { 'accept-language': 'en' }, null);
    const send = (body: unknown, key: string) =>
      client.marriage.appointments.$post({ header: { 'idempotency-key': key } }, { init: { body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'idempotency-key': key } } });
    const couple = marriageAppointment(70, { date: '2026-12-10', start: '11:00' });
    const twice = await send({ ...couple, partyB: { ...couple.partyB, idNumber: couple.partyA.idNumber } }, 'page-language-0070-a');
    expect(twice.status).toBe(422);
    expect(await twice.json()).toMatchObject({ error: { fields: [{ field: 'partyB.idNumber', message: 'The two people cannot be the same person: check the document numbers' }] } });
    const booked = await send(await withPhoneProofs(runtime.portal.app, couple, () => clock), 'page-language-0070-b');
    expect(booked.status).toBe(201);
    const { trackingNumber } = (await booked.json()) as { trackingNumber: string };
    const texts = await runtime.database.db.selectFrom('notification_outbox').select(['lang', 'params_json']).where('template', '=', 'case.appointmentBooked').execute();
    expect(texts.filter((text) => (JSON.parse(text.params_json) as { trackingNumber: string }).trackingNumber === trackingNumber).map((text) => text.lang)).toEqual(['en', 'en']);
  });

  it('answers bad input with field errors, never 5xx, and books nothing', async () => {
    const before = await count('appointments');
    for (const body of ['{', '[]', 'null', JSON.stringify({ kind: 'wedding' }), JSON.stringify({ ...marriageAppointment(5, { date: '2026-12-02', start: '09:00' }), partyB: { ...marriageAppointment(5, { date: '2026-12-02', start: '09:00' }).partyB, idNumber: personId(5, 'male') } })]) {
      const response = await runtime.portal.app.request('/api/v1/marriage/appointments', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect([400, 422], body).toContain(response.status);
    }
    expect(await count('appointments')).toBe(before);
  });

  it('shows the appointment to either party on the status page, and cancelling gives the place back and lets them book again', async () => {
    const couple = marriageAppointment(6, { date: '2026-12-09', start: '10:00' });
    const { trackingNumber } = (await (await book(couple)).json()) as { trackingNumber: string };
    const key = 'demo-county-registry|2026-12-09|10:00|marriage';
    expect(await placesTaken(key)).toBe(1);
    const track = (path: string, secondFactor: string) =>
      runtime.portal.app.request(`/api/v1${path}`, { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor }), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.1.1.6' });
    const seenByB = (await (await track('/track', couple.partyB.idNumber)).json()) as { state: string; withdrawable: boolean; applicantStop: string; appointment: unknown };
    expect(seenByB).toMatchObject({ state: 'booked', withdrawable: true, applicantStop: 'cancel', appointment: { office: 'demo-county-registry', kind: 'marriage', date: '2026-12-09', start: '10:00', end: '10:30', status: 'active' } });
    const cancelled = await track('/track/withdraw', couple.partyA.idNumber);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { state: string }).state).toBe('cancelled');
    expect(await placesTaken(key)).toBe(0);
    expect((await book(marriageAppointment(6, { date: '2026-12-10', start: '10:00' }))).status).toBe(201);
  });

  it('moves an appointment to another time under the same number: the new place taken and the old one released together', async () => {
    const couple = marriageAppointment(8, { date: '2026-12-14', start: '09:00' });
    const { trackingNumber } = (await (await book(couple)).json()) as { trackingNumber: string };
    const move = (date: string, start: string) =>
      runtime.portal.app.request(
        '/api/v1/track/reschedule',
        { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: couple.partyB.idNumber, date, start }), headers: { 'content-type': 'application/json', 'accept-language': 'en' } },
        { clientAddress: '10.1.1.8' },
      );
    const moved = await move('2026-12-15', '14:30');
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ trackingNumber, state: 'booked', appointment: { date: '2026-12-15', start: '14:30', end: '15:00' } });
    expect(await placesTaken('demo-county-registry|2026-12-14|09:00|marriage')).toBe(0);
    expect(await placesTaken('demo-county-registry|2026-12-15|14:30|marriage')).toBe(1);

    // The county's 4 places at 14:00 on 3 December were taken by the crowd above: nothing changes.
    const full = await move('2026-12-03', '14:00');
    expect(full.status).toBe(409);
    expect(await placesTaken('demo-county-registry|2026-12-15|14:30|marriage')).toBe(1);
    expect((await move('2026-12-13', '09:00')).status).toBe(422); // a Sunday
    // Both parties are told the new time, once each.
    const outbox = await runtime.database.db.selectFrom('notification_outbox').select(['params_json', 'recipient_enc']).where('template', '=', 'case.appointmentRescheduled').execute();
    expect(outbox.map((row) => JSON.parse(row.params_json) as Record<string, string>)).toEqual([
      { trackingNumber, date: '2026-12-15', start: '14:30' },
      { trackingNumber, date: '2026-12-15', start: '14:30' },
    ]);
  });

  it('shows an office’s calendar and a day’s slots with the places left', async () => {
    const calendar = (await (await runtime.portal.app.request('/api/v1/marriage/offices/demo-county-registry/calendar?kind=marriage&from=2026-11-28&days=7')).json()) as { days: { date: string; state: string; placesLeft?: number }[] };
    expect(calendar.days.map((d) => d.state)).toEqual(['closed', 'closed', 'available', 'available', 'available', 'available', 'available']);
    const slots = (await (await runtime.portal.app.request('/api/v1/marriage/offices/demo-county-registry/slots?kind=marriage&date=2026-12-03')).json()) as { slots: { start: string; placesLeft: number }[] };
    expect(slots.slots.find((s) => s.start === '14:00')?.placesLeft).toBe(0);
    expect(slots.slots.find((s) => s.start === '09:00')?.placesLeft).toBe(4);
    expect((await runtime.portal.app.request('/api/v1/marriage/offices/atlantis/calendar?kind=marriage&from=2026-11-28')).status).toBe(404);
  });
});

describe.each(DIALECTS)('booking attempts per client on %s', (kind) => {
  let runtime: TestRuntime;
  const clock = new Date('2026-11-25T02:00:00Z');
  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock, bookingLimitPerClient: 3 });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('are limited per address (counted in the database, the same for every process), but not for a slot already full', async () => {
    const from = async (address: string, n: number, slot: { date: string; start: string }) =>
      runtime.portal.app.request('/api/v1/marriage/appointments', { method: 'POST', body: JSON.stringify(await withPhoneProofs(runtime.portal.app, marriageAppointment(n, slot), () => clock)), headers: { 'content-type': 'application/json', 'accept-language': 'en' } }, { clientAddress: address });
    const full = { date: '2026-12-10', start: '09:00' };
    // The county office has 4 places a slot: the fourth and fifth attempts come from other addresses.
    for (const [n, address] of [[1, '10.0.0.1'], [2, '10.0.0.1'], [3, '10.0.0.2'], [4, '10.0.0.3']] as const) expect((await from(address, n, full)).status).toBe(201);
    expect((await from('10.0.0.1', 5, full)).status).toBe(409); // full: answered before the limit is counted
    expect((await from('10.0.0.1', 6, { date: '2026-12-10', start: '10:00' })).status).toBe(201); // the third counted
    const refused = await from('10.0.0.1', 7, { date: '2026-12-10', start: '10:30' });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('too_many_bookings');
    expect((await from('10.0.0.9', 7, { date: '2026-12-10', start: '10:30' })).status).toBe(201);
  });
});
