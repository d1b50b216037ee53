/**
 * 身后一件事 through the API (docs/decisions/066): the bundle and its parts made in one transaction,
 * each with its own tracking number; the departments' hand-offs sent with only what each needs, one
 * department down and then delivered on retry, one refusing; the allowances' stop confirmed by staff
 * against the evidence; who may read the deceased's and the family's data; bad input answered 4xx.
 * The clock, fetch and the jitter are injected: no test sleeps.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication, type CaseDeps } from '../../api/cases/case-service.ts';
import { deliverDueHandoffs, type HandoffDeps } from '../../api/engine/handoffs/handoffs.ts';
import { HandoffRequestBodySchema } from '../../api/engine/handoffs/handoff.ts';
import { BUILT_IN_SERVICES, type RegisteredCaseService, type ServiceRegistry } from '../../api/services/registry.ts';
import { afterDeathApplication, personId } from '../support/applications.ts';
import { phoneProof, withHandlerProof } from '../support/phone-proofs.ts';
import { ITEM_IDS } from '../../api/services/after-death/items.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const ORIGIN = 'http://localhost';
const RETRY = { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 3 };

interface Part {
  item: string;
  trackingNumber: string | null;
  status: string;
  reason: string | null;
  applyPath: string | null;
}
interface Submitted {
  trackingNumber: string;
  parts: { item: string; trackingNumber: string | null }[];
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; message: string }[] };
}

describe.each(DIALECTS)('身后一件事 on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-12-12T02:00:00Z');
  /** Hand-offs to these departments answer 503, as a department that is down. */
  const down = new Set<string>();
  const sent: { url: string; body: string }[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    sent.push({ url, body: String(init?.body ?? '') });
    if ([...down].some((department) => url.endsWith(`/handoff-receiver/${department}`))) return new Response('', { status: 503 });
    return runtime.portal.app.request(url, init);
  };
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'zh-CN', serviceAreas: ['funeral'] });
  const request = (path: string, init: RequestInit = {}) => runtime.portal.app.request(`${ORIGIN}/api/v1${path}`, init, { clientAddress: '10.7.1.1' });
  const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN', ...headers } });
  /** The bundle with the proof of its handler's phone beside it (docs/decisions/076), as the pages send it. */
  const apply = async (body: ReturnType<typeof afterDeathApplication>, headers: Record<string, string> = {}) => request('/services/after-death/applications', json(await withHandlerProof(runtime.portal.app, body, () => clock), headers));
  const track = async (trackingNumber: string, secondFactor: string) => request('/track', json({ trackingNumber, secondFactor }));
  const partsOf = async (trackingNumber: string, secondFactor: string) => ((await (await track(trackingNumber, secondFactor)).json()) as { parts: Part[] }).parts;
  const statuses = async (trackingNumber: string, secondFactor: string) => Object.fromEntries((await partsOf(trackingNumber, secondFactor)).map((part) => [part.item, part.status]));
  const handoffDeps = (): HandoffDeps => ({ db: runtime.database.db, kind: runtime.database.kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => clock, services: runtime.portal.services, handoffs: runtime.portal.handoffs });
  const deliver = () => deliverDueHandoffs(handoffDeps(), { workerId: 'test-worker', origin: ORIGIN });
  const count = async (table: 'cases' | 'case_parts' | 'handoff_requests' | 'notification_outbox' | 'drafts') => Number((await runtime.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const open = async (username: string, trackingNumber: string) => staff.request(username, `/staff/cases/${trackingNumber}`);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock, handoffs: { fetch: fakeFetch, random: () => 0.5, retry: RETRY, settings: { endpoints: {}, devReceiverMode: 'by-id', devReceiverDelayMs: 60_000 } } });
    await staff.member('funeral.clerk', ['intake']);
    await staff.member('funeral.reviewer', ['reviewer']);
    await staff.member('allowance.clerk', ['intake', 'reviewer', 'approver'], { serviceAreas: ['allowances'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('makes the bundle and one part per item ticked in one go, each with its own number; one text names the bundle; departments get only their item’s fields', async () => {
    const body = afterDeathApplication(7001);
    // The phone confirmed first: its code's text is not the bundle's.
    await phoneProof(runtime.portal.app, body.handler['phone'] ?? '', () => clock);
    const before = { cases: await count('cases'), handoffs: await count('handoff_requests'), texts: await count('notification_outbox') };
    const response = await apply(body);
    expect(response.status).toBe(201);
    const submitted = (await response.json()) as Submitted;
    expect(submitted.parts.map((part) => part.item)).toEqual(['household-deregistration', 'driving-licence', 'medical-insurance', 'pension-account', 'survivor-benefits', 'housing-fund', 'allowance-stop', 'eco-burial-subsidy']);
    const numbers = submitted.parts.map((part) => part.trackingNumber);
    expect(numbers.filter((number) => number !== null)).toHaveLength(7);
    expect(new Set([submitted.trackingNumber, ...numbers]).size).toBe(9);
    expect(numbers.at(-1)).toBeNull();
    expect(await count('cases')).toBe(before.cases + 8);
    expect(await count('handoff_requests')).toBe(before.handoffs + 6);
    expect(await count('notification_outbox')).toBe(before.texts + 1);

    const phone = body.handler['phone'] ?? '';
    expect(await statuses(submitted.trackingNumber, phone)).toEqual({
      'household-deregistration': 'pending',
      'driving-licence': 'pending',
      'medical-insurance': 'pending',
      'pension-account': 'pending',
      'survivor-benefits': 'pending',
      'housing-fund': 'pending',
      'allowance-stop': 'with-staff',
      'eco-burial-subsidy': 'to-apply',
    });
    expect((await partsOf(submitted.trackingNumber, phone)).at(-1)?.applyPath).toBe('/apply/eco-burial-subsidy');

    sent.length = 0;
    expect(await deliver()).toMatchObject({ answered: 6, retrying: 0, failed: 0 });
    const payloads = Object.fromEntries(sent.map((one) => HandoffRequestBodySchema.parse(JSON.parse(one.body))).map((one) => [String(one.payload.values['item']), one.payload.values]));
    // 公安 for the driving licence: the deceased's identity and who reports; never the address, the card or the account.
    expect(Object.keys(payloads['driving-licence'] ?? {}).sort()).toEqual(['deceased.deathCertificateNumber', 'deceased.diedOn', 'deceased.idNumber', 'deceased.name', 'handler.name', 'handler.phone', 'handler.relationship', 'item']);
    expect(payloads['pension-account']?.['account.number']).toBe('6222000011112222444');
    expect(JSON.stringify(payloads)).not.toContain('示例街道');
    expect(sent.map((one) => one.url.split('/').at(-1)).sort()).toEqual(['housing-fund', 'human-resources', 'human-resources', 'medical-insurance', 'public-security', 'public-security']);
    expect(Object.values(await statuses(submitted.trackingNumber, phone)).filter((status) => status === 'done')).toHaveLength(6);
  });

  it('a department that is down leaves its item "pending", tried again with backoff, and delivered on the retry', async () => {
    const body = afterDeathApplication(7002, {}, ['household-deregistration', 'pension-account']);
    const { trackingNumber } = (await (await apply(body)).json()) as Submitted;
    const phone = body.handler['phone'] ?? '';
    down.add('public-security');
    expect(await deliver()).toMatchObject({ answered: 1, retrying: 1 });
    expect(await statuses(trackingNumber, phone)).toEqual({ 'household-deregistration': 'pending', 'pension-account': 'done' });
    // Not before its time (half the first step and half the other half: 750 ms).
    expect(await deliver()).toMatchObject({ answered: 0, retrying: 0 });
    down.delete('public-security');
    clock = new Date(clock.getTime() + 750);
    expect(await deliver()).toMatchObject({ answered: 1 });
    expect(await statuses(trackingNumber, phone)).toEqual({ 'household-deregistration': 'done', 'pension-account': 'done' });
  });

  it('shows a department’s refusal with its reason; after every attempt failed the family still reads "pending", and staff send it again', async () => {
    // Sequence code 999: the development receiver refuses, as a department would.
    const refused = afterDeathApplication(499, {}, ['driving-licence']);
    const first = (await (await apply(refused)).json()) as Submitted;
    const failing = afterDeathApplication(7003, {}, ['housing-fund']);
    const second = (await (await apply(failing)).json()) as Submitted;
    down.add('housing-fund');
    for (let attempt = 0; attempt < RETRY.maxAttempts; attempt += 1) {
      await deliver();
      clock = new Date(clock.getTime() + RETRY.maxDelayMs);
    }
    const [refusal] = await partsOf(first.trackingNumber, refused.handler['phone'] ?? '');
    expect(refusal).toMatchObject({ item: 'driving-licence', status: 'refused', reason: expect.stringContaining('未能办理') });
    expect(await statuses(second.trackingNumber, failing.handler['phone'] ?? '')).toEqual({ 'housing-fund': 'pending' });

    // Civil affairs staff see the failure on the part's case and send it again.
    const partNumber = second.parts[0]?.trackingNumber ?? '';
    const work = (await (await open('funeral.clerk', partNumber)).json()) as { version: number; handoffs: { handoff: string; status: string; attempts: number }[]; actions: { name: string }[] };
    expect(work.handoffs).toEqual([expect.objectContaining({ handoff: 'housing-fund', status: 'failed', attempts: 3 })]);
    expect(work.actions.map((action) => action.name)).toContain('send-again');
    down.delete('housing-fund');
    const again = await staff.request('funeral.clerk', `/staff/cases/${partNumber}/transitions`, { method: 'POST', body: { transition: 'send-again', version: work.version, input: {} } });
    expect(again.status).toBe(200);
    expect(await deliver()).toMatchObject({ answered: 1 });
    expect(await statuses(second.trackingNumber, failing.handler['phone'] ?? '')).toEqual({ 'housing-fund': 'done' });
  });

  it('stops the allowances only once staff confirm the ID number and the death certificate together, with the evidence', async () => {
    const body = afterDeathApplication(7004, {}, ['allowance-stop']);
    const submitted = (await (await apply(body)).json()) as Submitted;
    const partNumber = submitted.parts[0]?.trackingNumber ?? '';
    const act = async (input: Record<string, string>) => {
      const { version } = (await (await open('funeral.reviewer', partNumber)).json()) as { version: number };
      return staff.request('funeral.reviewer', `/staff/cases/${partNumber}/transitions`, { method: 'POST', body: { transition: 'confirm-stop', version, input } });
    };
    expect((await act({ stopFromMonth: '2026-11', evidence: '低保案件 ABCD 已核对' })).status).toBe(422);
    expect((await act({ stopFromMonth: '2026-11', identityChecked: 'yes', evidence: '低保案件 ABCD：身份证号码和死亡医学证明编号一致' })).status).toBe(200);
    expect(await statuses(submitted.trackingNumber, body.handler['phone'] ?? '')).toEqual({ 'allowance-stop': 'done' });
    // The deceased is one of the part's people, found through case_people as every service finds a person.
    const part = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', partNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    expect(await runtime.database.db.selectFrom('case_people').select('person_hash').where('case_id', '=', part.id).execute()).toHaveLength(1);
  });

  it('opens the bundle and its parts to the family’s second factor only, never to the deceased’s ID number; staff of other areas see none of it', async () => {
    const body = afterDeathApplication(7005, {}, ['household-deregistration', 'allowance-stop']);
    const submitted = (await (await apply(body)).json()) as Submitted;
    const partNumber = submitted.parts[0]?.trackingNumber ?? '';
    const deceasedId = body.deceased['idNumber'] ?? '';
    expect((await track(submitted.trackingNumber, body.handler['idNumber'] ?? '')).status).toBe(200);
    expect((await track(partNumber, body.handler['phone'] ?? '')).status).toBe(200);
    expect((await track(submitted.trackingNumber, deceasedId)).status).toBe(404);
    expect((await track(partNumber, deceasedId)).status).toBe(404);
    expect((await track(submitted.trackingNumber, '13900000000')).status).toBe(404);
    // The status page carries no personal data of the deceased.
    expect(JSON.stringify(await (await track(submitted.trackingNumber, body.handler['phone'] ?? '')).json())).not.toContain(deceasedId);

    expect((await open('allowance.clerk', submitted.trackingNumber)).status).toBe(404);
    expect((await open('allowance.clerk', partNumber)).status).toBe(404);
    const work = (await (await open('funeral.clerk', partNumber)).json()) as { answers: { label: string; value: string }[] };
    // Masked on the workbench until revealed (audited, as every case's).
    expect(work.answers.find((row) => row.label === 'after-death:fields.deceased.idNumber')?.value).not.toBe(deceasedId);
    const audit = await runtime.database.db.selectFrom('audit_log').select('action').where('action', '=', 'case.view').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('a part is never applied for on its own', async () => {
    expect((await request('/services/after-death-driving-licence/applications', json({ item: 'driving-licence' }))).status).toBe(404);
    expect((await request('/services/after-death-allowance-stop/applications', json({}))).status).toBe(404);
  });

  it('answers bad input 4xx next to each field, and writes nothing', async () => {
    const before = { cases: await count('cases'), parts: await count('case_parts') };
    const body = afterDeathApplication(7006, {}, ['pension-account']);
    const bad = { ...body, deceased: { ...body.deceased, diedOn: '2027-01-01', deathCertificateNumber: '1-2' }, items: [] };
    const response = await request('/services/after-death/applications', json(await withHandlerProof(runtime.portal.app, bad, () => clock)));
    expect(response.status).toBe(422);
    const fields = ((await response.json()) as ErrorBody).error.fields?.map((field) => field.field).sort();
    expect(fields).toEqual(['deceased.deathCertificateNumber', 'deceased.diedOn', 'items']);
    expect((await request('/services/after-death/applications', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect({ cases: await count('cases'), parts: await count('case_parts') }).toEqual(before);
  });

  it('writes no half bundle: a part that fails leaves neither the bundle nor any other part', async () => {
    // Every item, the later ones' prefilled drafts too: written with the bundle or not at all (docs/decisions/076).
    const all = await withHandlerProof(runtime.portal.app, afterDeathApplication(7007, {}, [...ITEM_IDS]), () => clock);
    const before = { cases: await count('cases'), parts: await count('case_parts'), handoffs: await count('handoff_requests'), texts: await count('notification_outbox'), drafts: await count('drafts') };
    const real = BUILT_IN_SERVICES.get('after-death') as RegisteredCaseService;
    // The bundle's rule gives, last, a part its service cannot take: the whole submission is undone.
    const broken: RegisteredCaseService = { ...real, bundle: { items: 'after-death:afterDeath.item', parts: (application) => [...(real.bundle?.parts(application) ?? []), { item: 'driving-licence-again', kind: 'case', service: 'after-death-driving-licence', application: { item: 'driving-licence' } }] } };
    const services: ServiceRegistry = { get: (id) => (id === 'after-death' ? broken : BUILT_IN_SERVICES.get(id)), ids: BUILT_IN_SERVICES.ids };
    const deps: CaseDeps = { db: runtime.database.db, kind: runtime.database.kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => clock, randomBytes: (size) => randomBytes(size), services };
    await expect(submitApplication(deps, 'after-death', all, 'zh-CN')).rejects.toThrow('bundle part driving-licence-again');
    expect({ cases: await count('cases'), parts: await count('case_parts'), handoffs: await count('handoff_requests'), texts: await count('notification_outbox'), drafts: await count('drafts') }).toEqual(before);
    expect(personId(7007, 'male')).toHaveLength(18);
  });

  it('refuses the bundle without the proof of the handler’s phone, or with another phone’s, 422 next to that phone, and writes nothing', async () => {
    const before = { cases: await count('cases'), drafts: await count('drafts') };
    const body = afterDeathApplication(7008, {}, ['driving-licence', 'funeral-booking']);
    const missing = await request('/services/after-death/applications', json(body));
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'handler.phone', code: 'phone_not_confirmed', message: '您的手机号码还没有用短信验证码确认，请先确认手机号码' })]);
    const another = await request('/services/after-death/applications', json({ ...body, phoneProof: await phoneProof(runtime.portal.app, '13900007008', () => clock) }, { 'accept-language': 'en' }));
    expect(another.status).toBe(422);
    expect(((await another.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'handler.phone', code: 'phone_proof_invalid', message: expect.stringContaining('Your mobile phone number needs confirming again') })]);
    expect({ cases: await count('cases'), drafts: await count('drafts') }).toEqual(before);
  });

  describe('the items applied for later (docs/decisions/076)', () => {
    const LATER = ['eco-burial-subsidy', 'funeral-booking', 'cemetery-plot'] as const;
    const continueByKey = (trackingNumber: string, secondFactor: string, item: string) => request(`/track/parts/${item}/draft`, json({ trackingNumber, secondFactor }));
    const draftOf = async (reference: string) => request('/drafts/current', { headers: { 'draft-reference': reference } });
    type Opened = { reference: string; draft: { service: string; answers: Record<string, string> } };

    it('each later item ticked gets its journey’s draft, with the mapped answers only, continued only with the bundle’s second factor', async () => {
      const body = afterDeathApplication(7009, {}, [...LATER, 'pension-account']);
      const before = await count('drafts');
      const response = await apply(body);
      expect(response.status).toBe(201);
      const submitted = (await response.json()) as { trackingNumber: string; parts: { item: string; trackingNumber: string | null; prefilled: boolean }[] };
      expect(submitted.parts.filter((part) => part.prefilled).map((part) => part.item)).toEqual([...LATER]);
      expect(await count('drafts')).toBe(before + 3);
      const phone = body.handler['phone'] ?? '';
      expect((await partsOf(submitted.trackingNumber, phone)).filter((part) => part.status === 'to-apply').map((part) => [part.item, (part as Part & { prefilled: boolean }).prefilled])).toEqual(LATER.map((item) => [item, true]));

      // Not with the deceased's ID number, nor with a wrong number: the same 404 as the status lookup's.
      expect((await continueByKey(submitted.trackingNumber, body.deceased['idNumber'] ?? '', 'funeral-booking')).status).toBe(404);
      const booking = await continueByKey(submitted.trackingNumber, phone, 'funeral-booking');
      expect(booking.status).toBe(200);
      const opened = (await booking.json()) as Opened;
      expect(opened.draft.service).toBe('funeral-booking');
      const { 'phoneProof.contact': carried, ...answers } = opened.draft.answers;
      expect(answers).toEqual({
        'deceased.name': '王建国',
        'deceased.idNumber': body.deceased['idNumber'],
        'deceased.diedOn': '2026-10-20',
        'deceased.certificate.form': 'paper',
        'deceased.certificate.number': body.deceased['deathCertificateNumber'],
        'contact.name': '王丽',
        'contact.phone': phone,
        'contact.relationship': 'child',
      });
      // The handler's phone is carried confirmed: the booking's own route takes the proof.
      expect(JSON.parse(carried ?? '{}')).toMatchObject({ phone, proof: expect.any(String) });
      expect((await draftOf(opened.reference)).status).toBe(200);

      const plot = (await (await continueByKey(submitted.trackingNumber, body.handler['idNumber'] ?? '', 'cemetery-plot')).json()) as Opened;
      expect(plot.draft.service).toBe('public-cemetery');
      expect(Object.keys(plot.draft.answers).sort()).toEqual(['deceased.diedOn', 'deceased.idNumber', 'deceased.name', 'family.idNumber', 'family.name', 'family.phone', 'family.relationship', 'proof.deathCertificateNumber', 'proof.kind']);
      const subsidy = (await (await continueByKey(submitted.trackingNumber, phone, 'eco-burial-subsidy')).json()) as Opened;
      expect(subsidy.draft.answers).toMatchObject({ 'claimant.idNumber': body.handler['idNumber'], 'account.holder': '王丽', 'account.number': '6222000011112222444' });
      // Never what no later journey asks: the deceased's sex, the handler's address, the social security card.
      for (const draft of [opened, plot, subsidy]) expect(JSON.stringify(draft.draft.answers)).not.toMatch(/示例街道|S33007009|"male"/);

      // Continuing again gives a new reference; the earlier one stops working.
      const again = (await (await continueByKey(submitted.trackingNumber, phone, 'funeral-booking')).json()) as Opened;
      expect((await draftOf(opened.reference)).status).toBe(404);
      // Once sent, the draft is no longer offered: the plain journey, as before.
      const ended = await request('/drafts/current', { method: 'PUT', body: JSON.stringify({ answers: {}, submitted: { trackingNumber: 'ABCD-EFGH-JKM', acceptanceDue: null, smsTo: '136****7009' } }), headers: { 'content-type': 'application/json', 'draft-reference': again.reference } });
      expect(ended.status).toBe(200);
      expect((await continueByKey(submitted.trackingNumber, phone, 'funeral-booking')).status).toBe(404);
      const after = await partsOf(submitted.trackingNumber, phone);
      expect(after.filter((part) => part.status === 'to-apply').map((part) => [part.item, (part as Part & { prefilled: boolean }).prefilled])).toEqual([['eco-burial-subsidy', true], ['funeral-booking', false], ['cemetery-plot', true]]);
      // An item not ticked, or one that is a case, has no draft.
      expect((await continueByKey(submitted.trackingNumber, phone, 'pension-account')).status).toBe(404);
    });

    it('continues from the bundle’s own sent draft (its confirmation), and from no other draft that names the bundle’s number', async () => {
      const body = afterDeathApplication(7010, {}, ['funeral-booking']);
      const created = (await (await request('/drafts', json({ service: 'after-death', answers: { 'handler.idNumber': body.handler['idNumber'] ?? '' } }))).json()) as { reference: string };
      const response = await apply(body, { 'draft-reference': created.reference });
      expect(response.status).toBe(201);
      const { trackingNumber } = (await response.json()) as { trackingNumber: string };
      const continued = await request('/drafts/current/parts/funeral-booking/draft', { method: 'POST', headers: { 'draft-reference': created.reference, origin: ORIGIN } });
      expect(continued.status).toBe(200);
      expect(((await continued.json()) as Opened).draft.answers['deceased.name']).toBe('王建国');

      // A draft of someone else's, ended with this bundle's number written into it, opens nothing.
      const stranger = (await (await request('/drafts', json({ service: 'after-death', answers: {} }))).json()) as { reference: string };
      await request('/drafts/current', { method: 'PUT', body: JSON.stringify({ answers: {}, submitted: { trackingNumber, acceptanceDue: null, smsTo: '136****7010' } }), headers: { 'content-type': 'application/json', 'draft-reference': stranger.reference } });
      const refused = await request('/drafts/current/parts/funeral-booking/draft', { method: 'POST', headers: { 'draft-reference': stranger.reference, origin: ORIGIN } });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('draft_not_found');
    });
  });
});
