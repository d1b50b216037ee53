/**
 * The notice editor's pages without JavaScript (docs/decisions/056), in both languages: an editor
 * writes a notice tied to the 低保 service in a plain form (a problem next to its field with
 * everything typed kept), previews it with the public page's component and submits it; they may
 * not review it themselves; a second editor sees the changes and approves, publishes, and it is
 * live on the notices page and the 低保 guide page; then it is withdrawn (410). A clerk gets no
 * link and no page.
 */
import { describe, expect, it } from 'vitest';
import { guideFile, LANGUAGES } from '../support/site.ts';
import { secondContentEditor, staffVisitor, visitor } from './support/portal.ts';

describe.each(LANGUAGES)('the notice editor in $name', (language) => {
  const s = language.strings;
  const n = s.noticeEditor;
  const g = s.guideEditor;
  const title = `低保标准调整测试通知（${language.code}）`;

  it('takes a notice from a plain form through a second editor’s review to the public pages, and withdraws it', async () => {
    const editor = await staffVisitor(language, 'content-editor');
    let page = await editor.get(language.path('/staff'));
    page = await page.follow(n.navLink, page.one('header'));
    expect(page.h1).toBe(n.title);
    page = await page.follow(n.newNotice);
    expect(page.h1).toBe(n.newTitle);

    // A bad index number and no publisher: each said next to its field, everything typed kept.
    page = await page
      .form(n.create)
      .fill(n.fields.titleZh, title)
      .fill(n.fields.bodyZh, '自下月起，城市低保标准调整。\n\n已在册家庭无需重新申请。')
      .fill(n.fields.date, '2030-02-01')
      .fill(n.fields.indexNumber, '<编号>')
      .check(guideFile(language, 'minimum-living-allowance').title)
      .submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('publisherZh')).not.toBe('');
    expect(page.errorFor('indexNumber')).toContain(s.errors.notices.indexNumber);
    expect(page.valueOf(n.fields.titleZh)).toBe(title);
    expect(page.valueOf(n.fields.bodyZh)).toContain('已在册家庭无需重新申请。');

    page = await page.form(n.create).fill(n.fields.publisherZh, '示例市民政局').fill(n.fields.indexNumber, '000014349/2030-00002').submit();
    expect(page.role('status')).toBe(n.saved);
    expect(page.text('[data-testid="draft-state"]')).toContain(g.state.draft);
    expect(page.text('[data-testid="english-missing"]')).toBe(n.englishMissing);
    const draftPath = page.path;

    const preview = await page.follow(n.previewIn.replace('{{language}}', g.languageName['zh-CN']));
    expect(preview.h1).toContain(title);
    expect(preview.texts('[data-testid="notice-meta"] dt')).toEqual(expect.arrayContaining([s.notices.publisher, s.notices.date, s.notices.indexNumber]));
    page = await preview.follow(g.backToDraft);
    page = await page.press(g.submit);
    expect(page.role('status')).toBe(g.submitted);
    expect(page.text('[data-testid="self-review"]')).toBe(g.selfReview);
    expect(page.buttons(g.approve)).toHaveLength(0);

    const reviewer = await secondContentEditor(language);
    let review = await reviewer.get(draftPath);
    expect(review.text('[data-testid="diff-zh-CN"]')).toContain(title);
    review = await review.press(g.approve);
    expect(review.role('status')).toBe(g.approved);
    review = await review.press(g.publishNow);
    expect(review.role('status')).toBe(n.published);

    const reader = visitor(language);
    const list = await reader.get(language.path('/announcements'));
    expect(list.texts('[data-testid="notice-list"] li a')).toContain(title);
    const guide = await reader.get(language.path('/guides/minimum-living-allowance'));
    expect(guide.texts('[data-testid="service-notice-list"] li a')).toContain(title);

    page = await editor.get(draftPath);
    page = await page.follow(n.withdraw);
    page = await page.form(n.withdrawButton).fill(n.withdrawReason, '测试撤回').submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('noteZh')).not.toBe('');
    expect(page.valueOf(n.withdrawReason)).toBe('测试撤回');
    page = await page.form(n.withdrawButton).fill(n.withdrawNoteZh, '本通知有误，已撤回。').submit();
    expect(page.role('status')).toBe(n.withdrawn);
    const id = draftPath.split('/').at(-1) ?? '';
    expect((await reader.get(language.path(`/announcements/${id}`))).status).toBe(410);
  });

  it('gives a clerk no link to the editor and no page', async () => {
    const clerk = await staffVisitor(language, 'intake');
    const home = await clerk.get(language.path('/staff'));
    expect(home.links(n.navLink, home.one('header'))).toHaveLength(0);
    const list = await clerk.get(language.path('/staff/announcements'));
    expect(list.status).toBe(403);
    const form = await clerk.get(language.path('/staff/announcements/new'));
    expect(form.path).toBe(language.path('/staff/announcements'));
  });
});
