/**
 * 查询办件进度: an applicant finds their application by its tracking number and their ID number
 * or phone, sees where it is and what comes next, and can withdraw it before a decision; a wrong
 * pair is told so without saying which half was wrong. Plain forms, with and without JavaScript.
 */
import { expect, test, type Page } from '@playwright/test';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES, applyOnline, expectNoAxeViolations, type Language } from './support/portal.ts';

async function lookUp(page: Page, language: Language, trackingNumber: string, secondFactor: string) {
  const s = language.strings;
  await page.goto(language.path('/track'));
  await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
  await page.getByLabel(s.track.secondFactor).fill(secondFactor);
  await page.getByRole('button', { name: s.track.submit }).click();
}

for (const language of LANGUAGES) {
  const s = language.strings;
  test.describe(`In ${language.name}, the progress page`, () => {
    test('is reached from the home page and shows state, next step, due date and timeline', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request);
      await page.goto(language.path('/'));
      await page.getByRole('main').getByRole('link', { name: s.home.topTask.track }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.track.title);
      await lookUp(page, language, trackingNumber.toLowerCase(), '138 1234 5678');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.track.result, { trackingNumber }));
      await expect(page.getByText(s.caseState.submitted, { exact: true })).toBeVisible();
      await expect(page.getByText(s.caseNextStep.submitted)).toBeVisible();
      await expect(page.getByText(s.caseEvent.submit, { exact: true })).toBeVisible();
      await expect(page.getByText(new RegExp(language.t(s.track.dueBy, { date: '.+' })))).toBeVisible();
    });

    test('says a wrong pair does not match, keeps what was typed, and never says which half was wrong', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request);
      await lookUp(page, language, trackingNumber, '13900000000');
      await expect(page).toHaveTitle(new RegExp(`^${s.errors.title}`));
      await expect(page.getByRole('alert')).toContainText(s.errors.track.noMatch);
      await expect(page.getByLabel(s.track.trackingNumber)).toHaveValue(trackingNumber);
      await expect(page.getByLabel(s.track.secondFactor)).toHaveValue('13900000000');
    });

    test('explains a mistyped tracking number next to the field', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request);
      const typo = trackingNumber.slice(0, -1) + (trackingNumber.endsWith('2') ? '3' : '2');
      await lookUp(page, language, typo, ELDER_ID);
      await expect(page.getByLabel(s.track.trackingNumber)).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText(s.errors.track.checkCharacter).first()).toBeVisible();
    });

    test('lets the applicant withdraw after confirming, and then offers it no more', async ({ page, request }) => {
      const trackingNumber = await applyOnline(request);
      await lookUp(page, language, trackingNumber, ELDER_ID);
      await page.getByRole('button', { name: s.track.withdrawButton }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.track.withdrawConfirmTitle, { trackingNumber }));
      await page.getByRole('button', { name: s.track.withdrawConfirmYes }).click();
      await expect(page.getByRole('status')).toHaveText(s.track.withdrawn);
      await expect(page.getByText(s.caseState.withdrawn, { exact: true })).toBeVisible();
      await expect(page.getByText(s.caseEvent.withdraw, { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: s.track.withdrawButton })).toHaveCount(0);
    });

    test('has no axe violations, empty, with an error and with a result', { tag: '@needs-js' }, async ({ page, request }) => {
      const trackingNumber = await applyOnline(request);
      await page.goto(language.path('/track'));
      await expectNoAxeViolations(page, 'empty');
      await lookUp(page, language, trackingNumber, '13900000000');
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'no match');
      await lookUp(page, language, trackingNumber, ELDER_ID);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.track.result, { trackingNumber }));
      await expectNoAxeViolations(page, 'result');
    });
  });
}
