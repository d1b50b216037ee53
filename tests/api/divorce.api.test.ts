import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepEndedPeriods } from '../../api/cases/period-sweep.ts';
import { OUTBOX_RECIPIENT_CONTEXT, secretParamsOpened } from '../../api/notifications/delivery.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { WITHDRAWAL_RULES_TABLE, withdrawalSourceRows } from '../../api/services/marriage/withdrawal-table.ts';
import type { WithdrawalRule } from '../../api/services/marriage/withdrawal-rules.ts';
import { marriageAppointment } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface Progress {
  service: string;
  state: string;
  withdrawable: boolean;
  applicantStop: string | null;
  applicantActions: string[];
  appointments: { date: string; start: string; status: string; visit: number }[];
  periods: { key: string; from: string; to: string }[];
  settings: Record<string, { value: string; basis: string | null; effectiveFrom: string | null }>;
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string; message: string }[] };
}

const PASSWORD = 'a long enough password';
/** 10:00 in China on the given day. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);

describe.each(DIALECTS)('divorce by agreement as two linked visits on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = at('2026-11-25');
  let session = '';

  const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    runtime.portal.app.request(`http://localhost/api/v1${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers } }, { clientAddress: '10.7.7.7' });
  // Each couple its own first-visit time: the county office has 2 places per slot for divorces.
  const SLOTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00'];
  const couple = (n: number, date = '2026-12-04') => marriageAppointment(n, { kind: 'divorce', date, start: SLOTS[n % SLOTS.length] ?? '09:00' });
  async function bookDivorce(n: number, date?: string): Promise<string> {
    const response = await json('/marriage/appointments', await withPhoneProofs(runtime.portal.app, couple(n, date), () => clock));
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  const track = async (trackingNumber: string, n: number) => (await (await json('/track', { trackingNumber, secondFactor: couple(n).partyB.idNumber })).json()) as Progress;
  /** Signs the clerk in afresh: the test's clock jumps weeks ahead, past any session's lifetime. */
  async function clerk(trackingNumber: string, transition: string, input: Record<string, string> = {}) {
    const signIn = await json('/staff/session', { username: 'registry-clerk', password: PASSWORD });
    session = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = (await (await runtime.portal.app.request(`http://localhost/api/v1/staff/cases/${trackingNumber}`, { headers: { cookie: session } })).json()) as { version: number; actions: { name: string }[] };
    const response = await json(`/staff/cases/${trackingNumber}/transitions`, { transition, version: page.version, input }, { cookie: session });
    expect(response.status, `${transition} on ${trackingNumber}`).toBe(200);
  }
  async function accepted(n: number): Promise<string> {
    clock = at('2026-11-25');
    const trackingNumber = await bookDivorce(n);
    clock = at('2026-12-04');
    await clerk(trackingNumber, 'mark-arrived');
    await clerk(trackingNumber, 'accept');
    return trackingNumber;
  }
  const outbox = async (trackingNumber: string, template: string) => {
    const stored = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    const rows = await runtime.database.db.selectFrom('notification_outbox').select(['params_json', 'recipient_enc']).where('case_id', '=', stored.id).where('template', '=', template).execute();
    // The parameters as the text is rendered: a sealed one (a reason) opened.
    return rows.map((row) => ({ to: runtime.crypto.decrypt(row.recipient_enc, OUTBOX_RECIPIENT_CONTEXT), params: secretParamsOpened(JSON.parse(row.params_json) as Record<string, string>, runtime.crypto), raw: row.params_json }));
  };
  const sweep = () => sweepEndedPeriods({ db: runtime.database.db, kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => clock, randomBytes });
  const placesTaken = async (key: string) => Number((await runtime.database.db.selectFrom('booking_places').select('taken').where('key', '=', key).executeTakeFirst())?.taken ?? 0);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await createStaff({ db: runtime.database.db, kind, now: () => clock }, { username: 'registry-clerk', displayName: 'clerk', password: PASSWORD, roles: ['intake'], offices: ['demo-county'], serviceAreas: ['marriage'] });
    await createStaff({ db: runtime.database.db, kind, now: () => clock }, { username: 'registry-admin', displayName: 'admin', password: PASSWORD, roles: ['office-admin'], offices: ['demo-county'], serviceAreas: ['marriage'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });
  // Only the tests that set a local rule have one: the national procedure otherwise.
  // As an offices file's `withdrawalRules` would give them at start (api/server/main.ts).
  const useWithdrawalRules = (rules: WithdrawalRule[]) => runtime.rules.useSource(WITHDRAWAL_RULES_TABLE, withdrawalSourceRows(rules));
  afterEach(() => useWithdrawalRules([]));

  it('books the first visit as a divorce case of its own, which either party can cancel until then', async () => {
    const trackingNumber = await bookDivorce(1);
    const progress = await track(trackingNumber, 1);
    expect(progress).toMatchObject({ service: 'divorce-registration', state: 'booked', withdrawable: true, applicantStop: 'cancel', applicantActions: ['reschedule'], periods: [] });
    // Both told in a divorce's own words (the context), with the office and its address.
    const told = await outbox(trackingNumber, 'case.appointmentBooked');
    expect(told).toHaveLength(2);
    expect(told[0]?.params).toEqual({ trackingNumber, date: '2026-12-04', start: '09:30', office: 'Example County Marriage Registry', address: '1 Minzheng Road, Chengguan, Example County', context: 'divorce' });
  });

  it('starts, on acceptance, 30 days of cooling-off and then 30 days for the second visit, each counted from the next day and ending on a working day; both parties are told', async () => {
    const trackingNumber = await accepted(2);
    const progress = await track(trackingNumber, 2);
    // Accepted Friday 4 December: day 30 is Sunday 3 January, so the cooling-off period ends on Monday 4 January.
    expect(progress.periods).toEqual([
      { key: 'cooling-off', from: '2026-12-05', to: '2027-01-04' },
      { key: 'second-visit', from: '2027-01-05', to: '2027-02-03' },
    ]);
    // Withdrawing online is a request the office confirms, where no local rule says otherwise (民发〔2020〕116号).
    expect(progress).toMatchObject({ state: 'divorce-accepted', withdrawable: true, applicantStop: 'request-withdrawal', applicantActions: ['book-second-visit'] });
    expect(progress.settings).toEqual({ withdrawal: { value: 'office-confirms', basis: null, effectiveFrom: null } });
    expect(progress.appointments).toEqual([expect.objectContaining({ date: '2026-12-04', status: 'completed', visit: 1 })]);
    const told = await outbox(trackingNumber, 'case.divorceAccepted');
    expect(told.map((message) => message.to).sort()).toEqual([couple(2).partyA.phone, couple(2).partyB.phone].sort());
    expect(told[0]?.params).toMatchObject({ coolingOffEnds: '2027-01-04', windowFrom: '2027-01-05', windowTo: '2027-02-03' });
    // The couple's application is still open: neither may book another divorce meanwhile.
    const again = await json('/marriage/appointments', await withPhoneProofs(runtime.portal.app, couple(2, '2026-12-10'), () => clock));
    expect(again.status).toBe(422);
    expect(((await again.json()) as { error: { fields?: { code: string }[] } }).error.fields?.map((field) => field.code)).toEqual(['already_booked']);
  });

  it('offers and books the second visit only inside its window, however far ahead, and takes a place for it', async () => {
    const trackingNumber = await accepted(3);
    const days = (await (await json('/track/calendar', { trackingNumber, secondFactor: couple(3).partyA.idNumber, choice: 'book-second-visit' })).json()) as { days: { date: string; state: string }[] };
    expect(days.days[0]?.date).toBe('2027-01-05');
    expect(days.days.at(-1)?.date).toBe('2027-02-03');
    expect(days.days.find((day) => day.date === '2027-01-05')?.state).toBe('available');

    const book = (date: string) => json('/track/second-visit', { trackingNumber, secondFactor: couple(3).partyA.idNumber, date, start: '09:00' });
    for (const date of ['2027-01-04', '2027-02-04']) {
      const refused = await book(date);
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as ErrorBody).error.fields).toEqual([{ field: 'date', code: 'outside-window', message: expect.stringContaining('30 days after the cooling-off period') }]);
    }
    const booked = await book('2027-01-05');
    expect(booked.status).toBe(200);
    const progress = (await booked.json()) as Progress;
    expect(progress.state).toBe('second-booked');
    expect(progress.appointments.map((a) => [a.visit, a.date, a.status])).toEqual([
      [1, '2026-12-04', 'completed'],
      [2, '2027-01-05', 'active'],
    ]);
    expect(await placesTaken('demo-county-registry|2027-01-05|09:00|divorce')).toBe(1);
    const told = await outbox(trackingNumber, 'case.secondVisitBooked');
    expect(told).toHaveLength(2);
    expect(told[0]?.params).toMatchObject({ date: '2027-01-05', start: '09:00', office: 'Example County Marriage Registry', address: '1 Minzheng Road, Chengguan, Example County' });

    // Cancelling the second visit keeps the application and gives the place back.
    const cancelled = await json('/track/second-visit/cancel', { trackingNumber, secondFactor: couple(3).partyB.idNumber });
    expect(((await cancelled.json()) as Progress).state).toBe('divorce-accepted');
    expect(await placesTaken('demo-county-registry|2027-01-05|09:00|divorce')).toBe(0);
  });

  it('lets either party withdraw at once during the cooling-off period where the local rule allows it, releasing a booked second visit and freeing both to book again', async () => {
    useWithdrawalRules([{ office: 'demo-county-registry', effectiveFrom: '2026-12-01', mode: 'immediate', basis: '《示例省婚姻登记工作规范》第二十条' }]);
    const trackingNumber = await accepted(4);
    expect((await json('/track/second-visit', { trackingNumber, secondFactor: couple(4).partyA.idNumber, date: '2027-01-06', start: '09:00' })).status).toBe(200);
    clock = at('2026-12-20');
    const withdrawn = await json('/track/withdraw', { trackingNumber, secondFactor: couple(4).partyB.idNumber });
    expect(withdrawn.status).toBe(200);
    const progress = (await withdrawn.json()) as Progress;
    expect(progress.state).toBe('withdrawn');
    expect(progress.settings['withdrawal']).toEqual({ value: 'immediate', basis: '《示例省婚姻登记工作规范》第二十条', effectiveFrom: '2026-12-01' });
    expect(await placesTaken('demo-county-registry|2027-01-06|09:00|divorce')).toBe(0);
    expect(await outbox(trackingNumber, 'case.divorceWithdrawn')).toHaveLength(2);
    expect((await json('/marriage/appointments', await withPhoneProofs(runtime.portal.app, couple(4, '2026-12-28'), () => clock))).status).toBe(201);
  });

  it('by default takes a withdrawal online as a request: the second visit given back, both told, the couple still held until the intake clerk confirms it, audited, and both told again', async () => {
    const trackingNumber = await accepted(10);
    expect((await json('/track/second-visit', { trackingNumber, secondFactor: couple(10).partyA.idNumber, date: '2027-01-11', start: '10:00' })).status).toBe(200);
    clock = at('2027-01-04');
    const requested = await json('/track/withdraw', { trackingNumber, secondFactor: couple(10).partyB.phone });
    expect(requested.status).toBe(200);
    const progress = (await requested.json()) as Progress;
    expect(progress).toMatchObject({ state: 'withdrawal-requested', withdrawable: false, applicantActions: [] });
    expect(progress.appointments.map((a) => a.status)).toEqual(['completed', 'cancelled']);
    expect(await placesTaken('demo-county-registry|2027-01-11|10:00|divorce')).toBe(0);
    const told = await outbox(trackingNumber, 'case.divorceWithdrawalRequested');
    expect(told.map((message) => message.to).sort()).toEqual([couple(10).partyA.phone, couple(10).partyB.phone].sort());
    expect(await outbox(trackingNumber, 'case.divorceWithdrawn')).toEqual([]);
    // Asked again: nothing more to withdraw.
    expect((await json('/track/withdraw', { trackingNumber, secondFactor: couple(10).partyA.idNumber })).status).toBe(409);
    // Until the office confirms, the application holds both people.
    const again = await json('/marriage/appointments', await withPhoneProofs(runtime.portal.app, couple(10, '2027-01-12'), () => clock));
    expect(((await again.json()) as ErrorBody).error.fields?.map((field) => field.code)).toEqual(['already_booked']);

    // The clerk confirms after the cooling-off period has ended: the request was made in time.
    clock = at('2027-01-05');
    await clerk(trackingNumber, 'confirm-withdrawal');
    expect((await track(trackingNumber, 10)).state).toBe('withdrawn');
    const confirmed = await outbox(trackingNumber, 'case.divorceWithdrawalConfirmed');
    expect(confirmed.map((message) => message.to).sort()).toEqual([couple(10).partyA.phone, couple(10).partyB.phone].sort());
    const stored = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'actor_role']).where('record_id', '=', stored.id).where('action', 'like', 'case.%withdrawal').orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'case.request-withdrawal', actor_role: 'applicant' },
      { action: 'case.confirm-withdrawal', actor_role: 'intake' },
    ]);
    expect((await json('/marriage/appointments', await withPhoneProofs(runtime.portal.app, couple(10, '2027-01-12'), () => clock))).status).toBe(201);
  });

  it('lets the intake clerk decline a withdrawal request with the reason: the application goes on, both told', async () => {
    const trackingNumber = await accepted(11);
    clock = at('2026-12-10');
    expect(((await (await json('/track/withdraw', { trackingNumber, secondFactor: couple(11).partyA.idNumber })).json()) as Progress).state).toBe('withdrawal-requested');
    await clerk(trackingNumber, 'decline-withdrawal', { reason: '双方到场说明没有申请撤回' });
    const progress = await track(trackingNumber, 11);
    expect(progress).toMatchObject({ state: 'divorce-accepted', applicantStop: 'request-withdrawal', applicantActions: ['book-second-visit'] });
    const told = await outbox(trackingNumber, 'case.divorceWithdrawalDeclined');
    expect(told).toHaveLength(2);
    expect(told[0]?.params).toMatchObject({ reason: '双方到场说明没有申请撤回' });
    // Sealed in the outbox until it is sent (docs/decisions/049).
    expect(told[0]?.raw).not.toContain('双方到场');
  });

  it('follows the rule in force on the day of the withdrawal: a request before a local rule takes effect, at once from its first day', async () => {
    useWithdrawalRules([{ office: 'demo-county-registry', effectiveFrom: '2026-12-15', mode: 'immediate', basis: '示例省民政厅通知' }]);
    const before = await accepted(12);
    const after = await accepted(13);
    clock = at('2026-12-14');
    expect(await track(before, 12)).toMatchObject({ applicantStop: 'request-withdrawal', settings: { withdrawal: { value: 'office-confirms', basis: null } } });
    expect(((await (await json('/track/withdraw', { trackingNumber: before, secondFactor: couple(12).partyA.idNumber })).json()) as Progress).state).toBe('withdrawal-requested');
    clock = at('2026-12-15');
    expect(await track(after, 13)).toMatchObject({ applicantStop: 'withdraw', settings: { withdrawal: { value: 'immediate', basis: '示例省民政厅通知', effectiveFrom: '2026-12-15' } } });
    expect(((await (await json('/track/withdraw', { trackingNumber: after, secondFactor: couple(13).partyA.idNumber })).json()) as Progress).state).toBe('withdrawn');
    expect(await outbox(after, 'case.divorceWithdrawn')).toHaveLength(2);
    // A request already made stays one for the office to confirm.
    expect((await track(before, 12)).state).toBe('withdrawal-requested');
  });

  it('refuses withdrawal online once the cooling-off period is over', async () => {
    const trackingNumber = await accepted(5);
    clock = at('2027-01-05');
    expect((await track(trackingNumber, 5)).withdrawable).toBe(false);
    expect((await json('/track/withdraw', { trackingNumber, secondFactor: couple(5).partyA.idNumber })).status).toBe(409);
  });

  it('registers the divorce at the second visit, which frees both people', async () => {
    const trackingNumber = await accepted(6);
    expect((await json('/track/second-visit', { trackingNumber, secondFactor: couple(6).partyA.idNumber, date: '2027-01-07', start: '09:00' })).status).toBe(200);
    clock = at('2027-01-07');
    await clerk(trackingNumber, 'mark-arrived-second');
    await clerk(trackingNumber, 'register');
    expect((await track(trackingNumber, 6)).state).toBe('divorced');
    expect(await outbox(trackingNumber, 'case.divorceRegistered')).toHaveLength(2);
    clock = at('2027-03-01');
    await sweep();
    expect((await track(trackingNumber, 6)).state).toBe('divorced');
  });

  it('keeps the application when the office closes the day of the second visit: the visit is cancelled, its place released, both told to book again', async () => {
    const trackingNumber = await accepted(9);
    expect((await json('/track/second-visit', { trackingNumber, secondFactor: couple(9).partyA.idNumber, date: '2027-01-08', start: '10:00' })).status).toBe(200);
    const signIn = await json('/staff/session', { username: 'registry-admin', password: PASSWORD });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const closed = await json('/staff/offices/demo-county-registry/closures', { date: '2027-01-08', confirmed: [trackingNumber] }, { cookie });
    expect(closed.status).toBe(200);
    const progress = await track(trackingNumber, 9);
    expect(progress).toMatchObject({ state: 'divorce-accepted', applicantActions: ['book-second-visit'] });
    expect(progress.appointments.map((a) => a.status)).toEqual(['completed', 'cancelled']);
    expect(await placesTaken('demo-county-registry|2027-01-08|10:00|divorce')).toBe(0);
    const told = await outbox(trackingNumber, 'case.secondVisitCancelledByOffice');
    expect(told).toHaveLength(2);
    expect(told[0]?.params).toMatchObject({ windowTo: '2027-02-03', trackUrl: `http://localhost/en/track?number=${trackingNumber}` });
  });

  it('lapses by itself the day after the window ends, and tells both parties', async () => {
    const waiting = await accepted(7);
    const booked = await accepted(8);
    expect((await json('/track/second-visit', { trackingNumber: booked, secondFactor: couple(8).partyA.idNumber, date: '2027-02-03', start: '09:00' })).status).toBe(200);
    clock = at('2027-02-03');
    await sweep();
    expect((await track(waiting, 7)).state).toBe('divorce-accepted');
    clock = at('2027-02-04');
    expect(await sweep()).toBeGreaterThanOrEqual(2);
    for (const [trackingNumber, n] of [[waiting, 7], [booked, 8]] as const) {
      expect((await track(trackingNumber, n)).state).toBe('lapsed');
      const told = await outbox(trackingNumber, 'case.divorceLapsed');
      expect(told.map((message) => message.to).sort()).toEqual([couple(n).partyA.phone, couple(n).partyB.phone].sort());
      expect(told[0]?.params).toMatchObject({ windowTo: '2027-02-03' });
    }
    // A second sweep finds nothing more to do.
    expect(await sweep()).toBe(0);
  });
});

describe.each(DIALECTS)('repeated no-shows on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = at('2026-11-25');

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await createStaff({ db: runtime.database.db, kind, now: () => clock }, { username: 'registry-clerk', displayName: 'clerk', password: PASSWORD, roles: ['intake'], offices: ['demo-county'], serviceAreas: ['marriage'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('suspend booking for 15 days after a person misses two appointments within 30 days, on their own ID number', async () => {
    const request = (path: string, body: unknown, cookie = '') =>
      runtime.portal.app.request(`http://localhost/api/v1${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': 'en', cookie } });
    async function missed(date: string) {
      clock = at('2026-11-25');
      const booked = (await (await request('/marriage/appointments', await withPhoneProofs(runtime.portal.app, marriageAppointment(40, { date, start: '10:00' }), () => clock))).json()) as { trackingNumber: string };
      // At 11:00, once the 10:00–10:30 appointment is over.
      clock = new Date(`${date}T03:00:00Z`);
      const cookie = ((await request('/staff/session', { username: 'registry-clerk', password: PASSWORD })).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = (await (await runtime.portal.app.request(`http://localhost/api/v1/staff/cases/${booked.trackingNumber}`, { headers: { cookie } })).json()) as { version: number };
      expect((await request(`/staff/cases/${booked.trackingNumber}/transitions`, { transition: 'mark-no-show', version: page.version, input: {} }, cookie)).status).toBe(200);
    }
    await missed('2026-12-01');
    await missed('2026-12-10');
    clock = at('2026-12-11');
    const refused = await request('/marriage/appointments', await withPhoneProofs(runtime.portal.app, marriageAppointment(40, { date: '2026-12-18', start: '10:00' }), () => clock));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.fields).toEqual([{ field: 'partyA.idNumber', code: 'suspended', message: expect.stringContaining('until 25 December 2026') }]);
    clock = at('2026-12-26');
    expect((await request('/marriage/appointments', await withPhoneProofs(runtime.portal.app, marriageAppointment(40, { date: '2027-01-05', start: '10:00' }), () => clock))).status).toBe(201);
  });
});
