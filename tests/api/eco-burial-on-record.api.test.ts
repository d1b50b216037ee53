/**
 * The eco-burial subsidy with the cremation certificate from the portal's own record
 * (docs/decisions/074), on SQLite and PostgreSQL: a cremation booked here whose home recorded the
 * certificate needs no file, found only by the deceased's ID number AND death certificate number;
 * where it was found is kept with the case, sealed, and shown to the staff who handle it (never the
 * certificate's number), and to nobody else; the pages' lookup says where, never a tracking number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecoBurialApplication, personId } from '../support/applications.ts';
import { phoneProof } from '../support/phone-proofs.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 on 10 December 2026 in China. */
const now = new Date('2026-12-10T02:00:00Z');
const HOME = 'demo-district-funeral-home';
const PHONE = '13900007474';
const SERVICE = 'eco-burial-subsidy';
const DEATH_CERTIFICATE = 'D330123456';
const CREMATION_CERTIFICATE = 'HZ-2026-007474';

interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string }[] };
}
interface CaseWork {
  files: unknown[];
  evidenceOnRecord: { purpose: string; trackingNumber: string; place: string }[];
}

describe.each(DIALECTS)('the eco-burial subsidy with the cremation on the portal’s record, on %s', (kind) => {
  let runtime: TestRuntime;
  let client = 0;
  // The home's cremation line has two places an hour; the times after now, two bookings each.
  const TIMES = ['11:00', '13:00', '14:00', '15:00'];
  let booked = 0;
  const staff = staffClient({ runtime: () => runtime, now: () => now, lang: 'zh-CN', serviceAreas: ['funeral'] });
  const request = (path: string, init: RequestInit = {}) => {
    client += 1;
    return runtime.portal.app.request(`http://localhost/api/v1${path}`, init, { clientAddress: `10.74.0.${client}` });
  };
  const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  /** A funeral booking with a cremation for made-up person `n`, its certificate recorded by the home when `recorded`. */
  async function cremated(n: number, recorded = true): Promise<string> {
    const response = await request(
      '/funeral/bookings?lang=zh-CN',
      json({
        home: HOME,
        deceased: { name: '王建国', idNumber: personId(n, 'male', '19400301'), diedOn: '2026-12-09', placeOfDeath: '示例区人民医院', certificate: { form: 'paper', number: DEATH_CERTIFICATE } },
        contact: { name: '王丽', relationship: 'child', phone: PHONE },
        phoneProof: await phoneProof(runtime.portal.app, PHONE, () => now),
        cremation: { date: '2026-12-10', start: TIMES[Math.floor(booked++ / 2)] },
      }),
    );
    expect(response.status).toBe(201);
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    if (recorded) expect((await staff.request('home.clerk', `/staff/funeral-day/bookings/${trackingNumber}/cremation-certificate`, { method: 'PUT', body: { number: CREMATION_CERTIFICATE } })).status).toBe(200);
    return trackingNumber;
  }
  /** The subsidy for the same person, buried the day after the death, with no file at all. */
  const subsidyFor = (n: number, overrides: Record<string, string> = {}) =>
    ecoBurialApplication(n, { 'deceased.diedOn': '2026-12-09', 'burial.buriedOn': '2026-12-10', 'deceased.deathCertificateNumber': DEATH_CERTIFICATE, ...overrides });
  /** A fresh draft holding `answers`, with no file. */
  async function draftOf(answers: Record<string, string>): Promise<string> {
    const created = await request('/drafts', json({ service: SERVICE, answers }));
    expect(created.status).toBe(201);
    return ((await created.json()) as { reference: string }).reference;
  }
  const applyWithoutFile = async (body: unknown, key: string, lang = 'zh-CN') => {
    const reference = await draftOf({});
    return request(`/services/${SERVICE}/applications`, json(body, { 'idempotency-key': key, 'draft-reference': reference, 'accept-language': lang }));
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => now, bookingLimitPerClient: 100 });
    await staff.member('home.clerk', ['intake']);
    await staff.member('funeral.reviewer', ['reviewer']);
    await staff.member('allowance.clerk', ['intake', 'reviewer', 'approver'], { serviceAreas: ['allowances'] });
    await staff.member('editor', ['content-editor'], { serviceAreas: [] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('takes the application without a file, and shows its staff where the certificate was found, sealed at rest', async () => {
    const booking = await cremated(7401);
    const response = await applyWithoutFile(subsidyFor(7401, { 'deceased.deathCertificateNumber': 'd330 123456' }), 'eco-record-7401');
    expect(response.status).toBe(201);
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };

    for (const member of ['home.clerk', 'funeral.reviewer']) {
      const view = (await (await staff.request(member, `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
      expect(view.files).toEqual([]);
      expect(view.evidenceOnRecord).toEqual([{ purpose: 'cremationCertificate', trackingNumber: booking, place: `funeral:homes.${HOME}.name` }]);
    }
    const stored = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    const rows = await runtime.database.db.selectFrom('case_evidence_on_record').selectAll().where('case_id', '=', stored.id).execute();
    expect(rows.map((row) => row.purpose)).toEqual(['cremationCertificate']);
    // Sealed: neither the booking's number nor the home is readable from the database, and the certificate's number is not there at all.
    expect(rows[0]?.reference_enc).not.toContain(booking.replaceAll('-', '').slice(0, 6));
    expect(rows[0]?.reference_enc).not.toContain(HOME);
    expect(JSON.stringify(rows)).not.toContain('007474');
  });

  it('asks for the file as before when the death certificate number differs, or no certificate was recorded (422 on files)', async () => {
    await cremated(7402);
    const other = await applyWithoutFile(subsidyFor(7402, { 'deceased.deathCertificateNumber': 'D330123457' }), 'eco-record-7402');
    expect(other.status).toBe(422);
    expect(((await other.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['files.cremationCertificate']);

    await cremated(7403, false);
    const unrecorded = await applyWithoutFile(subsidyFor(7403), 'eco-record-7403');
    expect(unrecorded.status).toBe(422);
    expect(((await unrecorded.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['files.cremationCertificate']);
    expect(await runtime.database.db.selectFrom('case_evidence_on_record').select('case_id').execute()).toHaveLength(1);
  });

  it('never finds it by the death certificate number alone (another person’s ID number)', async () => {
    await cremated(7404);
    const response = await applyWithoutFile(subsidyFor(7405), 'eco-record-7405');
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['files.cremationCertificate']);
  });

  it('shows nothing of it to staff without the funeral area’s role (404)', async () => {
    await cremated(7406);
    const { trackingNumber } = (await (await applyWithoutFile(subsidyFor(7406), 'eco-record-7406')).json()) as { trackingNumber: string };
    expect((await staff.request('allowance.clerk', `/staff/cases/${trackingNumber}`)).status).toBe(404);
    expect((await staff.request('editor', `/staff/cases/${trackingNumber}`)).status).toBe(404);
  });

  it('tells the pages what was found for a draft’s answers, and where, in the reader’s language, never a number', async () => {
    const booking = await cremated(7407);
    const flat = (n: number, overrides: Record<string, string> = {}) => ({
      'deceased.name': '王建国',
      'deceased.idNumber': personId(n, 'male', '19400301'),
      'deceased.diedOn': '2026-12-09',
      'deceased.deathCertificateNumber': DEATH_CERTIFICATE,
      ...overrides,
    });
    const lookup = async (reference: string, lang: string) => request('/drafts/current/evidence-on-record', { headers: { 'draft-reference': reference, 'accept-language': lang } });
    const found = await lookup(await draftOf(flat(7407)), 'zh-CN');
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    const body = await found.text();
    expect(JSON.parse(body)).toEqual({ found: [{ purpose: 'cremationCertificate', place: '示例区殡仪馆' }] });
    expect(body).not.toContain(booking);
    expect(await (await lookup(await draftOf(flat(7407)), 'en')).json()).toEqual({ found: [{ purpose: 'cremationCertificate', place: 'Demo District Funeral Home' }] });
    // Either number alone, or neither yet: nothing.
    expect(await (await lookup(await draftOf(flat(7407, { 'deceased.deathCertificateNumber': 'D330123458' })), 'zh-CN')).json()).toEqual({ found: [] });
    expect(await (await lookup(await draftOf(flat(7408)), 'zh-CN')).json()).toEqual({ found: [] });
    expect(await (await lookup(await draftOf({}), 'zh-CN')).json()).toEqual({ found: [] });
    expect((await lookup('a-reference-that-opens-no-draft-at-all', 'zh-CN')).status).toBe(404);
  });
});
