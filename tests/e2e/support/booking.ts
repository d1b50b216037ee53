/** Booking helpers for the browser specs. */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoOffice, exactly, type Language } from './portal.ts';

/** The first slot with a place left in an office (the county's by default), from its own calendar (the server's clock is real). */
export async function bookableSlot(request: APIRequestContext, office = 'demo-county-registry', kind: 'marriage' | 'divorce' | 'reissue' = 'marriage'): Promise<{ date: string; start: string }> {
  const from = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  const calendar = (await (await request.get(`/api/v1/marriage/offices/${office}/calendar?kind=${kind}&from=${from}&days=30`)).json()) as { days: { date: string; state: string }[] };
  for (const day of calendar.days.filter((d) => d.state === 'available')) {
    const slots = (await (await request.get(`/api/v1/marriage/offices/${office}/slots?kind=${kind}&date=${day.date}`)).json()) as { slots: { start: string; placesLeft: number }[] };
    const slot = slots.slots.find((s) => s.placesLeft > 0);
    if (slot) return { date: day.date, start: slot.start };
  }
  throw new Error('no bookable slot in the next 30 days');
}

/** The booking pages, as a person goes through them: up to the people's pages, then each person. */
export function bookingPages(page: Page, language: Language) {
  const s = language.strings;
  const label = (text: string) => page.getByLabel(exactly(text.charAt(0).toUpperCase() + text.slice(1)));
  const next = () => page.getByRole('button', { name: s.application.continue }).click();
  const heading = () => page.getByRole('heading', { level: 1 });
  return {
    label,
    next,
    heading,
    async upToPeople(kind: 'marriage' | 'reissue' = 'marriage', office = 'demo-county-registry') {
      await page.goto(language.path('/book/marriage'));
      await page.getByRole('button', { name: s.booking.start.button }).click();
      await expect(heading()).toHaveText(s.booking.step.kind.title);
      await page.getByLabel(s.marriage.kind[kind], { exact: true }).check();
      await next();
      await page.getByLabel(demoOffice(language, office).name).check();
      await next();
      await expect(heading()).toHaveText(s.booking.step.date.title);
      await expect(page.locator('input[name="date"][disabled]').first()).toBeAttached();
      await chooseDay(page);
      await next();
      await expect(heading()).toHaveText(s.booking.step.slot.title);
      await page.locator('input[name="start"]:not([disabled])').first().check();
      await next();
    },
    async person(key: 'partyA' | 'partyB', name: string, idNumber: string, phone: string) {
      await label(s.fields[key].name).fill(name);
      await label(s.fields[key].idNumber).fill(idNumber);
      await label(s.fields[key].phone).fill(phone);
      await next();
    },
  };
}

/** A day of an office's calendar as the API gives it (and the date step lists it). */
export interface CalendarDay {
  date: string;
  state: string;
  placesLeft?: number;
  /** When an 'opens-at' day opens for booking. */
  releasesAt?: string;
}

/** The county office's calendar for a marriage, the days the date step offers (from tomorrow in China, 31 days). */
export async function officeCalendar(request: APIRequestContext, office = 'demo-county-registry'): Promise<CalendarDay[]> {
  const from = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  const response = await request.get(`/api/v1/marriage/offices/${office}/calendar?kind=marriage&from=${from}&days=31`);
  return ((await response.json()) as { days: CalendarDay[] }).days;
}

/** From the booking's first page to its date step: a marriage at the county office (or `office`). */
export async function bookingUpToDate(page: Page, language: Language, office = 'demo-county-registry'): Promise<void> {
  const s = language.strings;
  await page.goto(language.path('/book/marriage'));
  await page.getByRole('button', { name: s.booking.start.button }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.kind.title);
  await page.getByLabel(s.marriage.kind.marriage, { exact: true }).check();
  await page.getByRole('button', { name: s.application.continue }).click();
  await page.getByLabel(demoOffice(language, office).name).check();
  await page.getByRole('button', { name: s.application.continue }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.date.title);
}

/**
 * Chooses the first (or last) day with places, as the reader would: the radio list without
 * JavaScript, the month grid (paging forward to its month) with it. Returns the day chosen.
 */
export async function chooseDay(page: Page, which: 'first' | 'last' = 'first'): Promise<string> {
  const radios = page.locator('input[name="date"]:not([disabled])');
  const radio = which === 'first' ? radios.first() : radios.last();
  const date = (await radio.getAttribute('value')) ?? '';
  await chooseDate(page, date);
  return date;
}

/** Chooses this day (one with places), as the reader would: in the radio list without JavaScript, in the month grid with it. */
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

const DAY_MS = 86_400_000;
const timeOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, count: number): string {
  return new Date(timeOf(day) + count * DAY_MS).toISOString().slice(0, 10);
}

/** Days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((timeOf(to) - timeOf(from)) / DAY_MS);
}

/** 0 for Monday … 6 for Sunday: the week starts on Monday in China. */
export function weekdayIndex(day: string): number {
  return (new Date(timeOf(day)).getUTCDay() + 6) % 7;
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
