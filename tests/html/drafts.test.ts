/**
 * Drafts kept on the server, as a reader without JavaScript meets them (docs/decisions/033): every
 * journey page says how long it keeps the answers and offers "save and come back later", which
 * shows a resume code; the one resume page takes the code and the ID number (each missing one said
 * next to its field, a wrong pair said without saying which, what was typed kept) and goes on where
 * the answers stop; a lapsed reference shows nothing of the answers. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { fieldId } from '../../site/lib/forms.ts';
import { ELDER_ID, OLD_AGE_ALLOWANCE_ANSWERS } from '../support/applications.ts';
import { createDraft, JOURNEYS, lapseDraft } from '../support/drafts.ts';
import { LANGUAGES, sentence } from '../support/site.ts';
import { outboxWith } from './support/outbox.ts';
import { visitor, workerPortal } from './support/portal.ts';

const BASE = '/apply/old-age-allowance';
const CODE = /^[34679ABCDEFGHJKMNPQRTUVWXY]{4}-[34679ABCDEFGHJKMNPQRTUVWXY]{4}$/;

describe.each(LANGUAGES)('drafts kept on the server in $name', (language) => {
  const s = language.strings;

  const holding = async (answers: Record<string, string>) => {
    const reader = visitor(language);
    const draft = await createDraft(workerPortal(), 'old-age-allowance', answers);
    reader.setCookie(JOURNEYS['old-age-allowance'].cookie, draft.reference);
    return { reader, draft };
  };

  it('says on a journey page how long the answers are kept, and saving for later shows a resume code', async () => {
    const { reader } = await holding({ ...OLD_AGE_ALLOWANCE_ANSWERS });
    const page = await reader.get(language.path(`${BASE}/bank`));
    expect(page.status).toBe(200);
    expect(page.text()).toContain(s.draft.keptFor.short);
    const saved = await page.press(s.draft.saveForLater);
    expect(saved.status).toBe(200);
    expect(saved.h1).toBe(s.draft.saved.title);
    const code = saved.text('[data-testid="resume-code"]');
    expect(code).toMatch(CODE);
    expect(saved.text()).toContain(s.draft.saved.sentTo.replace('{{phone}}', '139****1111'));
    // The text message, in the reader's language, with the code (the development outbox shows what would be sent).
    await outboxWith(reader, language, code);
    // Back to the page it was saved from, nothing lost.
    const back = await saved.follow(s.draft.saved.continue);
    expect(back.path).toBe(language.path(`${BASE}/bank`));
    expect(back.valueOf(sentence(s.fields.bank.bankName))).toBe('示例银行');
  });

  it('says a journey with a task list keeps its answers 30 days', async () => {
    const reader = visitor(language);
    const draft = await createDraft(workerPortal(), 'test-household-grant', { 'person.name': '王芳' });
    reader.setCookie(JOURNEYS['test-household-grant'].cookie, draft.reference);
    const page = await reader.get(language.path('/apply/test-household-grant/task-list'));
    expect(page.status).toBe(200);
    expect(page.text()).toContain(s.draft.keptFor.long);
    expect(page.buttons(s.draft.saveForLater)).not.toHaveLength(0);
  });

  it('says an ID number is needed before saving for later, nothing lost', async () => {
    const { reader } = await holding({ district: 'demo-district' });
    const page = await reader.get(language.path(`${BASE}/eligibility`));
    const refused = await page.press(s.draft.saveForLater);
    expect(refused.status).toBe(409);
    expect(refused.text()).toContain(s.errors.draft.identityMissing);
    expect((await refused.follow(s.draft.saved.continue)).path).toBe(language.path(`${BASE}/eligibility`));
  });

  it('resumes with the code and the ID number on another device, at the first question left, the old reference no longer working', async () => {
    const { reader } = await holding({ district: 'demo-district', 'elder.idNumber': ELDER_ID });
    const saved = await (await reader.get(language.path(`${BASE}/elder`))).press(s.draft.saveForLater);
    const code = saved.text('[data-testid="resume-code"]');
    const other = visitor(language);
    const form = await other.get(language.path('/apply/resume'));
    expect(form.status).toBe(200);
    expect(form.h1).toBe(s.draft.resume.title);
    const resumed = await form.form(s.draft.resume.submit).fill(s.draft.resume.code, code.toLowerCase()).fill(s.draft.resume.idNumber, ELDER_ID).submit();
    expect(resumed.status).toBe(200);
    // The check page sends the reader on to the first question not yet answered.
    expect(resumed.path).toBe(language.path(`${BASE}/elder`));
    expect(resumed.h1).toBe(s.application.step.elder.title);
    // The first device's reference was replaced: its pages start over.
    const first = await reader.get(language.path(`${BASE}/elder`));
    expect(first.path).toBe(language.path(BASE));
    expect(first.text()).not.toContain(ELDER_ID);
  });

  it('says next to each field what is missing or wrong, keeping what was typed, and never which of the two was wrong', async () => {
    const reader = visitor(language);
    const page = await reader.get(language.path('/apply/resume'));
    const empty = await page.press(s.draft.resume.submit);
    expect(empty.status).toBe(422);
    expect(empty.errorFor(fieldId('code'))).toContain(s.errors.draft.codeRequired);
    expect(empty.errorFor(fieldId('idNumber'))).toContain(s.errors.draft.idNumberRequired);
    expect(empty.errorSummary.map((problem) => problem.href)).toEqual(['#code', '#idNumber']);
    const wrong = await empty.form(s.draft.resume.submit).fill(s.draft.resume.code, 'ABCD-EF34').fill(s.draft.resume.idNumber, ELDER_ID).submit();
    expect(wrong.status).toBe(422);
    expect(wrong.errorFor(fieldId('code'))).toContain(s.errors.draft.noMatch);
    expect(wrong.valueOf(s.draft.resume.code)).toBe('ABCD-EF34');
    expect(wrong.valueOf(s.draft.resume.idNumber)).toBe(ELDER_ID);
  });

  it('shows nothing of the answers once the reference lapsed, and offers to start again or resume', async () => {
    const { reader, draft } = await holding({ ...OLD_AGE_ALLOWANCE_ANSWERS });
    expect((await reader.get(language.path(`${BASE}/bank`))).html).toContain('张秀英');
    lapseDraft(workerPortal(), draft.key);
    const page = await reader.get(language.path(`${BASE}/bank`));
    expect(page.path).toBe(language.path(BASE));
    expect(page.text('[data-testid="draft-lapsed"]')).toContain(s.draft.lapsed);
    expect(page.html).not.toContain('张秀英');
    expect(page.html).not.toContain(ELDER_ID);
    expect(page.hrefOf(s.draft.saved.resumeLink)).toBe(language.path('/apply/resume'));
  });
});
