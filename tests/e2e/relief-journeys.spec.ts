/**
 * Social relief in a real browser (issue 14): a household checks what it may be eligible for, applies
 * for 低保 with two members and a document, saves and comes back on another device (a new browser
 * context), and gets a tracking number; staff put a 低保 case on its community's notice board from
 * the workbench, where it shows masked, approve it once the notice is over, and it leaves the notice
 * for the announcement; a township officer grants 临时救助 at once (先行救助) within the district's cap.
 * Every other path is tested page by page in the HTML tier (self-check, relief-applications,
 * public-notices). Fields are found by their names, buttons and headings by their words.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { personId } from '../support/applications.ts';
import { chinaToday, addDays, staffCookie, takeStep } from '../support/portal-api.ts';
import { RELIEF_SERVICES, reliefAnswers, reliefApplication, reliefPeople } from '../support/relief-applications.ts';
import { english, zh, type Language } from '../support/site.ts';
import { expect, test } from './support/fixtures.ts';

const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
const SCAN = new URL('../fixtures/files/scan.png', import.meta.url);

const fill = (page: Page, name: string, value: string) => page.locator(`[name="${name}"]`).fill(value);
const choose = (page: Page, name: string, value: string) => page.locator(`input[name="${name}"][value="${value}"]`).check();

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const nextOf = (language: Language) => (page: Page) => page.getByRole('main').getByRole('button', { name: language.strings.application.continue, exact: true }).click();

/** From the documents section to the confirmation, in a browser that resumed the saved application. */
async function finishApplication(other: Page, language: Language): Promise<void> {
  const s = language.strings;
  const words = s.application.dibao;
  const next = nextOf(language);
  await other.getByRole('link', { name: words.section.documents }).click();
  await other.locator('input[type="file"]').setInputFiles({ name: 'pay-slip.png', mimeType: 'image/png', buffer: await readFile(SCAN) });
  await other.getByRole('button', { name: s.application.upload.button }).click();
  await expect(other.getByTestId('uploaded-files').locator('dt')).toHaveText(['pay-slip.png']);
  await next(other);
  await next(other);
  await other.getByRole('link', { name: words.section.declarations }).click();
  await choose(other, 'closeRelative', 'no');
  await next(other);
  await other.locator('input[name="commitment"]').check();
  await next(other);
  await other.getByRole('link', { name: s.application.taskList.checkLink }).click();
  await expect(heading(other)).toHaveText(words.step.check.title);
  await other.getByRole('button', { name: s.application.submit }).click();
  await expect(heading(other)).toHaveText(words.confirmation.title);
  expect((await other.getByTestId('tracking-number').textContent()) ?? '').toMatch(TRACKING_NUMBER);
}

/** Saves the application for later, and resumes it with the code and the ID number in a new browser context (another device). */
async function resumeElsewhere(page: Page, browser: Browser, baseURL: string, javaScriptEnabled: boolean, language: Language, idNumber: string): Promise<{ other: Page; elsewhere: BrowserContext }> {
  const s = language.strings;
  await page.getByRole('button', { name: s.draft.saveForLater }).first().click();
  await expect(heading(page)).toHaveText(s.draft.saved.title);
  const code = (await page.getByTestId('resume-code').textContent()) ?? '';
  const elsewhere = await browser.newContext({ baseURL, javaScriptEnabled });
  const other = await elsewhere.newPage();
  await other.goto(language.path('/apply/resume'));
  await fill(other, 'code', code);
  await fill(other, 'idNumber', idNumber);
  await other.getByRole('button', { name: s.draft.resume.submit }).click();
  await expect(other.getByRole('link', { name: s.application.dibao.section.documents })).toBeVisible();
  return { other, elsewhere };
}

{
  const language = zh;
  const s = language.strings;
  const next = nextOf(language);

  test(`In ${language.name}, a household applies for 低保 with two members and a document, and finishes on another device`, { tag: ['@journey'] }, async ({ page, browser, baseURL, people, javaScriptEnabled }) => {
    // The longest journey of the portal (five sections in two browsers): 15 s alone, more beside other workers.
    // The run without JavaScript is the shorter English one (resuming a saved application), for the budget.
    test.setTimeout(120_000);
    const n = people();
    const words = s.application.dibao;
    // The self-check before it is the HTML tier's (tests/html/self-check.test.ts: its pages, result and links to apply): server pages a browser adds nothing to.
    await page.goto(language.path('/apply/minimum-living-allowance'));

    // The application: a task list, yourself first, then an adult who authorises the finances check.
    await expect(heading(page)).toHaveText(words.start.title);
    await page.getByRole('link', { name: words.start.button }).click();
    await page.getByRole('link', { name: words.section.applicant }).click();
    await choose(page, 'area.community', 'heping-community');
    await next(page);
    const applicantId = personId(n, 'female', '19800315');
    await fill(page, 'applicant.name', '王秀兰');
    await fill(page, 'applicant.idNumber', applicantId);
    await fill(page, 'applicant.phone', `136${String(n).padStart(8, '0')}`);
    await next(page);
    await page.getByRole('link', { name: words.section.household }).click();
    await page.locator('a[href$="household?item=0"]').click();
    await choose(page, 'household.0.occupation', 'flexible');
    await choose(page, 'household.0.disability', 'none');
    await choose(page, 'household.0.health', 'chronic');
    await fill(page, 'household.0.incomes.wages', '800');
    await page.locator('input[name="household.0.authorisation"]').check();
    await next(page);
    await page.locator('a[href$="household?item=1"]').click();
    await fill(page, 'household.1.name', '李建国');
    await choose(page, 'household.1.relationship', 'spouse');
    await fill(page, 'household.1.idNumber', personId(n, 'male', '19780101'));
    await choose(page, 'household.1.occupation', 'unemployed');
    await choose(page, 'household.1.disability', 'grade-2');
    await choose(page, 'household.1.health', 'grave');
    await page.locator('input[name="household.1.authorisation"]').check();
    await next(page);
    await expect(page.getByRole('main').locator('dl dt')).toHaveText([s.application.form.householdSelf, '李建国']);

    // Income and assets here; saved, and the rest done in another browser.
    await page.getByRole('main').getByRole('button', { name: s.application.continue, exact: true }).click();
    await page.getByRole('link', { name: words.section.assets }).click();
    await choose(page, 'assets.housing', 'none');
    await fill(page, 'assets.vehicles', '0');
    await next(page);
    await fill(page, 'assets.deposits', '1.2万');
    for (const field of ['securities', 'insurance', 'other']) await fill(page, `assets.${field}`, '0');
    await next(page);
    const { other, elsewhere } = await resumeElsewhere(page, browser, baseURL ?? '', javaScriptEnabled, language, applicantId);
    await finishApplication(other, language);
    await elsewhere.close();
  });

  test(`In ${language.name}, staff put a 低保 case on its community's notice, masked, and announce it once approved after the notice`, { tag: ['@journey'] }, async ({ page, staffPage, baseURL, portal, people }) => {
    const base = baseURL ?? '';
    const n = people();
    const response = await fetch(`${base}/api/v1/services/${RELIEF_SERVICES.dibao}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reliefApplication('dibao', n)) });
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    await takeStep(base, await staffCookie(portal, 'intake'), trackingNumber, 'accept');
    const investigator = await staffCookie(portal, 'investigator');
    await takeStep(base, investigator, trackingNumber, 'start-investigation');
    await takeStep(base, investigator, trackingNumber, 'record-home-visit', { firstInvestigator: '李明', secondInvestigator: '赵丽', findings: '家中两人，情况与申报一致。' });
    await takeStep(base, investigator, trackingNumber, 'record-household-check', { result: 'within-limits', summary: '未发现超过规定的财产。' });
    await takeStep(base, await staffCookie(portal, 'reviewer'), trackingNumber, 'give-opinion', { opinion: '符合条件，建议按标准差额给予低保。', amountFen: '1700' });

    // The reviewer starts the notice from the workbench, the amount filled in from the aid.
    const reviewer = await staffPage('reviewer');
    await reviewer.goto(language.path(`/staff/cases/${trackingNumber}`));
    await expect(reviewer.getByTestId('aid-income-per-head')).toBeVisible();
    const notice = reviewer.locator('form').filter({ has: reviewer.locator('input[name="transition"][value="start-notice"]') });
    await expect(notice.locator('#start-notice-amountFen')).toHaveValue('1700');
    await notice.getByRole('button').click();
    await expect(reviewer.getByText(s.dibao.case.state['under-notice'], { exact: true }).first()).toBeVisible();

    // On the community's board: the name masked, nothing else of the household.
    await page.goto(language.path('/notices/relief/heping-community/notice'));
    const row = page.locator('table.public-entries tbody tr').filter({ hasText: '王*' });
    await expect(row).toHaveCount(1);
    await expect(page.locator('main')).not.toContainText('王秀兰');

    // The notice is over (moved back in the server's database, whose clock is real); the township decides.
    const yesterday = addDays(chinaToday(), -1);
    const database = new DatabaseSync(join(portal.dataDir, 'portal.sqlite'), { timeout: 5000 });
    try {
      const caseId = (database.prepare('select id from cases where tracking_number = ?').get(trackingNumber.replaceAll('-', '')) as { id: string }).id;
      database.prepare("update public_entries set from_day = ?, to_day = ? where case_id = ? and list = 'notice'").run(addDays(yesterday, -7), yesterday, caseId);
      database.prepare('update cases set periods_json = ?, periods_end_on = ? where id = ?').run(JSON.stringify([{ key: 'notice', from: addDays(yesterday, -6), to: yesterday }]), yesterday, caseId);
    } finally {
      database.close();
    }
    await page.reload();
    await expect(page.locator('table.public-entries tbody tr').filter({ hasText: '王*' })).toHaveCount(0);
    await reviewer.reload();
    await reviewer.locator('form').filter({ has: reviewer.locator('input[name="transition"][value="refer-to-township"]') }).getByRole('button').click();
    const approver = await staffPage('approver');
    await approver.goto(language.path(`/staff/cases/${trackingNumber}`));
    const approve = approver.locator('form').filter({ has: approver.locator('input[name="transition"][value="approve"]') });
    await expect(approve.locator('#approve-amountFen')).toHaveValue('1700');
    await approve.locator('#approve-reason').fill('经调查、核对和公示，符合低保条件。');
    await approve.getByRole('button').click();
    await expect(approver.getByText(s.dibao.case.state.approved, { exact: true }).first()).toBeVisible();
    await page.goto(language.path('/notices/relief/heping-community/announcement'));
    await expect(page.locator('table.public-entries tbody tr').filter({ hasText: '王*' }).first()).toBeVisible();
  });
  test(`In ${language.name}, the office asks once for what is missing and the household sends it from the status page`, { tag: ['@journey'] }, async ({ page, staffPage, baseURL, people }) => {
    const n = people();
    const response = await fetch(`${baseURL ?? ''}/api/v1/services/${RELIEF_SERVICES.dibao}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reliefApplication('dibao', n)) });
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    // 一次性告知: everything missing, in one request, from the workbench.
    const clerk = await staffPage('intake');
    await clerk.goto(language.path(`/staff/cases/${trackingNumber}`));
    const request = clerk.locator('form').filter({ has: clerk.locator('input[name="transition"][value="request-documents"]') });
    await request.locator('#request-documents-documents').fill('孩子的残疾人证复印件');
    await request.getByRole('button').click();
    await expect(clerk.getByText(s.dibao.case.state['awaiting-documents'], { exact: true }).first()).toBeVisible();

    // The household answers on the status page with a photo; the case goes back to the office.
    await page.goto(language.path(`/track?number=${trackingNumber}`));
    await page.getByLabel(s.track.secondFactor).fill(reliefPeople(n).applicant.idNumber);
    await page.getByRole('button', { name: s.track.submit }).click();
    await expect(page.getByTestId('documents-requested')).toHaveText('孩子的残疾人证复印件');
    await page.locator('input[type="file"][name="files"]').setInputFiles({ name: 'disability-card.png', mimeType: 'image/png', buffer: await readFile(SCAN) });
    await page.getByRole('button', { name: s.track.supplement.button }).click();
    await expect(page.getByRole('status')).toHaveText(s.track.supplement.received);

    // The clerk sees the photo where the case's files are listed.
    await clerk.reload();
    await expect(clerk.getByTestId('case-files').locator('img.case-file-image')).toHaveAttribute('alt', language.t(s.workbench.files.image, { name: 'disability-card.png' }));
  });
}


{
  const language = english;
  const s = language.strings;

  test(`In ${language.name}, an application for 低保 saved half-way is finished on another device with its document`, { tag: ['@journey', '@no-js'] }, async ({ page, browser, baseURL, people, withDraft, javaScriptEnabled }) => {
    const n = people();
    const answers = Object.fromEntries(Object.entries(reliefAnswers('dibao', n)).filter(([key]) => !key.startsWith('files.') && key !== 'closeRelative' && key !== 'commitment'));
    await withDraft(page, 'minimum-living-allowance', answers);
    await page.goto(language.path('/apply/minimum-living-allowance/task-list'));
    await expect(heading(page)).toHaveText(s.application.dibao.step['task-list'].title);
    const { other, elsewhere } = await resumeElsewhere(page, browser, baseURL ?? '', javaScriptEnabled, language, answers['applicant.idNumber'] ?? '');
    await finishApplication(other, language);
    await elsewhere.close();
  });

  test('In English, a township officer grants 临时救助 at once (先行救助) within the district’s cap, and the case goes on to its paperwork', { tag: ['@journey'] }, async ({ staffPage, baseURL, people }) => {
  const base = baseURL ?? '';
  const response = await fetch(`${base}/api/v1/services/${RELIEF_SERVICES.temporary}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reliefApplication('temporary', people())) });
  const { trackingNumber } = (await response.json()) as { trackingNumber: string };
  const officer = await staffPage('intake');
  await officer.goto(language.path(`/staff/cases/${trackingNumber}`));
  const grant = () => officer.locator('form').filter({ has: officer.locator('input[name="transition"][value="grant-advance"]') });
  // Over the demo district's cap of 3,000: refused next to the amount, what was typed kept.
  await grant().locator('#grant-advance-amountFen').fill('5000');
  await grant().locator('#grant-advance-help').fill('发放临时生活费和棉被。');
  await grant().getByRole('button').click();
  await expect(officer.getByRole('alert')).toBeVisible();
  await expect(grant().locator('#grant-advance-help')).toHaveValue('发放临时生活费和棉被。');
  await grant().locator('#grant-advance-amountFen').fill('2000');
  await grant().getByRole('button').click();
  await expect(officer.getByText(s.temporary.case.state['advance-granted'], { exact: true }).first()).toBeVisible();
  const explain = officer.locator('form').filter({ has: officer.locator('input[name="transition"][value="explain-advance"]') });
  await expect(explain).toHaveCount(1);
});
}
