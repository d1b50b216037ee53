import { describe, expect, it } from 'vitest';
import type { ResourceSchedule } from '../../api/engine/booking/schedule.ts';
import { formatOpeningHours } from '../../api/i18n/opening-hours.ts';

const MORNING = { from: '09:00', to: '12:00' };
const AFTERNOON = { from: '13:30', to: '17:00' };
const WEEKDAYS = { '1': [MORNING, AFTERNOON], '2': [MORNING, AFTERNOON], '3': [MORNING, AFTERNOON], '4': [MORNING, AFTERNOON], '5': [MORNING, AFTERNOON] };
const hours = (weekly: ResourceSchedule['weekly'], followsWorkingDays = false) => ({
  'zh-CN': formatOpeningHours({ weekly, followsWorkingDays }, 'zh-CN'),
  en: formatOpeningHours({ weekly, followsWorkingDays }, 'en'),
});

describe('opening hours as a person reads them', () => {
  it('name a run of weekdays with the same sessions as a range, the sessions in order of the day', () => {
    expect(hours({ ...WEEKDAYS, '3': [AFTERNOON, MORNING] })).toEqual({
      'zh-CN': ['周一至周五 09:00–12:00，13:30–17:00'],
      en: ['Monday to Friday 09:00–12:00, 13:30–17:00'],
    });
  });

  it('say that public holidays are closed and make-up working days open, for an office that follows the working-day calendar', () => {
    expect(hours(WEEKDAYS, true)).toEqual({
      'zh-CN': ['周一至周五 09:00–12:00，13:30–17:00', '法定节假日休息，调休上班日照常办公'],
      en: ['Monday to Friday 09:00–12:00, 13:30–17:00', 'Closed on public holidays; open on the weekend days worked in exchange'],
    });
  });

  it('give a line to each set of hours, and name one or two days rather than a range', () => {
    expect(hours({ ...WEEKDAYS, '6': [MORNING] })).toEqual({
      'zh-CN': ['周一至周五 09:00–12:00，13:30–17:00', '周六 09:00–12:00'],
      en: ['Monday to Friday 09:00–12:00, 13:30–17:00', 'Saturday 09:00–12:00'],
    });
    expect(hours({ '6': [MORNING], '7': [MORNING] })).toEqual({ 'zh-CN': ['周六和周日 09:00–12:00'], en: ['Saturday and Sunday 09:00–12:00'] });
  });

  it('put days apart that open the same hours on one line, and leave closed days out', () => {
    expect(hours({ '1': [MORNING], '2': [MORNING], '3': [MORNING], '4': [], '5': [AFTERNOON], '7': [MORNING] })).toEqual({
      'zh-CN': ['周一至周三和周日 09:00–12:00', '周五 13:30–17:00'],
      en: ['Monday to Wednesday and Sunday 09:00–12:00', 'Friday 13:30–17:00'],
    });
    expect(hours({ '1': [MORNING], '3': [MORNING], '5': [MORNING] })).toEqual({
      'zh-CN': ['周一、周三和周五 09:00–12:00'],
      en: ['Monday, Wednesday and Friday 09:00–12:00'],
    });
  });

  it('say there are no regular hours when no weekday opens (a resource open only on special dates)', () => {
    expect(hours({}, true)).toEqual({ 'zh-CN': ['没有固定的办公时间，请查看可以预约的日期'], en: ['No regular opening hours: see the days you can book'] });
  });
});
