/**
 * The public cemetery plot through the API (docs/decisions/064): applied for with the death
 * certificate's number or a draft's cremation certificate; 受理 → 审核 → 分配 → 完成 by staff of the
 * funeral service area; a member of another area sees nothing of it; personal values masked and
 * each look audited; the last place of a kind taken once when applications arrive at the same
 * moment, and given back when a case is refused or withdrawn; no plot without a death or cremation
 * certificate, nor for a deceased the cemetery's residence rule does not cover (4xx, nothing
 * written); the public list shows the places left.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cemeteryApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const SCAN = readFileSync(new URL('../fixtures/files/scan.png', import.meta.url));
const SERVICE = 'public-cemetery';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}
interface CaseWork {
  state: string;
  version: number;
  answers: { label: string; value: string }[];
  actions: { name: string }[];
}
interface CemeteryBody {
  id: string;
  types: { type: string; plots: number; left: number }[];
}

describe.each(DIALECTS)('the public cemetery plot on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => new Date(), lang: 'zh-CN', serviceAreas: ['funeral'] });
  const request = (path: string, init: RequestInit = {}) => runtime.portal.app.request(`http://localhost/api/v1${path}`, init);
  const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  /** A draft of the service holding one file for `purpose`, as the upload page leaves it. */
  async function draftWith(purpose: string): Promise<string> {
    const created = await request('/drafts', json({ service: SERVICE }));
    expect(created.status).toBe(201);
    const { reference, draft } = (await created.json()) as { reference: string; draft: { key: string } };
    const form = new FormData();
    form.set('service', SERVICE);
    form.set('purpose', purpose);
    form.set('file', new Blob([new Uint8Array(SCAN)]), '证明.png');
    const upload = await request(`/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: { origin: 'http://localhost', 'draft-reference': reference, 'accept-language': 'zh-CN' } });
    expect(upload.status).toBe(201);
    return reference;
  }
  const apply = (body: unknown, key: string, draftReference?: string) =>
    request(`/services/${SERVICE}/applications`, json(body, { 'idempotency-key': key, 'accept-language': 'zh-CN', ...(draftReference ? { 'draft-reference': draftReference } : {}) }));
  const trackingOf = async (response: Response) => ((await response.json()) as { trackingNumber: string }).trackingNumber;
  const caseRow = (trackingNumber: string) => runtime.database.db.selectFrom('cases').selectAll().where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
  const open = async (username: string, trackingNumber: string) => (await (await staff.request(username, `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
  async function act(username: string, trackingNumber: string, transition: string, input: Record<string, string> = {}): Promise<Response> {
    const { version } = await open(username, trackingNumber);
    return staff.request(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input } });
  }
  const taken = async (key: string) => Number((await runtime.database.db.selectFrom('case_stock').select('taken').where('key', '=', key).executeTakeFirst())?.taken ?? 0);
  const left = async (cemetery: string, type: string) => {
    const body = (await (await request(`/cemeteries/${cemetery}?lang=zh-CN`)).json()) as CemeteryBody;
    return body.types.find((each) => each.type === type)?.left;
  };
  const fieldsOf = async (response: Response) => ((await response.json()) as ErrorBody).error.fields ?? [];

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    await staff.member('funeral.clerk', ['intake']);
    await staff.member('funeral.reviewer', ['reviewer']);
    await staff.member('funeral.approver', ['approver']);
    await staff.member('county.clerk', ['intake', 'reviewer'], { offices: ['demo-county'] });
    await staff.member('allowance.clerk', ['intake', 'reviewer', 'approver'], { serviceAreas: ['allowances'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('is applied for with the death certificate’s number, accepted, approved, allocated a place and completed by staff of the funeral area', async () => {
    const body = cemeteryApplication(9101, { 'plot.type': 'lawn' });
    const before = await left('demo-district-cemetery', 'lawn');
    const submitted = await apply(body, 'plot-9101');
    expect(submitted.status).toBe(201);
    const trackingNumber = await trackingOf(submitted);
    expect(await caseRow(trackingNumber)).toMatchObject({ service: SERVICE, office: 'demo-district', state: 'submitted' });
    // The place is held from the submission.
    expect(await left('demo-district-cemetery', 'lawn')).toBe((before ?? 0) - 1);

    expect((await act('funeral.clerk', trackingNumber, 'accept')).status).toBe(200);
    expect((await act('funeral.reviewer', trackingNumber, 'approve', { opinion: '户籍和死亡证明核对无误' })).status).toBe(200);
    expect((await act('funeral.reviewer', trackingNumber, 'allocate', { plotNumber: 'C区2排5号' })).status).toBe(403);
    const blank = await act('funeral.approver', trackingNumber, 'allocate', { plotNumber: '' });
    expect(blank.status).toBe(422);
    expect((await act('funeral.approver', trackingNumber, 'allocate', { plotNumber: 'C区2排5号' })).status).toBe(200);
    expect((await act('funeral.clerk', trackingNumber, 'complete')).status).toBe(200);
    expect((await open('funeral.clerk', trackingNumber)).state).toBe('completed');
    // A completed case keeps its place.
    expect(await left('demo-district-cemetery', 'lawn')).toBe((before ?? 0) - 1);

    const stored = await caseRow(trackingNumber);
    const texts = await runtime.database.db.selectFrom('notification_outbox').select('template').where('case_id', '=', stored.id).execute();
    expect(texts.map((text) => text.template).sort()).toEqual(['case.accepted', 'case.plotAllocated', 'case.plotApproved', 'case.ratingInvited', 'case.submitted']);
    const progress = (await (await runtime.portal.app.request('/api/v1/track', json({ trackingNumber, secondFactor: body.family.phone }), { clientAddress: '10.9.1.1' })).json()) as {
      state: string;
      timeline: { transition: string; details: Record<string, string> }[];
    };
    expect(progress.state).toBe('completed');
    // The family reads the place, never the reviewer's opinion.
    expect(progress.timeline.find((event) => event.transition === 'allocate')?.details).toEqual({ plotNumber: 'C区2排5号' });
    expect(progress.timeline.find((event) => event.transition === 'approve')?.details).toEqual({});
  });

  it('allocates a numbered place to one case only, however its number is typed', async () => {
    const numbers: string[] = [];
    for (const n of [9150, 9151]) {
      const trackingNumber = await trackingOf(await apply(cemeteryApplication(n, { 'plot.type': 'tree' }), `plot-${n}`));
      expect((await act('funeral.clerk', trackingNumber, 'accept')).status).toBe(200);
      expect((await act('funeral.reviewer', trackingNumber, 'approve', { opinion: '户籍和死亡证明核对无误' })).status).toBe(200);
      numbers.push(trackingNumber);
    }
    const [first = '', second = ''] = numbers;
    expect((await act('funeral.approver', first, 'allocate', { plotNumber: '纪念林 B区7号' })).status).toBe(200);
    const clash = await act('funeral.approver', second, 'allocate', { plotNumber: '纪念林B区7号' });
    expect(clash.status).toBe(422);
    expect(await fieldsOf(clash)).toEqual([expect.objectContaining({ field: 'plotNumber', message: expect.stringContaining('已经安排给另一件申请') })]);
    expect((await open('funeral.approver', second)).state).toBe('approved');
    expect((await act('funeral.approver', second, 'allocate', { plotNumber: '纪念林B区8号' })).status).toBe(200);
  });

  it('takes a cremation certificate as a draft’s file instead of the number', async () => {
    const reference = await draftWith('cremationCertificate');
    const submitted = await apply(cemeteryApplication(9102, { 'proof.kind': 'cremation-certificate' }), 'plot-9102', reference);
    expect(submitted.status).toBe(201);
    const stored = await caseRow(await trackingOf(submitted));
    expect(await runtime.database.db.selectFrom('files').select(['owner_kind', 'purpose']).where('owner_id', '=', stored.id).execute()).toEqual([{ owner_kind: 'case', purpose: 'cremationCertificate' }]);
  });

  it('sells no place without a death or cremation certificate, nor for a deceased the residence rule does not cover: 422 next to the field, nothing written', async () => {
    const cases = async () => (await runtime.database.db.selectFrom('cases').select('id').where('service', '=', SERVICE).execute()).length;
    const casesBefore = await cases();
    const heldBefore = await taken('public-cemetery:demo-district-cemetery:niche');

    const { proof: _proof, ...noProof } = cemeteryApplication(9111);
    const none = await apply(noProof, 'plot-9111');
    expect(none.status).toBe(422);
    expect((await fieldsOf(none)).map((field) => field.field)).toEqual(['proof']);

    const noNumber = await apply({ ...cemeteryApplication(9112), proof: { kind: 'death-certificate' } }, 'plot-9112');
    expect(noNumber.status).toBe(422);
    expect(await fieldsOf(noNumber)).toEqual([expect.objectContaining({ field: 'proof.deathCertificateNumber', message: expect.stringContaining('居民死亡医学证明') })]);

    const noFile = await apply(cemeteryApplication(9113, { 'proof.kind': 'cremation-certificate' }), 'plot-9113');
    expect(noFile.status).toBe(422);
    expect((await fieldsOf(noFile)).map((field) => field.field)).toEqual(['files.cremationCertificate']);

    const elsewhere = await apply(cemeteryApplication(9114, { 'plot.cemetery': 'demo-county-cemetery', 'residence.registeredHere': 'no', 'residence.livedHere': 'yes' }), 'plot-9114');
    expect(elsewhere.status).toBe(422);
    expect(await fieldsOf(elsewhere)).toEqual([expect.objectContaining({ field: 'residence.registeredHere', message: expect.stringContaining('只为户籍在本区县') })]);

    const notOffered = await request(`/services/${SERVICE}/applications`, json(cemeteryApplication(9115, { 'plot.cemetery': 'demo-county-cemetery', 'plot.type': 'lawn' }), { 'accept-language': 'en' }));
    expect(notOffered.status).toBe(422);
    expect(await fieldsOf(notOffered)).toEqual([expect.objectContaining({ field: 'plot.type', message: expect.stringContaining('does not have this kind') })]);

    expect(await cases()).toBe(casesBefore);
    expect(await taken('public-cemetery:demo-district-cemetery:niche')).toBe(heldBefore);
  });

  it('gives the last place of a kind to one of the applications sent at the same moment, and takes it back when that case is refused', async () => {
    // The county cemetery has one small single grave.
    const key = 'public-cemetery:demo-county-cemetery:single-grave';
    const answers = await Promise.all(
      [0, 1, 2].map((index) => apply(cemeteryApplication(9120 + index, { 'plot.cemetery': 'demo-county-cemetery', 'plot.type': 'single-grave' }), `plot-912${index}`)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422, 422]);
    const losers = answers.filter((answer) => answer.status === 422);
    for (const loser of losers) expect(await fieldsOf(loser)).toEqual([expect.objectContaining({ field: 'plot.type', message: expect.stringContaining('刚刚没有了') })]);
    expect(await taken(key)).toBe(1);
    expect(await left('demo-county-cemetery', 'single-grave')).toBe(0);
    const winner = await trackingOf(answers.find((answer) => answer.status === 201) as Response);

    // Refused: the place is open again, once.
    expect((await act('county.clerk', winner, 'accept')).status).toBe(200);
    expect((await act('county.clerk', winner, 'refuse', { reason: '逝者户籍经核实不在本县' })).status).toBe(200);
    expect(await taken(key)).toBe(0);
    expect(await left('demo-county-cemetery', 'single-grave')).toBe(1);
    const again = await apply(cemeteryApplication(9123, { 'plot.cemetery': 'demo-county-cemetery', 'plot.type': 'single-grave' }), 'plot-9123');
    expect(again.status).toBe(201);
    expect(await taken(key)).toBe(1);
  });

  it('takes a place back when the family withdraws, and the deceased may be applied for again', async () => {
    const key = 'public-cemetery:demo-district-cemetery:double-grave';
    const before = await taken(key);
    const body = cemeteryApplication(9130, { 'plot.type': 'double-grave' });
    const trackingNumber = await trackingOf(await apply(body, 'plot-9130'));
    expect(await taken(key)).toBe(before + 1);
    // The same deceased a second time while the first stands: one place per deceased.
    const second = await apply(cemeteryApplication(9131, { 'plot.type': 'niche', 'deceased.idNumber': body.deceased.idNumber }), 'plot-9131');
    expect(second.status).toBe(422);
    expect((await fieldsOf(second)).map((field) => field.field)).toEqual(['deceased.idNumber']);

    const withdrawn = await runtime.portal.app.request('/api/v1/track/withdraw', json({ trackingNumber, secondFactor: body.family.phone }), { clientAddress: '10.9.1.2' });
    expect(withdrawn.status).toBe(200);
    expect(await taken(key)).toBe(before);
    expect((await apply(cemeteryApplication(9132, { 'plot.type': 'niche', 'deceased.idNumber': body.deceased.idNumber }), 'plot-9132')).status).toBe(201);
  });

  it('shows a member of another service area nothing of it; masks the personal values for the funeral area and audits each look', async () => {
    const body = cemeteryApplication(9140);
    const trackingNumber = await trackingOf(await apply(body, 'plot-9140'));
    const queue = async (username: string) => ((await (await staff.request(username, '/staff/cases')).json()) as { items: { trackingNumber: string }[] }).items.map((item) => item.trackingNumber);
    expect(await queue('funeral.clerk')).toContain(trackingNumber);
    expect(await queue('allowance.clerk')).not.toContain(trackingNumber);
    expect((await staff.request('allowance.clerk', `/staff/cases/${trackingNumber}`)).status).toBe(404);
    expect((await staff.request('allowance.clerk', `/staff/cases/${trackingNumber}/reveal`, { method: 'POST' })).status).toBe(404);
    // Another office of the funeral area does not see the district's case either.
    expect(await queue('county.clerk')).not.toContain(trackingNumber);

    const stored = await caseRow(trackingNumber);
    const view = await open('funeral.clerk', trackingNumber);
    const values = Object.fromEntries(view.answers.map((row) => [row.label, row.value]));
    expect(values[`${SERVICE}:fields.deceased.idNumber`]).toBe(`${body.deceased.idNumber.slice(0, 4)}**********${body.deceased.idNumber.slice(-4)}`);
    expect(values[`${SERVICE}:fields.family.phone`]).toMatch(/^136\*{4}\d{4}$/);
    expect(values[`${SERVICE}:fields.proof.deathCertificateNumber`]).not.toBe(body.proof.deathCertificateNumber);
    expect(values[`${SERVICE}:fields.plot.type`]).toBe('骨灰格位，费用 0 元');
    const audit = await runtime.database.db.selectFrom('audit_log').select('action').where('record_id', '=', stored.id).orderBy('seq').execute();
    expect(audit.map((row) => row.action)).toContain('case.view');
    for (const clear of [body.deceased.idNumber, body.family.idNumber, body.family.phone, body.deceased.name]) expect(stored.answers_enc).not.toContain(clear);
  });

  it('lists the cemeteries publicly with the places left, and answers 404 for one it does not have', async () => {
    const list = (await (await request('/cemeteries?lang=en')).json()) as { cemeteries: CemeteryBody[] };
    expect(list.cemeteries.map((each) => each.id)).toEqual(['demo-district-cemetery', 'demo-county-cemetery']);
    const missing = await request('/cemeteries/nowhere');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).error.code).toBe('cemetery_not_found');
  });
});
