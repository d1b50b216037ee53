/**
 * Elder mode (长辈版) makes the text large: at least 20 px in elder mode, smaller in the standard
 * view, the printable guide included; and every text on the page, not only the body's (the guide's
 * meta line was 15 px and its main button 18 px). The switch itself (a plain form, remembered by a cookie, the
 * plainer wording) is tested without a browser in tests/html/elder-mode.test.ts; only the computed
 * size needs one.
 */
import type { Page } from '@playwright/test';
import { LANGUAGES } from '../support/site.ts';
import { elderCookie, expect, test } from './support/fixtures.ts';

const ELDER_MIN_FONT_PX = 20;

const bodyFontSize = (page: Page) => page.locator('body').evaluate((body) => parseFloat(getComputedStyle(body).fontSize));

/**
 * Every piece of text a reader can see on the page that is drawn smaller than `min` px: its element,
 * its size and its words. Text in a visually hidden element (a 1px box, for screen readers) is not seen.
 */
function smallTexts(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minPx) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const element = node.parentElement;
      if (!text || !element || ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(element.tagName)) continue;
      if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < minPx) found.push(`<${element.tagName.toLowerCase()} class="${element.className}"> ${size}px: ${text.slice(0, 40)}`);
    }
    return found;
  }, min);
}

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

for (const language of LANGUAGES) {
  test(`In ${language.name}, elder mode draws every text at ${ELDER_MIN_FONT_PX}px or more: a guide (its meta line, main button, urgent numbers and table), the services list and the booking calendar`, async ({ page, baseURL, withDraft }) => {
    await page.context().addCookies([elderCookie(baseURL ?? '')]);
    for (const path of ['/guides/basic-funeral-services', '/services']) {
      await page.goto(language.path(path));
      await expect(page.locator('html')).toHaveClass(/(^|\s)elder(\s|$)/);
      expect(await smallTexts(page, ELDER_MIN_FONT_PX), path).toEqual([]);
    }
    await withDraft(page, 'marriage-appointment', { kind: 'marriage', office: 'demo-county-registry' });
    await page.goto(language.path('/book/marriage/date'));
    await expect(page.getByRole('grid')).toBeVisible();
    expect(await smallTexts(page, ELDER_MIN_FONT_PX), 'the date step with its calendar').toEqual([]);
  });
}
