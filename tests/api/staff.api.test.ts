import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../api/staff/auth.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

describe.each(DIALECTS)('the staff API on %s', (kind) => {
  let runtime: TestRuntime;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    runtime.portal.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    await createStaff({ db: runtime.database.db, kind, now: () => new Date() }, {
      username: 'wang.fang',
      displayName: '王芳',
      password: 'a long enough password',
      roles: ['reviewer'],
      offices: ['district-a'],
      serviceAreas: ['allowances'],
    });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('signs in with a session cookie that is HttpOnly and SameSite=Strict, and knows the member by it', async () => {
    const response = await post('http://localhost/api/v1/staff/session', { username: 'wang.fang', password: 'a long enough password' });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^staff_session=[\w-]{40,}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    const me = await runtime.portal.app.request('http://localhost/api/v1/staff/me', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await me.json()).toMatchObject({ username: 'wang.fang', roles: ['reviewer'] });
  });

  it('marks the cookie Secure anywhere but on localhost', async () => {
    const response = await post('http://portal.example.gov.cn/api/v1/staff/session', { username: 'wang.fang', password: 'a long enough password' });
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers a wrong password with 401 and a translated message, a missing field with 422 naming it', async () => {
    const wrong = await post('/api/v1/staff/session', { username: 'wang.fang', password: 'nope' }, { 'accept-language': 'zh-CN' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe('用户名或密码不正确');
    const missing = await post('/api/v1/staff/session?lang=en', { username: 'wang.fang' });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: { fields: unknown[] } }).error.fields).toEqual([{ field: 'password', code: 'invalid_type', message: 'Enter your password' }]);
  });

  it('never answers 5xx to a broken body', async () => {
    for (const body of ['{', 'null', '[]', '"x"', JSON.stringify({ username: 1, password: {} })]) {
      const response = await runtime.portal.app.request('/api/v1/staff/session', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect([400, 422], body).toContain(response.status);
    }
  });

  it('answers who is signed in with 401 when nobody is', async () => {
    expect((await runtime.portal.app.request('/api/v1/staff/me')).status).toBe(401);
    expect((await runtime.portal.app.request('/api/v1/staff/me', { headers: { cookie: 'staff_session=forged' } })).status).toBe(401);
  });
});
