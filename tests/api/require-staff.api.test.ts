/**
 * The one check of staff operations (api/http/require-staff.ts, docs/decisions/027), through the
 * API's own operations on SQLite and PostgreSQL: 401 without a live session, 403 `not_permitted`
 * without one of an operation's roles — both before the request's input is read — and the signed-in
 * member on the context for the handler. (It needs the session store, so it is tested here and not
 * in the unit tier; the refusal table it answers with is in tests/unit/refusals.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const PASSWORD = 'a long enough password';
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string }[] };
}

describe.each(DIALECTS)('requireStaff on %s', (kind) => {
  let runtime: TestRuntime;
  const cookies = new Map<string, string>();

  async function member(username: string, roles: StaffRole[]) {
    await createStaff({ db: runtime.database.db, kind, now: () => new Date() }, { username, displayName: `Member ${username}`, password: PASSWORD, roles, offices: ['demo-district'], serviceAreas: ['marriage', 'allowances'] });
    const response = await runtime.portal.app.request('http://localhost/api/v1/staff/session', { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    cookies.set(username, (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
  }
  const call = (username: string | undefined, method: string, path: string, options: { body?: string; lang?: string; cookie?: string } = {}) =>
    runtime.portal.app.request(`http://localhost/api/v1${path}`, {
      method,
      headers: { cookie: options.cookie ?? (username ? (cookies.get(username) ?? '') : ''), 'content-type': 'application/json', 'accept-language': options.lang ?? 'en' },
      ...(options.body === undefined ? {} : { body: options.body }),
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    await member('rs-clerk', ['intake']);
    await member('rs-admin', ['system-admin']);
    await member('rs-office-admin', ['office-admin']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('answers 401 `not_signed_in` in the reader’s language without a session, or with one that is not live', async () => {
    for (const cookie of ['', 'staff_session=forged']) {
      const en = await call(undefined, 'GET', '/staff/me', { cookie });
      expect(en.status).toBe(401);
      expect(((await en.json()) as ErrorBody).error).toEqual({ code: 'not_signed_in', message: 'You are not signed in, or your session has ended: sign in again' });
      const zh = await call(undefined, 'GET', '/staff/me', { cookie, lang: 'zh-CN' });
      expect(((await zh.json()) as ErrorBody).error).toEqual({ code: 'not_signed_in', message: '您还没有登录，或者登录已过期，请重新登录' });
    }
  });

  it('answers 403 `not_permitted` to a member without one of the operation’s roles, before reading the body', async () => {
    // Not even a body that is not valid is looked at: the role decides first.
    const notValid = JSON.stringify({ year: 'next', holidays: 'many' });
    const clerk = await call('rs-clerk', 'PUT', '/staff/holidays/2099', { body: notValid });
    expect(clerk.status).toBe(403);
    expect(((await clerk.json()) as ErrorBody).error).toEqual({ code: 'not_permitted', message: 'Your role cannot take this action' });
    // A member with the role gets as far as the body.
    const admin = await call('rs-admin', 'PUT', '/staff/holidays/2099', { body: notValid });
    expect(admin.status).toBe(422);

    // Any one of the roles will do: office admins and system admins administer offices.
    expect((await call('rs-clerk', 'GET', '/staff/offices')).status).toBe(403);
    expect((await call('rs-office-admin', 'GET', '/staff/offices')).status).toBe(200);
    expect((await call('rs-admin', 'GET', '/staff/offices')).status).toBe(200);
    // An operation without roles is any signed-in member's.
    expect((await call('rs-office-admin', 'GET', '/staff/holidays')).status).toBe(200);
  });

  it('gives the handler the signed-in member and their session', async () => {
    const me = await call('rs-clerk', 'GET', '/staff/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'rs-clerk', displayName: 'Member rs-clerk', roles: ['intake'], offices: ['demo-district'] });
    // Signing out ends the session the check found; the cookie then opens nothing.
    expect((await call('rs-clerk', 'POST', '/staff/session/end', { body: '{}' })).status).toBe(204);
    expect((await call('rs-clerk', 'GET', '/staff/me')).status).toBe(401);
  });
});
