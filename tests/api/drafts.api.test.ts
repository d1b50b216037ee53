/**
 * Applications in progress kept on the server (docs/decisions/033), through the API on both
 * databases: create, read, save, extend, the 30-minute idle lapse, the keeping time the journey
 * decides, save and come back later (the code texted, stored hashed), resuming with code and ID
 * number (which one was wrong is not said; rate limited), the sweep of expired drafts with their
 * files (safe run twice at once), and submission ending the draft in its transaction.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sweepExpiredDrafts } from '../../api/engine/drafts/drafts.ts';
import { DRAFT_RULES } from '../../api/engine/drafts/draft-rules.ts';
import { ELDER_ID, ELDER_PHONE, OLD_AGE_ALLOWANCE_ANSWERS, oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { servicePackages, TEST_SERVICE } from '../support/test-service/service.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse('2026-12-07T02:00:00Z');

interface DraftBody {
  service: string;
  key: string;
  answers: Record<string, string>;
  lapsesAt: string;
  expiresAt: string;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}

describe.each(DIALECTS)('drafts kept on the server on %s', (kind) => {
  let runtime: TestRuntime;
  let now = new Date(START);
  let client = 0;
  const request = (path: string, init: RequestInit & { reference?: string; address?: string } = {}) => {
    const { reference, address, ...rest } = init;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(reference ? { 'draft-reference': reference } : {}), ...(rest.headers as Record<string, string> | undefined) };
    return runtime.portal.app.request(`http://localhost/api/v1${path}`, { ...rest, headers }, { clientAddress: address ?? '10.9.0.1' });
  };
  const create = async (service: string, answers: Record<string, string> = {}) => {
    const response = await request('/drafts', { method: 'POST', body: JSON.stringify({ service, answers }) });
    expect(response.status).toBe(201);
    return (await response.json()) as { reference: string; draft: DraftBody };
  };
  const resume = (code: string, idNumber: string, address = '10.9.1.1') => request('/drafts/resume', { method: 'POST', body: JSON.stringify({ code, idNumber }), address });

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { servicePackages, now: () => now });
  });
  afterAll(async () => {
    await runtime.dispose();
  });
  beforeEach(() => {
    now = new Date(START + (client += 1) * DAY * 40);
  });

  it('creates a draft whose reference is not its key, reads and saves it, and keeps answers encrypted and the reference hashed', async () => {
    const { reference, draft } = await create('old-age-allowance', { district: 'demo-district' });
    expect(reference).not.toBe(draft.key);
    expect(reference.length).toBeGreaterThanOrEqual(40);
    expect(draft).toMatchObject({ service: 'old-age-allowance', answers: { district: 'demo-district' }, lapsesAt: new Date(now.getTime() + 30 * MINUTE).toISOString() });
    const saved = await request('/drafts/current', { method: 'PUT', reference, body: JSON.stringify({ answers: { ...OLD_AGE_ALLOWANCE_ANSWERS } }) });
    expect(saved.status).toBe(200);
    const read = await request('/drafts/current', { reference });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect(((await read.json()) as DraftBody).answers).toEqual(OLD_AGE_ALLOWANCE_ANSWERS);
    const row = await runtime.database.db.selectFrom('drafts').selectAll().where('id', '=', draft.key).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(ELDER_ID);
    expect(JSON.stringify(row)).not.toContain(reference);
    // A reference nobody was given, or none, opens nothing.
    expect((await request('/drafts/current', { reference: 'x'.repeat(43) })).status).toBe(404);
    expect((await request('/drafts/current')).status).toBe(422);
    expect(((await (await request('/drafts', { method: 'POST', body: JSON.stringify({ service: 'no-such' }) })).json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'service', code: 'no_such_service' });
  });

  it('lapses the reference 30 minutes after the draft was last used, unless extended, and then shows nothing', async () => {
    const { reference } = await create('old-age-allowance', { 'elder.idNumber': ELDER_ID });
    const start = now.getTime();
    now = new Date(start + 25 * MINUTE);
    const extended = await request('/drafts/current/extend', { method: 'POST', reference });
    expect(extended.status).toBe(200);
    expect(((await extended.json()) as { lapsesAt: string }).lapsesAt).toBe(new Date(start + 55 * MINUTE).toISOString());
    now = new Date(start + 54 * MINUTE);
    expect((await request('/drafts/current', { reference })).status).toBe(200);
    now = new Date(start + 54 * MINUTE + 30 * MINUTE);
    const lapsed = await request('/drafts/current', { reference });
    expect(lapsed.status).toBe(404);
    const body = (await lapsed.json()) as ErrorBody;
    expect(body.error.code).toBe('draft_not_found');
    expect(JSON.stringify(body)).not.toContain(ELDER_ID);
    expect((await request('/drafts/current', { method: 'PUT', reference, body: JSON.stringify({ answers: {} }) })).status).toBe(404);
    expect((await request('/drafts/current/extend', { method: 'POST', reference })).status).toBe(404);
  });

  it('keeps a journey with a task list 30 days and a short one a day from the last save; an empty one only as long as its reference', async () => {
    const long = await create(TEST_SERVICE, { 'person.name': '王芳' });
    const short = await create('old-age-allowance', { district: 'demo-district' });
    const empty = await create('old-age-allowance');
    expect(Date.parse(long.draft.expiresAt) - now.getTime()).toBe(30 * DAY);
    expect(Date.parse(short.draft.expiresAt) - now.getTime()).toBe(DAY);
    expect(Date.parse(empty.draft.expiresAt) - now.getTime()).toBe(DRAFT_RULES.idleMs);
    // Used, an empty draft lives as long as its reference does; given answers, the journey's whole time.
    now = new Date(now.getTime() + 25 * MINUTE);
    const extended = (await (await request('/drafts/current/extend', { method: 'POST', reference: empty.reference })).json()) as { lapsesAt: string; expiresAt: string };
    expect(extended).toEqual({ lapsesAt: new Date(now.getTime() + 30 * MINUTE).toISOString(), expiresAt: new Date(now.getTime() + 30 * MINUTE).toISOString() });
    now = new Date(now.getTime() + 29 * MINUTE);
    const saved = (await (await request('/drafts/current', { method: 'PUT', reference: empty.reference, body: JSON.stringify({ answers: { district: 'demo-district' } }) })).json()) as DraftBody;
    expect(Date.parse(saved.expiresAt) - now.getTime()).toBe(DAY);
  });

  it('saves for later with a resume code, texted to the phone given, that opens the draft on another device with the ID number', async () => {
    const { reference, draft } = await create('old-age-allowance', { district: 'demo-district' });
    const missing = await request('/drafts/current/resume-code', { method: 'POST', reference });
    expect(missing.status).toBe(409);
    expect(((await missing.json()) as ErrorBody).error.code).toBe('draft_identity_missing');
    await request('/drafts/current', { method: 'PUT', reference, body: JSON.stringify({ answers: { 'elder.idNumber': ELDER_ID, 'elder.phone': ELDER_PHONE } }) });
    const saved = await request('/drafts/current/resume-code', { method: 'POST', reference, headers: { 'accept-language': 'en' } });
    expect(saved.status).toBe(201);
    const { code, sentTo } = (await saved.json()) as { code: string; sentTo: string };
    expect(code).toMatch(/^[34679ABCDEFGHJKMNPQRTUVWXY]{4}-[34679ABCDEFGHJKMNPQRTUVWXY]{4}$/);
    expect(sentTo).toBe('138****5678');
    const texted = await runtime.database.db.selectFrom('notification_outbox').selectAll().where('template', '=', 'draft.resumeCode').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(texted.lang).toBe('en');
    expect(runtime.crypto.decrypt(texted.recipient_enc, 'notification_outbox.recipient')).toBe(ELDER_PHONE);
    expect(texted.params_json).not.toContain(code);
    const row = await runtime.database.db.selectFrom('drafts').selectAll().where('id', '=', draft.key).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code.replace('-', ''));

    // Wrong ID number and wrong code: the same answer, not saying which.
    const wrongId = (await (await resume(code, '110101194003011230')).json()) as ErrorBody;
    const wrongCode = (await (await resume('ABCD-EF34', ELDER_ID)).json()) as ErrorBody;
    expect(wrongId.error.fields).toEqual([expect.objectContaining({ field: 'code', code: 'no_matching_draft' })]);
    expect(wrongCode.error.fields).toEqual(wrongId.error.fields);

    // Typed as a person would: lower case, no dash, a lower-case x.
    const opened = await resume(code.toLowerCase().replace('-', ' '), ELDER_ID.toLowerCase());
    expect(opened.status).toBe(200);
    const body = (await opened.json()) as { reference: string; draft: DraftBody };
    expect(body.draft).toMatchObject({ key: draft.key, answers: { 'elder.idNumber': ELDER_ID } });
    expect(body.reference).not.toBe(reference);
    // The old device's reference stops working; the code is used up.
    expect((await request('/drafts/current', { reference })).status).toBe(404);
    expect((await request('/drafts/current', { reference: body.reference })).status).toBe(200);
    expect((await resume(code, ELDER_ID)).status).toBe(422);
  });

  it('resumes even after the reference lapsed, until the draft expires', async () => {
    const { reference } = await create('old-age-allowance', { 'elder.idNumber': ELDER_ID });
    const { code } = (await (await request('/drafts/current/resume-code', { method: 'POST', reference })).json()) as { code: string };
    const saved = now.getTime();
    now = new Date(saved + 2 * 60 * MINUTE);
    expect((await request('/drafts/current', { reference })).status).toBe(404);
    expect((await resume(code, ELDER_ID, '10.9.2.1')).status).toBe(200);
    const again = await create('old-age-allowance', { 'elder.idNumber': ELDER_ID });
    const second = (await (await request('/drafts/current/resume-code', { method: 'POST', reference: again.reference })).json()) as { code: string };
    now = new Date(now.getTime() + DAY + MINUTE);
    expect((await resume(second.code, ELDER_ID, '10.9.2.2')).status).toBe(422);
  });

  it('limits resume attempts per code and per client, with when to try again', async () => {
    const { reference } = await create('old-age-allowance', { 'elder.idNumber': ELDER_ID });
    const { code } = (await (await request('/drafts/current/resume-code', { method: 'POST', reference })).json()) as { code: string };
    const statuses = [];
    for (let i = 0; i < DRAFT_RULES.resumePerCode + 1; i += 1) statuses.push((await resume(code, '110101194003011230', `10.9.3.${i}`)).status);
    expect(statuses).toEqual([...Array<number>(DRAFT_RULES.resumePerCode).fill(422), 429]);
    // Even the right ID number now waits: guessing stops here.
    const limited = await resume(code, ELDER_ID, '10.9.3.99');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as ErrorBody).error.code).toBe('too_many_resumes');
    const fromOne = [];
    for (let i = 0; i < DRAFT_RULES.resumePerClient + 1; i += 1) fromOne.push((await resume(`ABCD-${'34679ABCDEFGHJKMNPQRTUVWXY'.slice(i % 20, (i % 20) + 4)}`, ELDER_ID, '10.9.4.1')).status);
    expect(fromOne.at(-1)).toBe(429);
    expect(fromOne.slice(0, -1).every((status) => status === 422)).toBe(true);
  });

  it('sweeps expired drafts with their files, once, however many processes sweep at once', async () => {
    const { reference, draft } = await create(TEST_SERVICE, { 'person.name': '王芳' });
    const form = new FormData();
    form.set('service', TEST_SERVICE);
    form.set('purpose', 'incomeProof');
    form.set('file', new Blob([new Uint8Array(readFileSync(new URL('../fixtures/files/income-proof.pdf', import.meta.url)))]), 'a.pdf');
    expect((await runtime.portal.app.request(`http://localhost/api/v1/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: { origin: 'http://localhost', 'draft-reference': reference } })).status).toBe(201);
    // A file left under a key no draft has (its draft deleted before its file was recorded): gone once older than any draft is kept.
    const stray = await create(TEST_SERVICE, {});
    expect((await runtime.portal.app.request(`http://localhost/api/v1/drafts/${stray.draft.key}/files`, { method: 'POST', body: form, headers: { origin: 'http://localhost', 'draft-reference': stray.reference } })).status).toBe(201);
    await runtime.database.db.deleteFrom('drafts').where('id', '=', stray.draft.key).execute();
    now = new Date(now.getTime() + 30 * DAY + MINUTE);
    const live = await create('old-age-allowance', { district: 'demo-district' });
    const deps = { db: runtime.database.db, now: () => now, files: { db: runtime.database.db, kind: runtime.database.kind, crypto: runtime.crypto, now: () => now, ...runtime.files } };
    const expired = await runtime.database.db.selectFrom('drafts').select('id').where('expires_at', '<=', now.toISOString()).execute();
    expect(expired.map((row) => row.id)).toContain(draft.key);
    const swept = await Promise.all([sweepExpiredDrafts(deps), sweepExpiredDrafts(deps)]);
    // Each expired draft deleted by exactly one of the two; the live one kept.
    expect(swept[0] + swept[1]).toBe(expired.length);
    expect((await request('/drafts/current', { reference: live.reference })).status).toBe(200);
    expect(await runtime.database.db.selectFrom('drafts').select('id').where('id', '=', draft.key).executeTakeFirst()).toBeUndefined();
    expect(await runtime.database.db.selectFrom('files').select('id').where('owner_id', 'in', [draft.key, stray.draft.key]).execute()).toEqual([]);
    expect((await request('/drafts/current', { reference })).status).toBe(404);
    expect(await sweepExpiredDrafts(deps)).toBe(0);
  });

  it('becomes a case with the submission, keeping only what the confirmation shows, and stays whole when the submission is refused', async () => {
    const { reference, draft } = await create('old-age-allowance', { ...OLD_AGE_ALLOWANCE_ANSWERS });
    const submit = (body: unknown, key: string) =>
      request('/services/old-age-allowance/applications', { method: 'POST', body: JSON.stringify(body), headers: { 'idempotency-key': key, 'draft-reference': reference } });
    const refused = await submit({ ...oldAgeAllowanceApplication(), declaration: false }, draft.key);
    expect(refused.status).toBe(422);
    expect(((await (await request('/drafts/current', { reference })).json()) as DraftBody).answers).toEqual(OLD_AGE_ALLOWANCE_ANSWERS);
    const made = await submit(oldAgeAllowanceApplication(), draft.key);
    expect(made.status).toBe(201);
    const { trackingNumber } = (await made.json()) as { trackingNumber: string };
    const row = await runtime.database.db.selectFrom('drafts').selectAll().where('id', '=', draft.key).executeTakeFirstOrThrow();
    expect(row.submitted_at).not.toBeNull();
    expect(runtime.crypto.decrypt(row.answers_enc, 'drafts.answers')).not.toContain(ELDER_ID);
    // A reload, or a second click with the cookies it left with, finds the confirmation, even after 30 idle minutes; then a day later nothing.
    now = new Date(now.getTime() + 2 * 60 * MINUTE);
    const after = (await (await request('/drafts/current', { reference })).json()) as DraftBody & { submitted: { trackingNumber: string; smsTo: string } };
    expect(after.answers).toEqual({});
    expect(after.submitted).toMatchObject({ trackingNumber, smsTo: '138****5678' });
    expect((await request('/drafts/current/resume-code', { method: 'POST', reference })).status).toBe(404);
    now = new Date(now.getTime() + DAY);
    expect((await request('/drafts/current', { reference })).status).toBe(404);
  });

  it('is discarded at the holder’s word', async () => {
    const { reference } = await create('old-age-allowance', { district: 'demo-district' });
    expect((await request('/drafts/current', { method: 'DELETE', reference })).status).toBe(204);
    expect((await request('/drafts/current', { method: 'DELETE', reference })).status).toBe(404);
  });
});
