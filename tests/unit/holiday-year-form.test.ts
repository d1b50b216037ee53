import { describe, expect, it } from 'vitest';
import { HolidayYearFormSchema, missingHolidayYears } from '../../api/domain/calendar/holiday-year-form.ts';

// Made-up figures for a far year: the real 2027 arrangement had not been published when this was written.
const form = {
  year: '2099',
  source: '测试用的假想通知',
  holidays: '元旦 2098-12-31 2099-01-02\n春节 2099-01-20 2099-01-28\n\n国庆节 2099-10-01 至 2099-10-07\n劳动节 2099-05-01',
  makeUpWorkdays: '2099-01-17, 2099-10-10',
};
const messagesOf = (input: typeof form) => {
  const result = HolidayYearFormSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};

describe('entering a year’s public holidays', () => {
  it('reads one holiday per line as the notice writes it, a single day included, and the make-up days however separated', () => {
    expect(HolidayYearFormSchema.parse(form)).toEqual({
      year: 2099,
      source: '测试用的假想通知',
      holidays: [
        { name: '元旦', from: '2098-12-31', to: '2099-01-02' },
        { name: '春节', from: '2099-01-20', to: '2099-01-28' },
        { name: '国庆节', from: '2099-10-01', to: '2099-10-07' },
        { name: '劳动节', from: '2099-05-01', to: '2099-05-01' },
      ],
      makeUpWorkdays: ['2099-01-17', '2099-10-10'],
    });
  });

  it('names the line that cannot be read', () => {
    expect(messagesOf({ ...form, holidays: '春节 2099-01-20 2099-01-28\n春节放假七天' })).toEqual([['holidays', 'errors.holidays.line']]);
  });

  it('refuses a holiday outside the year or ending before it starts, and a make-up day that is not a weekend', () => {
    expect(messagesOf({ ...form, holidays: '春节 2099-01-28 2099-01-20\n国庆节 2100-10-01 2100-10-07', makeUpWorkdays: '2099-01-19' })).toEqual([
      ['holidays.0', 'errors.holidays.endsBeforeStart'],
      ['holidays.1', 'errors.holidays.outsideYear'],
      ['makeUpWorkdays.0', 'errors.holidays.notWeekend'],
    ]);
  });

  it('warns about this year, and from October about the next, when they have no data', () => {
    expect(missingHolidayYears('2026-11-25', [2026])).toEqual([2027]);
    expect(missingHolidayYears('2026-09-30', [2026])).toEqual([]);
    expect(missingHolidayYears('2027-01-04', [2026])).toEqual([2027]);
    expect(missingHolidayYears('2026-11-25', [2026, 2027])).toEqual([]);
  });
});
