import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HolidayYearSchema,
  addWorkingDays,
  createWorkingDayCalendar,
  endOfCalendarPeriod,
  workingDaysBetween,
} from '../../api/domain/calendar/working-days.ts';

const year2026 = HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')));

describe('working days in 2026', () => {
  it('skip the National Day holiday and count its make-up Saturday', () => {
    const calendar = createWorkingDayCalendar([year2026]);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // Sunday
    // Accepted on Tuesday 29 September: 30 (Wed) is day 1, the holiday counts nothing, 8 Oct is day 2, the make-up Saturday day 4.
    expect(addWorkingDays(calendar, '2026-09-29', 1)).toBe('2026-09-30');
    expect(addWorkingDays(calendar, '2026-09-29', 2)).toBe('2026-10-08');
    expect(addWorkingDays(calendar, '2026-09-29', 4)).toBe('2026-10-10');
    expect(workingDaysBetween(calendar, '2026-09-29', '2026-10-12')).toBe(5);
  });

  it('count 30 working days of a 低保 decision across the Spring Festival', () => {
    const calendar = createWorkingDayCalendar([year2026]);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // make-up Saturday
    // Four days before the holiday (11–14 Feb, with the make-up Saturday), then 24 Feb onwards: day 30 is 30 March.
    expect(addWorkingDays(calendar, '2026-02-10', 30)).toBe('2026-03-30');
    expect(calendar.missingYears.size).toBe(0);
  });

  it('count Monday to Friday less the holidays the law fixes in a year without data, and report the year as missing', () => {
    const calendar = createWorkingDayCalendar([year2026]);
    // 31 December, then 元旦 (closed by law, notice or not), then 4 and 5 January.
    expect(addWorkingDays(calendar, '2026-12-30', 3)).toBe('2027-01-05');
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect([...calendar.missingYears]).toEqual([2027]);
    expect(calendar.hasYear(2027)).toBe(false);
  });

  it('move the end of a calendar-day period off a holiday to the next working day', () => {
    const calendar = createWorkingDayCalendar([year2026]);
    // 30 days after 1 September is 1 October, National Day: the period ends on 8 October.
    expect(endOfCalendarPeriod(calendar, '2026-09-01', 30)).toBe('2026-10-08');
    expect(endOfCalendarPeriod(calendar, '2026-06-01', 30)).toBe('2026-07-01');
  });
});
