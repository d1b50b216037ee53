/** The booking calendar as a person works it in a browser: the month grid with JavaScript, the radio list without. */
import { expect, test, type Page } from '@playwright/test';
import { weekdayIndex } from '../../support/portal-api.ts';
import type { Language } from '../../support/site.ts';

/** Chooses the first (or last) day with places; returns the day chosen. */
export async function chooseDay(page: Page, which: 'first' | 'last' = 'first'): Promise<string> {
  const radios = page.locator('input[name="date"]:not([disabled])');
  const radio = which === 'first' ? radios.first() : radios.last();
  const date = (await radio.getAttribute('value')) ?? '';
  await chooseDate(page, date);
  return date;
}

/** Chooses this day (one with places): in the radio list without JavaScript, in the month grid (paging forward to its month) with it. */
export async function chooseDate(page: Page, date: string): Promise<void> {
  const radio = page.locator(`input[name="date"][value="${date}"]`);
  if (test.info().project.use.javaScriptEnabled === false) {
    await radio.check();
    return;
  }
  await expect(page.getByRole('grid')).toBeVisible();
  const day = page.locator(`button[data-date="${date}"]`);
  for (let month = 0; month < 2 && !(await day.isVisible()); month++) await page.locator('.calendar-nav').last().click();
  await day.click();
  await expect(radio).toBeChecked();
}

const WEEKDAYS = {
  'zh-CN': ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** A day's name in the grid: "12月3日 星期四，剩余 8 个名额" / "Thursday 3 December, 8 places left". */
export function gridDayName(language: Language, day: string, state: string): string {
  const [, month = 1, date = 1] = day.split('-').map(Number);
  const shortDate = language.code === 'zh-CN' ? `${month}月${date}日` : `${date} ${MONTHS[month - 1]}`;
  return language.t(language.strings.booking.calendar.dayName, { date: shortDate, weekday: WEEKDAYS[language.code][weekdayIndex(day)] ?? '', state });
}
