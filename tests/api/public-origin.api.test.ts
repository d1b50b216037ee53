/**
 * Links sent away from the page are built on the portal's public origin, never on the Host header
 * a request was sent with: a forged Host once put another origin into 120 office-closure texts.
 * In process, the Host is the request URL's host (as @hono/node-server builds it from the header).
 * The pages' links (receipt, calendar file, printed guide) are tested over HTTP in
 * tests/html/public-origin.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { marriageAppointment } from '../support/applications.ts';
import { withPhoneProofs } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const PASSWORD = 'a long enough password';
const OFFICE = 'demo-district-registry';
const FORGED = 'http://attacker.example';
// Wednesday 25 November 2026, 10:00 in China; the day closed is Friday 4 December.
const clock = new Date('2026-11-25T02:00:00Z');
const DAY = '2026-12-04';

describe.each(DIALECTS)('the office-closure texts’ links on %s', (kind) => {
  let runtime: TestRuntime | undefined;
  afterEach(async () => {
    await runtime?.dispose();
    runtime = undefined;
  });

  /** Books two couples on DAY, then closes it as the office admin with the request sent to `origin`: the texts' parameters. */
  async function closeDayThrough(origin: string, options: { publicUrl?: string } = {}) {
    const portal = await createTestRuntime(kind, { now: () => clock, ...options });
    runtime = portal;
    const role: StaffRole = 'office-admin';
    await createStaff({ db: portal.database.db, kind, now: () => clock }, { username: 'closing-admin', displayName: 'closing-admin', password: PASSWORD, roles: [role], offices: ['demo-district'], serviceAreas: ['marriage'] });
    const session = await portal.portal.app.request(`${origin}/api/v1/staff/session`, { method: 'POST', body: JSON.stringify({ username: 'closing-admin', password: PASSWORD }), headers: { 'content-type': 'application/json' } });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const booked: string[] = [];
    for (const [n, lang] of [[1, 'zh-CN'], [2, 'en']] as const) {
      const response = await portal.portal.app.request('http://localhost/api/v1/marriage/appointments', {
        method: 'POST',
        body: JSON.stringify(await withPhoneProofs(portal.portal.app, { ...marriageAppointment(n, { date: DAY, start: '10:00' }), office: OFFICE }, () => clock)),
        headers: { 'content-type': 'application/json', 'accept-language': lang },
      });
      expect(response.status).toBe(201);
      booked.push(((await response.json()) as { trackingNumber: string }).trackingNumber);
    }
    const closed = await portal.portal.app.request(`${origin}/api/v1/staff/offices/${OFFICE}/closures`, {
      method: 'POST',
      body: JSON.stringify({ date: DAY, confirmed: booked }),
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(closed.status).toBe(200);
    const texts = await portal.database.db.selectFrom('notification_outbox').select(['lang', 'params_json']).where('template', '=', 'case.appointmentCancelledByOffice').execute();
    expect(texts).toHaveLength(4);
    return texts.map((text) => ({ lang: text.lang, raw: text.params_json, ...(JSON.parse(text.params_json) as { bookUrl: string; trackUrl: string }) }));
  }

  it('never carry a forged Host: without PUBLIC_URL they link this server’s own address', async () => {
    const texts = await closeDayThrough(FORGED);
    for (const text of texts) {
      expect(text.raw).not.toContain('attacker.example');
      expect(text.bookUrl).toBe(text.lang === 'en' ? 'http://localhost/en/book/marriage' : 'http://localhost/book/marriage');
      expect(text.trackUrl).toMatch(/^http:\/\/localhost\/(en\/)?track\?number=/);
    }
  });

  it('link PUBLIC_URL when it is set, whatever Host the request came with', async () => {
    for (const text of await closeDayThrough(FORGED, { publicUrl: 'https://portal.example.gov.cn' })) {
      expect(text.raw).not.toContain('attacker.example');
      expect(text.bookUrl).toBe(text.lang === 'en' ? 'https://portal.example.gov.cn/en/book/marriage' : 'https://portal.example.gov.cn/book/marriage');
      expect(text.trackUrl).toMatch(/^https:\/\/portal\.example\.gov\.cn\/(en\/)?track\?number=/);
    }
  });
});

describe('PUBLIC_URL from the environment', () => {
  it('is required in production, and optional elsewhere', async () => {
    const { readConfig } = await import('../../api/env.ts');
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL: required in production/);
    expect(readConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.gov.cn/' }).publicUrl).toBe('https://portal.example.gov.cn');
    expect(readConfig({ NODE_ENV: 'development' }).publicUrl).toBeUndefined();
  });
});
