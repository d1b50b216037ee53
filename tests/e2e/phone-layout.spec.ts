/**
 * On a phone (the `phone` project runs the tests tagged @phone, on a Pixel 7 screen): pages fit the
 * width of the screen, in the standard view and in elder mode's larger text, the elder-mode switch
 * is within reach and large enough to tap, and the booking's office step keeps each office's
 * details readable with a phone link tall enough to tap.
 */
import type { Page } from '@playwright/test';
import { DEMO_REGISTRY_OFFICES } from '../../api/services/marriage/offices.ts';
import { demoOffice, LANGUAGES } from '../support/site.ts';
import { expect, test } from './support/fixtures.ts';

async function expectNoSidewaysScrolling(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
}

for (const language of LANGUAGES) {
  const s = language.strings;

  test(`In ${language.name}, on a phone, the home page and a guide fit the screen width, in the standard view and in elder mode, whose switch is within reach`, { tag: '@phone' }, async ({ page }) => {
    for (const path of ['/', '/guides/minimum-living-allowance']) {
      await page.goto(language.path(path));
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
    }
  });

  test(`In ${language.name}, on a phone, the booking's office step fits the screen width, with each office's details under its name`, { tag: '@phone' }, async ({ page, withDraft }) => {
    await withDraft(page, 'marriage-appointment', { kind: 'marriage' });
    await page.goto(language.path('/book/marriage/office'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.office.title);
    const text = demoOffice(language, 'demo-district-registry');
    const choice = page.locator('.office-choice').filter({ has: page.getByRole('radio', { name: text.name, exact: true }) });
    await expect(choice.getByText(text.accessibility[0] ?? '', { exact: true })).toBeVisible();
    await expectNoSidewaysScrolling(page);
    const phone = await choice.getByRole('link', { name: DEMO_REGISTRY_OFFICES[0]?.phone ?? '', exact: true }).boundingBox();
    expect(phone?.height ?? 0, 'a phone link tall enough to tap').toBeGreaterThanOrEqual(24);
  });
}
