import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMigrationName } from '../../api/db/migrate.ts';
import { en } from '../../api/i18n/resources/en.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
  requestId?: string;
}

describe.each(DIALECTS)('the guides API on %s', (kind) => {
  let runtime: TestRuntime;
  const get = (path: string, init?: RequestInit) => runtime.portal.app.request(path, init);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('reports health with the database kind and the migration version', async () => {
    const response = await get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: kind, migration: latestMigrationName, contentVersion: 1 });
  });

  it('lists the twelve guides of a language in catalogue order, marriage first', async () => {
    const zh = (await (await get('/api/v1/guides?lang=zh-CN')).json()) as { guides: { slug: string; title: string; lifeEvent: string }[] };
    const english = (await (await get('/api/v1/guides?lang=en')).json()) as { guides: { slug: string; title: string }[] };
    expect(zh.guides).toHaveLength(12);
    expect(english.guides.map((g) => g.slug)).toEqual(zh.guides.map((g) => g.slug));
    expect(zh.guides[0]).toMatchObject({ slug: 'marriage-registration', lifeEvent: 'marriage' });
    expect(zh.guides.find((g) => g.slug === 'minimum-living-allowance')?.title).toContain('最低生活保障');
    expect(english.guides.find((g) => g.slug === 'minimum-living-allowance')?.title).toMatch(/minimum living allowance/i);
  });

  it('answers a guide with every field a citizen needs (一次性告知)', async () => {
    const response = await get('/api/v1/guides/basic-funeral-services?lang=en');
    expect(response.status).toBe(200);
    const guide = (await response.json()) as Record<string, unknown>;
    for (const field of ['eligibility', 'materials', 'steps', 'timeLimits', 'fees', 'legalBasis', 'locations', 'consultPhone', 'complaintPhone', 'apply', 'bodyHtml', 'updated', 'version']) {
      expect(guide, field).toHaveProperty(field);
    }
    expect(guide).toMatchObject({ slug: 'basic-funeral-services', lang: 'en', version: 1 });
  });

  it('answers an unknown guide with 404 and a message in the reader’s language', async () => {
    const zh = await get('/api/v1/guides/no-such-guide?lang=zh-CN');
    const english = await get('/api/v1/guides/no-such-guide?lang=en');
    expect(zh.status).toBe(404);
    expect(((await zh.json()) as ErrorBody).error).toMatchObject({ code: 'guide_not_found', message: zhCN.errors.notFound });
    expect(((await english.json()) as ErrorBody).error.message).toBe(en.errors.notFound);
  });

  it('refuses a language it does not have with 422 and a field error naming the field', async () => {
    const response = await get('/api/v1/guides?lang=fr', { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields).toEqual([{ field: 'lang', code: 'invalid_value', message: 'Language must be one of the listed options' }]);
  });

  it('refuses a malformed guide name with 422, never a 5xx', async () => {
    for (const slug of ['UPPER', 'a_b', '-x', `${'a'.repeat(81)}`, '%00', '..%2F..%2Fetc']) {
      const response = await get(`/api/v1/guides/${slug}`);
      expect([404, 422], slug).toContain(response.status);
    }
  });

  it('finds guides by everyday words and says which alias matched', async () => {
    const response = await get(`/api/v1/search?q=${encodeURIComponent('低保')}&lang=zh-CN`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { slug: string; matchedAliases: string[]; titleHighlights: unknown[] }[] };
    expect(body.results[0]?.slug).toBe('minimum-living-allowance');
    expect(body.results[0]?.matchedAliases).toContain('低保');
  });

  it('finds the guide people mean in their own words, with the phrases read back from the stored guides', async () => {
    const first = async (q: string, lang: string) => {
      const response = await get(`/api/v1/search?q=${encodeURIComponent(q)}&lang=${lang}`);
      return ((await response.json()) as { results: { slug: string; matchedAliases: string[] }[] }).results[0];
    };
    expect(await first('人死了', 'zh-CN')).toMatchObject({ slug: 'basic-funeral-services', matchedAliases: [] });
    expect((await first('家里有人去世', 'zh-CN'))?.slug).toBe('basic-funeral-services');
    expect((await first('领结婚证', 'zh-CN'))?.slug).toBe('marriage-registration');
    expect((await first('吃不上饭', 'zh-CN'))?.slug).toBe('minimum-living-allowance');
    expect((await first('my father died', 'en'))?.slug).toBe('basic-funeral-services');
  });

  it('explains a search that is empty or too long, naming the field, in Chinese', async () => {
    const empty = await get('/api/v1/search?q=%20&lang=zh-CN');
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'q', message: '请填写搜索内容' });
    const long = await get(`/api/v1/search?lang=zh-CN&q=${'字'.repeat(101)}`);
    expect(((await long.json()) as ErrorBody).error.fields?.[0]?.message).toBe('搜索内容不能超过 100 个字');
  });

  it('describes every route in an OpenAPI 3.1 document generated from the schemas', async () => {
    const document = (await (await get('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/announcements',
      '/announcements/{id}',
      '/dev/handoff-receiver/{handoff}',
      '/dev/outbox',
      '/dev/phone-codes/{phone}',
      '/drafts',
      '/drafts/current',
      '/drafts/current/extend',
      '/drafts/current/resume-code',
      '/drafts/resume',
      '/drafts/{key}/files',
      '/drafts/{key}/files/{fileId}',
      '/funeral-homes',
      '/funeral-homes/{id}',
      '/funeral/bookings',
      '/funeral/exemption-check',
      '/funeral/homes/{home}/resources/{resource}/slots',
      '/guides',
      '/guides/{slug}',
      '/handoffs/{handoff}/results',
      '/health',
      '/marriage/appointments',
      '/marriage/booking-checks/person',
      '/marriage/offices',
      '/marriage/offices/{office}/calendar',
      '/marriage/offices/{office}/slots',
      '/notices/entries/{entry}/objections',
      '/notices/{place}',
      '/phone-codes',
      '/phone-codes/confirm',
      '/ratings',
      '/search',
      '/services/eco-burial-subsidy/applications',
      '/services/extreme-poverty-support/applications',
      '/services/minimum-living-allowance/applications',
      '/services/old-age-allowance/applications',
      '/services/temporary-assistance/applications',
      '/staff/announcements',
      '/staff/announcements/{id}/diff',
      '/staff/announcements/{id}/draft',
      '/staff/announcements/{id}/draft/approve',
      '/staff/announcements/{id}/draft/cancel-schedule',
      '/staff/announcements/{id}/draft/publish',
      '/staff/announcements/{id}/draft/schedule',
      '/staff/announcements/{id}/draft/send-back',
      '/staff/announcements/{id}/draft/submit',
      '/staff/announcements/{id}/withdraw',
      '/staff/appointments',
      '/staff/appointments/search',
      '/staff/cases',
      '/staff/cases/{trackingNumber}',
      '/staff/cases/{trackingNumber}/break-glass',
      '/staff/cases/{trackingNumber}/files/{fileId}',
      '/staff/cases/{trackingNumber}/reveal',
      '/staff/cases/{trackingNumber}/transitions',
      '/staff/dashboard',
      '/staff/follow-ups',
      '/staff/follow-ups/{id}',
      '/staff/follow-ups/{id}/reply',
      '/staff/guides',
      '/staff/guides/links',
      '/staff/guides/links/run',
      '/staff/guides/{slug}/diff',
      '/staff/guides/{slug}/draft',
      '/staff/guides/{slug}/draft/approve',
      '/staff/guides/{slug}/draft/cancel-schedule',
      '/staff/guides/{slug}/draft/publish',
      '/staff/guides/{slug}/draft/schedule',
      '/staff/guides/{slug}/draft/send-back',
      '/staff/guides/{slug}/draft/submit',
      '/staff/guides/{slug}/history',
      '/staff/guides/{slug}/unpublish',
      '/staff/holidays',
      '/staff/holidays/{year}',
      '/staff/me',
      '/staff/offices',
      '/staff/offices/{officeId}',
      '/staff/offices/{officeId}/closures',
      '/staff/offices/{officeId}/closures/{date}',
      '/staff/offices/{officeId}/settings',
      '/staff/ratings',
      '/staff/rules/{table}',
      '/staff/session',
      '/staff/session/end',
      '/track',
      '/track/calendar',
      '/track/documents',
      '/track/rating',
      '/track/rating/resolution',
      '/track/reschedule',
      '/track/second-visit',
      '/track/second-visit/cancel',
      '/track/withdraw',
    ]);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Guide', 'GuideSummary', 'ApiError', 'SearchHit', 'Health']));
  });

  it('serves a readable API reference at /api/docs', async () => {
    const response = await get('/api/docs', { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(en.api.docsTitle);
    expect(html).toContain('/api/v1/guides/{slug}');
  });

  it('answers unknown API paths with a JSON 404, not a page', async () => {
    const response = await get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('refuses an oversize body with 413 before reading it', async () => {
    const response = await get('/api/v1/guides', {
      method: 'POST',
      body: 'x'.repeat(300 * 1024),
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    });
    expect(response.status).toBe(413);
  });

  it('carries a request id and the security headers on every answer', async () => {
    const response = await get('/api/v1/health');
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const echoed = await get('/api/v1/health', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc-123');
  });

  it('refuses a form post from another site (CSRF)', async () => {
    const response = await get('/preferences', {
      method: 'POST',
      body: 'elder=1&return=/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});
