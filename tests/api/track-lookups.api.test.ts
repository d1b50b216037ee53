/**
 * The status lookup (issue 12, items 3 and 4): either party of an appointment opens it with their
 * own ID number or phone; the limit per tracking number counts attempts to open a case, not the
 * pages of a case its reader has opened (they send back the answer's lookup token); and the limit's
 * refusal says from when to try again. On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marriageAppointment } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface Progress {
  trackingNumber: string;
  state: string;
  appointment: { date: string; start: string } | null;
  lookupToken: string;
}

/** 10:00:00 in China on 25 November 2026: a lookup window (10 minutes) starts then. */
const START = new Date('2026-11-25T02:00:00Z');

describe.each(DIALECTS)('looking up an appointment on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = START;
  const post = (path: string, body: unknown, lang = 'en') =>
    runtime.portal.app.request(`http://localhost/api/v1${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': lang } }, { clientAddress: '10.9.0.1' });
  async function booked(n: number, date: string, start = '10:00') {
    const couple = marriageAppointment(n, { date, start });
    const response = await post('/marriage/appointments', await withPhoneProofs(runtime.portal.app, couple, () => clock));
    expect(response.status).toBe(201);
    return { couple, trackingNumber: ((await response.json()) as { trackingNumber: string }).trackingNumber };
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock, trackLimits: { perClient: 1000, perNumber: 3 } });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('opens with either party’s ID number or phone, as people type them, and nothing else', async () => {
    clock = START;
    const { couple, trackingNumber } = await booked(9301, '2026-12-09');
    const b = couple.partyB.phone;
    // A fresh number for each, so the limit per number never answers here.
    for (const secondFactor of [couple.partyA.idNumber, couple.partyB.idNumber, couple.partyA.phone, b, `${b.slice(0, 3)} ${b.slice(3, 7)}-${b.slice(7)}`, b.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))]) {
      clock = new Date(clock.getTime() + 10 * 60_000);
      const response = await post('/track', { trackingNumber, secondFactor });
      expect(response.status, secondFactor).toBe(200);
      expect(((await response.json()) as Progress).trackingNumber).toBe(trackingNumber);
    }
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect((await post('/track', { trackingNumber, secondFactor: '13700009999' })).status).toBe(404);
    // The second party moves it with their own phone.
    const moved = await post('/track/reschedule', { trackingNumber, secondFactor: b, date: '2026-12-10', start: '10:00' });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Progress).appointment).toMatchObject({ date: '2026-12-10', start: '10:00' });
  });

  it('counts attempts to open a case, not the pages of one its reader has opened', async () => {
    clock = new Date('2026-11-26T02:00:00Z');
    const { couple, trackingNumber } = await booked(9302, '2026-12-09');
    const key = { trackingNumber, secondFactor: couple.partyA.phone };
    const opened = await post('/track', key);
    expect(opened.status).toBe(200);
    let { lookupToken } = (await opened.json()) as Progress;
    expect(lookupToken).toMatch(/^\d+\.[\w-]{43}$/);
    // Two reschedules, each its pages: the days, a time, and back to the case, with the token of the answer before.
    for (const [date, start] of [['2026-12-10', '10:30'], ['2026-12-11', '11:00']] as const) {
      expect((await post('/track/calendar', { ...key, lookupToken, choice: 'reschedule' })).status).toBe(200);
      expect((await post('/track', { ...key, lookupToken })).status).toBe(200);
      const moved = await post('/track/reschedule', { ...key, lookupToken, date, start });
      expect(moved.status).toBe(200);
      lookupToken = ((await moved.json()) as Progress).lookupToken;
      expect((await post('/track', { ...key, lookupToken })).status).toBe(200);
    }
    // The other party opens it twice more on their own: 3 attempts to open, the limit.
    const other = { trackingNumber, secondFactor: couple.partyB.idNumber };
    expect((await post('/track', other)).status).toBe(200);
    expect((await post('/track', other)).status).toBe(200);
    expect((await post('/track', other)).status).toBe(429);
    // The reader who opened it carries on; a token of another case, a forged one or none count as new attempts.
    expect((await post('/track', { ...key, lookupToken })).status).toBe(200);
    const another = await booked(9303, '2026-12-09', '10:30');
    const anotherToken = ((await (await post('/track', { trackingNumber: another.trackingNumber, secondFactor: another.couple.partyA.phone })).json()) as Progress).lookupToken;
    expect((await post('/track', { ...key, lookupToken: anotherToken })).status).toBe(429);
    expect((await post('/track', { ...key, lookupToken: `${lookupToken.split('.')[0]}.${'A'.repeat(43)}` })).status).toBe(429);
    // A token lasts 30 minutes.
    clock = new Date(clock.getTime() + 31 * 60_000);
    const fresh = await post('/track', other);
    expect(fresh.status).toBe(200);
    const stale = lookupToken;
    lookupToken = ((await fresh.json()) as Progress).lookupToken;
    expect((await post('/track', { ...key, lookupToken: stale })).status).toBe(200);
    expect((await post('/track', { ...key, lookupToken: stale })).status).toBe(200);
    expect((await post('/track', { ...key, lookupToken: stale })).status).toBe(429);
    expect((await post('/track', { ...key, lookupToken })).status).toBe(200);
  });

  it('says, when the limit is reached, from when to try again: in the message and in Retry-After, not on a field', async () => {
    clock = new Date('2026-11-27T02:03:30Z');
    const { trackingNumber } = await booked(9304, '2026-12-09');
    for (let i = 0; i < 3; i += 1) expect((await post('/track', { trackingNumber, secondFactor: '13800000000' })).status).toBe(404);
    const refused = await post('/track', { trackingNumber, secondFactor: '13800000000' });
    expect(refused.status).toBe(429);
    // The window began at 10:00 and ends at 10:10, China time: 6 minutes 30 seconds from now.
    expect(refused.headers.get('retry-after')).toBe('390');
    const body = (await refused.json()) as { error: { code: string; message: string; fields?: unknown } };
    expect(body.error).toEqual({ code: 'too_many_lookups', message: 'To protect applicants’ information, lookups are paused. Try again after 27 November at 10:10.' });
    const inChinese = await post('/track', { trackingNumber, secondFactor: '13800000000' }, 'zh-CN');
    expect(((await inChinese.json()) as { error: { message: string } }).error.message).toBe('为保护申请人的信息，查询暂时停止。请在 11月27日 10:10 之后再试。');
  });
});
