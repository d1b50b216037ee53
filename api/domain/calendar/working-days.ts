/**
 * Working days (工作日) for statutory deadlines: Monday to Friday, minus the State Council's public
 * holidays, plus its make-up working days (调休上班). Each year's arrangement is data, published
 * around November of the year before; a year without data counts Monday to Friday and is reported
 * as missing so staff see a warning until an admin loads it. Dates are YYYY-MM-DD strings in
 * China's time zone; no clock inside.
 */
import { z } from 'zod';
import { nameLine, textLine } from '../text.ts';

export const HolidayYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  source: textLine().min(1),
  holidays: z.array(z.object({ name: nameLine().min(1), from: z.iso.date(), to: z.iso.date() })),
  makeUpWorkdays: z.array(z.iso.date()),
});
export type HolidayYear = z.infer<typeof HolidayYearSchema>;

export interface WorkingDayCalendar {
  isWorkingDay(day: string): boolean;
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
  const holidays = new Set<string>();
  const makeUp = new Set<string>();
  const known = new Set<number>();
  for (const year of years) {
    known.add(year.year);
    for (const holiday of year.holidays) {
      for (let day = holiday.from; day <= holiday.to; day = addDays(day, 1)) holidays.add(day);
    }
    for (const day of year.makeUpWorkdays) makeUp.add(day);
  }
  const missingYears = new Set<number>();
  return {
    isWorkingDay(day) {
      const year = Number(day.slice(0, 4));
      if (!known.has(year)) missingYears.add(year);
      if (makeUp.has(day)) return true;
      if (holidays.has(day)) return false;
      const dow = weekday(day);
      return dow !== 0 && dow !== 6;
    },
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
