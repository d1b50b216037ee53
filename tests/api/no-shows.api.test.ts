/**
 * No-shows (issue 12, item 1): a couple is marked not come only once their appointment's time is
 * over, and arrived not before its day (the workflow's time conditions, refused by the API with
 * from when, and not offered before); a mistaken mark is undone the same day, audited with its
 * reason, both parties texted, the appointment on again and no longer counting towards a
 * suspension; the suspension says why, until when and whom to call, on the booking and on the
 * person's page (POST /marriage/booking-checks/person). On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_RECIPIENT_CONTEXT } from '../../api/notifications/delivery.ts';
import { DEMO_OFFICES, officeText } from '../../api/services/marriage/offices.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { marriageAppointment } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}
interface CaseWork {
  state: string;
  version: number;
  actions: { name: string; fields: { name: string }[] }[];
  laterActions: { name: string; from: string }[];
  timeline: { transition: string; details: Record<string, string> }[];
}

const PASSWORD = 'a long enough password';
/** A time in China (UTC+8) on a day. */
const china = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const OFFICE = (() => {
  const office = DEMO_OFFICES.get('demo-county-registry');
  if (!office) throw new Error('the demo county registry is missing');
  return office;
})();
const REASON = { reason: '误点了未到场，两人 10:20 已到窗口' };

describe.each(DIALECTS)('no-shows on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = china('2026-11-25', '10:00');

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    runtime.portal.app.request(`http://localhost/api/v1${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers } });
  /** Books (each phone confirmed first, docs/decisions/019) at the clock's time. */
  async function book(n: number, date: string, start = '10:00', lang = 'en') {
    return post('/marriage/appointments', await withPhoneProofs(runtime.portal.app, marriageAppointment(n, { date, start }), () => clock), { 'accept-language': lang });
  }
  async function booked(n: number, date: string, start = '10:00'): Promise<string> {
    const at = clock;
    clock = china('2026-11-25', '10:00');
    const response = await book(n, date, start);
    clock = at;
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  /** The clerk signed in afresh at the clock's time (it jumps days ahead). */
  async function clerk() {
    const signIn = await post('/staff/session', { username: 'registry-clerk', password: PASSWORD });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const view = async (trackingNumber: string) => (await (await runtime.portal.app.request(`http://localhost/api/v1/staff/cases/${trackingNumber}`, { headers: { cookie, 'accept-language': 'en' } })).json()) as CaseWork;
    const act = async (trackingNumber: string, transition: string, input: Record<string, string> = {}, lang = 'en') => {
      const { version } = await view(trackingNumber);
      return post(`/staff/cases/${trackingNumber}/transitions`, { transition, version, input }, { cookie, 'accept-language': lang });
    };
    return { view, act };
  }
  const caseId = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow()).id;
  const texts = async (trackingNumber: string, template: string) => {
    const rows = await runtime.database.db.selectFrom('notification_outbox').select('recipient_enc').where('case_id', '=', await caseId(trackingNumber)).where('template', '=', template).execute();
    return rows.map((row) => runtime.crypto.decrypt(row.recipient_enc, OUTBOX_RECIPIENT_CONTEXT)).sort();
  };
  const audited = async (trackingNumber: string, action: string) =>
    runtime.database.db.selectFrom('audit_log').select('details_json').where('record_id', '=', await caseId(trackingNumber)).where('action', '=', action).execute();
  const appointmentStatus = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('appointments').select('status').where('case_id', '=', await caseId(trackingNumber)).executeTakeFirstOrThrow()).status;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await createStaff({ db: runtime.database.db, kind, now: () => clock }, { username: 'registry-clerk', displayName: 'clerk', password: PASSWORD, roles: ['intake'], offices: ['demo-county'], serviceAreas: ['marriage'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('refuses a no-show days before the appointment, and until its time is over, saying from when; the workbench offers it only then', async () => {
    const trackingNumber = await booked(9201, '2026-12-10');
    // The walkthrough: 6 December, for an appointment on the 10th at 10:00–10:30.
    clock = china('2026-12-06', '10:00');
    const early = await clerk();
    const page = await early.view(trackingNumber);
    expect(page.actions).toEqual([]);
    expect(page.laterActions).toEqual([
      { name: 'mark-arrived', from: '2026-12-10T00:00:00+08:00' },
      { name: 'mark-no-show', from: '2026-12-10T10:30:00+08:00' },
    ]);
    const refused = await early.act(trackingNumber, 'mark-no-show');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({ code: 'not_now', message: 'This cannot be done yet: it can from 10 December at 10:30.' });
    const inChinese = await early.act(trackingNumber, 'mark-no-show', {}, 'zh-CN');
    expect(((await inChinese.json()) as ErrorBody).error.message).toBe('现在还不能进行这项操作，12月10日 10:30 起才可以。');
    expect((await early.act(trackingNumber, 'mark-arrived')).status).toBe(409);
    // Nothing happened: still booked, nobody texted, nothing audited.
    expect((await early.view(trackingNumber)).state).toBe('booked');
    expect(await texts(trackingNumber, 'case.appointmentMissed')).toEqual([]);
    expect(await audited(trackingNumber, 'case.mark-no-show')).toEqual([]);

    // On the day, during the slot: they may still come.
    clock = china('2026-12-10', '10:29');
    const during = await clerk();
    expect((await during.view(trackingNumber)).actions.map((action) => action.name)).toEqual(['mark-arrived']);
    expect((await during.act(trackingNumber, 'mark-no-show')).status).toBe(409);
    clock = china('2026-12-10', '10:30');
    const after = await clerk();
    expect((await after.view(trackingNumber)).actions.map((action) => action.name)).toEqual(['mark-arrived', 'mark-no-show']);
    expect((await after.act(trackingNumber, 'mark-no-show')).status).toBe(200);
    expect(await texts(trackingNumber, 'case.appointmentMissed')).toHaveLength(2);
  });

  it('undoes a mistaken no-show the same day: back to booked, audited with the reason, both texted, the visit on again', async () => {
    const n = 9202;
    const trackingNumber = await booked(n, '2026-12-11', '09:00');
    clock = china('2026-12-11', '09:40');
    const desk = await clerk();
    expect((await desk.act(trackingNumber, 'mark-no-show')).status).toBe(200);
    expect(await appointmentStatus(trackingNumber)).toBe('no-show');
    const missed = await desk.view(trackingNumber);
    expect(missed.actions).toEqual([{ name: 'undo-no-show', fields: [{ name: 'reason', control: 'textarea' }] }]);
    // A reason is required.
    const bare = await desk.act(trackingNumber, 'undo-no-show');
    expect(bare.status).toBe(422);
    expect(((await bare.json()) as ErrorBody).error.fields?.[0]?.field).toBe('reason');

    clock = china('2026-12-11', '17:55');
    const later = await clerk();
    const undone = await later.act(trackingNumber, 'undo-no-show', REASON);
    expect(undone.status).toBe(200);
    const view = (await undone.json()) as CaseWork;
    expect(view.state).toBe('booked');
    expect(view.timeline.at(-1)).toMatchObject({ transition: 'undo-no-show', details: REASON });
    expect(view.actions.map((action) => action.name)).toEqual(['mark-arrived', 'mark-no-show']);
    expect(await appointmentStatus(trackingNumber)).toBe('active');
    const [entry] = await audited(trackingNumber, 'case.undo-no-show');
    expect(JSON.parse(entry?.details_json ?? '{}')).toMatchObject({ from: 'no-show', to: 'booked' });
    const couple = marriageAppointment(n, { date: '2026-12-11', start: '09:00' });
    expect(await texts(trackingNumber, 'case.noShowUndone')).toEqual([couple.partyA.phone, couple.partyB.phone].sort());
    // Both are held by it again: one active appointment per person and kind.
    const again = await book(n, '2026-12-18');
    expect(again.status).toBe(422);
    expect(((await again.json()) as ErrorBody).error.fields?.[0]?.code).toBe('already_booked');
    // The couple had come after all: the clerk carries on.
    expect((await later.act(trackingNumber, 'mark-arrived')).status).toBe(200);
    expect((await later.act(trackingNumber, 'complete')).status).toBe(200);
  });

  it('no longer offers or takes the undo the next day', async () => {
    const trackingNumber = await booked(9203, '2026-12-14');
    clock = china('2026-12-14', '11:00');
    expect((await (await clerk()).act(trackingNumber, 'mark-no-show')).status).toBe(200);
    clock = china('2026-12-15', '08:30');
    const nextDay = await clerk();
    expect((await nextDay.view(trackingNumber)).actions).toEqual([]);
    const refused = await nextDay.act(trackingNumber, 'undo-no-show', REASON);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({ code: 'not_now', message: 'This could only be done until 14 December at 23:59, which has passed.' });
    expect(await appointmentStatus(trackingNumber)).toBe('no-show');
  });

  it('refuses the undo, changing nothing, when one of the couple has booked again since', async () => {
    const n = 9204;
    const trackingNumber = await booked(n, '2026-12-16');
    clock = china('2026-12-16', '11:00');
    const desk = await clerk();
    expect((await desk.act(trackingNumber, 'mark-no-show')).status).toBe(200);
    // Freed by the no-show, they book another day at once.
    expect((await book(n, '2026-12-23')).status).toBe(201);
    const refused = await desk.act(trackingNumber, 'undo-no-show', REASON);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('people_booked_again');
    expect((await desk.view(trackingNumber)).state).toBe('no-show');
    expect(await appointmentStatus(trackingNumber)).toBe('no-show');
    expect(await texts(trackingNumber, 'case.noShowUndone')).toEqual([]);
    expect(await audited(trackingNumber, 'case.undo-no-show')).toEqual([]);
  });

  it('counts an undone no-show towards no suspension', async () => {
    const n = 9205;
    const first = await booked(n, '2026-12-01');
    clock = china('2026-12-01', '11:00');
    expect((await (await clerk()).act(first, 'mark-no-show')).status).toBe(200);
    const second = await booked(n, '2026-12-08');
    clock = china('2026-12-08', '11:00');
    const desk = await clerk();
    expect((await desk.act(second, 'mark-no-show')).status).toBe(200);
    expect((await desk.act(second, 'undo-no-show', REASON)).status).toBe(200);
    expect((await desk.act(second, 'mark-arrived')).status).toBe(200);
    expect((await desk.act(second, 'complete')).status).toBe(200);
    // One no-show in 30 days: they may book.
    clock = china('2026-12-09', '10:00');
    expect((await book(n, '2026-12-17')).status).toBe(201);
  });

  it('says why booking is suspended, until when, and whom to call, on the booking and on the person’s page, in both languages', async () => {
    const n = 9206;
    for (const date of ['2026-12-02', '2026-12-09']) {
      const trackingNumber = await booked(n, date);
      clock = china(date, '11:00');
      expect((await (await clerk()).act(trackingNumber, 'mark-no-show')).status).toBe(200);
    }
    clock = china('2026-12-10', '10:00');
    const name = { en: officeText(OFFICE, 'en').name, zh: officeText(OFFICE, 'zh-CN').name };
    const english = `The person with this document did not come to 2 appointments within 30 days, so they cannot book until 24 December 2026; they can book again from 25 December 2026. If you think this is a mistake, phone ${name.en} on ${OFFICE.phone}.`;
    const chinese = `持这一证件的人在 30 天内有 2 次预约没有按时到场，按规定在 2026年12月24日（含）之前不能预约，2026年12月25日 起可以重新预约。如认为记录有误，请致电${name.zh}：${OFFICE.phone}。`;

    const refused = await book(n, '2026-12-17');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.fields).toEqual([{ field: 'partyA.idNumber', code: 'suspended', message: english }]);
    expect(((await (await book(n, '2026-12-17', '10:00', 'zh-CN')).json()) as ErrorBody).error.fields?.[0]?.message).toBe(chinese);

    // The person's page asks as soon as the ID number is entered.
    const couple = marriageAppointment(n, { date: '2026-12-17', start: '10:00' });
    const check = (party: 'partyA' | 'partyB', idNumber: string, lang = 'en', office = 'demo-county-registry') =>
      post('/marriage/booking-checks/person', { office, party, idType: 'resident-id', idNumber }, { 'accept-language': lang });
    const onPage = await check('partyB', couple.partyB.idNumber.toLowerCase());
    expect(onPage.status).toBe(422);
    expect(((await onPage.json()) as ErrorBody).error.fields).toEqual([{ field: 'partyB.idNumber', code: 'suspended', message: english }]);
    expect(((await (await check('partyA', couple.partyA.idNumber, 'zh-CN')).json()) as ErrorBody).error.fields?.[0]?.message).toBe(chinese);
    // Someone else may book; a wrong office or number is the request's fault.
    const other = await check('partyA', marriageAppointment(9299, { date: '2026-12-17', start: '10:00' }).partyA.idNumber);
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({ mayBook: true });
    expect((await check('partyA', couple.partyA.idNumber, 'en', 'nowhere')).status).toBe(422);
    expect(((await (await check('partyA', '11010119900101123')).json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'partyA.idNumber', code: 'invalid' });

    // From the day after it ends, they may book again.
    clock = china('2026-12-25', '08:00');
    expect((await check('partyA', couple.partyA.idNumber)).status).toBe(200);
  });
});
