/**
 * Choosing a registry office on the booking's office step: one radio per office, named by the
 * office's name, with its address, opening hours, phone (a tel: link), a map link that says it opens
 * another website, and its access notes; an office designated for 涉外、涉港澳台 registrations is
 * marked as such; each radio is described by that mark, the address and the opening hours. In both languages, with and without JavaScript; no axe violations, in elder mode too; on a
 * phone it fits the screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_REGISTRY_OFFICES } from '../../api/services/marriage/offices.ts';
import { LANGUAGES, demoOffice, elderCookie, escapeRegExp, expectNoAxeViolations, mapLinkName, type Language } from './support/portal.ts';

/** Every demo office opens the same hours, and follows the working-day calendar. */
const HOURS = {
  'zh-CN': ['周一至周五 09:00–12:00，13:30–17:00', '法定节假日休息，调休上班日照常办公'],
  en: ['Monday to Friday 09:00–12:00, 13:30–17:00', 'Closed on public holidays; open on the weekend days worked in exchange'],
};

async function officeStep(page: Page, language: Language) {
  const s = language.strings;
  await page.goto(language.path('/book/marriage'));
  await page.getByRole('button', { name: s.booking.start.button }).click();
  await page.getByLabel(s.marriage.kind.marriage, { exact: true }).check();
  await page.getByRole('button', { name: s.application.continue }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.office.title);
}

for (const language of LANGUAGES) {
  const s = language.strings;

  test.describe(`In ${language.name}, the booking's office step`, () => {
    test('shows each office’s address, opening hours, phone, map link and access notes under its name, and the one chosen is booked', async ({ page }) => {
      await officeStep(page, language);
      await expect(page.getByRole('radio')).toHaveCount(DEMO_REGISTRY_OFFICES.length);
      for (const office of DEMO_REGISTRY_OFFICES) {
        const text = demoOffice(language, office.id);
        const radio = page.getByRole('radio', { name: text.name, exact: true });
        const choice = page.locator('.office-choice').filter({ has: radio });
        await expect(choice).toContainText(text.address);
        for (const line of HOURS[language.code]) await expect(choice).toContainText(line);
        // What tells the offices apart while moving between radios: the address and the hours.
        await expect(radio).toHaveAccessibleDescription(new RegExp(`${escapeRegExp(text.address)}.*${escapeRegExp(HOURS[language.code][0] ?? '')}`));
        await expect(choice.getByRole('link', { name: office.phone, exact: true })).toHaveAttribute('href', `tel:${office.phone.replaceAll('-', '')}`);
        await expect(choice.getByRole('link', { name: mapLinkName(language, text.name) })).toHaveAttribute('href', office.mapUrl);
        await expect(choice.getByRole('listitem')).toHaveText(text.accessibility);
        // Only the designated office says it registers foreigners and residents of Hong Kong, Macao and Taiwan.
        if (office.handlesForeign) {
          await expect(choice).toContainText(s.booking.office.handlesForeign);
          await expect(radio).toHaveAccessibleDescription(new RegExp(`^${escapeRegExp(s.booking.office.handlesForeign)}`));
        } else await expect(choice).not.toContainText(s.booking.office.handlesForeign);
      }
      // The message for a document only designated offices take points at this mark.
      expect(s.errors.marriage.designatedOffice).toContain(s.booking.office.handlesForeign);

      const city = demoOffice(language, 'demo-city-north-registry');
      await page.getByRole('radio', { name: city.name, exact: true }).check();
      await page.getByRole('button', { name: s.application.continue }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.date.title);
      await page.getByRole('link', { name: s.application.back }).click();
      await expect(page.getByRole('radio', { name: city.name, exact: true })).toBeChecked();
    });

    test('has no axe violations, in elder mode too', { tag: '@needs-js' }, async ({ page, context, baseURL }) => {
      await officeStep(page, language);
      await expectNoAxeViolations(page, 'office step');
      await context.addCookies([elderCookie(baseURL ?? '')]);
      await page.reload();
      await expect(page.locator('html')).toHaveClass(/(^|\s)elder(\s|$)/);
      await expectNoAxeViolations(page, 'office step, elder mode');
    });
  });

  test.describe(`In ${language.name}, on a phone, the booking's office step`, { tag: '@phone' }, () => {
    test('fits the screen width, with each office’s details under its name', async ({ page }) => {
      await officeStep(page, language);
      const text = demoOffice(language, 'demo-district-registry');
      const choice = page.locator('.office-choice').filter({ has: page.getByRole('radio', { name: text.name, exact: true }) });
      await expect(choice.getByText(text.accessibility[0] ?? '', { exact: true })).toBeVisible();
      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      expect(scrollWidth, `the office step is ${scrollWidth}px wide on a ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
      const phone = await choice.getByRole('link', { name: DEMO_REGISTRY_OFFICES[0]?.phone ?? '', exact: true }).boundingBox();
      expect(phone?.height ?? 0, 'a phone link tall enough to tap').toBeGreaterThanOrEqual(24);
    });
  });
}
