/**
 * Public holidays for deadlines: staff are warned about a year without data, and a system admin
 * enters a year from the State Council's notice with a plain form (messages next to the fields).
 */
import { expect, test } from '@playwright/test';
import { LANGUAGES, exactly, expectNoAxeViolations } from './support/portal.ts';
import { signIn } from './support/staff.ts';

for (const language of LANGUAGES) {
  const s = language.strings;
  const label = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  // A far year of made-up figures: the real 2027 arrangement had not been published when this was written.
  const year = language.code === 'zh-CN' ? '2098' : '2099';

  test.describe(`In ${language.name}, public holidays`, () => {
    test('warn staff about next year while it has no data, and a system admin enters a year', async ({ page }) => {
      await signIn(page, language, 'system-admin');
      await expect(page.getByRole('note')).toContainText(language.t(s.holidays.missingWarning, { years: 2027 }));
      await page.getByRole('link', { name: s.holidays.missingLink }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.holidays.title);

      await page.getByLabel(label(s.fields.year), { exact: true }).fill(year);
      await page.getByLabel(label(s.fields.source), { exact: true }).fill('测试用的假想安排');
      await page.getByLabel(label(s.fields.holidays), { exact: true }).fill(`春节 ${year}-01-20 ${year}-01-28\n国庆节放七天`);
      await page.getByLabel(label(s.fields.makeUpWorkdays), { exact: true }).fill(`${year}-01-19`);
      await page.getByRole('button', { name: s.holidays.submit }).click();
      await expect(page.getByRole('alert')).toContainText(language.t(s.errors.holidays.line, { line: 2 }));
      await expect(page.getByLabel(label(s.fields.holidays), { exact: true })).toHaveValue(`春节 ${year}-01-20 ${year}-01-28\n国庆节放七天`);

      await page.getByLabel(label(s.fields.holidays), { exact: true }).fill(`春节 ${year}-01-20 ${year}-01-28\n国庆节 ${year}-10-01 ${year}-10-07`);
      await page.getByLabel(label(s.fields.makeUpWorkdays), { exact: true }).fill('');
      await page.getByRole('button', { name: s.holidays.submit }).click();
      await expect(page.getByRole('status')).toHaveText(language.t(s.holidays.saved, { year }));
      await expect(page.getByRole('listitem').filter({ has: page.locator('strong', { hasText: exactly(year) }) })).toContainText(language.t(s.holidays.holidayCount, { count: 2 }));
    });

    test('are shown to other staff without the form', async ({ page }) => {
      await signIn(page, language, 'intake');
      await page.goto(language.path('/staff/holidays'));
      await expect(page.getByRole('listitem').filter({ has: page.locator('strong', { hasText: exactly('2026') }) })).toContainText(s.holidays.shipped);
      await expect(page.getByRole('button', { name: s.holidays.submit })).toHaveCount(0);
    });

    test('page has no axe violations', { tag: '@needs-js' }, async ({ page }) => {
      await signIn(page, language, 'system-admin');
      await page.goto(language.path('/staff/holidays'));
      await expectNoAxeViolations(page, 'holidays');
      await page.getByRole('button', { name: s.holidays.submit }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'holidays with errors');
    });
  });
}
