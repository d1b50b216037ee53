/**
 * Staff sign-in under a burst, on two real portal processes sharing one PostgreSQL schema: the
 * counts are taken in the database before any password is checked, so however the attempts race
 * and whichever process answers, no more passwords are checked than the pair's limit (docs/decisions/014).
 * The passwords checked are counted from the audit log (one `staff.sign-in-failed` per check that
 * failed, one `staff.sign-in-throttled` per attempt refused unchecked).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { demoPassword, demoUsername } from '../../api/staff/demo-accounts.ts';
import { startPortalProcess, type PortalProcess } from '../support/portal-process.ts';
import { TEST_DATABASE_URL, createTestDatabase } from '../support/test-database.ts';

describe.runIf(TEST_DATABASE_URL)('staff sign-in on two portal processes sharing one PostgreSQL', () => {
  it('checks at most 5 passwords of 200 parallel attempts split over both, then refuses the right one on both', async () => {
    const database = await createTestDatabase('postgres');
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.target.schema}`)}`;
    const secret = randomBytes(32).toString('hex');
    const env = { DATABASE_URL: url, PORTAL_SECRET: secret, LOG_LEVEL: 'warn' };
    // One after the other: each creates the demo accounts it does not find.
    const first = await startPortalProcess({ env });
    const second = await startPortalProcess({ env }).catch(async (error: unknown) => {
      await first.stop();
      throw error;
    });
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const username = demoUsername('intake');
      const attempt = (portal: PortalProcess, password: string) =>
        fetch(`${portal.url}/api/v1/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      const audited = async () => {
        const { rows } = await client.query<{ action: string; n: string }>(`select action, count(*) as n from audit_log where action like 'staff.sign-in%' group by action`);
        return Object.fromEntries(rows.map((row) => [row.action, Number(row.n)]));
      };

      const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(i % 2 === 0 ? first : second, `wrong ${i}`).then((response) => response.status)));
      expect(await audited()).toEqual({ 'staff.sign-in-failed': 5, 'staff.sign-in-throttled': 195 });
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(195);

      const password = demoPassword(Buffer.from(secret, 'hex'), 'intake');
      for (const portal of [first, second]) {
        const right = await attempt(portal, password);
        expect(right.status).toBe(429);
        expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(await audited()).toEqual({ 'staff.sign-in-failed': 5, 'staff.sign-in-throttled': 197 });
    } finally {
      await client.end();
      await Promise.all([first.stop(), second.stop()]);
      await database.drop();
    }
  }, 60_000);
});
