/**
 * Staff sign-in: a plain form (works without JavaScript), errors next to the fields with the
 * username kept, the workbench front page, and signing out.
 */
import { expect, test } from '@playwright/test';
import { demoUsername } from '../../api/staff/demo-accounts.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { LANGUAGES, applyOnline, exactly, expectNoAxeViolations } from './support/portal.ts';
import { signIn } from './support/staff.ts';

for (const language of LANGUAGES) {
  const s = language.strings;
  // Each language signs in with accounts of its own, so parallel tests never share a lockout count.
  const [member, mistaken]: [StaffRole, StaffRole] = language.code === 'zh-CN' ? ['intake', 'investigator'] : ['reviewer', 'content-editor'];

  test.describe(`In ${language.name}, staff`, () => {
    test('sign in, see who they are and what they may do, and sign out', async ({ page }) => {
      await signIn(page, language, member);
      await expect(page).toHaveURL(new RegExp(`${language.path('/staff')}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.staff.home.title);
      await expect(page.getByText(language.t(s.staff.home.signedInAs, { name: `Demo ${member}` }))).toBeVisible();
      await expect(page.getByText(exactly(s.staff.role[member]))).toBeVisible();

      await page.getByRole('button', { name: exactly(s.staff.home.signOut) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.staff.signIn.title);
      await page.goto(language.path('/staff'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.staff.signIn.title);
    });

    test('see the cases of their office in the queue, longest waiting first, and filter them by time limit', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request);
      await signIn(page, language, member);
      const queue = page.getByRole('region', { name: s.staff.queue.title });
      await queue.getByLabel(s.staff.queue.filterState).selectOption('submitted');
      await queue.getByRole('button', { name: s.staff.queue.apply }).click();
      await expect(page).toHaveURL(/state=submitted/);
      // The newest application waits behind all the older ones: it is on the last page (the address
      // asks for a page past the end), or just before it when other tests applied since.
      await page.goto(`${page.url().replace(/&?page=\d+/, '')}&page=9999`);
      for (let back = 0; back < 3 && (await queue.getByRole('rowheader', { name: trackingNumber }).count()) === 0; back += 1) {
        await queue.getByRole('link', { name: s.staff.queue.previous }).click();
      }
      await expect(queue.getByRole('row').filter({ hasText: trackingNumber })).toContainText(s.caseState.submitted);
      await queue.getByLabel(s.staff.queue.filterDue).selectOption('overdue');
      await queue.getByRole('button', { name: s.staff.queue.apply }).click();
      await expect(page.getByRole('region', { name: s.staff.queue.title }).getByRole('rowheader', { name: trackingNumber })).toHaveCount(0);
    });

    test('open a case by its number as a caller reads it out, and are told when there is no such case', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request);
      await signIn(page, language, member);
      await page.getByLabel(s.workbench.findLabel, { exact: true }).fill(trackingNumber.replaceAll('-', '').toLowerCase());
      await page.getByRole('button', { name: s.workbench.findButton }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.workbench.caseTitle, { trackingNumber }));
      await page.goto(language.path('/staff'));
      await page.getByLabel(s.workbench.findLabel, { exact: true }).fill('2222-2222-222');
      await page.getByRole('button', { name: s.workbench.findButton }).click();
      await expect(page.getByText(s.errors.workbench.notFound)).toBeVisible();
    });

    test('are told when the password is wrong, with the username kept and the password not', async ({ page }) => {
      await signIn(page, language, mistaken, 'not-the-password');
      await expect(page).toHaveTitle(new RegExp(`^${s.errors.title}`));
      await expect(page.getByRole('alert')).toContainText(s.staff.signIn.invalid);
      await expect(page.getByLabel(s.staff.signIn.username)).toHaveValue(demoUsername(mistaken));
      await expect(page.getByLabel(s.staff.signIn.password)).toHaveValue('');
    });

    test('are told which field is missing when the form is empty', async ({ page }) => {
      await page.goto(language.path('/staff/sign-in'));
      await page.getByRole('button', { name: s.staff.signIn.submit }).click();
      const summary = page.getByRole('alert');
      await expect(summary.getByRole('link', { name: s.errors.signIn.usernameRequired })).toHaveAttribute('href', '#username');
      await expect(summary.getByRole('link', { name: s.errors.signIn.passwordRequired })).toHaveAttribute('href', '#password');
      await expect(page.getByLabel(s.staff.signIn.username)).toHaveAttribute('aria-invalid', 'true');
    });

    test('pages have no axe violations', { tag: '@needs-js' }, async ({ page }) => {
      await page.goto(language.path('/staff/sign-in'));
      await expectNoAxeViolations(page, 'sign-in');
      await page.getByRole('button', { name: s.staff.signIn.submit }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'sign-in with errors');
      await signIn(page, language, 'approver');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.staff.home.title);
      await expectNoAxeViolations(page, 'workbench');
    });
  });
}
