/**
 * Loading a year's holiday arrangement: the rules a year must follow (dates inside the year, a
 * holiday ending after it starts, make-up working days on weekends), and the admin form, where
 * holidays are typed one per line as in the State Council's notice ("春节 2027-02-06 2027-02-14").
 * Messages are translation keys (errors.holidays.*).
 */
import { z } from 'zod';
import { textLine, textLines } from '../text.ts';
import { HolidayYearSchema, type HolidayYear } from './working-days.ts';

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** A holiday may start in the December before (元旦 sometimes does); everything else is inside the year. */
function checkDaysOfYear(year: HolidayYear, context: z.RefinementCtx): void {
  const first = `${year.year - 1}-12-01`;
  const last = `${year.year}-12-31`;
  year.holidays.forEach((holiday, index) => {
    if (holiday.from > holiday.to) context.addIssue({ code: 'custom', path: ['holidays', index], message: 'errors.holidays.endsBeforeStart', params: { name: holiday.name } });
    if (holiday.from < first || holiday.to > last || holiday.to.slice(0, 4) !== String(year.year)) {
      context.addIssue({ code: 'custom', path: ['holidays', index], message: 'errors.holidays.outsideYear', params: { name: holiday.name, year: year.year } });
    }
  });
  year.makeUpWorkdays.forEach((day, index) => {
    if (day < first || day > last) context.addIssue({ code: 'custom', path: ['makeUpWorkdays', index], message: 'errors.holidays.outsideYear', params: { name: day, year: year.year } });
    else if (!isWeekend(day)) context.addIssue({ code: 'custom', path: ['makeUpWorkdays', index], message: 'errors.holidays.notWeekend', params: { day } });
  });
}

export const HolidayYearInputSchema = HolidayYearSchema.superRefine(checkDaysOfYear);

/**
 * Loading a year through the API: the year, and the tracking numbers of the booked appointments
 * it cancels that the admin has seen and confirms (none until they have been shown).
 */
export const HolidayYearLoadSchema = z
  .object({ ...HolidayYearSchema.shape, confirmed: z.array(textLine().max(20)).max(2000).default([]) })
  .superRefine(checkDaysOfYear);

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const HOLIDAY_LINE = new RegExp(String.raw`^(\S+)\s+(${DATE})(?:\s*(?:至|到|~|–|—|-|to)?\s*(${DATE}))?$`);

/** The admin form: holidays one per line ("name from [to]"), make-up days separated by spaces, commas or lines. */
export const HolidayYearFormSchema = z
  .object({
    year: z.coerce.number({ error: 'errors.holidays.year' }).int('errors.holidays.year').min(2000, 'errors.holidays.year').max(2100, 'errors.holidays.year'),
    source: textLine({ error: 'errors.holidays.source' }).trim().min(4, 'errors.holidays.source').max(300, 'errors.holidays.source'),
    holidays: textLines().max(5000),
    makeUpWorkdays: textLines().max(2000),
  })
  .transform((form, context): HolidayYear => {
    const holidays: HolidayYear['holidays'] = [];
    form.holidays
      .split(/\r?\n/)
      .map((line) => line.trim().normalize('NFKC'))
      .forEach((line, index) => {
        if (!line) return;
        const match = HOLIDAY_LINE.exec(line);
        if (!match) context.addIssue({ code: 'custom', path: ['holidays'], message: 'errors.holidays.line', params: { line: index + 1 } });
        else holidays.push({ name: match[1] ?? '', from: match[2] ?? '', to: match[3] ?? match[2] ?? '' });
      });
    const makeUpWorkdays = form.makeUpWorkdays.normalize('NFKC').split(/[\s,，、]+/).filter(Boolean);
    return { year: form.year, source: form.source, holidays, makeUpWorkdays };
  })
  .pipe(HolidayYearInputSchema);

/** The years staff should be warned about: this year and, from October, the next, when they have no data. */
export function missingHolidayYears(today: string, known: readonly number[]): number[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const needed = month >= 10 ? [year, year + 1] : [year];
  return needed.filter((candidate) => !known.includes(candidate));
}
