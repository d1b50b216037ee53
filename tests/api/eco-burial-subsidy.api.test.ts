/**
 * The eco-burial subsidy through the API (docs/decisions/061), on SQLite and PostgreSQL: applied for
 * with a draft's cremation certificate; 受理 → 审核 → 发放 by staff of the funeral service area, the
 * amounts held to what the rules give; a member of another area sees nothing of it; the applicant's
 * and the deceased's personal values masked in the staff view, each look audited, and never stored
 * or queued in the clear; one subsidy per deceased (a second application refused next to the
 * deceased's ID number, also when two arrive at once, and allowed again once the first ended without
 * one); bad input, a kind the district does not fund and an upload of the wrong type refused as 4xx.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecoBurialApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const SCAN = readFileSync(new URL('../fixtures/files/scan.png', import.meta.url));
const SCRIPT = readFileSync(new URL('../fixtures/files/script-named.jpg', import.meta.url));
const SERVICE = 'eco-burial-subsidy';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}
interface CaseWork {
  state: string;
  version: number;
  answers: { label: string; value: string }[];
  actions: { name: string }[];
  decisionAid: { proposals: Record<string, Record<string, string>> } | null;
}

describe.each(DIALECTS)('the eco-burial subsidy on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => new Date(), lang: 'zh-CN', serviceAreas: ['funeral'] });
  const request = (path: string, init: RequestInit = {}) => runtime.portal.app.request(`http://localhost/api/v1${path}`, init);
  const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  /** A draft of the subsidy holding one file for `purpose`, as the upload page leaves it. */
  async function draftWith(file: Uint8Array, name: string, purpose = 'cremationCertificate'): Promise<{ reference: string; upload: Response }> {
    const created = await request('/drafts', json({ service: SERVICE }));
    expect(created.status).toBe(201);
    const { reference, draft } = (await created.json()) as { reference: string; draft: { key: string } };
    const form = new FormData();
    form.set('service', SERVICE);
    form.set('purpose', purpose);
    form.set('file', new Blob([new Uint8Array(file)]), name);
    const upload = await request(`/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: { origin: 'http://localhost', 'draft-reference': reference, 'accept-language': 'zh-CN' } });
    return { reference, upload };
  }
  /** Applies with a cremation certificate uploaded to a fresh draft. */
  async function apply(body: unknown, key: string): Promise<Response> {
    const draft = await draftWith(SCAN, '火化证明.png');
    expect(draft.upload.status).toBe(201);
    return request(`/services/${SERVICE}/applications`, json(body, { 'idempotency-key': key, 'draft-reference': draft.reference, 'accept-language': 'zh-CN' }));
  }
  const trackingOf = async (response: Response) => ((await response.json()) as { trackingNumber: string }).trackingNumber;
  const caseRow = (trackingNumber: string) => runtime.database.db.selectFrom('cases').selectAll().where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
  const open = async (username: string, trackingNumber: string) => (await (await staff.request(username, `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
  async function act(username: string, trackingNumber: string, transition: string, input: Record<string, string> = {}): Promise<Response> {
    const { version } = await open(username, trackingNumber);
    return staff.request(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input } });
  }
  const auditOf = async (caseId: string) => (await runtime.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('record_id', '=', caseId).orderBy('seq').execute()).map((row) => row.action);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    await staff.member('funeral.clerk', ['intake']);
    await staff.member('funeral.reviewer', ['reviewer']);
    await staff.member('funeral.approver', ['approver']);
    // Every case-handling role, in the same office, but of the allowances area only.
    await staff.member('allowance.clerk', ['intake', 'reviewer', 'approver'], { serviceAreas: ['allowances'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('is applied for with the cremation certificate, accepted, approved at the rules’ amount and paid, by staff of the funeral area', async () => {
    const body = ecoBurialApplication(8101);
    const submitted = await apply(body, 'eco-8101');
    expect(submitted.status).toBe(201);
    const trackingNumber = await trackingOf(submitted);
    const stored = await caseRow(trackingNumber);
    expect(stored).toMatchObject({ service: SERVICE, office: 'demo-district', state: 'submitted' });
    expect(await runtime.database.db.selectFrom('files').select(['owner_kind', 'purpose']).where('owner_id', '=', stored.id).execute()).toEqual([{ owner_kind: 'case', purpose: 'cremationCertificate' }]);

    expect((await act('funeral.clerk', trackingNumber, 'accept')).status).toBe(200);
    const review = await open('funeral.reviewer', trackingNumber);
    expect(review.actions.map((action) => action.name)).toEqual(expect.arrayContaining(['approve', 'refuse', 'request-documents']));
    // The rules give 4,600 元 for a sea burial in the demo district in 2026: proposed, and no more allowed.
    expect(review.decisionAid?.proposals).toEqual({ approve: { subsidyFen: '4600' }, 'record-payment': { paidFen: '4600' } });
    const over = await act('funeral.reviewer', trackingNumber, 'approve', { subsidyFen: '5000', opinion: '核对无误' });
    expect(over.status).toBe(422);
    expect(((await over.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['subsidyFen']);
    expect((await act('funeral.reviewer', trackingNumber, 'approve', { subsidyFen: '4600', opinion: '逝者信息、海葬证明和申请人身份核对无误' })).status).toBe(200);
    expect((await act('funeral.clerk', trackingNumber, 'record-payment', { paidFen: '4600' })).status).toBe(403);
    expect((await act('funeral.approver', trackingNumber, 'record-payment', { paidFen: '4600' })).status).toBe(200);
    expect((await open('funeral.approver', trackingNumber)).state).toBe('paid');

    const texts = await runtime.database.db.selectFrom('notification_outbox').select(['template', 'params_json']).where('case_id', '=', stored.id).orderBy('created_at').execute();
    // The last two are queued in one step: their order is the clock's.
    expect(texts.map((text) => text.template).sort()).toEqual(['case.accepted', 'case.ratingInvited', 'case.submitted', 'case.subsidyApproved', 'case.subsidyPaid']);
    const progress = (await (
      await runtime.portal.app.request('/api/v1/track', json({ trackingNumber, secondFactor: body.claimant.phone }), { clientAddress: '10.8.1.1' })
    ).json()) as { state: string; timeline: { transition: string; details: Record<string, string> }[] };
    expect(progress.state).toBe('paid');
    // The applicant reads the amounts, never the reviewer's opinion.
    expect(progress.timeline.find((event) => event.transition === 'approve')?.details).toEqual({ subsidyFen: '460000' });
    expect(progress.timeline.find((event) => event.transition === 'record-payment')?.details).toEqual({ paidFen: '460000' });
  });

  it('shows a member of another service area nothing of it, in the queue or by its number', async () => {
    const trackingNumber = await trackingOf(await apply(ecoBurialApplication(8102), 'eco-8102'));
    const queue = async (username: string) => ((await (await staff.request(username, '/staff/cases')).json()) as { items: { trackingNumber: string }[] }).items.map((item) => item.trackingNumber);
    expect(await queue('funeral.clerk')).toContain(trackingNumber);
    expect(await queue('allowance.clerk')).not.toContain(trackingNumber);
    expect((await staff.request('allowance.clerk', `/staff/cases/${trackingNumber}`)).status).toBe(404);
    expect((await staff.request('allowance.clerk', `/staff/cases/${trackingNumber}/reveal`, { method: 'POST' })).status).toBe(404);
  });

  it('masks the personal values in the staff view, audits each look, and keeps them out of the database and the texts in the clear', async () => {
    const body = ecoBurialApplication(8103);
    const trackingNumber = await trackingOf(await apply(body, 'eco-8103'));
    const stored = await caseRow(trackingNumber);
    const before = (await auditOf(stored.id)).length;
    const view = await open('funeral.clerk', trackingNumber);
    await open('funeral.clerk', trackingNumber);
    const values = Object.fromEntries(view.answers.map((row) => [row.label, row.value]));
    const deceasedId = body.deceased.idNumber;
    const claimantId = body.claimant.idNumber;
    expect(values[`${SERVICE}:fields.deceased.idNumber`]).toBe(`${deceasedId.slice(0, 4)}**********${deceasedId.slice(-4)}`);
    expect(values[`${SERVICE}:fields.claimant.idNumber`]).toBe(`${claimantId.slice(0, 4)}**********${claimantId.slice(-4)}`);
    expect(values[`${SERVICE}:fields.claimant.phone`]).toMatch(/^137\*{4}\d{4}$/);
    expect(values[`${SERVICE}:fields.account.number`]).toBe('**** 2333');
    // The kind with what the rules give, as the applicant saw it before sending.
    expect(values[`${SERVICE}:fields.burial.kind`]).toBe('海葬（骨灰撒海），按规定可领 4,600 元');
    const revealed = (await (await staff.request('funeral.clerk', `/staff/cases/${trackingNumber}/reveal`, { method: 'POST' })).json()) as CaseWork;
    expect(revealed.answers.find((row) => row.label === `${SERVICE}:fields.deceased.idNumber`)?.value).toBe(deceasedId);
    expect((await auditOf(stored.id)).slice(before)).toEqual(['case.view', 'case.view', 'case.reveal']);

    const texts = await runtime.database.db.selectFrom('notification_outbox').select(['params_json', 'recipient_enc']).where('case_id', '=', stored.id).execute();
    for (const clear of [deceasedId, claimantId, body.claimant.phone, '6222000011112222333', body.deceased.name]) {
      expect(stored.answers_enc).not.toContain(clear);
      expect(JSON.stringify(texts)).not.toContain(clear);
    }
  });

  it('pays one subsidy per deceased: a second application is refused next to the deceased’s ID number, and allowed once the first ended without one', async () => {
    const first = ecoBurialApplication(8104);
    const firstNumber = await trackingOf(await apply(first, 'eco-8104-a'));
    // Another relative, another draft, the same deceased (typed in lower case).
    const second = ecoBurialApplication(8105, { 'deceased.idNumber': first.deceased.idNumber.toLowerCase() });
    const refused = await apply(second, 'eco-8104-b');
    expect(refused.status).toBe(422);
    const error = ((await refused.json()) as ErrorBody).error;
    expect(error.fields).toEqual([expect.objectContaining({ field: 'deceased.idNumber', message: expect.stringContaining('每位逝者只能领取一次') })]);

    // The first is not accepted (it ended without a subsidy): the way is free again, once.
    expect((await act('funeral.clerk', firstNumber, 'not-accept', { reason: '安葬地点不在本区' })).status).toBe(200);
    const again = await apply(second, 'eco-8104-c');
    expect(again.status).toBe(201);
    const secondCase = await caseRow(await trackingOf(again));
    expect((await apply(ecoBurialApplication(8106, { 'deceased.idNumber': first.deceased.idNumber }), 'eco-8104-d')).status).toBe(422);
    // The key is the second case's now; the first keeps none.
    const holders = await runtime.database.db.selectFrom('case_once_keys').select('case_id').where('service', '=', SERVICE).execute();
    expect(holders.map((row) => row.case_id)).toContain(secondCase.id);
    expect(holders.map((row) => row.case_id)).not.toContain((await caseRow(firstNumber)).id);
  });

  it('makes one case of two applications for the same deceased sent at the same moment', async () => {
    const deceased = ecoBurialApplication(8107).deceased.idNumber;
    const drafts = await Promise.all([draftWith(SCAN, 'a.png'), draftWith(SCAN, 'b.png')]);
    const answers = await Promise.all(
      drafts.map((draft, index) =>
        request(`/services/${SERVICE}/applications`, json(ecoBurialApplication(8108 + index, { 'deceased.idNumber': deceased }), { 'idempotency-key': `eco-8107-${index}`, 'draft-reference': draft.reference })),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422]);
  });

  it('refuses bad input as 4xx next to its field: a kind the district does not fund, no cremation certificate, an upload of the wrong type', async () => {
    const cases = async () => (await runtime.database.db.selectFrom('cases').select('id').where('service', '=', SERVICE).execute()).length;
    const before = await cases();
    const notFunded = await apply(ecoBurialApplication(8111, { 'burial.district': 'demo-county' }), 'eco-8111');
    expect(notFunded.status).toBe(422);
    expect(((await notFunded.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'burial.kind', message: expect.stringContaining('没有为这种安葬方式设立奖补') })]);

    const withoutFile = await request(`/services/${SERVICE}/applications`, json(ecoBurialApplication(8112), { 'idempotency-key': 'eco-8112' }));
    expect(withoutFile.status).toBe(422);
    expect(((await withoutFile.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['files.cremationCertificate']);

    const script = await draftWith(SCRIPT, '火化证明.jpg');
    expect(script.upload.status).toBe(422);
    expect(((await script.upload.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'file', code: 'file_wrong-type', message: expect.stringContaining('火化证明') })]);

    const bad = await request(`/services/${SERVICE}/applications`, json({ ...ecoBurialApplication(8113), burial: { ...ecoBurialApplication(8113).burial, buriedOn: '2026-10-01' }, account: { ...ecoBurialApplication(8113).account, holder: '别人' } }, { 'accept-language': 'en' }));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.fields?.map((field) => field.field).sort()).toEqual(['account.holder', 'burial.buriedOn']);
    expect(await cases()).toBe(before);
  });
});
