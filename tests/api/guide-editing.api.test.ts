/**
 * Staff editing and publishing guides through the API (docs/decisions/052), on SQLite and
 * PostgreSQL: an editor drafts a change to the 低保 guide, a second editor sees the diff and approves
 * (never their own), it is live at once on the guide and in search, with its change note; the second
 * of two saves from one version is told the draft changed; a scheduled publication is published
 * once by two processes' passes at the same moment; unpublishing redirects or leaves a notice; roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueGuides } from '../../api/content/guide-editing.ts';
import type { GuideContent } from '../../api/domain/guides/guide-diff.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const SLUG = 'minimum-living-allowance';
const DRAFT = `/staff/guides/${SLUG}/draft`;

interface DraftView {
  state: string;
  version: number;
  content: GuideContent;
  warnings: Record<'zh-CN' | 'en', { field: string; code: string; message: string }[]>;
  may: Record<string, boolean>;
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string }[] };
  currentVersion?: number;
}

describe.each(DIALECTS)('guide editing on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-12-10T02:00:00Z');
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en' });
  const as = staff.request;
  const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await (await response).json()) as T;
  const open = async (username: string, slug = SLUG) => json<DraftView>(as(username, `/staff/guides/${slug}/draft`, { method: 'POST' }));
  const step = (username: string, name: string, body: unknown, slug = SLUG) => as(username, `/staff/guides/${slug}/draft/${name}`, { method: 'POST', body });
  const change = { note: { 'zh-CN': '增加了常见的叫法', en: 'Added a name people use' }, kind: 'major' as const };
  const publicGuide = (slug = SLUG, lang = 'zh-CN') => runtime.portal.app.request(`http://localhost/api/v1/guides/${slug}?lang=${lang}`);

  /** Opens a draft of `slug`, changes its Chinese title (and more), saves it, submits it as `author`, and approves it as `reviewer`. */
  async function approvedDraft(slug: string, author: string, reviewer: string, edit: (content: GuideContent) => void): Promise<number> {
    const draft = await open(author, slug);
    edit(draft.content);
    const saved = await json<DraftView>(as(author, `/staff/guides/${slug}/draft`, { method: 'PUT', body: { version: draft.version, content: draft.content } }));
    const submitted = await json<DraftView>(step(author, 'submit', { version: saved.version }, slug));
    const approved = await step(reviewer, 'approve', { version: submitted.version }, slug);
    expect(approved.status).toBe(200);
    return ((await approved.json()) as DraftView).version;
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

  it('takes a change from draft through a second editor’s review to the live guide and search at once, audited', async () => {
    const draft = await open('ann');
    expect(draft).toMatchObject({ state: 'draft', version: 1 });
    const zh = draft.content['zh-CN'];
    zh.frontmatter.aliases.push('吃低保测试别称');
    zh.body = `${zh.body}\n\n低保每月发放到个人账户。`;
    const saved = await as('ann', DRAFT, { method: 'PUT', body: { version: 1, content: draft.content } });
    expect(saved.status).toBe(200);
    const savedView = (await saved.json()) as DraftView;
    expect(savedView.version).toBe(2);
    const submitted = await json<DraftView>(step('ann', 'submit', { version: 2 }));
    expect(submitted).toMatchObject({ state: 'submitted', may: { review: false } });

    // Ann cannot approve her own draft; Bob sees the diff, then approves.
    const own = await step('ann', 'approve', { version: submitted.version });
    expect(own.status).toBe(403);
    expect(((await own.json()) as ErrorBody).error.code).toBe('self_approval');
    expect((await json<DraftView>(as('bob', DRAFT))).may.review).toBe(true);
    const diff = await json<{ to: string; languages: { lang: string; fields: { field: string; lines: { change: string; parts: { value: string }[] }[] }[] }[] }>(as('bob', `/staff/guides/${SLUG}/diff`));
    expect(diff.to).toBe('draft');
    const zhDiff = diff.languages.find((language) => language.lang === 'zh-CN');
    expect(zhDiff?.fields.map((field) => field.field)).toEqual(['aliases', 'body']);
    expect(zhDiff?.fields[0]?.lines.find((line) => line.change === 'added')?.parts[0]?.value).toBe('吃低保测试别称');
    expect(diff.languages.find((language) => language.lang === 'en')?.fields).toEqual([]);
    const approved = await json<DraftView>(step('bob', 'approve', { version: submitted.version }));
    expect(approved.state).toBe('approved');

    // Published a while after the files were loaded (the history tells the two apart by their moment).
    clock = new Date(clock.getTime() + 60_000);
    const published = await step('ann', 'publish', { version: approved.version, change });
    expect(published.status).toBe(200);
    expect(await published.json()).toEqual({ slug: SLUG, languages: ['zh-CN'] });

    const live = (await (await publicGuide()).json()) as { aliases: string[]; changes: { note: string }[] };
    expect(live.aliases).toContain('吃低保测试别称');
    expect(live.changes[0]?.note).toBe(change.note['zh-CN']);
    const search = (await (await runtime.portal.app.request(`http://localhost/api/v1/search?q=${encodeURIComponent('吃低保测试别称')}&lang=zh-CN`)).json()) as { results: { slug: string }[] };
    expect(search.results[0]?.slug).toBe(SLUG);
    // The draft is gone (published); the history says who and why; the English, unchanged, is older.
    expect((await as('ann', DRAFT)).status).toBe(404);
    const history = await json<{ editions: { number: number; source: string; changeNote: Record<string, string>; languages: string[] }[] }>(as('admin', `/staff/guides/${SLUG}/history`));
    expect(history.editions[0]).toMatchObject({ number: 2, source: 'staff', changeNote: { 'zh-CN': change.note['zh-CN'] }, languages: ['zh-CN'] });
    const list = await json<{ guides: { slug: string; englishBehind: boolean; draft: unknown }[] }>(as('ann', '/staff/guides'));
    expect(list.guides.find((guide) => guide.slug === SLUG)).toMatchObject({ englishBehind: true, draft: null });
    const between = await json<{ languages: { lang: string; fields: { field: string }[] }[] }>(as('ann', `/staff/guides/${SLUG}/diff?from=1&to=2`));
    expect(between.languages[0]?.fields.map((field) => field.field)).toEqual(['aliases', 'body']);

    const actions = await runtime.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('record_type', '=', 'guide').where('record_id', '=', SLUG).orderBy('seq').execute();
    expect(actions.map((entry) => entry.action)).toEqual(['guide.draft.open', 'guide.draft.save', 'guide.submit', 'guide.approve', 'guide.publish']);
  });

  it('tells the second of two editors saving the same version that the draft changed, and loses neither', async () => {
    const draft = await open('ann', 'old-age-allowance');
    const first = structuredClone(draft.content);
    first['zh-CN'].frontmatter.summary = `${first['zh-CN'].frontmatter.summary}（甲）`;
    const second = structuredClone(draft.content);
    second.en.frontmatter.summary = `${second.en.frontmatter.summary} (B)`;
    expect((await as('ann', '/staff/guides/old-age-allowance/draft', { method: 'PUT', body: { version: draft.version, content: first } })).status).toBe(200);
    const late = await as('bob', '/staff/guides/old-age-allowance/draft', { method: 'PUT', body: { version: draft.version, content: second } });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'draft_changed' }, currentVersion: draft.version + 1 });
    const now = await json<DraftView>(as('bob', '/staff/guides/old-age-allowance/draft'));
    expect(now.content['zh-CN'].frontmatter.summary).toMatch(/（甲）$/);
    expect(now.content.en.frontmatter.summary).not.toMatch(/\(B\)$/);
  });

  it('refuses content its schema refuses next to the field, and warns without refusing', async () => {
    const draft = await json<DraftView>(as('ann', '/staff/guides/old-age-allowance/draft'));
    const bad = structuredClone(draft.content);
    bad['zh-CN'].frontmatter.title = '';
    const refused = await as('ann', '/staff/guides/old-age-allowance/draft', { method: 'PUT', body: { version: draft.version, content: bad } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.fields?.[0]?.field).toBe('content.zh-CN.frontmatter.title');
    const warned = structuredClone(draft.content);
    warned['zh-CN'].body = `${warned['zh-CN'].body}\n\n详见[旧指南](/guides/no-such-guide)，每月 300 元。`;
    const saved = await json<DraftView>(as('ann', '/staff/guides/old-age-allowance/draft', { method: 'PUT', body: { version: draft.version, content: warned } }));
    expect(saved.warnings['zh-CN']).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'body', code: 'broken_link' }), expect.objectContaining({ field: 'body', code: 'unmarked_figure', message: expect.stringContaining('300 元') as string })]),
    );
  });

  it('publishes a scheduled draft once when two processes’ passes run at its moment', async () => {
    // Two processes on PostgreSQL; on SQLite one connection (two in one thread would wait on each other's lock: processes do not).
    const other = kind === 'postgres' ? await createTestRuntime(kind, { now: () => clock, sharedWith: runtime }) : runtime;
    try {
      const version = await approvedDraft('temporary-assistance', 'ann', 'bob', (content) => {
        content['zh-CN'].frontmatter.aliases.push('定时发布测试');
      });
      const at = new Date(clock.getTime() + 60 * 60_000);
      const past = await step('ann', 'schedule', { version, change, at: clock.toISOString() }, 'temporary-assistance');
      expect(past.status).toBe(422);
      const scheduled = await step('ann', 'schedule', { version, change, at: at.toISOString().replace('Z', '+00:00') }, 'temporary-assistance');
      expect(scheduled.status).toBe(200);
      const deps = (r: TestRuntime) => ({ db: r.database.db, kind, now: () => clock });
      expect(await publishDueGuides(deps(runtime))).toBe(0);

      clock = new Date(at.getTime() + 1000);
      const counts = await Promise.all([publishDueGuides(deps(runtime)), publishDueGuides(deps(other))]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
      const versions = await runtime.database.db.selectFrom('guide_versions').select(['version', 'source']).where('slug', '=', 'temporary-assistance').where('lang', '=', 'zh-CN').execute();
      expect(versions.filter((row) => row.source === 'staff')).toHaveLength(1);
      expect(((await (await publicGuide('temporary-assistance')).json()) as { aliases: string[] }).aliases).toContain('定时发布测试');
      const audits = await runtime.database.db.selectFrom('audit_log').select('action').where('record_id', '=', 'temporary-assistance').where('action', '=', 'guide.publish').execute();
      expect(audits).toHaveLength(1);
    } finally {
      if (other !== runtime) await other.dispose();
      // An hour on, the sessions have lapsed.
      for (const username of ['ann', 'bob', 'clerk', 'admin']) await staff.signIn(username);
    }
  });

  it('unpublishes with a redirect to another guide, or with a notice that stays at the address', async () => {
    const nowhere = await as('ann', '/staff/guides/eco-burial-subsidy/unpublish', { method: 'POST', body: { reason: '并入其他指南', redirectTo: 'no-such-guide' } });
    expect(nowhere.status).toBe(422);
    expect(((await nowhere.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'redirectTo', code: 'unknown_redirect' });
    expect((await as('ann', '/staff/guides/eco-burial-subsidy/unpublish', { method: 'POST', body: { reason: '并入其他指南', redirectTo: 'public-cemetery-burial' } })).status).toBe(200);
    const moved = await publicGuide('eco-burial-subsidy');
    expect(moved.status).toBe(410);
    expect(await moved.json()).toMatchObject({ error: { code: 'guide_unpublished' }, unpublished: { redirectTo: 'public-cemetery-burial', notice: null } });

    const notice = { 'zh-CN': '该补贴已停止发放。', en: 'This subsidy has ended.' };
    expect((await as('ann', '/staff/guides/funeral-fee-exemption/unpublish', { method: 'POST', body: { reason: '政策废止', notice } })).status).toBe(200);
    const withdrawn = await publicGuide('funeral-fee-exemption', 'en');
    expect(withdrawn.status).toBe(410);
    expect(await withdrawn.json()).toMatchObject({ unpublished: { redirectTo: null, notice: notice.en } });
    // Gone from the list and from search.
    const list = (await (await runtime.portal.app.request('http://localhost/api/v1/guides?lang=zh-CN')).json()) as { guides: { slug: string }[] };
    expect(list.guides.map((guide) => guide.slug)).not.toContain('funeral-fee-exemption');
    expect((await runtime.database.db.selectFrom('audit_log').select('action').where('action', '=', 'guide.unpublish').execute()).length).toBe(2);

    // Published again as it was, it is back; a published guide's draft without a change has nothing to publish.
    const back = await approvedDraft('funeral-fee-exemption', 'ann', 'bob', () => {});
    expect((await step('ann', 'publish', { version: back, change: { ...change, kind: 'minor' } }, 'funeral-fee-exemption')).status).toBe(200);
    expect((await publicGuide('funeral-fee-exemption', 'en')).status).toBe(200);
    const same = await approvedDraft('marriage-registration', 'ann', 'bob', () => {});
    const nothing = await step('ann', 'publish', { version: same, change }, 'marriage-registration');
    expect(nothing.status).toBe(409);
    expect(((await nothing.json()) as ErrorBody).error.code).toBe('no_changes');
  });

  it('lets content editors act, system admins read, and refuses a clerk', async () => {
    expect((await as('clerk', '/staff/guides')).status).toBe(403);
    expect((await as('clerk', `/staff/guides/${SLUG}/draft`, { method: 'POST' })).status).toBe(403);
    expect((await as('admin', '/staff/guides')).status).toBe(200);
    expect((await as('admin', `/staff/guides/${SLUG}/draft`, { method: 'POST' })).status).toBe(403);
    expect((await as('ann', '/staff/cases')).status).toBe(403);
  });
});
