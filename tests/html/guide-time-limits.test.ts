/**
 * A guide's 承诺时限 for a service this portal runs are its workflow's (docs/decisions/060): the
 * 高龄津贴 guide, its printable version and the editor's preview say 5 and 20 working days in both
 * languages from the workflow, with a line that these are the limits the portal keeps, and not the
 * guide's own promised text; a guide for a service the portal does not run keeps its own. The
 * editor shows the limits read-only, keeps the stored text when saving, and warns where the text
 * gives a stage another number. No JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { oldAgeAllowanceWorkflow } from '../../api/services/old-age-allowance/workflow.ts';
import { guideFile, LANGUAGES, plainGuideText } from '../support/site.ts';
import type { Visitor } from './support/html-client.ts';
import { staffVisitor, visitor } from './support/portal.ts';

const SLUG = 'old-age-allowance';
const ACCEPTANCE = oldAgeAllowanceWorkflow.deadlines.acceptance?.workingDays ?? 0;
const DECISION = oldAgeAllowanceWorkflow.deadlines.decision?.workingDays ?? 0;
const zhLanguage = LANGUAGES[0];
if (!zhLanguage) throw new Error('no Chinese');

describe.each(LANGUAGES)('the time limits of the 高龄津贴 guide in $name', (language) => {
  const s = language.strings;
  const guide = guideFile(language, SLUG);
  const within = (count: number) => language.t(s.guide.serviceLimits.within_other, { count });
  const lines = [`${s.case.timeLimit.acceptance}${s.punctuation.colon}${within(ACCEPTANCE)}`, `${s.case.timeLimit.decision}${s.punctuation.colon}${within(DECISION)}`];

  it('are the workflow’s, said as the limits this portal keeps, and not the guide’s own promise', async () => {
    expect([ACCEPTANCE, DECISION]).toEqual([5, 20]);
    const page = await visitor(language).get(language.path(`/guides/${SLUG}`));
    expect(page.status).toBe(200);
    expect(page.texts('[data-testid="service-time-limits"] li')).toEqual(lines);
    expect(page.text('[data-testid="service-time-limits"]')).toContain(language.code === 'zh-CN' ? '5 个工作日内' : 'within 5 working days');
    expect(page.text('[data-testid="service-time-limits"]')).toContain(language.code === 'zh-CN' ? '20 个工作日内' : 'within 20 working days');
    expect(page.text('[data-testid="service-time-limits"]')).toContain(s.guide.serviceLimits.kept);
    expect(page.text('main')).not.toContain(plainGuideText(guide.timeLimits.promised));
    // The law's text stays the guide's.
    expect(page.text('#time-limits + dl')).toContain(plainGuideText(guide.timeLimits.statutory));
  });

  it('are the same on the printable guide', async () => {
    const page = await visitor(language).get(language.path(`/guides/${SLUG}/print`));
    expect(page.texts('[data-testid="service-time-limits"] li')).toEqual(lines);
    expect(page.text('body')).not.toContain(plainGuideText(guide.timeLimits.promised));
  });

  it('leave a guide for a service the portal does not run its own promised text', async () => {
    const own = guideFile(language, 'disability-subsidies');
    const page = await visitor(language).get(language.path('/guides/disability-subsidies'));
    expect(page.has('[data-testid="service-time-limits"]')).toBe(false);
    expect(page.text('#time-limits + dl')).toContain(plainGuideText(own.timeLimits.promised));
  });
});

/** An API call with the member's session, as the pages make it. */
async function draftOf(member: Visitor): Promise<{ content: Record<string, { frontmatter: { timeLimits: { promised: string; statutory: string } } }> }> {
  const response = await member.request(`/api/v1/staff/guides/${SLUG}/draft`);
  return (await response.json()) as never;
}

describe('the guide editor for a service the portal runs', () => {
  it('shows the service’s limits read-only, keeps the stored text on save, and warns of another number for a stage', async () => {
    const language = zhLanguage;
    const s = language.strings;
    const g = s.guideEditor;
    const fields = g.fields.frontmatter;
    const guide = guideFile(language, SLUG);
    const editor = await staffVisitor(language, 'content-editor');
    let page = await editor.get(language.path(`/staff/guides/${SLUG}`));
    if (page.buttons(g.openDraft).length > 0) page = await page.press(g.openDraft);
    page = await page.follow(g.editLanguage['zh-CN']);

    expect(page.text('[data-testid="promised-from-service"]')).toContain(g.serviceLimits.setBy);
    expect(page.texts('[data-testid="promised-from-service"] li')).toEqual([
      `${s.case.timeLimit.acceptance}${s.punctuation.colon}${language.t(s.guide.serviceLimits.within_other, { count: ACCEPTANCE })}`,
      `${s.case.timeLimit.decision}${s.punctuation.colon}${language.t(s.guide.serviceLimits.within_other, { count: DECISION })}`,
    ]);
    expect(page.text('[data-testid="promised-stored"]')).toContain(plainGuideText(guide.timeLimits.promised).slice(0, 10));
    expect(page.has('[name="timeLimits.promised"]')).toBe(false);

    // A statutory text that gives the decision 30 working days: saved, and pointed out beside the field.
    const statutory = '受理后 30 个工作日内作出决定。';
    page = await page.form(g.save).fill(fields.timeLimits.statutory, statutory).submit();
    expect(page.role('status')).toBe(g.saved);
    expect(page.text('[data-testid="warnings"]')).toContain('受理后 30 个工作日内作出决定');
    expect(page.texts('[data-testid="field-warning"]').join(' ')).toContain('受理后 30 个工作日内作出决定');

    // Nothing is lost: the draft keeps the guide's promised text as it was, whatever the form sent.
    // A field the page does not have, added in transit.
    const form = page.one('form.guide-editor');
    const added = form.ownerDocument.createElement('input');
    added.setAttribute('type', 'hidden');
    added.setAttribute('name', 'timeLimits.promised');
    added.setAttribute('value', '随便改的');
    form.appendChild(added);
    const sent = await page.form(g.save).fill(fields.timeLimits.statutory, guide.timeLimits.statutory).submit();
    expect(sent.role('status')).toBe(g.saved);
    // The preview renders the public page's component: the service's limits, not the stored text.
    const preview = await sent.follow(g.preview);
    expect(preview.texts('[data-testid="preview"] [data-testid="service-time-limits"] li')).toHaveLength(2);
    const draft = await draftOf(editor);
    expect(draft.content['zh-CN']?.frontmatter.timeLimits.promised).toBe(guide.timeLimits.promised);
    expect(draft.content['zh-CN']?.frontmatter.timeLimits.statutory).toBe(guide.timeLimits.statutory);
  });
});
