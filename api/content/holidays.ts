/**
 * The State Council's holiday arrangements: shipped years in content/holidays (loaded into the
 * database when absent), later years entered by an admin. Every process keeps a calendar built
 * from the database and refreshes it (after a load here, and periodically for loads elsewhere).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { insertHolidayYearIfAbsent, listHolidayYears } from '../db/holidays.repo.ts';
import type { Database } from '../db/schema.ts';
import { createWorkingDayCalendar, HolidayYearSchema, type HolidayYear, type WorkingDayCalendar } from '../domain/calendar/working-days.ts';

export const HOLIDAYS_DIR = new URL('../../content/holidays/', import.meta.url);

export function readHolidayFiles(dir: URL = HOLIDAYS_DIR): HolidayYear[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => HolidayYearSchema.parse(JSON.parse(readFileSync(new URL(name, dir), 'utf8'))));
}

/** The calendar straight from the files (for tools that have no database). */
export function loadWorkingDayCalendar(dir: URL = HOLIDAYS_DIR): WorkingDayCalendar {
  return createWorkingDayCalendar(readHolidayFiles(dir));
}

/** A calendar that follows the database: the one the running portal uses. */
export interface LiveCalendar extends WorkingDayCalendar {
  /** Reads the years again (after an admin loaded one, here or in another process). */
  refresh(): Promise<void>;
  /** The years with data, in order. */
  years(): readonly number[];
}

/** @param options.seedWith the connection that loads the shipped years (the startup lock's), when not `db`. */
export async function openLiveCalendar(db: Kysely<Database>, options: { seedFrom?: URL; seedWith?: Kysely<Database>; now: () => Date }): Promise<LiveCalendar> {
  for (const year of readHolidayFiles(options.seedFrom)) await insertHolidayYearIfAbsent(options.seedWith ?? db, year, options.now());
  let years: HolidayYear[] = [];
  let current = createWorkingDayCalendar([]);
  const refresh = async () => {
    years = (await listHolidayYears(db)).map((stored) => stored.data);
    current = createWorkingDayCalendar(years);
  };
  await refresh();
  return {
    isWorkingDay: (day) => current.isWorkingDay(day),
    holidayOn: (day) => current.holidayOn(day),
    hasYear: (year) => current.hasYear(year),
    get missingYears() {
      return current.missingYears;
    },
    refresh,
    years: () => years.map((year) => year.year),
  };
}
