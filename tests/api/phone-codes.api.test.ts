/**
 * One-time codes by text message and the proofs they give (docs/decisions/019), on SQLite and
 * PostgreSQL: a code is sent through the outbox and stored only as keyed hashes, confirms once,
 * takes five tries counted before comparing (however many arrive at once), lasts ten minutes and is
 * replaced by a newer one; codes are limited per phone and per client address; a booking needs a
 * proof for each party's phone, after the full-slot fast path; and the refusal for a person who
 * already holds an appointment tells more only to a party of that appointment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../api/env.ts';
import { OUTBOX_RECIPIENT_CONTEXT, renderNotification } from '../../api/notifications/delivery.ts';
import { formatDayWithWeekday } from '../../api/i18n/index.ts';
import { en } from '../../api/i18n/resources/en.ts';
import { marriageEn } from '../../api/services/marriage/messages/en.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { marriageAppointment } from '../support/applications.ts';
import { confirmPhone, sentCode, withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { sweepStalePhoneCodes } from '../../api/verification/phone-codes.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}

const MINUTE = 60_000;

describe('the limit of codes per client from the environment', () => {
  it('defaults to 30 an hour and takes positive whole numbers only', () => {
    expect(readConfig({}).phoneCodeLimitPerClient).toBe(30);
    expect(readConfig({ PHONE_CODE_LIMIT_PER_CLIENT: '100000' }).phoneCodeLimitPerClient).toBe(100_000);
    expect(() => readConfig({ PHONE_CODE_LIMIT_PER_CLIENT: '0' })).toThrow(/PHONE_CODE_LIMIT_PER_CLIENT/);
  });
});

describe.each(DIALECTS)('one-time codes to a phone on %s', (kind) => {
  let runtime: TestRuntime;
  // Wednesday 25 November 2026, 10:00 in China; tests move it forward.
  let clock = new Date('2026-11-25T02:00:00Z');
  const request = (path: string, body: unknown, options: { lang?: string; address?: string } = {}) =>
    runtime.portal.app.request(
      `/api/v1${path}`,
      { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': options.lang ?? 'en' } },
      { clientAddress: options.address ?? '10.9.0.1' },
    );
  const send = (phone: string, options: { lang?: string; address?: string } = {}) => request('/phone-codes', { phone }, options);
  const confirm = (phone: string, code: string) => request('/phone-codes/confirm', { phone, code });
  const codeOf = (phone: string) => sentCode(runtime.portal.app, phone);
  const fieldsOf = async (response: Response) => ((await response.json()) as ErrorBody).error.fields;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock, phoneCodeLimitPerClient: 1_000 });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('sends a code of 6 digits through the outbox, lasting 10 minutes, and stores neither the code nor the phone', async () => {
    const sent = await send('139 1000 0001', { lang: 'zh-CN' });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ sentTo: '139****0001', expiresAt: new Date(clock.getTime() + 10 * MINUTE).toISOString() });
    const code = await codeOf('13910000001');
    expect(code).toMatch(/^\d{6}$/);

    const rows = await runtime.database.db.selectFrom('phone_verifications').selectAll().execute();
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('13910000001');
    expect(stored).not.toContain(code);
    const [message] = await runtime.database.db.selectFrom('notification_outbox').selectAll().where('template', '=', 'verification.phoneCode').execute();
    if (!message) return expect.unreachable('no message queued');
    // The code travels encrypted, and is readable only when the message is rendered for sending.
    expect(message.params_json).not.toContain(code);
    expect(runtime.crypto.decrypt(message.recipient_enc, OUTBOX_RECIPIENT_CONTEXT)).toBe('13910000001');
    expect(renderNotification(message, runtime.crypto)).toBe(zhCN.notifications.verification.phoneCode.replace('{{code}}', code));
    expect(rows[0]?.outbox_id).toBe(message.id);
  });

  it('confirms the right code once, for a proof of that phone; the same code again is refused on the code field', async () => {
    expect((await send('13910000002')).status).toBe(202);
    const code = await codeOf('13910000002');
    const confirmed = await confirm('13910000002', code);
    expect(confirmed.status).toBe(200);
    const { proof, expiresAt } = (await confirmed.json()) as { proof: string; expiresAt: string };
    expect(proof.length).toBeGreaterThanOrEqual(40);
    expect(expiresAt).toBe(new Date(clock.getTime() + 24 * 60 * MINUTE).toISOString());
    const stored = await runtime.database.db.selectFrom('phone_verifications').select(['proof_hash', 'confirmed_at']).where('proof_hash', 'is not', null).execute();
    expect(JSON.stringify(stored)).not.toContain(proof);

    const again = await confirm('13910000002', code);
    expect(again.status).toBe(422);
    expect(await fieldsOf(again)).toEqual([{ field: 'code', code: 'code_used', message: en.errors.verification.used }]);
  });

  it('takes full-width digits and spaces in a code', async () => {
    await send('13910000003');
    const code = await codeOf('13910000003');
    const fullWidth = [...code].map((digit) => String.fromCharCode(0xff10 + Number(digit))).join('');
    const typed = `${fullWidth.slice(0, 3)} ${fullWidth.slice(3)}`;
    expect((await confirm('13910000003', typed)).status).toBe(200);
  });

  it('refuses what is not 6 digits before any try is counted', async () => {
    await send('13910000004');
    for (const typed of ['12345', '1234567', 'abcdef', '']) {
      const response = await confirm('13910000004', typed);
      expect(response.status, typed).toBe(422);
      expect((await fieldsOf(response))?.map((field) => field.field)).toEqual(['code']);
    }
    const [row] = await runtime.database.db.selectFrom('phone_verifications').select('attempts').where('phone_hash', '=', runtime.crypto.lookupHash('13910000004', 'phone_verifications.phone')).execute();
    expect(Number(row?.attempts)).toBe(0);
    expect((await confirm('13910000004', await codeOf('13910000004'))).status).toBe(200);
  });

  it('takes five tries per code: each wrong one says how many are left, and after the fifth even the right code is refused', async () => {
    await send('13910000005');
    const code = await codeOf('13910000005');
    const wrong = code === '000000' ? '111111' : '000000';
    const messages: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await confirm('13910000005', wrong);
      expect(response.status).toBe(422);
      const [field] = (await fieldsOf(response)) ?? [];
      expect(field?.code).toBe('code_wrong');
      messages.push(field?.message ?? '');
    }
    expect(messages).toEqual([4, 3, 2, 1].map((count) => en.errors.verification.wrong.replace('{{count}}', String(count))).concat(en.errors.verification.wrongLast));
    const sixth = await confirm('13910000005', code);
    expect(sixth.status).toBe(422);
    expect(await fieldsOf(sixth)).toEqual([{ field: 'code', code: 'code_tries_used_up', message: en.errors.verification['tries-used-up'] }]);
    // A new code starts again.
    await send('13910000005');
    expect((await confirm('13910000005', await codeOf('13910000005'))).status).toBe(200);
  });

  it('compares a code at most five times however many tries arrive at once', async () => {
    await send('13910000006');
    const code = await codeOf('13910000006');
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(Array.from({ length: 20 }, () => confirm('13910000006', wrong)));
    const codes = await Promise.all(answers.map(async (answer) => (await fieldsOf(answer))?.[0]?.code));
    expect(codes.filter((c) => c === 'code_wrong')).toHaveLength(5);
    expect(codes.filter((c) => c === 'code_tries_used_up')).toHaveLength(15);
    const [row] = await runtime.database.db.selectFrom('phone_verifications').select('attempts').where('phone_hash', '=', runtime.crypto.lookupHash('13910000006', 'phone_verifications.phone')).execute();
    expect(Number(row?.attempts)).toBe(5);
    expect(((await fieldsOf(await confirm('13910000006', code))) ?? [])[0]?.code).toBe('code_tries_used_up');
  });

  it('confirms a code once however many confirmations of it arrive at once', async () => {
    await send('13910000007');
    const code = await codeOf('13910000007');
    const answers = await Promise.all(Array.from({ length: 5 }, () => confirm('13910000007', code)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422, 422, 422, 422]);
  });

  it('lasts ten minutes: a minute before is fine, at exactly ten minutes it has expired', async () => {
    const start = clock;
    await send('13910000008');
    await send('13910000009');
    try {
      clock = new Date(start.getTime() + 9 * MINUTE);
      expect((await confirm('13910000008', await codeOf('13910000008'))).status).toBe(200);
      clock = new Date(start.getTime() + 10 * MINUTE);
      const late = await confirm('13910000009', await codeOf('13910000009'));
      expect(await fieldsOf(late)).toEqual([{ field: 'code', code: 'code_expired', message: en.errors.verification.expired }]);
    } finally {
      clock = start;
    }
  });

  it('replaces a code with a newer one: only the newest confirms', async () => {
    await send('13910000010');
    const first = await codeOf('13910000010');
    clock = new Date(clock.getTime() + 1000);
    await send('13910000010');
    const second = await codeOf('13910000010');
    if (first !== second) expect(((await fieldsOf(await confirm('13910000010', first))) ?? [])[0]?.code).toBe('code_wrong');
    expect((await confirm('13910000010', second)).status).toBe(200);
  });

  it('says when no code was sent to the phone', async () => {
    expect(await fieldsOf(await confirm('13910000011', '123456'))).toEqual([{ field: 'code', code: 'code_none', message: en.errors.verification.none }]);
    expect((await runtime.portal.app.request('/api/v1/dev/phone-codes/13910000011')).status).toBe(404);
  });

  it('forgets a phone never seen again once no proof of its codes can hold (the periodic sweep), and keeps the rest', async () => {
    const start = clock;
    await send('13910000014');
    const proof = (await (await confirm('13910000014', await codeOf('13910000014'))).json()) as { proof: string };
    expect(proof.proof).toBeTruthy();
    const rowsOf = async () => Number((await runtime.database.db.selectFrom('phone_verifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await rowsOf();
    try {
      clock = new Date(start.getTime() + 24 * 60 * MINUTE);
      expect(await sweepStalePhoneCodes({ db: runtime.database.db, now: () => clock })).toBe(0);
      clock = new Date(start.getTime() + 25 * 60 * MINUTE + 1);
      await send('13910000015');
      const removed = await sweepStalePhoneCodes({ db: runtime.database.db, now: () => clock });
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(await rowsOf()).toBe(before - removed + 1);
      expect((await runtime.portal.app.request('/api/v1/dev/phone-codes/13910000014')).status).toBe(404);
    } finally {
      clock = start;
    }
  });

  it('sends at most five codes an hour to a phone, whoever asks, then says when to try again', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await send('13910000012', { address: `10.9.1.${i}` })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202]);
    const refused = await send('13910000012', { address: '10.9.1.9' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('too_many_phone_codes');
    // Nothing was sent: the fifth code still confirms.
    expect((await confirm('13910000012', await codeOf('13910000012'))).status).toBe(200);
    expect((await send('13910000013', { address: '10.9.1.9' })).status).toBe(202);
  });
});

describe.each(DIALECTS)('codes per client address on %s', (kind) => {
  let runtime: TestRuntime;
  const clock = new Date('2026-11-25T02:00:00Z');
  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock, phoneCodeLimitPerClient: 3 });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('are limited (PHONE_CODE_LIMIT_PER_CLIENT), counted in the database; another address is not held up', async () => {
    const send = (phone: string, address: string) =>
      runtime.portal.app.request('/api/v1/phone-codes', { method: 'POST', body: JSON.stringify({ phone }), headers: { 'content-type': 'application/json', 'accept-language': 'en' } }, { clientAddress: address });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await send(`1392000000${i}`, '10.8.0.1')).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await send('13920000009', '10.8.0.1');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as ErrorBody).error.message).toContain('Too many codes have been sent from here');
    expect((await send('13920000009', '10.8.0.2')).status).toBe(202);
    expect((await runtime.database.db.selectFrom('phone_verifications').select('id').execute()).length).toBe(4);
  });
});

describe.each(DIALECTS)('booking with confirmed phones on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-11-25T02:00:00Z');
  const book = (body: unknown) =>
    runtime.portal.app.request('/api/v1/marriage/appointments', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
  const proofFor = async (phone: string) => (await confirmPhone(runtime.portal.app, phone)).proof;
  const appointments = async () => (await runtime.database.db.selectFrom('appointments').select('id').execute()).length;
  const fieldsOf = async (response: Response) => ((await response.json()) as ErrorBody).error.fields;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('refuses a booking without proofs next to each party’s phone, and books nothing', async () => {
    const before = await appointments();
    const refused = await book(marriageAppointment(1, { date: '2026-12-02', start: '09:00' }));
    expect(refused.status).toBe(422);
    expect(await fieldsOf(refused)).toEqual([
      { field: 'partyA.phone', code: 'phone_not_confirmed', message: 'The first person’s mobile number has not been confirmed with a text message code: confirm the mobile number first' },
      { field: 'partyB.phone', code: 'phone_not_confirmed', message: 'The second person’s mobile number has not been confirmed with a text message code: confirm the mobile number first' },
    ]);
    expect(await appointments()).toBe(before);
  });

  it('refuses an unknown proof, or one given for another phone, next to that party’s phone', async () => {
    const couple = marriageAppointment(2, { date: '2026-12-02', start: '09:00' });
    const partyA = await proofFor(couple.partyA.phone);
    const someoneElse = await proofFor('13930000002');
    const otherPhone = await book({ ...couple, phoneProofs: { partyA, partyB: someoneElse } });
    expect(otherPhone.status).toBe(422);
    expect(await fieldsOf(otherPhone)).toEqual([{ field: 'partyB.phone', code: 'phone_proof_invalid', message: 'The second person’s mobile number needs confirming again: its confirmation has expired or was for another number' }]);
    const unknown = await book({ ...couple, phoneProofs: { partyA: 'x'.repeat(43), partyB: someoneElse } });
    expect((await fieldsOf(unknown))?.map((field) => [field.field, field.code])).toEqual([
      ['partyA.phone', 'phone_proof_invalid'],
      ['partyB.phone', 'phone_proof_invalid'],
    ]);
    expect(await appointments()).toBe(0);
  });

  it('books with a proof for each phone; a proof holds 24 hours, then is refused', async () => {
    const couple = marriageAppointment(3, { date: '2026-12-02', start: '09:00' });
    const phoneProofs = { partyA: await proofFor(couple.partyA.phone), partyB: await proofFor(couple.partyB.phone) };
    expect((await book({ ...couple, phoneProofs })).status).toBe(201);
    const start = clock;
    try {
      clock = new Date(start.getTime() + 24 * 60 * MINUTE);
      const later = marriageAppointment(4, { date: '2026-12-03', start: '09:00' });
      const stale = { partyA: await proofFor(later.partyA.phone), partyB: await proofFor(later.partyB.phone) };
      clock = new Date(clock.getTime() + 24 * 60 * MINUTE);
      const refused = await book({ ...later, phoneProofs: stale });
      expect((await fieldsOf(refused))?.map((field) => field.code)).toEqual(['phone_proof_invalid', 'phone_proof_invalid']);
    } finally {
      clock = start;
    }
  });

  it('needs only the first person’s proof for a replacement certificate', async () => {
    const alone = { ...marriageAppointment(5, { date: '2026-12-02', start: '09:00', kind: 'reissue' }), partyB: undefined };
    expect((await fieldsOf(await book(alone)))?.map((field) => field.field)).toEqual(['partyA.phone']);
    expect((await book({ ...alone, phoneProofs: { partyA: await proofFor(alone.partyA.phone) } })).status).toBe(201);
  });

  it('answers an attempt for a full slot as full before it looks at the proofs: the rush keeps its speed', async () => {
    const slot = { date: '2026-12-04', start: '09:00' };
    // The county office has 4 places a slot.
    for (let n = 10; n < 14; n += 1) expect((await book(await withPhoneProofs(runtime.portal.app, marriageAppointment(n, slot), () => clock))).status).toBe(201);
    const late = await book(marriageAppointment(14, slot));
    expect(late.status).toBe(409);
    expect(((await late.json()) as ErrorBody).error.code).toBe('slot_full');
    // The same couple for a time with places left is refused for want of proofs.
    expect((await fieldsOf(await book(marriageAppointment(14, { ...slot, start: '09:30' }))))?.map((field) => field.code)).toEqual(['phone_not_confirmed', 'phone_not_confirmed']);
  });

  it('refuses a person who already holds an appointment with the same words for a stranger, and tells a party of it which', async () => {
    const couple = marriageAppointment(20, { date: '2026-12-07', start: '10:00' });
    expect((await book(await withPhoneProofs(runtime.portal.app, couple, () => clock))).status).toBe(201);

    // A stranger names the bride with their own (confirmed) phones.
    const stranger = { ...marriageAppointment(21, { date: '2026-12-08', start: '10:00' }), partyB: { ...couple.partyB, phone: '13730000021' } };
    const strangerAnswer = await book(await withPhoneProofs(runtime.portal.app, stranger, () => clock));
    expect(strangerAnswer.status).toBe(422);
    const strangerBody = (await strangerAnswer.json()) as ErrorBody;
    expect(strangerBody.error.fields).toEqual([{ field: 'partyB.idNumber', code: 'already_booked', message: marriageEn.errors.marriage.alreadyBooked }]);
    expect(strangerBody.error.fields?.[0]?.message).not.toMatch(/7 December|2026-12-07|Marriage/);

    // Someone whose number is not booked at all gets the same status, shape and words as for one who is.
    const other = marriageAppointment(22, { date: '2026-12-08', start: '10:00' });
    expect((await book(await withPhoneProofs(runtime.portal.app, other, () => clock))).status).toBe(201);

    // The bride herself, with the phone the appointment was booked with, is told which appointment.
    const bride = { ...marriageAppointment(23, { date: '2026-12-08', start: '11:00' }), partyB: couple.partyB };
    const brideAnswer = await book(await withPhoneProofs(runtime.portal.app, bride, () => clock));
    expect(brideAnswer.status).toBe(422);
    const brideBody = (await brideAnswer.json()) as ErrorBody;
    expect(Object.keys(brideBody.error).sort()).toEqual(Object.keys(strangerBody.error).sort());
    expect(brideBody.error.fields).toEqual([
      { field: 'partyB.idNumber', code: 'already_booked', message: marriageEn.errors.marriage.alreadyBookedVerified.replace('{{kind}}', marriageEn.marriage.kind.marriage).replace('{{date}}', formatDayWithWeekday('2026-12-07', 'en')) },
    ]);
  });

  it('answers the development route for codes only outside production', async () => {
    const production = await createTestRuntime(kind, { environment: 'production' });
    try {
      expect((await production.portal.app.request('/api/v1/dev/phone-codes/13910000001')).status).toBe(404);
      const document = (await (await production.portal.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).not.toContain('/dev/phone-codes/{phone}');
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/phone-codes', '/phone-codes/confirm']));
    } finally {
      await production.dispose();
    }
  });
});
