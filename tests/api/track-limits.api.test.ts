import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../api/env.ts';
import { DEFAULT_TRACK_LIMITS } from '../../api/http/api-env.ts';
import { ELDER_ID, oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

describe('the status lookup limits from the environment', () => {
  it('default to 100 per client and 10 per tracking number in 10 minutes, and take positive whole numbers only', () => {
    expect(readConfig({}).trackLimits).toEqual({ perClient: 100, perNumber: 10 });
    expect(DEFAULT_TRACK_LIMITS).toEqual({ perClient: 100, perNumber: 10 });
    expect(readConfig({ TRACK_LIMIT_PER_CLIENT: '1000000', TRACK_LIMIT_PER_NUMBER: '50000' }).trackLimits).toEqual({ perClient: 1_000_000, perNumber: 50_000 });
    expect(() => readConfig({ TRACK_LIMIT_PER_CLIENT: '0' })).toThrow(/TRACK_LIMIT_PER_CLIENT/);
    expect(() => readConfig({ TRACK_LIMIT_PER_NUMBER: 'many' })).toThrow(/TRACK_LIMIT_PER_NUMBER/);
  });
});

describe.each(DIALECTS)('configured status lookup limits on %s', (kind) => {
  let runtime: TestRuntime;
  let trackingNumber = '';
  const track = (secondFactor: string, clientAddress: string, number = trackingNumber) =>
    runtime.portal.app.request(
      '/api/v1/track',
      { method: 'POST', body: JSON.stringify({ trackingNumber: number, secondFactor }), headers: { 'content-type': 'application/json' } },
      { clientAddress },
    );

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { trackLimits: { perClient: 4, perNumber: 3 } });
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication()),
      headers: { 'content-type': 'application/json' },
    });
    trackingNumber = ((await response.json()) as { trackingNumber: string }).trackingNumber;
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('are the ones the portal was given: per tracking number, whoever asks', async () => {
    const statuses = [];
    for (const client of ['10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4']) statuses.push((await track(ELDER_ID, client)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('and per client, whatever it asks for', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await track(ELDER_ID, '10.2.1.1', `2222-2222-22${'23456789ABCDEFGH'[i]}`)).status);
    // Unknown or mistyped numbers count too; the fifth request is refused.
    expect(statuses.slice(0, 4).every((status) => status === 404 || status === 422)).toBe(true);
    expect(statuses[4]).toBe(429);
  });
});
