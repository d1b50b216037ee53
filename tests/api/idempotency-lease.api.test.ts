/**
 * A request whose process died mid-way leaves its Idempotency-Key claimed "in progress". The
 * citizen's draft keeps that key, so without a lease their every retry would answer 409 until the
 * draft expired. Claims are left behind here as a dead process leaves them: a row, never finished.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS } from '../../api/db/request-guards.repo.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const SCOPE = 'applications/old-age-allowance';
const BODY = JSON.stringify(oldAgeAllowanceApplication());
/** The same answers as the retry's: the citizen's draft sends what it sent before. */
const BODY_HASH = createHash('sha256').update(BODY).digest('hex');

describe.each(DIALECTS)('an Idempotency-Key left claimed by a request that died, on %s', (kind) => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  const apply = (key: string) =>
    runtime.portal.app.request(
      '/api/v1/services/old-age-allowance/applications',
      { method: 'POST', body: BODY, headers: { 'content-type': 'application/json', 'idempotency-key': key } },
      { clientAddress: '10.20.0.1' },
    );
  const leaveClaimBehind = (key: string, ageMs: number) =>
    runtime.database.db
      .insertInto('idempotency_keys')
      .values({ key: `${SCOPE}:${key}`, request_hash: BODY_HASH, status: 'in-progress', response_status: null, response_json: null, created_at: new Date(Date.now() - ageMs).toISOString() })
      .execute();
  const cases = async () => (await runtime.database.db.selectFrom('cases').select('id').execute()).length;

  it('is taken over by the retry once the lease has passed: the application is made once, and a repeat gets its answer', async () => {
    await leaveClaimBehind('draft-crashed-0001', IDEMPOTENCY_LEASE_MS + 5_000);
    const before = await cases();
    const retry = await apply('draft-crashed-0001');
    expect(retry.status).toBe(201);
    const made = (await retry.json()) as { trackingNumber: string };
    expect(await cases()).toBe(before + 1);
    const repeat = await apply('draft-crashed-0001');
    expect(repeat.status).toBe(201);
    expect(((await repeat.json()) as { trackingNumber: string }).trackingNumber).toBe(made.trackingNumber);
    expect(await cases()).toBe(before + 1);
  });

  it('still answers 409 "in progress" while the claim is fresh, saying so (not that something went wrong)', async () => {
    await leaveClaimBehind('draft-running-0002', 10_000);
    const before = await cases();
    const response = await apply('draft-running-0002');
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'request_in_progress', message: zhCN.errors.idempotency.inProgress });
    expect(await cases()).toBe(before);
  });

  it('lets exactly one of several retries at once take it over', async () => {
    await leaveClaimBehind('draft-crashed-0003', IDEMPOTENCY_LEASE_MS * 3);
    const before = await cases();
    const answers = await Promise.all(Array.from({ length: 6 }, () => apply('draft-crashed-0003')));
    const statuses = answers.map((answer) => answer.status);
    // The one that took it over makes the case; the others were told it is in progress, or (if they
    // came after it finished) got its answer.
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(await cases()).toBe(before + 1);
  });
});
