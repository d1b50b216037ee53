import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingCheckCharacter } from '../../api/domain/cases/tracking-number.ts';
import { ELDER_ID, oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const application = oldAgeAllowanceApplication();

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
  requestId?: string;
}

describe.each(DIALECTS)('applications and progress on %s', (kind) => {
  let runtime: TestRuntime;
  let client = 0;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    runtime.portal.app.request(
      path,
      { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } },
      // Each test its own client address, so the per-client limit of one test never meets another's.
      { clientAddress: `10.0.0.${(client += 1)}` },
    );
  const apply = (body: unknown = application, headers: Record<string, string> = {}) => post('/api/v1/services/old-age-allowance/applications', body, headers);
  const track = (trackingNumber: string, secondFactor: string, lang = 'zh-CN') => post(`/api/v1/track?lang=${lang}`, { trackingNumber, secondFactor });
  const caseCount = async () => (await runtime.database.db.selectFrom('cases').select('id').execute()).length;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('takes an application, gives it a tracking number and an acceptance deadline, and queues the applicant’s SMS', async () => {
    const response = await apply();
    expect(response.status).toBe(201);
    const body = (await response.json()) as { trackingNumber: string; state: string; deadlines: { key: string; dueOn: string }[] };
    expect(body.trackingNumber).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/);
    expect(body.state).toBe('submitted');
    expect(body.deadlines).toEqual([{ key: 'acceptance', dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    const [stored] = await runtime.database.db.selectFrom('cases').selectAll().where('tracking_number', '=', body.trackingNumber.replaceAll('-', '')).execute();
    expect(stored?.answers_enc).not.toContain(ELDER_ID);
    expect(stored?.answers_enc).not.toContain('张秀英');
    const outbox = await runtime.database.db.selectFrom('notification_outbox').selectAll().where('case_id', '=', stored?.id ?? '').execute();
    expect(outbox).toMatchObject([{ template: 'case.submitted', lang: 'zh-CN', status: 'pending' }]);
  });

  it('explains every bad answer next to its field and creates nothing', async () => {
    const before = await caseCount();
    const response = await apply({ ...application, elder: { ...application.elder, idNumber: '110101194003011' } }, { 'accept-language': 'en' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.fields).toEqual([{ field: 'elder.idNumber', code: 'custom', message: 'The older person’s resident ID number must be 18 characters' }]);
    expect(await caseCount()).toBe(before);
  });

  it('never answers 5xx to a broken body', async () => {
    for (const body of ['{', 'null', '[]', '"x"', '{"elder": 5}']) {
      expect([400, 422], body).toContain((await apply(body)).status);
    }
  });

  it('makes one case of a double submission with the same Idempotency-Key, and refuses the key with other answers', async () => {
    const before = await caseCount();
    const key = { 'idempotency-key': 'form-7f3c2a91-double-click' };
    // The second either waits for the first's answer (201, the same case) or is told it is still running (409).
    const both = await Promise.all([apply(application, key), apply(application, key)]);
    const made = both.find((response) => response.status === 201);
    expect(both.map((response) => response.status).sort()).toContainEqual(201);
    expect(both.every((response) => response.status === 201 || response.status === 409)).toBe(true);
    const third = await apply(application, key);
    expect(third.status).toBe(201);
    expect(((await third.json()) as { trackingNumber: string }).trackingNumber).toBe(((await made?.json()) as { trackingNumber: string }).trackingNumber);
    expect(await caseCount()).toBe(before + 1);
    expect((await apply({ ...application, declaration: true, district: 'demo-county' }, key)).status).toBe(409);
  });

  it('shows progress to the tracking number with the applicant’s ID number or phone, forgiving how it is typed', async () => {
    const { trackingNumber } = (await (await apply()).json()) as { trackingNumber: string };
    const byId = await track(trackingNumber.toLowerCase().replaceAll('-', ' '), ELDER_ID.toLowerCase());
    expect(byId.status).toBe(200);
    expect(await byId.json()).toMatchObject({ trackingNumber, service: 'old-age-allowance', state: 'submitted', withdrawable: true, timeline: [{ transition: 'submit', to: 'submitted' }] });
    expect((await track(trackingNumber, '138-1234-5678')).status).toBe(200);
  });

  it('answers a wrong second factor exactly as an unknown number', async () => {
    const { trackingNumber } = (await (await apply()).json()) as { trackingNumber: string };
    const unknownButWellFormed = '2222222222' + trackingCheckCharacter('2222222222');
    const wrongFactor = await track(trackingNumber, '13900000000', 'en');
    const unknown = await track(unknownButWellFormed, ELDER_ID, 'en');
    expect([wrongFactor.status, unknown.status]).toEqual([404, 404]);
    const error = async (response: Response) => ((await response.json()) as ErrorBody).error;
    expect(await error(unknown)).toEqual(await error(wrongFactor));
  });

  it('says a mistyped tracking number is mistyped, naming the field', async () => {
    const { trackingNumber } = (await (await apply()).json()) as { trackingNumber: string };
    const typo = trackingNumber.slice(0, -1) + (trackingNumber.endsWith('2') ? '3' : '2');
    const response = await track(typo, ELDER_ID);
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'trackingNumber', message: '办件编号有误，可能有一位输错了，请核对回执' });
  });

  it('limits lookups of one tracking number, whoever asks', async () => {
    const { trackingNumber } = (await (await apply()).json()) as { trackingNumber: string };
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await track(trackingNumber, '10000000000')).status);
    expect(statuses.slice(0, 10).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe.each(DIALECTS)('withdrawing an application on %s', (kind) => {
  let runtime: TestRuntime;
  const post = (path: string, body: unknown) =>
    runtime.portal.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.1.0.1' });

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('is possible before a decision, notifies the applicant, and cannot be done twice', async () => {
    const { trackingNumber } = (await (await post('/api/v1/services/old-age-allowance/applications', application)).json()) as { trackingNumber: string };
    const withdrawn = await post('/api/v1/track/withdraw', { trackingNumber, secondFactor: ELDER_ID });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ state: 'withdrawn', withdrawable: false, timeline: [{ transition: 'submit' }, { transition: 'withdraw', to: 'withdrawn' }] });
    const templates = (await runtime.database.db.selectFrom('notification_outbox').select('template').execute()).map((row) => row.template);
    expect(templates).toEqual(expect.arrayContaining(['case.submitted', 'case.withdrawn']));
    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'actor_role']).execute();
    expect(audit).toContainEqual({ action: 'case.withdraw', actor_role: 'applicant' });
    const again = await post('/api/v1/track/withdraw?lang=en', { trackingNumber, secondFactor: ELDER_ID });
    expect(again.status).toBe(409);
  });

  it('needs the same two factors as the status page', async () => {
    const { trackingNumber } = (await (await post('/api/v1/services/old-age-allowance/applications', application)).json()) as { trackingNumber: string };
    expect((await post('/api/v1/track/withdraw', { trackingNumber, secondFactor: '13900000000' })).status).toBe(404);
  });
});
