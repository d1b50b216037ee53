/**
 * Elder mode (长辈版) makes the text large: at least 20 px in elder mode, smaller in the standard
 * view, the printable guide included. The switch itself (a plain form, remembered by a cookie, the
 * plainer wording) is tested without a browser in tests/html/elder-mode.test.ts; only the computed
 * size needs one.
 */
import type { Page } from '@playwright/test';
import { LANGUAGES } from '../support/site.ts';
import { elderCookie, expect, test } from './support/fixtures.ts';

const ELDER_MIN_FONT_PX = 20;

const bodyFontSize = (page: Page) => page.locator('body').evaluate((body) => parseFloat(getComputedStyle(body).fontSize));

for (const language of LANGUAGES) {
  test(`In ${language.name}, text is at least ${ELDER_MIN_FONT_PX}px in elder mode and smaller without it, on a guide and its printable version`, async ({ page, baseURL }) => {
    for (const path of ['/guides/minimum-living-allowance', '/guides/marriage-registration/print']) {
      await page.goto(language.path(path));
      expect(await bodyFontSize(page), `${path} in the standard view`).toBeLessThan(ELDER_MIN_FONT_PX);
    }
    await page.context().addCookies([elderCookie(baseURL ?? '')]);
    for (const path of ['/guides/minimum-living-allowance', '/guides/marriage-registration/print']) {
      await page.goto(language.path(path));
      await expect(page.locator('html')).toHaveClass(/(^|\s)elder(\s|$)/);
      expect(await bodyFontSize(page), `${path} in elder mode`).toBeGreaterThanOrEqual(ELDER_MIN_FONT_PX);
    }
  });
}
