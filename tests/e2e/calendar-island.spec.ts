/**
 * The office's calendar as a month grid (the BookingCalendar island) on the booking's date step:
 * with JavaScript the radio list becomes a grid that the keyboard alone can work (one tab stop,
 * arrows by day and week, Home/End, PageUp/PageDown by month, Enter or Space to choose), each day
 * named with its date, weekday and places left or why it cannot be chosen; the day chosen is the
 * one the form posts. Large enough at 320px, in elder mode too. Each test starts on the date step
 * with a sealed draft (kind and office answered). Without JavaScript the radio list is all there
 * is: tests/html.
 */
import type { Page } from '@playwright/test';
import { addDays, daysBetween, officeCalendar, weekdayIndex, type CalendarDay } from '../support/portal-api.ts';
import { english, LANGUAGES, zh, type Language } from '../support/site.ts';
import { gridDayName } from './support/calendar.ts';
import { elderCookie, expect, test } from './support/fixtures.ts';

/** The date of the day button that has the focus, or null when the focus is elsewhere. */
const focusedDate = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-date') ?? null);

/** Tabs from the start of the main content until a day of the grid has the focus. */
async function tabIntoGrid(page: Page): Promise<string | null> {
  await page.locator('#main-content').focus();
  for (let press = 0; press < 15 && !(await focusedDate(page)); press++) await page.keyboard.press('Tab');
  return focusedDate(page);
}

/** The days the grid shows: every day of the months the calendar touches. */
function inGrid(days: CalendarDay[], date: string): boolean {
  const first = days[0]?.date ?? '';
  const last = days.at(-1)?.date ?? '';
  return date.slice(0, 7) >= first.slice(0, 7) && date.slice(0, 7) <= last.slice(0, 7);
}

test.describe('the booking calendar', () => {
  test.beforeEach(async ({ page, withDraft }) => {
    await withDraft(page, 'marriage-appointment', { kind: 'marriage', office: 'demo-county-registry' });
  });

  async function openDateStep(page: Page, language: Language) {
    await page.goto(language.path('/book/marriage/date'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.strings.booking.step.date.title);
    await expect(page.getByRole('grid')).toBeVisible();
  }

  for (const language of LANGUAGES) {
    const s = language.strings;
    const available = (day: CalendarDay) => gridDayName(language, day.date, language.t(s.booking.day.available, { count: day.placesLeft ?? 0 }));

    test(`in ${language.name}, is a month grid the keyboard alone can work: Tab in, arrows to a day, Enter or Space, and the time step shows that day`, async ({ page, baseURL }) => {
      const days = await officeCalendar(baseURL ?? '');
      const withPlaces = days.filter((day) => day.state === 'available');
      const start = withPlaces[0];
      const target = withPlaces.find((day) => start && daysBetween(start.date, day.date) >= 8) ?? withPlaces.at(-1);
      if (!start || !target) throw new Error('the county office has no day with places in the next 31 days');
      // The island runs within the page's Content-Security-Policy (the browser reports a breach as a console error).
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));

      await openDateStep(page, language);
      const grid = page.getByRole('grid');
      // The grid stands in for the radio list, which is hidden (and still what the form posts).
      await expect(page.getByRole('radio')).toHaveCount(0);
      await expect(grid.getByRole('columnheader')).toHaveCount(7);
      await expect(grid.getByRole('columnheader').first()).toHaveAttribute('abbr', language.code === 'zh-CN' ? '星期一' : 'Monday');

      // One tab stop in the grid: the first day with places.
      expect(await tabIntoGrid(page)).toBe(start.date);
      await expect(grid.locator('button[tabindex="0"]')).toHaveCount(1);
      await expect(page.locator('button[data-date]:focus')).toHaveAccessibleName(available(start));

      const gap = daysBetween(start.date, target.date);
      for (let week = 0; week < Math.floor(gap / 7); week++) await page.keyboard.press('ArrowDown');
      for (let day = 0; day < gap % 7; day++) await page.keyboard.press('ArrowRight');
      expect(await focusedDate(page)).toBe(target.date);
      const day = page.locator(`button[data-date="${target.date}"]`);
      await expect(day).toHaveAccessibleName(available(target));
      await expect(grid.locator('button[tabindex="0"]')).toHaveCount(1);

      await page.keyboard.press(language === zh ? 'Enter' : 'Space');
      await expect(page.locator(`td:has(> button[data-date="${target.date}"])`)).toHaveAttribute('aria-selected', 'true');
      await expect(day).toContainText(s.booking.calendar.chosenMark);
      await expect(page.getByRole('status').and(page.locator('.calendar-status'))).toHaveText(language.t(s.booking.calendar.chosen, { day: available(target) }));
      await expect(page.locator(`input[name="date"][value="${target.date}"]`)).toBeChecked();

      // The next tab stop after the grid is the form's button.
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: s.application.continue })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.slot.title);
      await expect(page.locator('legend')).toContainText(language.date(target.date));
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }

  test('moves to the week’s Monday and Sunday with Home and End, by month with PageUp and PageDown', async ({ page, baseURL }) => {
    const days = await officeCalendar(baseURL ?? '');
    await openDateStep(page, zh);
    const start = await tabIntoGrid(page);
    if (!start) throw new Error('no day of the grid took the focus');
    const caption = page.locator('.calendar-month');
    const captionBefore = await caption.textContent();

    const sunday = addDays(start, 6 - weekdayIndex(start));
    await page.keyboard.press('End');
    const atEnd = inGrid(days, sunday) ? sunday : start;
    expect(await focusedDate(page)).toBe(atEnd);
    const monday = addDays(atEnd, -weekdayIndex(atEnd));
    await page.keyboard.press('Home');
    const atHome = inGrid(days, monday) ? monday : atEnd;
    expect(await focusedDate(page)).toBe(atHome);
    await page.keyboard.press('ArrowLeft');
    const left = addDays(atHome, -1);
    expect(await focusedDate(page)).toBe(inGrid(days, left) ? left : atHome);

    const months = new Set(days.map((day) => day.date.slice(0, 7)));
    if (months.size > 1) {
      const from = (await focusedDate(page)) ?? '';
      await page.keyboard.press('PageDown');
      const next = (await focusedDate(page)) ?? '';
      expect(next.slice(0, 7) > from.slice(0, 7), `${next} is in the month after ${from}`).toBe(true);
      if (Number(from.slice(8)) <= 28) expect(next.slice(8)).toBe(from.slice(8));
      await expect(caption).not.toHaveText(captionBefore ?? '');
      await page.keyboard.press('PageUp');
      if (Number(from.slice(8)) <= 28) expect(await focusedDate(page)).toBe(from);
      await expect(caption).toHaveText(captionBefore ?? '');
    }
  });

  test('a closed day cannot be chosen, its name says why, and the error after sending nothing leads into the grid', async ({ page, baseURL }) => {
    const s = english.strings;
    const closed = (await officeCalendar(baseURL ?? '')).find((day) => day.state === 'closed');
    if (!closed) throw new Error('the county office is open every day of the next 31');
    await openDateStep(page, english);
    const day = page.locator(`button[data-date="${closed.date}"]`);
    if (!(await day.isVisible())) await page.getByRole('button', { name: s.booking.calendar.nextMonth }).click();
    const name = gridDayName(english, closed.date, s.booking.day.closed);
    await expect(day).toHaveAccessibleName(name);
    await expect(day).toHaveAttribute('aria-disabled', 'true');
    await expect(day).toContainText(s.booking.calendar.mark.closed);

    // Playwright will not click what says it is disabled: tap it as a person would, anyway.
    await day.click({ force: true });
    await expect(page.getByRole('status').and(page.locator('.calendar-status'))).toHaveText(english.t(s.booking.calendar.cannotChoose, { day: name }));
    await day.press('Enter');
    await expect(page.locator(`td:has(> button[data-date="${closed.date}"])`)).toHaveAttribute('aria-selected', 'false');
    await expect(page.locator('input[name="date"]:checked')).toHaveCount(0);

    // Nothing chosen: the server says so, and the error's link leads into the grid.
    await page.getByRole('button', { name: s.application.continue }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(s.errors.marriage.dateRequired);
    await expect(page.getByRole('grid')).toBeVisible();
    await alert.getByRole('link').click();
    await expect(page.locator('button[data-date]:focus')).toHaveCount(1);
  });

  // In elder mode a phone keeps the list of days (a seventh of 320px cannot hold a 20px "Closed":
  // tests/e2e/phone-layout.spec.ts); the grid returns at 40em, with taller days.
  test('fits a 320px-wide phone with days at least 44px square, and in elder mode from 640px with days 56px tall', async ({ page, baseURL }) => {
    for (const [language, elder, width] of [[zh, false, 320], [english, true, 640]] as const) {
      await page.setViewportSize({ width, height: 800 });
      if (elder) await page.context().addCookies([elderCookie(baseURL ?? '')]);
      await openDateStep(page, language);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const sizes = await page.locator('button[data-date]').evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect()).map(({ width, height }) => ({ width, height })));
      expect(sizes.length).toBeGreaterThanOrEqual(28);
      for (const { width, height } of sizes) {
        expect(width).toBeGreaterThanOrEqual(44);
        expect(height).toBeGreaterThanOrEqual(elder ? 56 : 44);
      }
    }
  });
});
