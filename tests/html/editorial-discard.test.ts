/**
 * Discarding a draft without JavaScript (the editorial engine, docs/decisions/057), in both
 * languages: "Discard the draft" opens a confirmation (a page state of its own, `?confirm=discard`)
 * that says what discarding means for the piece and lets the editor keep it; confirming discards it.
 * A guide's draft discarded leaves the published guide; a new notice's is gone, and the editor is
 * back on the notices' list, told so.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../support/site.ts';
import { staffVisitor } from './support/portal.ts';

describe.each(LANGUAGES)('discarding a draft in $name', (language) => {
  const s = language.strings;
  const e = s.editorial;
  const g = s.guideEditor;
  const n = s.noticeEditor;

  it('discards a guide’s draft after a confirmation, and the published guide stays', async () => {
    const editor = await staffVisitor(language, 'content-editor');
    let page = await editor.get(language.path('/staff/guides/marriage-certificate-reissue'));
    page = await page.press(g.openDraft);
    expect(page.text('[data-testid="draft-state"]')).toContain(g.state.draft);

    page = await page.press(e.discard);
    expect(page.text('[data-testid="discard-confirm"]')).toContain(e.discardGuide);
    // Keeping it changes nothing.
    const kept = await page.follow(e.discardKeep);
    expect(kept.text('[data-testid="draft-state"]')).toContain(g.state.draft);

    page = await page.press(e.discardConfirm);
    expect(page.role('status')).toBe(e.discarded);
    expect(page.has('[data-testid="draft-state"]')).toBe(false);
    expect(page.buttons(g.openDraft)).toHaveLength(1);
    expect((await editor.get(language.path('/guides/marriage-certificate-reissue'))).status).toBe(200);
  });

  it('discards a new notice’s draft: it is gone, and the list says so', async () => {
    const editor = await staffVisitor(language, 'content-editor');
    let page = await editor.get(language.path('/staff/announcements/new'));
    page = await page.form(n.create).fill(n.fields.titleZh, `将被放弃的通知（${language.code}）`).fill(n.fields.bodyZh, '测试放弃草稿。').fill(n.fields.publisherZh, '示例市民政局').fill(n.fields.date, '2030-03-01').submit();
    expect(page.role('status')).toBe(n.saved);
    const draftPath = page.path;

    page = await page.press(e.discard);
    expect(page.text('[data-testid="discard-confirm"]')).toContain(e.discardNew);
    page = await page.press(e.discardConfirm);
    expect(page.path).toBe(language.path('/staff/announcements'));
    expect(page.role('status')).toBe(e.discardedNew);
    expect((await editor.get(draftPath)).status).toBe(404);
  });
});
