/**
 * The one application route for every service applied for online (docs/decisions/029): the
 * built-in 高龄津贴 on its old path, a service defined only in the tests (given to the runtime, not
 * to api/services), each documented as its own operation with its own body, and what it refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELDER_ID, oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { draftWithProof } from '../support/test-service/proof.ts';
import { servicePackages, TEST_SERVICE } from '../support/test-service/service.ts';

const testApplication = (household = [{ name: '王小明', relationship: 'child' }]) => ({
  person: { name: '王大明', idNumber: ELDER_ID, phone: '13812340001' },
  household,
  declaration: true,
});

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

describe.each(DIALECTS)('the generic application route on %s', (kind) => {
  let runtime: TestRuntime;
  const post = (service: string, body: unknown, headers: Record<string, string> = {}) =>
    runtime.portal.app.request(`/api/v1/services/${service}/applications`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { servicePackages });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('makes a case of the test-only service, in its workflow’s first state, and a repeat with the same key gets the same case', async () => {
    const draft = await draftWithProof(runtime.portal.app);
    const first = await post(TEST_SERVICE, testApplication(), { 'idempotency-key': 'generic-test-key-1', 'draft-reference': draft });
    expect(first.status).toBe(201);
    const body = (await first.json()) as { trackingNumber: string; state: string };
    expect(body.state).toBe('submitted');
    const again = await post(TEST_SERVICE, testApplication(), { 'idempotency-key': 'generic-test-key-1', 'draft-reference': draft });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { trackingNumber: string }).trackingNumber).toBe(body.trackingNumber);
    const cases = await runtime.database.db.selectFrom('cases').select(['service', 'state']).where('service', '=', TEST_SERVICE).execute();
    expect(cases).toEqual([{ service: TEST_SERVICE, state: 'submitted' }]);
  });

  it('checks the body with the named service’s schema: a household over its maximum is refused on its field, in the reader’s language', async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ name: `成员${i}`, relationship: 'child' }));
    const response = await post(TEST_SERVICE, testApplication(four), { 'accept-language': 'en' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.fields).toContainEqual(expect.objectContaining({ field: 'household', message: 'Add at most 3 household members' }));
    expect(await runtime.database.db.selectFrom('cases').select('id').where('service', '=', TEST_SERVICE).execute()).toHaveLength(1);
  });

  it('refuses an application without the files its journey needs, on their field, whatever sends it', async () => {
    const before = await runtime.database.db.selectFrom('cases').select('id').where('service', '=', TEST_SERVICE).execute();
    for (const headers of [{}, { 'draft-reference': 'a-reference-nobody-was-given-0000000000000' }] as Record<string, string>[]) {
      const response = await post(TEST_SERVICE, testApplication(), { 'accept-language': 'en', ...headers });
      expect(response.status).toBe(422);
      expect(((await response.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'files.incomeProof', message: expect.stringMatching(/^Upload .+: at least 1 file$/) })]);
    }
    expect(await runtime.database.db.selectFrom('cases').select('id').where('service', '=', TEST_SERVICE).execute()).toHaveLength(before.length);
  });

  it('takes 高龄津贴 on its old path, the same route', async () => {
    const response = await post('old-age-allowance', oldAgeAllowanceApplication());
    expect(response.status).toBe(201);
    expect(((await response.json()) as { state: string }).state).toBe('submitted');
  });

  it('answers 404 for a service it does not know and for one whose case is a booking, saving nothing', async () => {
    const before = (await runtime.database.db.selectFrom('cases').select('id').execute()).length;
    for (const service of ['no-such-service', 'marriage-appointment']) {
      const response = await post(service, testApplication(), { 'accept-language': 'en' });
      expect(response.status, service).toBe(404);
      expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: 'no_such_service', message: 'There is no such service to apply for online' });
    }
    expect((await runtime.database.db.selectFrom('cases').select('id').execute()).length).toBe(before);
  });

  it('documents each service applied for online as its own operation with its own body, and not the hidden generic path', async () => {
    const document = (await (await runtime.portal.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, { post?: { operationId: string; requestBody: { content: Record<string, { schema: { $ref: string } }> } } }> };
    expect(document.paths['/services/old-age-allowance/applications']?.post?.operationId).toBe('applyForOldAgeAllowance');
    expect(document.paths[`/services/${TEST_SERVICE}/applications`]?.post?.operationId).toBe('applyForTestHouseholdGrant');
    expect(document.paths[`/services/${TEST_SERVICE}/applications`]?.post?.requestBody.content['application/json']?.schema.$ref).toBe('#/components/schemas/TestHouseholdGrantApplication');
    expect(document.paths['/services/{service}/applications']).toBeUndefined();
    expect(document.paths['/services/marriage-appointment/applications']).toBeUndefined();
  });
});
