/**
 * Discarding a draft (the editorial engine's step, docs/decisions/057), for both kinds registered
 * today, on SQLite and PostgreSQL: a guide's draft discarded leaves the published guide as it was;
 * a new notice's draft discarded is simply gone; each is audited (`guide.draft.discard`,
 * `notice.draft.discard`); a discard made from a version that is no longer the draft's is refused
 * 409 with the version it is at; a clerk and a system admin are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffClient } from '../support/staff-client.ts';
import { noticeContent } from '../support/notices.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface DraftView {
  version: number;
  content: { 'zh-CN': { frontmatter: { title: string } } };
  may: Record<string, boolean>;
}
interface ErrorBody {
  error: { code: string };
  currentVersion?: number;
}

describe.each(DIALECTS)('discarding drafts on %s', (kind) => {
  let runtime: TestRuntime;
  const clock = new Date('2026-12-10T02:00:00Z');
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en' });
  const as = staff.request;
  const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await (await response).json()) as T;
  const audits = async (recordId: string, action: string) =>
    runtime.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('record_id', '=', recordId).where('action', '=', action).execute();

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    await staff.member('ann', ['content-editor']);
    await staff.member('clerk', ['intake']);
    await staff.member('admin', ['system-admin']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('discards a guide’s draft at the version the editor saw, audited, and leaves the published guide as it was', async () => {
    const slug = 'old-age-allowance';
    const before = await json<{ title: string }>(runtime.portal.app.request(`http://localhost/api/v1/guides/${slug}?lang=zh-CN`));
    const draft = await json<DraftView>(as('ann', `/staff/guides/${slug}/draft`, { method: 'POST' }));
    expect(draft.may.discard).toBe(true);
    draft.content['zh-CN'].frontmatter.title = '将被丢弃的标题';
    const saved = await json<DraftView>(as('ann', `/staff/guides/${slug}/draft`, { method: 'PUT', body: { version: draft.version, content: draft.content } }));

    // Made from the version before the save: refused, with the version it is at.
    const stale = await as('ann', `/staff/guides/${slug}/draft?version=${draft.version}`, { method: 'DELETE' });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'draft_changed' }, currentVersion: saved.version });
    expect((await as('clerk', `/staff/guides/${slug}/draft?version=${saved.version}`, { method: 'DELETE' })).status).toBe(403);
    expect((await as('admin', `/staff/guides/${slug}/draft?version=${saved.version}`, { method: 'DELETE' })).status).toBe(403);

    const discarded = await as('ann', `/staff/guides/${slug}/draft?version=${saved.version}`, { method: 'DELETE' });
    expect(discarded.status).toBe(204);
    expect((await as('ann', `/staff/guides/${slug}/draft`)).status).toBe(404);
    expect(((await (await as('ann', `/staff/guides/${slug}/draft?version=${saved.version}`, { method: 'DELETE' })).json()) as ErrorBody).error.code).toBe('no_draft');
    expect(await json<{ title: string }>(runtime.portal.app.request(`http://localhost/api/v1/guides/${slug}?lang=zh-CN`))).toMatchObject({ title: before.title });
    expect(await audits(slug, 'guide.draft.discard')).toHaveLength(1);
  });

  it('discards a new notice’s draft: never published, it is simply gone, audited', async () => {
    const created = await json<{ id: string; version: number }>(as('ann', '/staff/announcements', { method: 'POST', body: { content: noticeContent({ service: null }) } }));
    const submitted = await json<{ version: number }>(as('ann', `/staff/announcements/${created.id}/draft/submit`, { method: 'POST', body: { version: created.version } }));
    const stale = await as('ann', `/staff/announcements/${created.id}/draft?version=${created.version}`, { method: 'DELETE' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorBody).currentVersion).toBe(submitted.version);
    expect((await as('clerk', `/staff/announcements/${created.id}/draft?version=${submitted.version}`, { method: 'DELETE' })).status).toBe(403);

    expect((await as('ann', `/staff/announcements/${created.id}/draft?version=${submitted.version}`, { method: 'DELETE' })).status).toBe(204);
    expect((await as('ann', `/staff/announcements/${created.id}/draft`)).status).toBe(404);
    const list = await json<{ notices: { id: string }[] }>(as('ann', '/staff/announcements'));
    expect(list.notices.map((notice) => notice.id)).not.toContain(created.id);
    expect((await runtime.portal.app.request(`http://localhost/api/v1/announcements/${created.id}`)).status).toBe(404);
    const entries = await audits(created.id, 'notice.draft.discard');
    expect(entries).toHaveLength(1);
  });
});
