/**
 * Staff sign-in under attack, through the API in process (docs/decisions/014): every attempt is
 * counted in the database before its password is checked, per account and client address, per
 * account across addresses and per address across accounts; an unknown username meets the same
 * limits and answers. The passwords checked are counted from the audit log: each check that fails
 * leaves one `staff.sign-in-failed` entry, and each attempt refused unchecked one
 * `staff.sign-in-throttled`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../api/staff/auth.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('staff sign-in throttling on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-12-05T01:00:00Z');
  let n = 0;

  async function newClerk(): Promise<string> {
    n += 1;
    const username = `throttle.clerk${n}`;
    await createStaff({ db: runtime.database.db, kind, now: () => clock }, { username, displayName: `受理员${n}`, password: PASSWORD, roles: ['intake'], offices: ['demo-district'], serviceAreas: ['allowances'] });
    return username;
  }
  const attempt = (username: string, password: string, clientAddress: string) =>
    runtime.portal.app.request(
      '/api/v1/staff/session',
      { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json', 'accept-language': 'en' } },
      { clientAddress },
    );
  const statusesOf = async (attempts: (Response | Promise<Response>)[]) => (await Promise.all(attempts)).map((response) => response.status);
  const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

  /** The audit log's last entry now: what a test appends comes after it. */
  async function auditMark(): Promise<number> {
    const last = await runtime.database.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return Number(last?.seq ?? 0);
  }
  async function auditedSince(mark: number): Promise<Record<string, number>> {
    const rows = await runtime.database.db.selectFrom('audit_log').select('action').where('seq', '>', mark).execute();
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.action] = (counts[row.action] ?? 0) + 1;
    return counts;
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('checks at most 5 passwords in a burst of 60 parallel attempts from one address, and then refuses the right one too', async () => {
    const username = await newClerk();
    const mark = await auditMark();
    const statuses = await statusesOf(Array.from({ length: 60 }, (_, i) => attempt(username, `wrong ${i}`, '10.1.0.1')));
    // Only five passwords ever checked, and every attempt audited.
    expect(await auditedSince(mark)).toEqual({ 'staff.sign-in-failed': 5, 'staff.sign-in-throttled': 55 });
    expect(count(statuses, 401)).toBe(5);
    expect(count(statuses, 429)).toBe(55);
    const right = await attempt(username, PASSWORD, '10.1.0.1');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await auditedSince(mark)).toEqual({ 'staff.sign-in-failed': 5, 'staff.sign-in-throttled': 56 });
  });

  it('lets the clerk in again once the window is over', async () => {
    const username = await newClerk();
    await statusesOf(Array.from({ length: 8 }, () => attempt(username, 'wrong', '10.1.4.1')));
    const refused = await attempt(username, PASSWORD, '10.1.4.1');
    expect(refused.status).toBe(429);
    const waitSeconds = Number(refused.headers.get('retry-after'));
    expect(waitSeconds).toBeGreaterThan(0);
    expect(waitSeconds).toBeLessThanOrEqual(15 * 60);
    clock = new Date(clock.getTime() + waitSeconds * 1000);
    expect((await attempt(username, PASSWORD, '10.1.4.1')).status).toBe(200);
  });

  it('does not let an attacker at another address lock the clerk out', async () => {
    const username = await newClerk();
    const attacks = await statusesOf(Array.from({ length: 30 }, () => attempt(username, 'guess', '10.1.1.66')));
    expect(count(attacks, 429)).toBe(25);
    expect((await attempt(username, PASSWORD, '10.1.1.7')).status).toBe(200);
  });

  it('stops guessing from many addresses at the account’s ceiling, but not the clerk at an address they signed in from before', async () => {
    const username = await newClerk();
    expect((await attempt(username, PASSWORD, '10.1.2.7')).status).toBe(200);
    const mark = await auditMark();
    const attackers = Array.from({ length: 8 }, (_, i) => `10.1.2.${100 + i}`);
    // 8 addresses × 5 = 40 guesses: more than the account's ceiling of 25.
    const statuses = await statusesOf(attackers.flatMap((address) => Array.from({ length: 5 }, () => attempt(username, 'guess', address))));
    expect(count(statuses, 401)).toBe(25);
    expect((await auditedSince(mark))['staff.sign-in-failed']).toBe(25);
    // A new address, even with the right password, waits; the clerk's own does not.
    expect((await attempt(username, PASSWORD, '10.1.2.200')).status).toBe(429);
    expect((await attempt(username, PASSWORD, '10.1.2.7')).status).toBe(200);
  });

  it('stops one address from spraying passwords over many accounts, known and unknown alike', async () => {
    const known = [await newClerk(), await newClerk(), await newClerk()];
    const usernames = [...known, ...Array.from({ length: 57 }, (_, i) => `sprayed.${i}`)];
    const mark = await auditMark();
    const statuses = await statusesOf(usernames.map((username) => attempt(username, 'Password123!', '10.1.3.1')));
    expect(count(statuses, 401)).toBe(50);
    expect(count(statuses, 429)).toBe(10);
    expect(await auditedSince(mark)).toEqual({ 'staff.sign-in-failed': 50, 'staff.sign-in-throttled': 10 });
    // The address is stopped whatever it tries next; the accounts are not, elsewhere.
    const fresh = await newClerk();
    expect((await attempt(fresh, PASSWORD, '10.1.3.1')).status).toBe(429);
    expect((await attempt(fresh, PASSWORD, '10.1.3.2')).status).toBe(200);
  });

  it('gives an unknown username the same answers as a known one, and audits both alike', async () => {
    const known = await newClerk();
    const answers = async (username: string, address: string) => {
      const seen = [];
      for (let i = 0; i < 7; i += 1) {
        const response = await attempt(username, 'not the password', address);
        const body = (await response.json()) as { error: { code: string; message: string } };
        seen.push({ status: response.status, retryAfter: response.headers.get('retry-after') !== null, code: body.error.code, message: body.error.message });
      }
      return seen;
    };
    const mark = await auditMark();
    const forKnown = await answers(known, '10.1.5.1');
    const knownAudit = await auditedSince(mark);
    const middle = await auditMark();
    const forUnknown = await answers('no.such.clerk', '10.1.5.2');
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await auditedSince(middle)).toEqual(knownAudit);
    expect(knownAudit).toEqual({ 'staff.sign-in-failed': 5, 'staff.sign-in-throttled': 2 });
  });

  it('starts a pair’s count again after a successful sign-in', async () => {
    const username = await newClerk();
    const wrong = () => attempt(username, 'typo', '10.1.6.1');
    for (let i = 0; i < 4; i += 1) expect((await wrong()).status).toBe(401);
    expect((await attempt(username, PASSWORD, '10.1.6.1')).status).toBe(200);
    const again = [];
    for (let i = 0; i < 6; i += 1) again.push((await wrong()).status);
    expect(again).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('counts a username whatever its case and surrounding spaces as the same account', async () => {
    const username = await newClerk();
    const spellings = [username, username.toUpperCase(), ` ${username}`, `${username} `, username.replace('t', 'T')];
    for (const spelling of spellings) expect((await attempt(spelling, 'wrong', '10.1.7.1')).status).toBe(401);
    expect((await attempt(username.toUpperCase(), PASSWORD, '10.1.7.1')).status).toBe(429);
  });
});
