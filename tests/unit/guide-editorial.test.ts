/**
 * The editorial lifecycle (draft → submitted → approved → published or scheduled; unpublishing),
 * the diff between two versions of a guide, and the checks that help editors (docs/decisions/052).
 */
import { describe, expect, it } from 'vitest';
import { readGuideDirectory } from '../../api/content/guide-directory.ts';
import { editorWarnings, unmarkedFigures } from '../../api/domain/guides/editor-checks.ts';
import {
  actionsFor,
  approveDraft,
  cancelSchedule,
  changeDraft,
  checkUnpublish,
  isDue,
  openDraft,
  publicChangeHistory,
  publishDraft,
  scheduleDraft,
  sendBackDraft,
  submitDraft,
  UnpublishSchema,
  type EditorialDraft,
  type EditorialResult,
} from '../../api/domain/content/editorial.ts';
import { diffGuide, diffTextLines, GuideContentSchema, type GuideLanguageContent } from '../../api/domain/guides/guide-diff.ts';
import { checkGuideForm, contentToForm, formToContent } from '../../site/lib/guide-form.ts';

const NOW = new Date('2026-12-10T02:00:00Z');
const note = { note: { 'zh-CN': '更新了申请材料', en: 'Updated the documents to bring' }, kind: 'major' as const };

function ok(result: EditorialResult): EditorialDraft {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.draft;
}

describe('the editorial lifecycle', () => {
  const submitted = () => ok(submitDraft(ok(changeDraft(openDraft('ann'), 'ann')), 'ann'));

  it('goes draft → submitted → approved by another → published', () => {
    const draft = submitted();
    expect(draft).toMatchObject({ state: 'submitted', submittedBy: 'ann', lastChangedBy: 'ann' });
    const approved = ok(approveDraft(draft, 'bob'));
    expect(approved).toMatchObject({ state: 'approved', approvedBy: 'bob' });
    expect(publishDraft(approved, 'ann', note)).toEqual({ ok: true, publishedBy: 'ann', change: note });
  });

  it('refuses a reviewer their own draft: whoever last changed it or submitted it', () => {
    expect(approveDraft(submitted(), 'ann')).toEqual({ ok: false, reason: 'self_approval' });
    // Bob changed Ann's draft, Ann submitted it: neither approves it.
    const mixed = ok(submitDraft(ok(changeDraft(openDraft('ann'), 'bob')), 'ann'));
    expect(approveDraft(mixed, 'bob')).toEqual({ ok: false, reason: 'self_approval' });
    expect(approveDraft(mixed, 'ann')).toEqual({ ok: false, reason: 'self_approval' });
    expect(approveDraft(mixed, 'cat').ok).toBe(true);
    expect(sendBackDraft(mixed, 'ann', '请补充')).toEqual({ ok: false, reason: 'self_approval' });
  });

  it('publishes only an approved draft', () => {
    expect(publishDraft(openDraft('ann'), 'ann', note)).toEqual({ ok: false, reason: 'wrong_state', state: 'draft' });
    expect(publishDraft(submitted(), 'ann', note)).toEqual({ ok: false, reason: 'wrong_state', state: 'submitted' });
    expect(scheduleDraft(submitted(), 'ann', note, new Date('2027-01-01T00:00:00Z'), NOW)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });

  it('returns a changed draft to draft, whatever it had reached (an approval and a schedule with it)', () => {
    const approved = ok(approveDraft(submitted(), 'bob'));
    const scheduled = ok(scheduleDraft(approved, 'ann', note, new Date('2027-01-01T00:00:00Z'), NOW));
    for (const before of [submitted(), approved, scheduled]) {
      const after = ok(changeDraft(before, 'ann'));
      expect(after).toMatchObject({ state: 'draft', submittedBy: null, approvedBy: null, scheduledAt: null, changeNote: null });
    }
  });

  it('sends a draft back with the reviewer’s comment, to be submitted again', () => {
    const back = ok(sendBackDraft(submitted(), 'bob', '第二项材料写错了'));
    expect(back).toMatchObject({ state: 'draft', reviewComment: '第二项材料写错了', submittedBy: null });
    expect(ok(submitDraft(back, 'ann')).reviewComment).toBeNull();
  });

  it('schedules only in the future, is due at its moment, and can be cancelled back to approved', () => {
    const approved = ok(approveDraft(submitted(), 'bob'));
    expect(scheduleDraft(approved, 'ann', note, NOW, NOW)).toEqual({ ok: false, reason: 'schedule_in_past' });
    const at = new Date(NOW.getTime() + 60_000);
    const scheduled = ok(scheduleDraft(approved, 'ann', note, at, NOW));
    expect(scheduled).toMatchObject({ state: 'scheduled', scheduledAt: at.toISOString(), changeNote: note.note, changeKind: 'major', scheduledBy: 'ann' });
    expect(isDue(scheduled, NOW)).toBe(false);
    expect(isDue(scheduled, at)).toBe(true);
    expect(isDue(approved, at)).toBe(false);
    expect(ok(cancelSchedule(scheduled))).toMatchObject({ state: 'approved', scheduledAt: null });
    expect(cancelSchedule(approved)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });

  it('tells the pages what each member may do', () => {
    expect(actionsFor(submitted(), 'ann')).toMatchObject({ submit: false, review: false, publish: false });
    expect(actionsFor(submitted(), 'bob')).toMatchObject({ review: true });
    expect(actionsFor(openDraft('ann'), 'ann')).toMatchObject({ submit: true });
  });

  it('unpublishes with a reason and either a redirect to another published guide or a notice in both languages', () => {
    const published = new Set(['temporary-assistance', 'minimum-living-allowance']);
    expect(UnpublishSchema.safeParse({ reason: '并入临时救助', redirectTo: 'temporary-assistance' }).success).toBe(true);
    expect(UnpublishSchema.safeParse({ reason: '政策废止', notice: { 'zh-CN': '该事项已取消', en: 'This service has ended' } }).success).toBe(true);
    expect(UnpublishSchema.safeParse({ reason: '政策废止' }).success).toBe(false);
    expect(UnpublishSchema.safeParse({ reason: '两者都给', redirectTo: 'temporary-assistance', notice: { 'zh-CN': '该事项已取消', en: 'Ended' } }).success).toBe(false);
    expect(checkUnpublish('minimum-living-allowance', { reason: '自己', redirectTo: 'minimum-living-allowance' }, published)).toEqual({ ok: false, reason: 'redirect_to_itself' });
    expect(checkUnpublish('minimum-living-allowance', { reason: '没有', redirectTo: 'no-such-guide' }, published)).toEqual({ ok: false, reason: 'unknown_redirect' });
    expect(checkUnpublish('minimum-living-allowance', { reason: '并入', redirectTo: 'temporary-assistance' }, published)).toEqual({ ok: true });
  });

  it('shows readers the major changes only, newest first', () => {
    const notes = [
      { note: '首次发布', kind: 'major' as const, publishedAt: '2026-11-25T00:00:00.000Z' },
      { note: '改正错别字', kind: 'minor' as const, publishedAt: '2026-12-01T00:00:00.000Z' },
      { note: '低保标准提高', kind: 'major' as const, publishedAt: '2026-12-09T00:00:00.000Z' },
      { note: null, kind: null, publishedAt: '2026-11-20T00:00:00.000Z' },
    ];
    expect(publicChangeHistory(notes).map((entry) => entry.note)).toEqual(['低保标准提高', '首次发布']);
  });
});

describe('the diff between two versions of a guide', () => {
  async function lowBao(): Promise<Record<'zh-CN' | 'en', GuideLanguageContent>> {
    const { guides } = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
    const of = (lang: 'zh-CN' | 'en') => {
      const guide = guides.find((g) => g.lang === lang && g.frontmatter.slug === 'minimum-living-allowance');
      if (!guide) throw new Error('no 低保 guide');
      return { frontmatter: guide.frontmatter, body: guide.body };
    };
    return { 'zh-CN': of('zh-CN'), en: of('en') };
  }

  it('names each changed field, marks the changed words, and leaves an unchanged language empty', async () => {
    const before = await lowBao();
    const zh = before['zh-CN'];
    const after = {
      ...before,
      'zh-CN': {
        frontmatter: { ...zh.frontmatter, aliases: [...zh.frontmatter.aliases, '吃低保'], title: `${zh.frontmatter.title}（新）` },
        body: `${zh.body}\n\n新增的一段说明。`,
      },
    };
    expect(GuideContentSchema.safeParse(after).success).toBe(true);
    const [zhDiff, enDiff] = diffGuide(before, after);
    expect(zhDiff?.fields.map((field) => field.field)).toEqual(['title', 'aliases', 'body']);
    const aliases = zhDiff?.fields.find((field) => field.field === 'aliases');
    expect(aliases?.lines.filter((line) => line.change === 'added').map((line) => line.parts[0]?.value)).toEqual(['吃低保']);
    const title = zhDiff?.fields.find((field) => field.field === 'title');
    expect(title?.lines[0]?.change).toBe('changed');
    expect(title?.lines[0]?.parts.filter((part) => part.change === 'added').map((part) => part.value).join('')).toContain('新');
    expect(zhDiff?.fields.find((field) => field.field === 'body')?.lines.filter((line) => line.change === 'added').map((line) => line.parts[0]?.value)).toContain('新增的一段说明。');
    expect(enDiff).toEqual({ lang: 'en', fields: [] });
  });

  it('pairs a reworded line as one changed line, its Chinese words compared as words', () => {
    const lines = diffTextLines(['审核确认时限为30个工作日'], ['审核确认时限为20个工作日'], 'zh-CN');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.change).toBe('changed');
    expect(lines[0]?.parts.filter((part) => part.change === 'removed').map((part) => part.value).join('')).toContain('30');
    expect(lines[0]?.parts.filter((part) => part.change === 'added').map((part) => part.value).join('')).toContain('20');
  });

  it('refuses content whose languages disagree on what identifies the guide', async () => {
    const before = await lowBao();
    const parsed = GuideContentSchema.safeParse({ ...before, en: { ...before.en, frontmatter: { ...before.en.frontmatter, order: 99 } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['en', 'frontmatter', 'order']);
  });
});

describe('the checks that help editors', () => {
  it('finds figures outside {{ex:…}} in both languages', () => {
    expect(unmarkedFigures('每人每月 800 元，{{ex:600 元}}', 'zh-CN')).toEqual(['800 元']);
    expect(unmarkedFigures('within 30 working days, {{ex:50 yuan}}', 'en')).toEqual(['30 working days']);
    expect(unmarkedFigures('第十六条', 'zh-CN')).toEqual([]);
  });

  it('warns of broken guide links, unmarked figures and a legal basis without an article, next to their fields', async () => {
    const { guides } = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
    const guide = guides.find((g) => g.lang === 'zh-CN' && g.frontmatter.slug === 'minimum-living-allowance');
    if (!guide) throw new Error('no 低保 guide');
    const known = new Set(guides.map((g) => g.frontmatter.slug));
    const content: GuideLanguageContent = {
      frontmatter: { ...guide.frontmatter, legalBasis: [...guide.frontmatter.legalBasis, { document: '社会救助暂行办法' }], fees: { free: true, detail: '不收费' } },
      body: '详见[临时救助](/guides/temporary-assistance)和[旧指南](/guides/no-such-guide)。每月补助 300 元。',
    };
    const warnings = editorWarnings(content, 'zh-CN', known);
    expect(warnings).toContainEqual({ field: 'body', code: 'broken_link', detail: 'no-such-guide' });
    expect(warnings).toContainEqual({ field: 'body', code: 'unmarked_figure', detail: '300 元' });
    expect(warnings).toContainEqual({ field: `legalBasis.${guide.frontmatter.legalBasis.length}`, code: 'no_article', detail: '社会救助暂行办法' });
    // The published guide's own legal bases all cite articles (the local one is an example to fill in).
    expect(warnings.filter((warning) => warning.code === 'no_article')).toHaveLength(1);
    expect(warnings.some((warning) => warning.detail === 'temporary-assistance')).toBe(false);
  });
});

describe('the editor’s form of one language', () => {
  async function guide(): Promise<GuideLanguageContent> {
    const { guides } = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
    const found = guides.find((g) => g.lang === 'zh-CN' && g.frontmatter.slug === 'minimum-living-allowance');
    if (!found) throw new Error('no 低保 guide');
    return { frontmatter: found.frontmatter, body: found.body };
  }
  const sent = (state: { values: Record<string, string>; rows: Record<string, number> }, extra: Record<string, string> = {}) => {
    const form: Record<string, string> = { ...state.values, ...Object.fromEntries(Object.entries(state.rows).map(([list, count]) => [`${list}.count`, String(count)])), ...extra };
    return (name: string) => form[name] ?? '';
  };

  it('reads back what it shows: the guide unchanged', async () => {
    const content = await guide();
    const read = formToContent(sent(contentToForm(content)), content);
    const checked = checkGuideForm(read.candidate, 'zh-CN');
    expect(checked).toEqual({ ok: true, content });
  });

  it('adds an empty row on "add another row", drops empty and removed rows on save, and names each problem by its form field', async () => {
    const content = await guide();
    const state = contentToForm(content);
    const added = formToContent(sent(state), content, 'materials');
    expect(added.rows.materials).toBe(content.frontmatter.materials.length + 1);
    const saved = formToContent(sent(added, { 'steps.0.remove': 'yes', title: '' }), content);
    expect(saved.rows.steps).toBe(content.frontmatter.steps.length - 1);
    const checked = checkGuideForm(saved.candidate, 'zh-CN');
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((problem) => problem.field)).toEqual(['title']);
    if (!checked.ok) expect(checked.problems[0]?.message).toContain('标题');
    expect((saved.candidate.frontmatter.materials as unknown[]).length).toBe(content.frontmatter.materials.length);
  });
});
