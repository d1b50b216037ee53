import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../api/db/audit.repo.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { authenticate, createStaff, signIn, signOut, type SignInDeps } from '../../api/staff/auth.ts';
import { DIALECTS, TEST_AUDIT_KEYS, useMigratedDatabase } from '../support/test-database.ts';

describe.each(DIALECTS)('staff sign-in on %s', (kind) => {
  const store = useMigratedDatabase(kind);
  let clock = new Date('2026-11-25T01:00:00Z');
  const crypto = createFieldCrypto(randomBytes(32));
  const deps = (): SignInDeps => ({ db: store.handle.db, kind, now: () => clock, crypto });
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let n = 0;
  async function newClerk() {
    n += 1;
    const username = `clerk${n}`;
    await createStaff(deps(), { username, displayName: `受理员${n}`, password: 'correct horse battery', roles: ['intake'], offices: ['district-a'], serviceAreas: ['allowances'] });
    return username;
  }

  it('opens a session for the right password, and the session knows the member', async () => {
    const username = await newClerk();
    const result = await signIn(deps(), { username, password: 'correct horse battery' }, '127.0.0.1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.staff).toMatchObject({ username, roles: ['intake'], offices: ['district-a'] });
    expect(result.staff).not.toHaveProperty('passwordHash');
    expect((await authenticate(deps(), result.token))?.staff.username).toBe(username);
    const stored = await store.handle.db.selectFrom('staff_sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(result.token);
  });

  it('answers a wrong password and an unknown name alike', async () => {
    const username = await newClerk();
    expect(await signIn(deps(), { username, password: 'wrong' }, null)).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(deps(), { username: 'nobody-here', password: 'wrong' }, null)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a sixth attempt from the same address within 15 minutes, even with the right password, and lets it in after', async () => {
    const username = await newClerk();
    const windowStart = clock.getTime();
    for (let i = 0; i < 5; i += 1) {
      expect(await signIn(deps(), { username, password: 'wrong' }, '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
      advance(60_000);
    }
    const refused = { ok: false, reason: 'throttled', retryAt: new Date(windowStart + 15 * 60_000).toISOString() };
    expect(await signIn(deps(), { username, password: 'correct horse battery' }, '10.0.0.1')).toEqual(refused);
    // Another address is another pair: the clerk there is not locked out.
    expect((await signIn(deps(), { username, password: 'correct horse battery' }, '10.0.0.2')).ok).toBe(true);
    advance(15 * 60_000 - 5 * 60_000 - 1);
    expect(await signIn(deps(), { username, password: 'correct horse battery' }, '10.0.0.1')).toEqual(refused);
    advance(1);
    expect((await signIn(deps(), { username, password: 'correct horse battery' }, '10.0.0.1')).ok).toBe(true);
    expect((await signIn(deps(), { username, password: 'wrong' }, '10.0.0.1')).ok).toBe(false);
    expect((await signIn(deps(), { username, password: 'correct horse battery' }, '10.0.0.1')).ok).toBe(true);
  });

  it('throttles an unknown username as it throttles a known one', async () => {
    const known = await newClerk();
    const answers = async (username: string, address: string) => {
      const seen = [];
      for (let i = 0; i < 6; i += 1) seen.push(await signIn(deps(), { username, password: 'wrong' }, address));
      return seen;
    };
    const forKnown = await answers(known, '10.0.1.1');
    expect(await answers('nobody-at-all', '10.0.1.2')).toEqual(forKnown);
    expect(forKnown.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('ends a session after 30 idle minutes, and after 12 hours whatever the activity', async () => {
    const username = await newClerk();
    const idle = await signIn(deps(), { username, password: 'correct horse battery' }, null);
    if (!idle.ok) throw new Error('sign-in failed');
    advance(29 * 60_000);
    expect(await authenticate(deps(), idle.token)).toBeDefined();
    advance(31 * 60_000);
    expect(await authenticate(deps(), idle.token)).toBeUndefined();

    const busy = await signIn(deps(), { username, password: 'correct horse battery' }, null);
    if (!busy.ok) throw new Error('sign-in failed');
    for (let hour = 0; hour < 12; hour += 1) {
      for (let step = 0; step < 3; step += 1) {
        advance(20 * 60_000);
        if (hour < 11 || step < 2) expect(await authenticate(deps(), busy.token), `hour ${hour}`).toBeDefined();
      }
    }
    expect(await authenticate(deps(), busy.token)).toBeUndefined();
  });

  it('signs out one session, or every session of the member', async () => {
    const username = await newClerk();
    const first = await signIn(deps(), { username, password: 'correct horse battery' }, null);
    const second = await signIn(deps(), { username, password: 'correct horse battery' }, null);
    if (!first.ok || !second.ok) throw new Error('sign-in failed');
    const session = await authenticate(deps(), first.token);
    if (!session) throw new Error('no session');
    await signOut(deps(), session, false, null);
    expect(await authenticate(deps(), first.token)).toBeUndefined();
    expect(await authenticate(deps(), second.token)).toBeDefined();
    const other = await authenticate(deps(), second.token);
    if (!other) throw new Error('no session');
    const third = await signIn(deps(), { username, password: 'correct horse battery' }, null);
    await signOut(deps(), other, true, null);
    expect(third.ok && (await authenticate(deps(), third.token))).toBeUndefined();
  });

  it('audits every sign-in, failure, refused attempt and sign-out in an unbroken chain', async () => {
    const actions = await store.handle.db.selectFrom('audit_log').select('action').execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['staff.sign-in', 'staff.sign-in-failed', 'staff.sign-in-throttled', 'staff.sign-out', 'staff.sign-out-everywhere']));
    expect((await verifyAuditChain(store.handle.db, { keys: TEST_AUDIT_KEYS })).ok).toBe(true);
  });
});
