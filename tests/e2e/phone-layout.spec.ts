/**
 * On a phone (the `phone` project runs the tests tagged @phone, on a Pixel 7 screen): pages fit the
 * width of the screen, in the standard view and in elder mode's larger text, the elder-mode switch
 * is within reach and large enough to tap, and the booking's office step keeps each office's
 * details readable with a phone link tall enough to tap. At 360px the tracking number stays on one
 * line (it broke at a hyphen), the materials table stacks into a block per material (it squeezed
 * five columns to a character a line), and elder mode lists the days to book instead of a month
 * grid too narrow for 20px words. On a desktop, the tracking number sits in the middle of its panel.
 */
import type { Page } from '@playwright/test';
import { DEMO_REGISTRY_OFFICES } from '../../api/services/marriage/offices.ts';
import { demoOffice, LANGUAGES } from '../support/site.ts';
import { elderCookie, expect, test } from './support/fixtures.ts';

/** The smallest phone the portal is laid out for. */
const NARROW = { width: 360, height: 740 };

/** How many lines an element's text is drawn on (its line boxes' distinct tops). */
function lineCount(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
  });
}

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

const SUBMITTED = { trackingNumber: '7KQ4-M9XH-2CP', acceptanceDue: null, smsTo: '139****5678' };

for (const language of LANGUAGES) {
  test(`In ${language.name}, at 360px the tracking number stays on one line, in the standard view and in elder mode`, { tag: '@phone' }, async ({ page, baseURL, withDraft }) => {
    await page.setViewportSize(NARROW);
    await withDraft(page, 'old-age-allowance', {}, SUBMITTED);
    await page.goto(language.path('/apply/old-age-allowance/confirmation'));
    await expect(page.getByTestId('tracking-number')).toHaveText(SUBMITTED.trackingNumber);
    expect(await lineCount(page, '[data-testid="tracking-number"]')).toBe(1);
    await expectNoSidewaysScrolling(page);
    await page.context().addCookies([elderCookie(baseURL ?? '')]);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/(^|\s)elder(\s|$)/);
    expect(await lineCount(page, '[data-testid="tracking-number"]'), 'in elder mode').toBe(1);
    await expectNoSidewaysScrolling(page);
  });

  test(`In ${language.name}, at 360px a guide's materials table stacks: each material a block, each value under its column's name`, { tag: '@phone' }, async ({ page }) => {
    await page.setViewportSize(NARROW);
    await page.goto(language.path('/guides/basic-funeral-services'));
    const table = page.locator('table.materials-table');
    await expect(table.locator('caption')).toBeVisible();
    const tableWidth = await table.evaluate((element) => element.getBoundingClientRect().width);
    const cells = await table
      .locator('tbody td')
      .evaluateAll((tds) => tds.map((td) => ({ display: getComputedStyle(td).display, width: td.getBoundingClientRect().width, label: getComputedStyle(td, '::before').content })));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell.display).toBe('block');
      // The whole width of the table, not a fifth of it.
      expect(cell.width).toBeGreaterThan(tableWidth * 0.9);
      expect(cell.label).not.toBe('none');
    }
    await expectNoSidewaysScrolling(page);
  });

  test(`In ${language.name}, on a phone in elder mode, the booking's date step lists the days to choose instead of a month grid`, { tag: '@phone' }, async ({ page, baseURL, withDraft }) => {
    await page.context().addCookies([elderCookie(baseURL ?? '')]);
    await withDraft(page, 'marriage-appointment', { kind: 'marriage', office: 'demo-county-registry' });
    await page.goto(language.path('/book/marriage/date'));
    await expect(page.locator('fieldset.calendar-active')).toHaveCount(1);
    await expect(page.getByRole('grid')).toBeHidden();
    await expect(page.locator('input[name="date"]:not([disabled])').first()).toBeVisible();
    await expectNoSidewaysScrolling(page);
  });

  test(`In ${language.name}, on a desktop, the tracking number sits in the middle of its panel`, async ({ page, withDraft }) => {
    await withDraft(page, 'old-age-allowance', {}, SUBMITTED);
    await page.goto(language.path('/apply/old-age-allowance/confirmation'));
    const { panel, number } = await page.evaluate(() => {
      const centre = (rect: DOMRect) => rect.left + rect.width / 2;
      const text = document.querySelector('[data-testid="tracking-number"]');
      const range = document.createRange();
      if (text) range.selectNodeContents(text);
      return { panel: centre(document.querySelector('.confirmation-panel')?.getBoundingClientRect() ?? new DOMRect()), number: centre(range.getBoundingClientRect()) };
    });
    // Within a few pixels (the letter spacing after the last character is balanced by as much before the first).
    expect(Math.abs(number - panel)).toBeLessThan(4);
  });
}
