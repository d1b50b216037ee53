/**
 * The whole 高龄津贴 case, across the two sides: an application → the staff (intake, reviewer,
 * approver) open it from their queue and act on it with plain forms → the applicant sees each step
 * on the progress page and the text messages were recorded. Also 补正 (a request for documents,
 * answered), a stale page, and a bad field.
 */
import { expect, test, type Page } from '@playwright/test';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES, applyOnline, exactly, expectNoAxeViolations, type Language } from './support/portal.ts';
import { signIn } from './support/staff.ts';

function workbench(page: Page, language: Language) {
  const s = language.strings;
  return {
    /** Signs in and opens the case: typed into the workbench's "find" form as read out on the phone, or by its address. */
    async open(role: StaffRole, trackingNumber: string, from: 'find' | 'address' = 'address') {
      await signIn(page, language, role);
      if (from === 'find') {
        await page.getByLabel(s.workbench.findLabel, { exact: true }).fill(trackingNumber.replaceAll('-', ' ').toLowerCase());
        await page.getByRole('button', { name: s.workbench.findButton }).click();
      } else await page.goto(language.path(`/staff/cases/${trackingNumber}`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.workbench.caseTitle, { trackingNumber }));
    },
    action: (name: keyof typeof s.workbench.action) => page.getByRole('button', { name: exactly(s.workbench.action[name]) }),
    async take(name: keyof typeof s.workbench.action, fields: Record<string, string> = {}) {
      const form = page.locator('form.action-form').filter({ has: page.getByRole('button', { name: exactly(s.workbench.action[name]) }) });
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
      await form.getByRole('button', { name: exactly(s.workbench.action[name]) }).click();
    },
    async signOut() {
      await page.goto(language.path('/staff'));
      await page.getByRole('button', { name: exactly(s.staff.home.signOut) }).click();
    },
  };
}

async function trackOnPage(page: Page, language: Language, trackingNumber: string) {
  const s = language.strings;
  await page.goto(language.path('/track'));
  await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
  await page.getByLabel(s.track.secondFactor).fill(ELDER_ID);
  await page.getByRole('button', { name: s.track.submit }).click();
}

const label = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

for (const language of LANGUAGES) {
  const s = language.strings;
  test.describe(`In ${language.name}, a case`, () => {
    test('goes from application to approval through intake, review and approval; the applicant sees the decision and was sent a text at each step', async ({ page, request }) => {
      // Three staff members and the applicant, one after the other: a long test.
      test.slow();
      const trackingNumber = await applyOnline(request, language.code);
      const w = workbench(page, language);

      await w.open('intake', trackingNumber, 'find');
      await expect(page.getByText('1101**********' + ELDER_ID.slice(-4))).toBeVisible();
      await expect(w.action('review')).toHaveCount(0);
      await w.take('accept');
      await expect(page.getByRole('status')).toHaveText(language.t(s.workbench.done, { action: s.workbench.action.accept }));
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.accepted);
      await w.signOut();

      await w.open('reviewer', trackingNumber);
      await w.take('review');
      await w.signOut();

      await w.open('approver', trackingNumber);
      await w.take('approve', { [label(s.fields.monthlyAmount)]: '300', [label(s.fields.firstMonth)]: '2027-01' });
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.approved);
      await expect(page.getByText(s.workbench.noActions)).toBeVisible();
      await w.signOut();

      await trackOnPage(page, language, trackingNumber);
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.approved);
      await expect(page.getByText(s.caseNextStep.approved)).toBeVisible();
      await expect(page.getByText(`${label(s.fields.monthlyAmount)}${s.punctuation.colon}300`)).toBeVisible();

      const decision = language.t(s.notifications.case.approved, { trackingNumber, monthlyAmount: 300, firstMonth: '2027-01' });
      await expect(async () => {
        await page.goto(language.path('/dev/outbox'));
        await expect(page.getByRole('cell', { name: decision })).toBeVisible({ timeout: 500 });
      }).toPass({ timeout: 15_000 });
      for (const template of ['submitted', 'accepted', 'reviewed'] as const) {
        await expect(page.getByRole('cell', { name: language.t(s.notifications.case[template], { trackingNumber }) })).toBeVisible();
      }
    });

    test('waits for documents (补正): the applicant is told what to bring, and the case resumes when they arrive', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request, language.code);
      const w = workbench(page, language);
      const documents = language.code === 'zh-CN' ? '老人本人银行卡的复印件' : 'A copy of the older person’s bank card';
      await w.open('intake', trackingNumber);
      await w.take('accept');
      await w.take('request-documents', { [label(s.fields.documents)]: documents });
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState['awaiting-documents']);
      await expect(page.getByText(s.staff.queue.dueStatus.paused)).toBeVisible();
      await w.signOut();

      await trackOnPage(page, language, trackingNumber);
      await expect(page.getByText(s.track.paused)).toBeVisible();
      await expect(page.getByTestId('documents-requested')).toHaveText(documents);

      await w.open('intake', trackingNumber);
      await w.take('provide-documents');
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.accepted);
      await w.signOut();
      await trackOnPage(page, language, trackingNumber);
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.accepted);
      await expect(page.getByTestId('documents-requested')).toHaveCount(0);
    });

    test('refuses an action from a page read before someone else acted, and says to reload', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request, language.code);
      const w = workbench(page, language);
      await w.open('intake', trackingNumber);
      // A second tab of the same member acts first.
      const other = await page.context().newPage();
      await other.goto(page.url());
      await other.locator('form.action-form').filter({ has: other.getByRole('button', { name: exactly(s.workbench.action.accept) }) }).getByRole('button').click();
      await expect(other.getByRole('status')).toBeVisible();
      await w.take('not-accept', { [label(s.fields.reason)]: language.code === 'zh-CN' ? '户籍不在本区' : 'Not registered in this district' });
      await expect(page.getByRole('alert')).toContainText(s.errors.workbench.changed);
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.accepted);
    });

    test('explains a missing reason next to the field and keeps the other answers', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request, language.code);
      const w = workbench(page, language);
      await w.open('intake', trackingNumber);
      await w.take('not-accept', { [label(s.fields.reason)]: 'x' });
      await expect(page).toHaveTitle(new RegExp(`^${s.errors.title}`));
      await expect(page.locator('#not-accept-reason-error')).toContainText(language.t(s.errors.field.tooShort, { field: s.fields.reason, min: 2 }).replace(/^./, (c) => c.toUpperCase()));
      await expect(page.locator('#not-accept-reason')).toHaveValue('x');
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.submitted);
    });

    test('shows whole personal values only on request, and says the look is recorded', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request, language.code);
      const w = workbench(page, language);
      await w.open('intake', trackingNumber);
      await expect(page.getByText(ELDER_ID)).toHaveCount(0);
      await page.getByRole('button', { name: s.workbench.reveal }).click();
      await expect(page.getByText(ELDER_ID)).toBeVisible();
      await expect(page.getByRole('status')).toHaveText(s.workbench.revealed);
    });

    test('pages have no axe violations', { tag: '@needs-js' }, async ({ page, request }) => {
      const trackingNumber = await applyOnline(request, language.code);
      const w = workbench(page, language);
      await w.open('approver', trackingNumber);
      await expectNoAxeViolations(page, 'case page');
      await w.signOut();
      await w.open('intake', trackingNumber);
      await w.take('not-accept');
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'case page with an error');
    });
  });
}
