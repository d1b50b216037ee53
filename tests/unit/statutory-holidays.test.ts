/**
 * The holidays the law itself fixes (全国年节及纪念日放假办法 art. 2), worked out for a year without
 * the State Council's notice, checked against the notices published for 2020, 2023, 2024, 2025 and
 * 2026: every day the law fixes lies inside the notice's holiday of that name (the notices add
 * bridging days around them, never drop one). Then what a year without a notice means for working
 * days and for a registry office's slots.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closedFor, slotsOn, type ResourceSchedule } from '../../api/engine/booking/schedule.ts';
import { statutoryHolidayNamed, statutoryHolidays } from '../../api/domain/calendar/statutory-holidays.ts';
import { addWorkingDays, createWorkingDayCalendar, HolidayYearSchema, type HolidayYear } from '../../api/domain/calendar/working-days.ts';

const notice2026 = HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')));

type Published = { year: number; source: string; holidays: Record<string, [from: string, to: string]> };

/**
 * The holidays of each notice as published (国务院办公厅关于 N 年部分节假日安排的通知); where a notice
 * gives 中秋节 and 国庆节 together, both names carry the joint range. 2024's 元旦 and 端午 were
 * "与周末连休": the weekend before is included.
 */
const PUBLISHED: Published[] = [
  {
    year: 2020,
    source: '国办发明电〔2019〕16号 (2019-11-21)',
    holidays: { 元旦: ['2020-01-01', '2020-01-01'], 春节: ['2020-01-24', '2020-01-30'], 清明节: ['2020-04-04', '2020-04-06'], 劳动节: ['2020-05-01', '2020-05-05'], 端午节: ['2020-06-25', '2020-06-27'], 中秋节: ['2020-10-01', '2020-10-08'], 国庆节: ['2020-10-01', '2020-10-08'] },
  },
  {
    year: 2023,
    source: '国办发明电〔2022〕16号 (2022-12-08)',
    holidays: { 元旦: ['2022-12-31', '2023-01-02'], 春节: ['2023-01-21', '2023-01-27'], 清明节: ['2023-04-05', '2023-04-05'], 劳动节: ['2023-04-29', '2023-05-03'], 端午节: ['2023-06-22', '2023-06-24'], 中秋节: ['2023-09-29', '2023-10-06'], 国庆节: ['2023-09-29', '2023-10-06'] },
  },
  {
    year: 2024,
    source: '国务院办公厅 2023-10-25 (人民日报 2023-10-26)',
    holidays: { 元旦: ['2023-12-30', '2024-01-01'], 春节: ['2024-02-10', '2024-02-17'], 清明节: ['2024-04-04', '2024-04-06'], 劳动节: ['2024-05-01', '2024-05-05'], 端午节: ['2024-06-08', '2024-06-10'], 中秋节: ['2024-09-15', '2024-09-17'], 国庆节: ['2024-10-01', '2024-10-07'] },
  },
  {
    year: 2025,
    source: '国办发明电〔2024〕12号 (2024-11-12)',
    holidays: { 元旦: ['2025-01-01', '2025-01-01'], 春节: ['2025-01-28', '2025-02-04'], 清明节: ['2025-04-04', '2025-04-06'], 劳动节: ['2025-05-01', '2025-05-05'], 端午节: ['2025-05-31', '2025-06-02'], 中秋节: ['2025-10-01', '2025-10-08'], 国庆节: ['2025-10-01', '2025-10-08'] },
  },
  {
    year: 2026,
    source: notice2026.source,
    holidays: Object.fromEntries(notice2026.holidays.map((holiday) => [holiday.name, [holiday.from, holiday.to] as [string, string]])),
  },
];

describe('the holidays the law fixes', () => {
  describe.each(PUBLISHED)('in $year, against the published notice ($source)', ({ year, holidays }) => {
    const computed = statutoryHolidays(year);
    it.each(computed.map((holiday) => [holiday.name, holiday.days] as const))('%s %j lies inside the notice’s holiday', (name, days) => {
      const range = holidays[name];
      expect(range, `the notice has ${name}`).toBeDefined();
      for (const day of days) {
        expect(day >= (range?.[0] ?? ''), `${day} ≥ ${range?.[0] ?? ''}`).toBe(true);
        expect(day <= (range?.[1] ?? ''), `${day} ≤ ${range?.[1] ?? ''}`).toBe(true);
      }
    });
    it('names all seven holidays', () => {
      expect(computed.map((holiday) => holiday.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    });
  });

  it('are, in 2026 (the revised 办法 of 2024 in force), these 13 days', () => {
    expect(Object.fromEntries(statutoryHolidays(2026).map((holiday) => [holiday.name, holiday.days]))).toEqual({
      元旦: ['2026-01-01'],
      春节: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'],
      清明节: ['2026-04-05'],
      劳动节: ['2026-05-01', '2026-05-02'],
      端午节: ['2026-06-19'],
      中秋节: ['2026-09-25'],
      国庆节: ['2026-10-01', '2026-10-02', '2026-10-03'],
    });
  });

  it.each([
    // The 2025 notice names 28 January 除夕, the first 除夕 the law made a holiday.
    { year: 2025, 春节: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], 劳动节: ['2025-05-01', '2025-05-02'] },
    // The 2024 notice only encouraged a day off on 除夕 (9 February): under the 2013 version it was a working day.
    { year: 2024, 春节: ['2024-02-10', '2024-02-11', '2024-02-12'], 劳动节: ['2024-05-01'] },
    // 2027: 正月初一 is 6 February (new moon at 23:56 Beijing time on the 6th); Node's ICU says the 7th.
    { year: 2027, 春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], 劳动节: ['2027-05-01', '2027-05-02'] },
    // 2030: 正月初一 is 3 February (new moon at 00:07 Beijing time on the 3rd); Node's ICU says the 2nd.
    { year: 2030, 春节: ['2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05'], 劳动节: ['2030-05-01', '2030-05-02'] },
  ])('follow the version of the law in force in $year', ({ year, 春节, 劳动节 }) => {
    const byName = Object.fromEntries(statutoryHolidays(year).map((holiday) => [holiday.name, holiday.days]));
    expect(byName['春节']).toEqual(春节);
    expect(byName['劳动节']).toEqual(劳动节);
  });

  it.each([
    ['2027', { 清明节: ['2027-04-05'], 端午节: ['2027-06-09'], 中秋节: ['2027-09-15'] }],
    // A leap fourth month (闰四月) before 端午; 中秋 on National Day.
    ['2020', { 清明节: ['2020-04-04'], 端午节: ['2020-06-25'], 中秋节: ['2020-10-01'] }],
  ] as const)('take 清明 from its solar term and 端午 and 中秋 from the lunar calendar in %s', (year, expected) => {
    const byName = Object.fromEntries(statutoryHolidays(Number(year)).map((holiday) => [holiday.name, holiday.days]));
    expect({ 清明节: byName['清明节'], 端午节: byName['端午节'], 中秋节: byName['中秋节'] }).toEqual(expected);
  });

  it('recognise the names notices and admins write', () => {
    expect(['元旦', '春节', '国庆', '国庆节', '清明节', '中秋国庆', '调休'].map(statutoryHolidayNamed)).toEqual(['new-year', 'spring-festival', 'national-day', 'national-day', 'qingming', undefined, undefined]);
  });
});

describe('a year without a notice', () => {
  const calendar = () => createWorkingDayCalendar([notice2026]);

  it('closes the days the law fixes, and is still reported as missing', () => {
    const days = calendar();
    expect(days.isWorkingDay('2027-01-01')).toBe(false);
    expect(days.holidayOn('2027-01-01')).toEqual({ name: '元旦', statutory: true });
    // 除夕 to 初三: Friday 5 to Monday 8 February; no bridging days are guessed.
    expect(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09'].map((day) => days.isWorkingDay(day))).toEqual([true, false, false, true]);
    expect(days.holidayOn('2027-02-06')).toEqual({ name: '春节', statutory: true });
    expect(days.holidayOn('2027-01-02')).toBeUndefined(); // an ordinary Saturday
    expect([...days.missingYears]).toEqual([2027]);
  });

  it('counts working days around them: three from 30 December 2026 end on 5 January', () => {
    expect(addWorkingDays(calendar(), '2026-12-30', 3)).toBe('2027-01-05');
  });

  it('gives way to the notice once it is loaded, make-up working days included', () => {
    const made: HolidayYear = { year: 2027, source: '测试用的假想安排', holidays: [{ name: '春节', from: '2027-02-06', to: '2027-02-12' }], makeUpWorkdays: ['2027-02-20'] };
    const days = createWorkingDayCalendar([notice2026, made]);
    expect(days.isWorkingDay('2027-01-01')).toBe(true); // this made-up notice has no 元旦
    expect(days.isWorkingDay('2027-02-05')).toBe(true);
    expect(days.holidayOn('2027-02-10')).toEqual({ name: '春节', statutory: false });
    expect(days.isWorkingDay('2027-02-20')).toBe(true);
    expect(days.missingYears.size).toBe(0);
  });
});

describe('a registry office in a year without a notice', () => {
  const weekday = [{ from: '09:00', to: '12:00' }];
  const office: ResourceSchedule = {
    weekly: { '1': weekday, '2': weekday, '3': weekday, '4': weekday, '5': weekday },
    slotMinutes: 60,
    placesPerSlot: { marriage: 4 },
    window: { minDaysAhead: 1, maxDaysAhead: 30 },
    closures: ['2027-01-04'],
    specialDates: [],
    followsWorkingDays: true,
  };
  const calendar = createWorkingDayCalendar([notice2026]);

  it('has no slots on New Year’s Day, and says why', () => {
    expect(slotsOn(office, '2027-01-01', calendar)).toEqual([]);
    expect(closedFor(office, '2027-01-01', calendar)).toEqual({ reason: 'holiday', name: '元旦', statutory: true });
    expect(closedFor(office, '2027-01-04', calendar)).toEqual({ reason: 'closure' });
    expect(closedFor(office, '2027-01-02', calendar)).toEqual({ reason: 'not-open' });
    expect(closedFor(office, '2027-01-05', calendar)).toBeUndefined();
  });

  it('opens a resource that does not follow the working days (a funeral home) all the same', () => {
    const everyDay = { ...office, weekly: { ...office.weekly, '5': weekday }, followsWorkingDays: false };
    expect(slotsOn(everyDay, '2027-01-01', calendar).map((slot) => slot.start)).toEqual(['09:00', '10:00', '11:00']);
  });
});
