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

  it('answers too many attempts with 429, Retry-After and a translated message saying when to try again, as documented', async () => {
    const attempt = (lang: string) =>
      runtime.portal.app.request(
        `/api/v1/staff/session?lang=${lang}`,
        { method: 'POST', body: JSON.stringify({ username: 'wang.fang', password: 'nope' }), headers: { 'content-type': 'application/json' } },
        { clientAddress: '192.0.2.41' },
      );
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await attempt('zh-CN')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (const [lang, message] of [
      ['zh-CN', /^登录尝试次数过多。为保护账号安全，请在\d+月\d+日 \d\d:\d\d以后再试。$/],
      ['en', /^There have been too many sign-in attempts\. To keep the account safe, please try again after \d+ \w+ at \d\d:\d\d\.$/],
    ] as const) {
      const throttled = await attempt(lang);
      expect(throttled.status).toBe(429);
      const wait = Number(throttled.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      const body = (await throttled.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('too_many_sign_in_attempts');
      expect(body.error.message).toMatch(message);
    }
    // The right password from the same address waits too; from another it is let in.
    const right = (clientAddress: string) =>
      runtime.portal.app.request('/api/v1/staff/session', { method: 'POST', body: JSON.stringify({ username: 'wang.fang', password: 'a long enough password' }), headers: { 'content-type': 'application/json' } }, { clientAddress });
    expect((await right('192.0.2.41')).status).toBe(429);
    expect((await right('192.0.2.42')).status).toBe(200);

    const document = (await (await runtime.portal.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    const responses = document.paths['/staff/session']?.post?.responses ?? {};
    expect(Object.keys(responses)).toContain('429');
    expect(Object.keys(responses)).not.toContain('423');
    expect(Object.keys(responses['429']?.headers ?? {})).toEqual(['Retry-After']);
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
