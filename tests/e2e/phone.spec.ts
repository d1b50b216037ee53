/**
 * On a phone (the `phone` project runs the tests tagged @phone, on a Pixel 7 screen): pages fit the
 * width of the screen, in the standard view and in elder mode's larger text, and the elder-mode
 * switch is within reach.
 */
import { expect, test, type Page } from '@playwright/test';
import { LANGUAGES } from './support/portal.ts';

async function expectNoSidewaysScrolling(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
}

for (const language of LANGUAGES) {
  const s = language.strings;

  test.describe(`In ${language.name}, on a phone`, { tag: '@phone' }, () => {

    for (const [name, path] of [
      ['the home page', '/'],
      ['a guide', '/guides/minimum-living-allowance'],
    ]) {
      test(`${name} fits the screen width, in the standard view and in elder mode, whose switch is within reach`, async ({ page }) => {
        await page.goto(language.path(path ?? '/'));
        await expectNoSidewaysScrolling(page);

        const switchOn = page.getByRole('banner').getByRole('button', { name: s.elder.switchOn, exact: true });
        await expect(switchOn).toBeInViewport();
        await switchOn.click();
        await expect(page.locator('html')).toHaveClass(/(^|\s)elder(\s|$)/);
        await expectNoSidewaysScrolling(page);

        const switchOff = page.getByRole('banner').getByRole('button', { name: s.elder.switchOff, exact: true });
        await expect(switchOff).toBeInViewport();
        const box = await switchOff.boundingBox();
        expect(box?.height ?? 0, 'a touch target of at least 44px').toBeGreaterThanOrEqual(44);
        await switchOff.click();
        await expect(page.locator('html')).not.toHaveClass(/(^|\s)elder(\s|$)/);
      });
    }
  });
}
