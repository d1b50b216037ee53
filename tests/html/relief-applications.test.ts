/**
 * The relief applications through the generic pages, without JavaScript (docs/decisions/042): 低保
 * from its start page through the task list — where, about you, the household (yourself first, then
 * an adult who must authorise the finances check: two members), income and assets, the documents
 * (what the government looks up itself said; a wrong file type refused, nothing else lost), the
 * declarations — each bad answer back with its message next to its field and what was typed kept;
 * check answers; submit; the confirmation with its tracking number, what happens by when and how
 * to object. 特困 and 临时救助 from a draft made for their check page (tests/support/drafts.ts), and
 * 临时救助's own situation questions. Both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { personId } from '../support/applications.ts';
import { draftCookie } from '../support/drafts.ts';
import { reliefAnswers, reliefPeople } from '../support/relief-applications.ts';
import { LANGUAGES } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { people, visitor, workerPortal } from './support/portal.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url)));
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
/** A label as the pages write it at the start of a line (site/lib/forms.ts asLabel). */
const asLabel = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const statuses = (page: HtmlPage) => Object.fromEntries(page.all('[data-status]').map((tag) => [tag.id.replace('status-', ''), tag.getAttribute('data-status')]));

describe.each(LANGUAGES)('the relief applications in $name', (language) => {
  const s = language.strings;
  const form = s.application.form;
  const amountMessage = (template: string, field: string) => language.t(template, { field });

  it('低保: from the task list through two household members and a refused upload to a tracking number', async () => {
    const BASE = '/apply/minimum-living-allowance';
    const words = s.application.dibao;
    const reader = visitor(language);
    const start = await reader.get(language.path(BASE));
    expect(start.h1).toBe(words.start.title);
    let list = await start.follow(words.start.button);
    expect(list.path).toBe(language.path(`${BASE}/task-list`));
    expect(statuses(list)).toEqual({ applicant: 'not-started', household: 'not-started', assets: 'not-started', documents: 'not-started', declarations: 'cannot-start' });

    // Where, and about you: each bad answer next to its field, what was typed kept.
    let page = await reader.post(language.path(`${BASE}/where`), {});
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorFor('area-community')).toContain(s.errors.relief.community);
    page = await reader.post(language.path(`${BASE}/where`), { 'area.community': 'heping-community' });
    expect(page.path).toBe(language.path(`${BASE}/applicant`));
    const n = people();
    const { applicant } = reliefPeople(n);
    page = await reader.post(language.path(`${BASE}/applicant`), { 'applicant.name': applicant.name, 'applicant.idNumber': '12345', 'applicant.phone': applicant.phone });
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#applicant-idNumber']);
    expect(page.valueOf(asLabel(s.fields.applicant.name))).toBe(applicant.name);
    expect(page.valueOf(asLabel(s.fields.applicant.phone))).toBe(applicant.phone);
    list = await reader.post(language.path(`${BASE}/applicant`), { 'applicant.name': applicant.name, 'applicant.idNumber': applicant.idNumber, 'applicant.phone': applicant.phone });
    expect(list.path).toBe(language.path(`${BASE}/task-list`));
    expect(statuses(list)).toMatchObject({ applicant: 'completed', household: 'not-started' });

    // The household: yourself first (only your circumstances asked), an income typed wrongly refused on its field.
    let household = await list.follow(s.application.dibao.section.household);
    expect(household.path).toBe(language.path(`${BASE}/household`));
    let item = await reader.get(language.path(`${BASE}/household?item=0`));
    expect(item.has('[name="household.0.name"]')).toBe(false);
    expect(item.has('[name="household.0.incomes.wages"]')).toBe(true);
    const self = { 'household.0.occupation': 'flexible', 'household.0.disability': 'none', 'household.0.health': 'chronic', 'household.0.incomes.wages': '12,50', 'household.0.incomes.transfer': '0.03万', 'household.0.authorisation': 'yes' };
    item = await reader.post(language.path(`${BASE}/household?item=0`), self);
    expect(item.status).toBe(422);
    expect(item.errorFor('household-0-incomes-wages')).toContain(amountMessage(s.errors.amount.notANumber, s.fields.household.incomes.wages));
    expect(item.valueOf(asLabel(s.fields.household.incomes.transfer))).toBe('0.03万');
    household = await reader.post(language.path(`${BASE}/household?item=0`), { ...self, 'household.0.incomes.wages': '１，８００' });
    expect(household.path).toBe(language.path(`${BASE}/household`));
    // An adult who has not agreed to the finances check is refused next to the box; agreed, they are listed.
    const spouse = { 'household.1.name': '李建国', 'household.1.relationship': 'spouse', 'household.1.idNumber': personId(n, 'male', '19800101'), 'household.1.occupation': 'unemployed', 'household.1.disability': 'grade-2', 'household.1.health': 'grave' };
    item = await reader.post(language.path(`${BASE}/household?item=1`), spouse);
    expect(item.status).toBe(422);
    expect(item.errorFor('household-1-authorisation')).toContain(s.errors.relief.authorisation);
    expect(item.valueOf(asLabel(s.fields.household.name))).toBe('李建国');
    household = await reader.post(language.path(`${BASE}/household?item=1`), { ...spouse, 'household.1.authorisation': 'yes' });
    expect(household.texts('dt')).toEqual([form.householdSelf, '李建国']);
    // You cannot be removed; the others can.
    expect(household.all('a[href*="remove=0"]')).toHaveLength(0);
    expect(household.all('a[href*="remove=1"]')).toHaveLength(1);
    expect((await reader.get(language.path(`${BASE}/household?remove=0`))).path).toBe(language.path(`${BASE}/household`));
    list = await reader.post(language.path(`${BASE}/household`), {});
    expect(statuses(list)).toMatchObject({ household: 'completed' });

    // Income and assets: amounts as people type them.
    page = await reader.post(language.path(`${BASE}/property`), { 'assets.housing': 'one', 'assets.vehicles': '' });
    expect(page.status).toBe(422);
    expect(page.errorFor('assets-vehicles')).toContain(amountMessage(s.errors.amount.empty, s.fields.assets.vehicles));
    page = await reader.post(language.path(`${BASE}/property`), { 'assets.housing': 'one', 'assets.vehicles': '0' });
    list = await reader.post(language.path(`${BASE}/savings`), { 'assets.deposits': '1.2万', 'assets.securities': '0', 'assets.insurance': '0', 'assets.other': '0' });
    expect(statuses(list)).toMatchObject({ assets: 'completed' });

    // Documents: what the government looks up itself is said; a script named .jpg refused, the page kept.
    let upload = await list.follow(s.application.dibao.section.documents);
    expect(upload.path).toBe(language.path(`${BASE}/income-documents`));
    expect(upload.text()).toContain(form.lookedUpList);
    const label = s.fields.files.incomeProof;
    upload = await upload.form(s.application.upload.button).attach(asLabel(label), { name: 'slip.jpg', type: 'image/jpeg', bytes: fixture('script-named.jpg') }).submit();
    expect(upload.status).toBe(422);
    expect(upload.errorFor('files-incomeProof')).toContain(language.t(s.errors.files['wrong-type'], { field: label, kinds: 'PDF/JPG/PNG/HEIC' }));
    upload = await upload.form(s.application.upload.button).attach(asLabel(label), { name: 'slip.png', type: 'image/png', bytes: fixture('scan.png') }).submit();
    expect(upload.texts('[data-testid="uploaded-files"] dt')).toEqual(['slip.png']);
    const health = await upload.press(s.application.continue);
    expect(health.path).toBe(language.path(`${BASE}/health-documents`));
    list = await health.press(s.application.continue);
    expect(statuses(list)).toEqual({ applicant: 'completed', household: 'completed', assets: 'completed', documents: 'completed', declarations: 'not-started' });

    // The declarations: the commitment's full text, refused unticked.
    page = await reader.post(language.path(`${BASE}/close-relative`), { closeRelative: 'no' });
    expect(page.path).toBe(language.path(`${BASE}/commitment`));
    expect(page.text()).toContain(form.commitmentText.false);
    page = await reader.post(language.path(`${BASE}/commitment`), {});
    expect(page.status).toBe(422);
    expect(page.errorFor('commitment')).toContain(s.errors.relief.commitment);
    list = await reader.post(language.path(`${BASE}/commitment`), { commitment: 'yes' });

    // Check answers: amounts in yuan, both members, the file; then send.
    const check = await list.follow(s.application.taskList.checkLink);
    expect(check.h1).toBe(words.step.check.title);
    const answers = check.text('.check-answers');
    expect(answers).toContain('李建国');
    expect(answers).toContain(language.code === 'en' ? '¥12,000' : '12,000 元');
    expect(answers).toContain(language.code === 'en' ? '¥1,800' : '1,800 元');
    expect(answers).toContain('slip.png');
    const confirmation = await check.press(s.application.submit);
    expect(confirmation.path).toBe(language.path(`${BASE}/confirmation`));
    expect(confirmation.text('[data-testid="tracking-number"]')).toMatch(TRACKING_NUMBER);
    expect(confirmation.text()).toContain(form.object.title);
    expect(confirmation.text()).toContain(words.confirmation.afterAccept);
  });

  it.each([
    ['extreme-poverty-support', 'tekun'],
    ['temporary-assistance', 'temporary'],
  ] as const)('%s: from its check page to a tracking number', async (service, kind) => {
    const reader = visitor(language);
    const { name, value } = await draftCookie(workerPortal(), service, reliefAnswers(kind, people()));
    reader.setCookie(name, value);
    const check = await reader.get(language.path(`/apply/${service}/check`));
    expect(check.h1).toBe(s.application[kind].step.check.title);
    expect(check.text('.check-answers')).toContain(kind === 'tekun' ? s.application.form.supporters.none : s.application.form.emergency.fire);
    const confirmation = await check.press(s.application.submit);
    expect(confirmation.text('[data-testid="tracking-number"]')).toMatch(TRACKING_NUMBER);
  });

  it('临时救助: what happened, refused when the day is after today, kept as typed', async () => {
    const reader = visitor(language);
    const { name, value } = await draftCookie(workerPortal(), 'temporary-assistance', reliefAnswers('temporary', people()));
    reader.setCookie(name, value);
    const typed = { 'situation.what': 'illness', 'situation.description': '孩子突发重病住院。', 'situation.happenedOn': '2099-01-01' };
    const page = await reader.post(language.path('/apply/temporary-assistance/what-happened?change=1'), typed);
    expect(page.status).toBe(422);
    expect(page.errorFor('situation-happenedOn')).toContain(s.errors.relief.happenedOnFuture);
    expect(page.valueOf(asLabel(s.fields.situation.happenedOn))).toBe('2099-01-01');
    expect(page.one('textarea[name="situation.description"]').textContent).toBe('孩子突发重病住院。');
    const saved = await reader.post(language.path('/apply/temporary-assistance/what-happened?change=1'), { ...typed, 'situation.happenedOn': '2026年11月30日' });
    // A task list's change returns to the task list, every section still completed.
    expect(saved.path).toBe(language.path('/apply/temporary-assistance/task-list'));
    expect(statuses(saved)).toMatchObject({ situation: 'completed', declarations: 'completed' });
  });

  it('低保: saved for later, resumed on another device with the code and the ID number, where it was left', async () => {
    const reader = visitor(language);
    const answers = reliefAnswers('dibao', people());
    const { 'assets.deposits': _left, 'assets.securities': _out, ...partial } = answers;
    const { name, value } = await draftCookie(workerPortal(), 'minimum-living-allowance', Object.fromEntries(Object.entries(partial).filter(([key]) => !key.startsWith('files.') && key !== 'closeRelative' && key !== 'commitment')));
    reader.setCookie(name, value);
    const saved = await (await reader.get(language.path('/apply/minimum-living-allowance/savings'))).press(s.draft.saveForLater);
    const code = saved.text('[data-testid="resume-code"]');
    const other = visitor(language);
    const form = await other.get(language.path('/apply/resume'));
    const resumed = await form.form(s.draft.resume.submit).fill(s.draft.resume.code, code).fill(s.draft.resume.idNumber, answers['applicant.idNumber'] ?? '').submit();
    expect(resumed.status).toBe(200);
    expect(resumed.path).toBe(language.path('/apply/minimum-living-allowance/task-list'));
    expect(statuses(resumed)).toMatchObject({ applicant: 'completed', household: 'completed', assets: 'in-progress' });
  });
});
