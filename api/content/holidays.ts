/** The State Council's holiday arrangements, one file per year in content/holidays. */
import { readdirSync, readFileSync } from 'node:fs';
import { createWorkingDayCalendar, HolidayYearSchema, type WorkingDayCalendar } from '../domain/calendar/working-days.ts';

export const HOLIDAYS_DIR = new URL('../../content/holidays/', import.meta.url);

export function loadWorkingDayCalendar(dir: URL = HOLIDAYS_DIR): WorkingDayCalendar {
  const years = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => HolidayYearSchema.parse(JSON.parse(readFileSync(new URL(name, dir), 'utf8'))));
  return createWorkingDayCalendar(years);
}
