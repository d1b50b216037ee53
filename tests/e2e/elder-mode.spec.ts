/**
 * Elder mode (长辈版): a switch on every page that is a plain form post, so it works without
 * JavaScript; it brings the reader back to the same page, in bigger text with plainer wording, and
 * is remembered (a cookie) until switched off. Each test has its own browser context, so its own
 * cookie.
 */
import { expect, test, type Page } from '@playwright/test';
import { guideFile, LANGUAGES, plainGuideText, type Language } from './support/portal.ts';

const ELDER_MIN_FONT_PX = 20;

async function bodyFontSize(page: Page): Promise<number> {
  return page.locator('body').evaluate((body) => parseFloat(getComputedStyle(body).fontSize));
}

function elderSwitch(page: Page, language: Language, on: boolean) {
  const s = language.strings.elder;
  return page.getByRole('banner').getByRole('button', { name: on ? s.switchOff : s.switchOn, exact: true });
}

async function expectElderMode(page: Page, language: Language, on: boolean) {
  const html = page.locator('html');
  if (on) await expect(html).toHaveClass(/(^|\s)elder(\s|$)/);
  else await expect(html).not.toHaveClass(/(^|\s)elder(\s|$)/);
  await expect(elderSwitch(page, language, on)).toBeVisible();
  await expect(page.getByText(language.strings.elder.onNotice)).toHaveCount(on ? 1 : 0);
  const size = await bodyFontSize(page);
  if (on) expect(size).toBeGreaterThanOrEqual(ELDER_MIN_FONT_PX);
  else expect(size).toBeLessThan(ELDER_MIN_FONT_PX);
}

for (const language of LANGUAGES) {
  const s = language.strings;

  test.describe(`In ${language.name}, elder mode`, () => {
    test('turns on from a guide, shows the plainer summary, is remembered on the next page, and turns off again', async ({ page }) => {
      const guide = guideFile(language, 'minimum-living-allowance');
      const guidePath = language.path(`/guides/${guide.slug}`);
      expect(guide.summaryPlain, 'this guide has a plainer summary').toBeTruthy();
      const summary = page.getByRole('main').locator('.lead');

      await page.goto(guidePath);
      await expectElderMode(page, language, false);
      await expect(elderSwitch(page, language, false)).toHaveAccessibleDescription(s.elder.switchOnHint);
      await expect(summary).toHaveText(plainGuideText(guide.summary));

      const posted = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/preferences');
      await elderSwitch(page, language, false).click();
      expect((await posted).postDataJSON()).toEqual({ elder: '1', return: guidePath });
      await expect(page).toHaveURL(guidePath);
      await expectElderMode(page, language, true);
      await expect(elderSwitch(page, language, true)).toHaveAccessibleDescription(s.elder.switchOffHint);
      await expect(summary).toHaveText(plainGuideText(guide.summaryPlain ?? ''));

      await page.getByRole('navigation', { name: s.nav.label }).getByRole('link', { name: s.nav.home }).click();
      await expect(page).toHaveURL(language.path('/'));
      await expectElderMode(page, language, true);
      await expect(page.getByRole('main').locator('.lead')).toHaveText(s.home.lead_elder);

      await elderSwitch(page, language, true).click();
      await expect(page).toHaveURL(language.path('/'));
      await expectElderMode(page, language, false);
      await expect(page.getByRole('main').locator('.lead')).toHaveText(s.home.lead);

      await page.goto(guidePath);
      await expectElderMode(page, language, false);
      await expect(summary).toHaveText(plainGuideText(guide.summary));
    });

    test('switches on and off from every kind of page, each time returning the reader to that page', async ({ page }) => {
      const query = language.code === 'zh-CN' ? '低保' : 'dibao';
      const pages = ['/', '/services', `/search?q=${encodeURIComponent(query)}`, '/contact', '/no-such-page'];
      let on = false;
      for (const path of pages) {
        await page.goto(language.path(path));
        await expectElderMode(page, language, on);
        await elderSwitch(page, language, on).click();
        on = !on;
        await expect(page).toHaveURL(language.path(path));
        await expectElderMode(page, language, on);
      }
      // The printable view has no switch of its own, but prints large when elder mode is on.
      expect(on).toBe(true);
      await page.goto(language.path('/guides/marriage-registration/print'));
      await expect(page.locator('html')).toHaveClass(/(^|\s)elder(\s|$)/);
      expect(await bodyFontSize(page)).toBeGreaterThanOrEqual(ELDER_MIN_FONT_PX);
    });
  });
}
