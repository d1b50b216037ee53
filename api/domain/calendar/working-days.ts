/**
 * Working days (工作日) for statutory deadlines: Monday to Friday, minus the State Council's public
 * holidays, plus its make-up working days (调休上班). Each year's arrangement is data, published
 * around November of the year before; a year without data counts Monday to Friday less the holidays
 * the law itself fixes (statutory-holidays.ts: 元旦, 春节 from 除夕 to 初三, 清明, 劳动节, 端午, 中秋,
 * 国庆), and is reported as missing so staff see a warning until an admin loads it. Dates are
 * YYYY-MM-DD strings in China's time zone; no clock inside.
 */
import { z } from 'zod';
import { nameLine, textLine } from '../text.ts';
import { statutoryHolidays } from './statutory-holidays.ts';

export const HolidayYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  source: textLine().min(1),
  holidays: z.array(z.object({ name: nameLine().min(1), from: z.iso.date(), to: z.iso.date() })),
  makeUpWorkdays: z.array(z.iso.date()),
});
export type HolidayYear = z.infer<typeof HolidayYearSchema>;

/** Why a day is a holiday: its name, and whether it comes from the law alone (no notice loaded for its year). */
export interface HolidayOn {
  name: string;
  statutory: boolean;
}

export interface WorkingDayCalendar {
  isWorkingDay(day: string): boolean;
  /** The holiday a day is part of (none on a make-up working day, an ordinary weekend or a working day). */
  holidayOn(day: string): HolidayOn | undefined;
  /** Years with no holiday data, among those a computation touched. */
  readonly missingYears: ReadonlySet<number>;
  hasYear(year: number): boolean;
}

const DAY_MS = 86_400_000;

export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function createWorkingDayCalendar(years: HolidayYear[]): WorkingDayCalendar {
  const holidays = new Map<string, string>();
  const makeUp = new Set<string>();
  const known = new Set<number>();
  for (const year of years) {
    known.add(year.year);
    for (const holiday of year.holidays) {
      for (let day = holiday.from; day <= holiday.to; day = addDays(day, 1)) holidays.set(day, holiday.name);
    }
    for (const day of year.makeUpWorkdays) makeUp.add(day);
  }
  // The law's days of each year without a notice, worked out once per year asked about.
  const byLaw = new Map<number, Map<string, string>>();
  const lawDays = (year: number) => {
    let days = byLaw.get(year);
    if (!days) {
      days = new Map(statutoryHolidays(year).flatMap((holiday) => holiday.days.map((day) => [day, holiday.name] as const)));
      byLaw.set(year, days);
    }
    return days;
  };
  const missingYears = new Set<number>();
  const holidayOn = (day: string): HolidayOn | undefined => {
    if (makeUp.has(day)) return undefined;
    const noticed = holidays.get(day);
    if (noticed !== undefined) return { name: noticed, statutory: false };
    const year = Number(day.slice(0, 4));
    if (known.has(year)) return undefined;
    const byLawName = lawDays(year).get(day);
    return byLawName === undefined ? undefined : { name: byLawName, statutory: true };
  };
  return {
    isWorkingDay(day) {
      const year = Number(day.slice(0, 4));
      if (!known.has(year)) missingYears.add(year);
      if (makeUp.has(day)) return true;
      if (holidayOn(day)) return false;
      const dow = weekday(day);
      return dow !== 0 && dow !== 6;
    },
    holidayOn,
    missingYears,
    hasYear: (year) => known.has(year),
  };
}

/**
 * The day on which a period of `count` working days ends, counting from the day after `start`
 * (the day of acceptance itself is not counted).
 */
export function addWorkingDays(calendar: WorkingDayCalendar, start: string, count: number): string {
  let day = start;
  let remaining = count;
  while (remaining > 0) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: WorkingDayCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) count += 1;
  return count;
}

/**
 * A period in calendar days whose last day, if it is not a working day, moves to the next working
 * day (Civil Code arts. 201, 203: the divorce cooling-off windows).
 */
export function endOfCalendarPeriod(calendar: WorkingDayCalendar, start: string, days: number): string {
  let end = addDays(start, days);
  while (!calendar.isWorkingDay(end)) end = addDays(end, 1);
  return end;
}

/** The month after `day` (YYYY-MM-DD), as YYYY-MM: an allowance is paid from the month after its decision. */
export function monthAfter(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
