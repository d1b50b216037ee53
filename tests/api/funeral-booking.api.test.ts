/**
 * Booking basic funeral services through the API (docs/decisions/063): a booking takes its places,
 * prices each item by the list, decides the exemption and texts the family; a place taken meanwhile
 * is 409 next to its field and leaves nothing behind (the places taken before it are given back);
 * bad input is 422 next to its field; the deceased is booked once; and the deceased's data is kept
 * encrypted, masked for staff of the funeral area and shown to no other area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from '../support/applications.ts';
import { phoneProof } from '../support/phone-proofs.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 on 10 December 2026 in China. */
const now = new Date('2026-12-10T02:00:00Z');
const HOME = 'demo-district-funeral-home';
const PHONE = '13900003333';

interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string; message: string }[] };
}
interface Booked {
  trackingNumber: string;
  lines: { item: string; chargedFen: number; waivedFen: number; reason: string }[];
  chargedFen: number;
  waivedFen: number;
  toPayFen: number;
  exemption: { outcome: string; reason: string };
}

describe.each(DIALECTS)('booking funeral services on %s', (kind) => {
  let runtime: TestRuntime;
  let proof = '';
  let client = 0;
  const staff = staffClient({ runtime: () => runtime, now: () => now, lang: 'zh-CN', serviceAreas: ['funeral'] });
  const db = () => runtime.database.db;
  const book = async (body: Record<string, unknown>, options: { lang?: string; key?: string } = {}) => {
    client += 1;
    return runtime.portal.app.request(
      `http://localhost/api/v1/funeral/bookings?lang=${options.lang ?? 'zh-CN'}`,
      { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(options.key ? { 'idempotency-key': options.key } : {}) } },
      { clientAddress: `10.61.0.${client}` },
    );
  };
  const booking = (n: number, more: Record<string, unknown> = {}) => ({
    home: HOME,
    deceased: { name: '王秀英', idNumber: personId(n, 'female', '19400101'), diedOn: '2026-12-09', placeOfDeath: '示例区人民医院', certificate: { form: 'paper', number: 'A110123456' } },
    contact: { name: '王明', relationship: 'child', phone: PHONE },
    phoneProof: proof,
    ...more,
  });
  const fieldsOf = async (response: Response) => ((await response.json()) as ErrorBody).error.fields?.map((field) => `${field.field}: ${field.code}`);
  const taken = async (resource: string, date: string, start: string) =>
    Number((await db().selectFrom('booking_places').select('taken').where('resource_id', '=', `${HOME}:${resource}`).where('date', '=', date).where('start', '=', start).executeTakeFirst())?.taken ?? 0);
  const caseCount = async () => Number((await db().selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('service', '=', 'funeral-booking').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => now, bookingLimitPerClient: 100 });
    proof = await phoneProof(runtime.portal.app, PHONE, () => now);
    await staff.member('funeral.clerk', ['intake']);
    await staff.member('allowance.clerk', ['intake', 'reviewer', 'approver'], { serviceAreas: ['allowances'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('books transport, storage, cremation and a hall: places taken, each item priced, the exemption decided, the family texted', async () => {
    const response = await book(
      booking(61, {
        transport: { date: '2026-12-10', from: '14:00', to: '16:00', address: '示例区人民医院太平间' },
        storage: { from: '2026-12-10', days: 2 },
        cremation: { date: '2026-12-12', start: '09:00' },
        hall: { kind: 'hall-small', date: '2026-12-12', start: '08:00' },
      }),
      { key: 'funeral-61' },
    );
    expect(response.status).toBe(201);
    const booked = (await response.json()) as Booked;
    // A registered resident of the district (by the ID number): all residents up to ¥1,600 from 2026-03-30.
    expect(booked).toMatchObject({ chargedFen: 84_000, exemption: { outcome: 'decided' } });
    expect(booked.lines.map((line) => [line.item, line.chargedFen])).toEqual([
      ['body-transport', 20_000],
      ['body-storage', 10_000],
      ['cremation', 24_000],
      ['farewell', 30_000],
    ]);
    expect(booked.waivedFen).toBeGreaterThan(0);
    expect(booked.toPayFen).toBe(booked.chargedFen - booked.waivedFen);
    expect(await taken('cremation', '2026-12-12', '09:00')).toBe(1);
    expect(await taken('storage', '2026-12-11', '00:00')).toBe(1);

    const stored = await db().selectFrom('cases').selectAll().where('tracking_number', '=', booked.trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ service: 'funeral-booking', state: 'booked', office: 'demo-district' });
    expect(await db().selectFrom('appointments').select('resource_id').where('case_id', '=', stored.id).execute()).toHaveLength(4);
    const lines = await db().selectFrom('funeral_booking_lines').select(['item', 'charged_fen', 'waived_fen', 'served_on']).where('case_id', '=', stored.id).orderBy('line').execute();
    expect(lines.map((line) => [line.item, Number(line.charged_fen), Number(line.waived_fen)])).toEqual(booked.lines.map((line) => [line.item, line.chargedFen, line.waivedFen]));
    expect(await db().selectFrom('funeral_transports').select(['date', 'window_from', 'window_to', 'status']).where('case_id', '=', stored.id).execute()).toEqual([{ date: '2026-12-10', window_from: '14:00', window_to: '16:00', status: 'requested' }]);
    const texts = await db().selectFrom('notification_outbox').select(['template', 'params_json', 'recipient_enc']).where('case_id', '=', stored.id).execute();
    expect(texts.map((text) => text.template)).toEqual(['case.funeralBooked']);

    // Nothing personal in the clear, in the case or the text.
    for (const clear of [personId(61, 'female', '19400101'), '王秀英', 'A110123456', PHONE, '太平间']) {
      expect(stored.answers_enc).not.toContain(clear);
      expect(JSON.stringify(texts)).not.toContain(clear);
    }
    // The same key and body: the first answer again, no second booking.
    const again = await book(booking(61, { transport: { date: '2026-12-10', from: '14:00', to: '16:00', address: '示例区人民医院太平间' }, storage: { from: '2026-12-10', days: 2 }, cremation: { date: '2026-12-12', start: '09:00' }, hall: { kind: 'hall-small', date: '2026-12-12', start: '08:00' } }), { key: 'funeral-61' });
    expect(((await again.json()) as Booked).trackingNumber).toBe(booked.trackingNumber);
  });

  it('refuses a full slot with 409 next to its field, and keeps none of the places taken before it', async () => {
    const hall = { kind: 'hall-large', date: '2026-12-14', start: '08:00' };
    expect((await book(booking(62, { hall }))).status).toBe(201);
    const before = await caseCount();
    // Storage and cremation are free, the large hall (one place) is not: all or none.
    const response = await book(booking(63, { storage: { from: '2026-12-13', days: 1 }, cremation: { date: '2026-12-14', start: '10:00' }, hall }));
    expect(response.status).toBe(409);
    expect(await fieldsOf(response)).toEqual(['hall.start: full']);
    expect(await taken('storage', '2026-12-13', '00:00')).toBe(0);
    expect(await taken('cremation', '2026-12-14', '10:00')).toBe(0);
    expect(await caseCount()).toBe(before);
  });

  it.each([
    ['a death date in the future', { deceased: { name: '李华', idNumber: personId(64, 'male', '19500101'), diedOn: '2026-12-11', placeOfDeath: '家中', certificate: { form: 'paper', number: 'A110123456' } } }, ['deceased.diedOn: custom']],
    ['a death before the birth date', { deceased: { name: '李华', idNumber: personId(64, 'male', '19500101'), diedOn: '1949-10-01', placeOfDeath: '家中', certificate: { form: 'paper', number: 'A110123456' } } }, ['deceased.diedOn: custom']],
    ['a certificate number of the wrong shape', { deceased: { name: '李华', idNumber: personId(64, 'male', '19500101'), diedOn: '2026-12-09', placeOfDeath: '家中', certificate: { form: 'electronic', number: 'A110123456' } } }, ['deceased.certificate.number: custom']],
    ['a transport window in the past', { transport: { date: '2026-12-10', from: '06:00', to: '08:00', address: '示例区幸福路 1 号' } }, ['transport.date: custom']],
    ['a time that is not a slot', { cremation: { date: '2026-12-12', start: '09:30' } }, ['cremation.start: no-such-slot']],
    ['nothing asked for', {}, ['needs: custom']],
  ])('refuses %s with 422 next to the field', async (_name, more, fields) => {
    const body = { ...booking(64), cremation: { date: '2026-12-12', start: '10:00' }, ...more };
    if (Object.keys(more).length === 0) delete (body as Record<string, unknown>)['cremation'];
    const response = await book(body);
    expect(response.status).toBe(422);
    expect(await fieldsOf(response)).toEqual(fields);
  });

  it('says the wrong shape in the reader’s language, next to the number', async () => {
    const response = await book({ ...booking(65), deceased: { ...booking(65).deceased, certificate: { form: 'paper', number: '123' } }, cremation: { date: '2026-12-12', start: '11:00' } }, { lang: 'en' });
    const field = ((await response.json()) as ErrorBody).error.fields?.[0];
    expect(field).toMatchObject({ field: 'deceased.certificate.number' });
    expect(field?.message).toMatch(/one capital letter and 9 digits/);
  });

  it('answers only a confirmed phone, and books a deceased once', async () => {
    const unconfirmed = await book({ ...booking(66), phoneProof: 'not-a-proof', cremation: { date: '2026-12-12', start: '11:00' } });
    expect(unconfirmed.status).toBe(422);
    expect(await fieldsOf(unconfirmed)).toEqual(['contact.phone: phone_not_confirmed']);
    expect((await book({ ...booking(67), cremation: { date: '2026-12-12', start: '11:00' } })).status).toBe(201);
    const twice = await book({ ...booking(67), cremation: { date: '2026-12-12', start: '12:00' } });
    // 12:00 is lunch: no such slot, said before anything else is looked up.
    expect(await fieldsOf(twice)).toEqual(['cremation.start: no-such-slot']);
    const again = await book({ ...booking(67), cremation: { date: '2026-12-12', start: '13:00' } });
    expect(again.status).toBe(409);
    expect(await fieldsOf(again)).toEqual(['deceased.idNumber: already_booked']);
    expect(await taken('cremation', '2026-12-12', '13:00')).toBe(0);
  });

  it('shows the deceased’s data to the funeral area masked, audited when revealed, and to no other area', async () => {
    const idNumber = personId(68, 'male', '19450101');
    const response = await book({ ...booking(68), deceased: { ...booking(68).deceased, idNumber }, cremation: { date: '2026-12-12', start: '14:00' } });
    const { trackingNumber } = (await response.json()) as Booked;
    const view = (await (await staff.request('funeral.clerk', `/staff/cases/${trackingNumber}`)).json()) as { answers: { label: string; value: string }[] };
    const values = Object.fromEntries(view.answers.map((row) => [row.label, row.value]));
    expect(values['funeral:funeralBooking.fields.deceased.idNumber']).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(values['funeral:funeralBooking.fields.contact.phone']).toMatch(/^139\*{4}\d{4}$/);
    expect(JSON.stringify(view)).not.toContain(idNumber);
    expect((await staff.request('allowance.clerk', `/staff/cases/${trackingNumber}`)).status).toBe(404);
    // The family finds it with the tracking number and their phone; a wrong phone learns nothing.
    const track = (secondFactor: string) => runtime.portal.app.request('/api/v1/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor }), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.61.9.1' });
    expect((await track(PHONE)).status).toBe(200);
    expect((await track('13900009999')).status).toBe(404);
  });

  it('lists a resource’s slots with the places left, on a public holiday too', async () => {
    const slots = async (date: string) => ((await (await runtime.portal.app.request(`http://localhost/api/v1/funeral/homes/${HOME}/resources/cremation/slots?date=${date}`)).json()) as { slots: { start: string; placesLeft: number }[] }).slots;
    expect((await slots('2026-12-12')).find((slot) => slot.start === '09:00')?.placesLeft).toBe(1);
    expect(await slots('2027-02-06')).toHaveLength(8);
    expect((await runtime.portal.app.request(`http://localhost/api/v1/funeral/homes/${HOME}/resources/chapel/slots?date=2026-12-12`)).status).toBe(404);
  });
});

