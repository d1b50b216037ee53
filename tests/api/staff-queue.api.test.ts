import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oldAgeAllowanceApplication } from '../support/applications.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface QueueBody {
  items: { trackingNumber: string; office: string; state: string; dueStatus: string | null }[];
  total: number;
  countsByState: Record<string, number>;
  countsByService: { service: string; states: { state: string; cases: number }[] }[];
}

describe.each(DIALECTS)('the staff queue on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-11-02T02:00:00Z');
  const cookies = new Map<string, string>();

  async function signedIn(username: string, offices: string[], serviceAreas: string[]) {
    await createStaff({ db: runtime.database.db, kind, now: () => clock }, { username, displayName: username, password: 'a long enough password', roles: ['intake'], offices, serviceAreas });
    await signIn(username);
  }
  async function signIn(username: string) {
    const response = await runtime.portal.app.request('http://localhost/api/v1/staff/session', {
      method: 'POST',
      body: JSON.stringify({ username, password: 'a long enough password' }),
      headers: { 'content-type': 'application/json' },
    });
    cookies.set(username, (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
  }
  const queueOf = async (username: string, query = '') =>
    (await (await runtime.portal.app.request(`http://localhost/api/v1/staff/cases${query}`, { headers: { cookie: cookies.get(username) ?? '' } })).json()) as QueueBody;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    for (const district of ['demo-district', 'demo-district', 'demo-county']) {
      await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
        method: 'POST',
        body: JSON.stringify(oldAgeAllowanceApplication(district)),
        headers: { 'content-type': 'application/json' },
      });
    }
    await signedIn('district.clerk', ['demo-district'], ['allowances']);
    await signedIn('county.clerk', ['demo-county'], ['allowances']);
    await signedIn('marriage.clerk', ['demo-district'], ['marriage']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('shows a member only the cases of their offices and service areas', async () => {
    expect((await queueOf('district.clerk')).items.map((item) => item.office)).toEqual(['demo-district', 'demo-district']);
    expect((await queueOf('county.clerk')).items.map((item) => item.office)).toEqual(['demo-county']);
    expect((await queueOf('marriage.clerk')).total).toBe(0);
  });

  it('counts cases per state and computes due and overdue from today', async () => {
    const today = await queueOf('district.clerk');
    expect(today.countsByState).toEqual({ submitted: 2 });
    // Per service too (the filter's choices, each state a service's own), whatever the filters.
    expect(today.countsByService).toEqual([{ service: 'old-age-allowance', states: [{ state: 'submitted', cases: 2 }] }]);
    const accepted = await queueOf('district.clerk', '?service=old-age-allowance&state=accepted');
    expect([accepted.total, accepted.countsByState, accepted.countsByService]).toEqual([0, today.countsByState, today.countsByService]);
    expect(today.items.every((item) => item.dueStatus === 'on-time')).toBe(true);
    expect((await queueOf('district.clerk', '?due=overdue')).total).toBe(0);
    clock = new Date('2026-11-20T02:00:00Z');
    await signIn('district.clerk'); // the old session timed out over those days
    expect((await queueOf('district.clerk', '?due=overdue')).total).toBe(2);
    clock = new Date('2026-11-02T02:00:00Z');
  });

  it('answers 401 without a session and 422 to a filter it does not know', async () => {
    expect((await runtime.portal.app.request('/api/v1/staff/cases')).status).toBe(401);
    const response = await runtime.portal.app.request('http://localhost/api/v1/staff/cases?due=yesterday', { headers: { cookie: cookies.get('district.clerk') ?? '' } });
    expect(response.status).toBe(422);
  });
});
