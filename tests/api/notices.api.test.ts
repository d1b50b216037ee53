/**
 * Notices (通知公告) through the API (docs/decisions/056), on SQLite and PostgreSQL: an editor drafts
 * a notice tied to the 低保 service, a second editor approves it (never their own), it is in the
 * public list and filtered for the service at once, audited; a correction needs its change note and
 * keeps the English's date when only the Chinese changed; a scheduled notice is published once by
 * two processes' passes; a withdrawn notice answers 410 with its note; a clerk is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueNotices } from '../../api/content/notices.ts';
import type { NoticeContent } from '../../api/domain/notices/notice.ts';
import { noticeContent } from '../support/notices.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface DraftView {
  id: string;
  state: string;
  version: number;
  content: NoticeContent;
  may: Record<string, boolean>;
}
interface PublicNotice {
  id: string;
  lang: string;
  title: string;
  publisher: string;
  date: string;
  indexNumber: string | null;
  service: string | null;
  languageUpdatedAt: { 'zh-CN': string; en: string | null };
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string }[] };
  withdrawn?: { at: string; note: string | null; lang: string };
}

describe.each(DIALECTS)('notices on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-12-10T02:00:00Z');
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en' });
  const as = staff.request;
  const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await (await response).json()) as T;
  const step = (username: string, id: string, name: string, body: unknown) => as(username, `/staff/announcements/${id}/draft/${name}`, { method: 'POST', body });
  const publicApi = (path: string) => runtime.portal.app.request(`http://localhost/api/v1${path}`);

  /** A new notice written by `author`, submitted, and approved by `reviewer`: its id and the draft's version. */
  async function approvedNotice(author: string, reviewer: string, content: NoticeContent): Promise<{ id: string; version: number }> {
    const created = await as(author, '/staff/announcements', { method: 'POST', body: { content } });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as DraftView;
    const submitted = await json<DraftView>(step(author, draft.id, 'submit', { version: draft.version }));
    const approved = await step(reviewer, draft.id, 'approve', { version: submitted.version });
    expect(approved.status).toBe(200);
    return { id: draft.id, version: ((await approved.json()) as DraftView).version };
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await staff.member('ann', ['content-editor']);
    await staff.member('bob', ['content-editor']);
    await staff.member('clerk', ['intake']);
    await staff.member('admin', ['system-admin']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('takes a notice tied to the 低保 service from draft through a second editor’s review to the public list at once, audited', async () => {
    const created = await json<DraftView>(as('ann', '/staff/announcements', { method: 'POST', body: { content: noticeContent() } }));
    expect(created).toMatchObject({ state: 'draft', version: 1 });
    expect(created.id).toMatch(/^20261210-[a-z0-9]{4}$/);
    const submitted = await json<DraftView>(step('ann', created.id, 'submit', { version: 1 }));
    expect(submitted).toMatchObject({ state: 'submitted', may: { review: false } });

    const own = await step('ann', created.id, 'approve', { version: submitted.version });
    expect(own.status).toBe(403);
    expect(((await own.json()) as ErrorBody).error.code).toBe('self_approval');
    const diff = await json<{ languages: { lang: string; fields: { field: string }[] }[] }>(as('bob', `/staff/announcements/${created.id}/diff`));
    expect(diff.languages[0]?.fields.map((field) => field.field)).toEqual(expect.arrayContaining(['title', 'body', 'publisher', 'date', 'indexNumber', 'service']));
    const approved = await json<DraftView>(step('bob', created.id, 'approve', { version: submitted.version }));
    expect(approved.state).toBe('approved');

    // Not yet published: nowhere public.
    expect((await publicApi(`/announcements/${created.id}`)).status).toBe(404);
    const published = await as('bob', `/staff/announcements/${created.id}/draft/publish`, { method: 'POST', body: { version: approved.version } });
    expect(published.status).toBe(200);

    const list = await json<{ total: number; notices: PublicNotice[] }>(publicApi('/announcements?lang=zh-CN'));
    expect(list.notices[0]).toMatchObject({ id: created.id, title: '关于调整城乡低保标准的通知', publisher: '示例市民政局', date: '2026-12-10', indexNumber: '000014349/2026-00123' });
    const forService = await json<{ notices: PublicNotice[] }>(publicApi('/announcements?service=minimum-living-allowance&lang=en'));
    expect(forService.notices.map((notice) => notice.id)).toContain(created.id);
    expect(forService.notices[0]).toMatchObject({ lang: 'en', title: 'New minimum living allowance standards' });
    const elsewhere = await json<{ notices: PublicNotice[] }>(publicApi('/announcements?service=old-age-allowance'));
    expect(elsewhere.notices.map((notice) => notice.id)).not.toContain(created.id);

    const actions = await runtime.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('record_type', '=', 'notice').where('record_id', '=', created.id).orderBy('seq').execute();
    expect(actions.map((row) => row.action)).toEqual(['notice.draft.create', 'notice.submit', 'notice.approve', 'notice.publish']);
    const state = await runtime.database.db.selectFrom('content_state').select('version').where('name', '=', 'notices').executeTakeFirst();
    expect(Number(state?.version)).toBeGreaterThanOrEqual(1);
  });

  it('shows the Chinese on the English answer while the English is missing, and a correction needs its note', async () => {
    const { id, version } = await approvedNotice('bob', 'ann', noticeContent({ en: null, service: null, indexNumber: null, date: '2026-12-09', 'zh-CN': { title: '元旦假期婚姻登记安排', body: '1 月 1 日婚姻登记处休息。', publisher: '示例市民政局' } }));
    expect((await as('bob', `/staff/announcements/${id}/draft/publish`, { method: 'POST', body: { version } })).status).toBe(200);
    const english = await json<PublicNotice>(publicApi(`/announcements/${id}?lang=en`));
    expect(english).toMatchObject({ lang: 'zh-CN', title: '元旦假期婚姻登记安排', languageUpdatedAt: { en: null } });

    clock = new Date(clock.getTime() + 60_000);
    const draft = await json<DraftView>(as('ann', `/staff/announcements/${id}/draft`, { method: 'POST' }));
    draft.content['zh-CN'].body = '1 月 1 日至 3 日婚姻登记处休息。';
    const saved = await json<DraftView>(as('ann', `/staff/announcements/${id}/draft`, { method: 'PUT', body: { version: draft.version, content: draft.content } }));
    const submitted = await json<DraftView>(step('ann', id, 'submit', { version: saved.version }));
    const approved = await json<DraftView>(step('bob', id, 'approve', { version: submitted.version }));
    const noNote = await as('bob', `/staff/announcements/${id}/draft/publish`, { method: 'POST', body: { version: approved.version } });
    expect(noNote.status).toBe(422);
    expect(((await noNote.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'change', code: 'change_note_required' });
    const change = { note: { 'zh-CN': '更正了休息日期', en: 'Corrected the days closed' }, kind: 'major' };
    expect((await as('bob', `/staff/announcements/${id}/draft/publish`, { method: 'POST', body: { version: approved.version, change } })).status).toBe(200);
    expect(await json<PublicNotice>(publicApi(`/announcements/${id}`))).toMatchObject({ version: 2 });
  });

  it('refuses an unknown service or office and a bad index number next to the field', async () => {
    const unknown = await as('ann', '/staff/announcements', { method: 'POST', body: { content: noticeContent({ service: 'no-such-service' }) } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'content.service', code: 'unknown_service' });
    const office = await as('ann', '/staff/announcements', { method: 'POST', body: { content: noticeContent({ office: 'nowhere' }) } });
    expect(((await office.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'content.office' });
    const index = await as('ann', '/staff/announcements', { method: 'POST', body: { content: noticeContent({ indexNumber: '<script>' }) } });
    expect(index.status).toBe(422);
    expect(((await index.json()) as ErrorBody).error.fields?.map((field) => field.field)).toContain('content.indexNumber');
  });

  it('publishes a scheduled notice once when two processes’ passes run at its moment', async () => {
    const other = kind === 'postgres' ? await createTestRuntime(kind, { now: () => clock, sharedWith: runtime }) : runtime;
    try {
      const { id, version } = await approvedNotice('ann', 'bob', noticeContent({ 'zh-CN': { title: '春节假期安排', body: '春节期间暂停办理婚姻登记。', publisher: '示例市民政局' }, service: null }));
      const at = new Date(clock.getTime() + 60 * 60_000);
      expect((await step('ann', id, 'schedule', { version, at: clock.toISOString() })).status).toBe(422);
      expect((await step('ann', id, 'schedule', { version, at: at.toISOString().replace('Z', '+00:00') })).status).toBe(200);
      const deps = (r: TestRuntime) => ({ db: r.database.db, kind, now: () => clock });
      expect(await publishDueNotices(deps(runtime))).toBe(0);
      expect((await publicApi(`/announcements/${id}`)).status).toBe(404);

      clock = new Date(at.getTime() + 1000);
      const counts = await Promise.all([publishDueNotices(deps(runtime)), publishDueNotices(deps(other))]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
      const versions = await runtime.database.db.selectFrom('notice_versions').select('version').where('id', '=', id).execute();
      expect(versions).toHaveLength(1);
      expect((await publicApi(`/announcements/${id}`)).status).toBe(200);
      const audits = await runtime.database.db.selectFrom('audit_log').select('action').where('record_id', '=', id).where('action', '=', 'notice.publish').execute();
      expect(audits).toHaveLength(1);
    } finally {
      if (other !== runtime) await other.dispose();
      for (const username of ['ann', 'bob', 'clerk', 'admin']) await staff.signIn(username);
    }
  });

  it('answers a withdrawn notice 410 with its note, and leaves it out of the list', async () => {
    const { id, version } = await approvedNotice('ann', 'bob', noticeContent({ 'zh-CN': { title: '临时停电闭馆通知', body: '因停电，登记处今日闭馆。', publisher: '示例市民政局' }, service: null }));
    await as('bob', `/staff/announcements/${id}/draft/publish`, { method: 'POST', body: { version } });
    const withdrawn = await as('ann', `/staff/announcements/${id}/withdraw`, { method: 'POST', body: { reason: '发错了日期', note: { 'zh-CN': '本通知有误，已撤回。', en: 'This notice was issued in error.' } } });
    expect(withdrawn.status).toBe(200);
    const gone = await publicApi(`/announcements/${id}?lang=en`);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as ErrorBody).withdrawn).toMatchObject({ note: 'This notice was issued in error.', lang: 'en' });
    const list = await json<{ notices: PublicNotice[] }>(publicApi('/announcements?perPage=50'));
    expect(list.notices.map((notice) => notice.id)).not.toContain(id);
    expect((await as('ann', `/staff/announcements/${id}/withdraw`, { method: 'POST', body: { reason: '再次撤回', note: { 'zh-CN': '已撤回。' } } })).status).toBe(409);

    // A note in Chinese only: the English reader gets it, said to be Chinese.
    const second = await approvedNotice('ann', 'bob', noticeContent({ 'zh-CN': { title: '另一条将撤回的通知', body: '内容有误。', publisher: '示例市民政局' }, service: null }));
    await as('bob', `/staff/announcements/${second.id}/draft/publish`, { method: 'POST', body: { version: second.version } });
    await as('ann', `/staff/announcements/${second.id}/withdraw`, { method: 'POST', body: { reason: '内容有误', note: { 'zh-CN': '本通知有误。' } } });
    expect(((await (await publicApi(`/announcements/${second.id}?lang=en`)).json()) as ErrorBody).withdrawn).toMatchObject({ note: '本通知有误。', lang: 'zh-CN' });
  });

  it('lets a clerk neither write nor read notices, and a system admin read only', async () => {
    expect((await as('clerk', '/staff/announcements', { method: 'POST', body: { content: noticeContent() } })).status).toBe(403);
    expect((await as('clerk', '/staff/announcements')).status).toBe(403);
    expect((await as('admin', '/staff/announcements')).status).toBe(200);
    expect((await as('admin', '/staff/announcements', { method: 'POST', body: { content: noticeContent() } })).status).toBe(403);
  });
});
