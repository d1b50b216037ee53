/**
 * The relief applications through the one application route (docs/decisions/029, 042): 低保, 特困 and
 * 临时救助 each taken with a draft's reference and an uploaded document, the document moving to the
 * case; bad input refused on its field paths, never a 5xx; a double submit with one Idempotency-Key
 * making one case; and an applicant never reading another's case or file by guessed numbers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { RELIEF_SERVICES, reliefApplication } from '../support/relief-applications.ts';
import type { ReliefApplicationKind } from '../../api/services/social-relief/application/schema.ts';

const SCAN = readFileSync(new URL('../fixtures/files/scan.png', import.meta.url));

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

describe.each(DIALECTS)('the relief applications on %s', (dialect) => {
  let runtime: TestRuntime;
  const request = (path: string, init: RequestInit = {}) => runtime.portal.app.request(`http://localhost/api/v1${path}`, init);
  const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const apply = (service: string, body: unknown, headers: Record<string, string> = {}) => request(`/services/${service}/applications`, json(body, headers));

  /** A draft of the service holding one scan as proof of income, as the upload page leaves it. */
  async function draftWithScan(service: string): Promise<{ reference: string; key: string; fileId: string }> {
    const created = await request('/drafts', json({ service }));
    expect(created.status).toBe(201);
    const { reference, draft } = (await created.json()) as { reference: string; draft: { key: string } };
    const form = new FormData();
    form.set('service', service);
    form.set('purpose', 'incomeProof');
    form.set('file', new Blob([new Uint8Array(SCAN)]), 'pay-slip.png');
    const uploaded = await request(`/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: { origin: 'http://localhost', 'draft-reference': reference } });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    return { reference, key: draft.key, fileId: id };
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(dialect);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it.each(Object.entries(RELIEF_SERVICES) as [ReliefApplicationKind, string][])('takes a %s application with its document, once for one Idempotency-Key', async (kind, service) => {
    const draft = await draftWithScan(service);
    const body = reliefApplication(kind, 7100 + kind.length);
    const headers = { 'idempotency-key': `relief-${kind}-1`, 'draft-reference': draft.reference };
    const first = await apply(service, body, headers);
    expect(first.status).toBe(201);
    const { trackingNumber, state } = (await first.json()) as { trackingNumber: string; state: string };
    expect(state).toBe('submitted');
    const again = await apply(service, body, headers);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { trackingNumber: string }).trackingNumber).toBe(trackingNumber);
    const cases = await runtime.database.db.selectFrom('cases').select(['id', 'office']).where('tracking_number', '=', trackingNumber.replaceAll('-', '')).execute();
    expect(cases).toEqual([expect.objectContaining({ office: 'demo-district' })]);
    const files = await runtime.database.db.selectFrom('files').select(['owner_kind', 'purpose']).where('owner_id', '=', String(cases[0]?.id)).execute();
    expect(files).toEqual([{ owner_kind: 'case', purpose: 'incomeProof' }]);
  });

  it('refuses bad input on its fields, in the reader’s language, and makes no case', async () => {
    const body = reliefApplication('dibao', 7201);
    const [self, child] = body.household;
    const bad = {
      ...body,
      area: { ...body.area, township: 'qingshan-township' },
      household: [{ ...self, authorisation: false }, { ...child, incomes: { wages: '12,50' } }],
      assets: { ...body.assets, deposits: '-3' },
      commitment: false,
    };
    const before = (await runtime.database.db.selectFrom('cases').select('id').execute()).length;
    const response = await apply(RELIEF_SERVICES.dibao, bad, { 'accept-language': 'en' });
    expect(response.status).toBe(422);
    const fields = ((await response.json()) as ErrorBody).error.fields?.map((field) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['area.community', 'household.1.incomes.wages', 'assets.deposits', 'commitment']));
    expect((await runtime.database.db.selectFrom('cases').select('id').execute()).length).toBe(before);
  });

  it.each([null, 'text', [], { area: 5 }, { household: 'everyone' }])('answers hostile body %j with a 4xx, never a 5xx', async (body) => {
    const response = await apply(RELIEF_SERVICES.temporary, body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('never lets one applicant read another’s case or file by guessed numbers', async () => {
    const mine = reliefApplication('dibao', 7301);
    const theirs = reliefApplication('dibao', 7302);
    const myDraft = await draftWithScan(RELIEF_SERVICES.dibao);
    const theirDraft = await draftWithScan(RELIEF_SERVICES.dibao);
    // Their file, asked for with my draft's reference: as if it did not exist.
    expect((await request(`/drafts/${theirDraft.key}/files/${theirDraft.fileId}`, { headers: { 'draft-reference': myDraft.reference } })).status).toBe(404);
    expect((await request(`/drafts/${myDraft.key}/files/${theirDraft.fileId}`, { headers: { 'draft-reference': myDraft.reference } })).status).toBe(404);
    const submitted = await apply(RELIEF_SERVICES.dibao, theirs, { 'draft-reference': theirDraft.reference });
    const { trackingNumber } = (await submitted.json()) as { trackingNumber: string };
    await apply(RELIEF_SERVICES.dibao, mine, { 'draft-reference': myDraft.reference });
    // Their case with my ID number or phone: no such case. With theirs: it opens.
    for (const secondFactor of [mine.applicant.idNumber, mine.applicant.phone]) expect((await request('/track', json({ trackingNumber, secondFactor }))).status).toBe(404);
    expect((await request('/track', json({ trackingNumber, secondFactor: theirs.applicant.phone }))).status).toBe(200);
    // Their file, moved to their case, is no longer the draft's to give.
    expect((await request(`/drafts/${theirDraft.key}/files/${theirDraft.fileId}`, { headers: { 'draft-reference': myDraft.reference } })).status).toBe(404);
  });
});
