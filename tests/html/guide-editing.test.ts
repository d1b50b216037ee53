/**
 * The guide editor's pages without JavaScript (docs/decisions/052): an editor changes the 低保
 * guide in a plain form (a problem next to its field with everything typed kept, "add another row",
 * a warning that does not block), previews it with the public page's component, submits it; a
 * second editor sees the diff and approves, publishes with a change note, and the public page shows
 * it at once in 更新记录 and search finds the new name; the English page says its text is older.
 * Then a guide is unpublished (410 with its notice, then a 301 redirect) and put back. A clerk is
 * refused the pages' API and sees no link to them.
 */
import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../api/staff/demo-accounts.ts';
import { guideFile, LANGUAGES } from '../support/site.ts';
import type { Visitor } from './support/html-client.ts';
import { signIn, staffVisitor, visitor, workerPortal } from './support/portal.ts';

function languageOf(code: string) {
  const found = LANGUAGES.find((language) => language.code === code);
  if (!found) throw new Error(`no language ${code}`);
  return found;
}
const zh = languageOf('zh-CN');
const en = languageOf('en');
const s = zh.strings;
const g = s.guideEditor;
const fields = g.fields.frontmatter;
const SLUG = 'minimum-living-allowance';
const ALIAS = '低保编辑测试别称';

/** The second demo content editor (docs/decisions/052): signed in through the form. */
async function secondEditor(): Promise<Visitor> {
  const member = visitor(zh);
  const page = await member.get(zh.path('/staff/sign-in'));
  await page.form(s.staff.signIn.submit).fill(s.staff.signIn.username, 'demo-content-editor-2').fill(s.staff.signIn.password, demoPassword(Buffer.from(workerPortal().secret, 'hex'), 'content-editor-2')).submit();
  if (!member.cookies.has('staff_session')) throw new Error('the second content editor could not sign in');
  return member;
}

/** An API call with a member's session, as the pages make it. */
async function api(member: Visitor, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await member.request(`/api/v1${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the guide editor', () => {
  it('takes a change to the 低保 guide from a plain form through a second editor’s review to the public page and search', async () => {
    const editor = await staffVisitor(zh, 'content-editor');
    let page = await editor.get(zh.path('/staff'));
    page = await page.follow(g.navLink);
    expect(page.h1).toBe(g.title);
    expect(page.text(`[data-guide="${SLUG}"] [data-testid="guide-state"]`)).toBe(g.noDraft);
    page = await page.follow(/最低生活保障/);
    page = await page.press(g.openDraft);
    expect(page.text('[data-testid="draft-state"]')).toContain(g.state.draft);
    page = await page.follow(g.editLanguage['zh-CN']);
    const title = page.valueOf(fields.title);
    expect(title).toContain('最低生活保障');

    // An empty title: said next to its field, everything typed kept.
    page = await page.form(g.save).fill(fields.title, '').fill(fields.aliases, `${page.valueOf(fields.aliases)}\n${ALIAS}`).submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('title')).not.toBe('');
    expect(page.errorSummary.map((link) => link.href)).toEqual(['#title']);
    expect(page.valueOf(fields.aliases)).toContain(ALIAS);

    // Another row of documents, without JavaScript: the form comes back with one more (empty) row.
    const rows = page.all('[data-list="materials"] > fieldset.row').length;
    page = await page.form(new RegExp(g.addRow)).fill(fields.title, title).submit();
    expect(page.all('[data-list="materials"] > fieldset.row')).toHaveLength(rows + 1);
    expect(page.valueOf(fields.title)).toBe(title);

    // Saved (the empty row dropped); a figure not marked as an example is pointed out, not refused.
    page = await page.form(g.save).fill(s.guideEditor.fields.body, `${page.valueOf(s.guideEditor.fields.body)}\n\n每人每月另发 300 元。`).submit();
    expect(page.role('status')).toBe(g.saved);
    expect(page.all('[data-list="materials"] > fieldset.row')).toHaveLength(rows);
    expect(page.text('[data-testid="warnings"]')).toContain('300 元');

    // The preview is the public page's own article, marked as a draft, never indexed.
    const preview = await page.follow(g.preview);
    expect(preview.status).toBe(200);
    expect(preview.has('meta[name="robots"][content="noindex"]')).toBe(true);
    expect(preview.text('[data-testid="preview-banner"]')).toContain(g.previewBanner);
    expect(preview.text('[data-testid="preview"] article')).toContain('每人每月另发 300 元');

    page = await page.follow(g.backToDraft);
    page = await page.press(g.submit);
    expect(page.role('status')).toBe(g.submitted);
    expect(page.text('[data-testid="self-review"]')).toBe(g.selfReview);
    expect(page.buttons(g.approve)).toHaveLength(0);

    // The second editor sees what changed, both languages, and approves.
    const reviewer = await secondEditor();
    let review = await reviewer.get(zh.path(`/staff/guides/${SLUG}`));
    expect(review.text('[data-testid="diff-zh-CN"] [data-field="aliases"] ins')).toContain(ALIAS);
    expect(review.text('[data-testid="diff-en"]')).toContain(g.noDifferences);
    review = await review.press(g.approve);
    expect(review.role('status')).toBe(g.approved);
    review = await review
      .form(g.publishNow)
      .fill(g.changeNoteZh, '增加了低保的常见叫法')
      .fill(g.changeNoteEn, 'Added a name people use for dibao')
      .check(g.kind.major)
      .submit();
    expect(review.role('status')).toBe(g.published);

    // Live at once: the page's 更新记录, and search by the new name.
    const reader = visitor(zh);
    const guide = await reader.get(zh.path(`/guides/${SLUG}`));
    expect(guide.text('[data-testid="guide-changes"]')).toContain('增加了低保的常见叫法');
    const found = await reader.get(`${zh.path('/search')}?q=${encodeURIComponent(ALIAS)}`);
    expect(found.hrefOf(/最低生活保障/)).toBe(zh.path(`/guides/${SLUG}`));
    // The English text did not change: its page says it is older than the Chinese.
    const english = await visitor(en).get(en.path(`/guides/${SLUG}`));
    expect(english.text('[data-testid="english-older"]')).toMatch(/^This English text was last updated on .+; the Chinese version was updated on .+\.$/);
    expect(english.has('[data-testid="guide-changes"]')).toBe(false);
  });

  it('unpublishes a guide with a notice (410) or a redirect (301), and publishing it again puts it back', async () => {
    const slug = 'eco-burial-subsidy';
    const editor = await staffVisitor(zh, 'content-editor');
    let page = await editor.get(zh.path(`/staff/guides/${slug}/unpublish`));
    // Neither a redirect nor a notice: said next to the choice.
    page = await page.form(g.unpublishButton).fill(g.unpublishReason, '测试撤下').submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('how')).toContain(s.errors.guideEditor.redirectOrNotice);
    page = await page.form(g.unpublishButton).check(g.unpublishNotice).fill(g.noticeZh, '该补贴已并入其他事项。').fill(g.noticeEn, 'This subsidy is now part of another service.').submit();
    expect(page.role('status')).toBe(g.unpublishedDone);

    const gone = await visitor(en).get(en.path(`/guides/${slug}`));
    expect(gone.status).toBe(410);
    expect(gone.text('[data-testid="withdrawn-notice"]')).toBe('This subsidy is now part of another service.');

    page = await editor.get(zh.path(`/staff/guides/${slug}/unpublish`));
    page = await page.form(g.unpublishButton).fill(g.unpublishReason, '并入公墓安葬').check(g.unpublishRedirect).check(guideFile(zh, 'public-cemetery-burial').title).submit();
    expect(page.role('status')).toBe(g.unpublishedDone);
    const moved = await visitor(zh).request(zh.path(`/guides/${slug}`), { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(zh.path('/guides/public-cemetery-burial'));

    // Put back as it was: a draft published again by two editors.
    const reviewer = await secondEditor();
    const opened = await api(editor, 'POST', `/staff/guides/${slug}/draft`);
    const submitted = await api(editor, 'POST', `/staff/guides/${slug}/draft/submit`, { version: opened.json.version });
    const approved = await api(reviewer, 'POST', `/staff/guides/${slug}/draft/approve`, { version: submitted.json.version });
    const published = await api(editor, 'POST', `/staff/guides/${slug}/draft/publish`, { version: approved.json.version, change: { note: { 'zh-CN': '恢复发布', en: 'Published again' }, kind: 'minor' } });
    expect(published.status).toBe(200);
    expect((await visitor(zh).get(zh.path(`/guides/${slug}`))).status).toBe(200);
  });

  it('gives a clerk no link to it, and its API refuses them', async () => {
    const clerk = await staffVisitor(zh, 'intake');
    const home = await clerk.get(zh.path('/staff'));
    expect(home.links(g.navLink)).toHaveLength(0);
    expect((await api(clerk, 'GET', '/staff/guides')).status).toBe(403);
    const page = await clerk.get(zh.path('/staff/guides'));
    expect(page.status).toBe(403);
  });

  it('is in English too, with the same states and flags', async () => {
    const page = await (await signIn(visitor(en), en, 'content-editor')).follow(en.strings.guideEditor.navLink);
    expect(page.h1).toBe(en.strings.guideEditor.title);
    expect(page.lang).toBe('en');
    expect(page.texts('th[scope="col"]')).toEqual(Object.values(en.strings.guideEditor.column));
  });
});
