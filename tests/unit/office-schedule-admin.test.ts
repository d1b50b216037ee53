import { describe, expect, it } from 'vitest';
import {
  capacityAfterChange,
  checkSettingsChange,
  closureImpact,
  closureRequestSchema,
  maskName,
  scheduleSettingsFormSchema,
  settingsFormValues,
  settingsOf,
  slotsNotReduced,
  withClosure,
  withoutClosure,
} from '../../api/engine/booking/schedule-admin.ts';
import { ResourceScheduleSchema } from '../../api/engine/booking/schedule.ts';
import { createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';

const calendar = createWorkingDayCalendar([]);
const DAY = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:00' },
];
const schedule = ResourceScheduleSchema.parse({
  weekly: { '1': DAY, '2': DAY, '3': DAY, '4': DAY, '5': DAY },
  slotMinutes: 30,
  placesPerSlot: { marriage: 10, divorce: 4 },
  window: { minDaysAhead: 1, maxDaysAhead: 30 },
});

describe('a lower capacity', () => {
  it('never goes below the places already taken in a slot', () => {
    expect(capacityAfterChange(4, 7)).toBe(7);
    expect(capacityAfterChange(4, 2)).toBe(4);
    expect(capacityAfterChange(12, 10)).toBe(12);
  });

  it('counts the slots that keep more places than the new capacity', () => {
    expect(slotsNotReduced([{ taken: 7 }, { taken: 4 }, { taken: 0 }, { taken: 5 }], 4)).toBe(2);
  });
});

describe('a settings change', () => {
  it('keeps the slot length while any appointment is booked from today on', () => {
    const longer = { ...settingsOf(schedule), slotMinutes: 60 };
    expect(checkSettingsChange(schedule, longer, [{ date: '2026-12-01', start: '09:00' }], calendar)).toEqual({ ok: false, refusal: { code: 'slot_length_locked', futureAppointments: 1 } });
    expect(checkSettingsChange(schedule, longer, [], calendar)).toMatchObject({ ok: true, schedule: { slotMinutes: 60 } });
  });

  it('refuses sessions that would leave a booked appointment outside every slot of its day', () => {
    // Tuesday 1 December 2026 without its mornings.
    const afternoons = { ...settingsOf(schedule), weekly: { ...schedule.weekly, '2': [{ from: '13:30', to: '17:00' }] } };
    expect(checkSettingsChange(schedule, afternoons, [{ date: '2026-12-01', start: '09:00' }, { date: '2026-12-01', start: '14:00' }], calendar)).toEqual({
      ok: false,
      refusal: { code: 'sessions_have_appointments', appointments: [{ date: '2026-12-01', start: '09:00' }] },
    });
  });

  it('keeps closures and popular dates: only the settings change', () => {
    const closed = withClosure(schedule, '2026-12-24');
    const changed = checkSettingsChange(closed, { ...settingsOf(closed), placesPerSlot: { marriage: 2, divorce: 1 } }, [], calendar);
    expect(changed).toMatchObject({ ok: true, schedule: { closures: ['2026-12-24'], placesPerSlot: { marriage: 2, divorce: 1 } } });
  });
});

describe('the settings form', () => {
  const kinds = ['marriage', 'divorce'];
  const form = settingsFormValues(settingsOf(schedule));

  it('reads back what it shows', () => {
    expect(form['weekly.1']).toBe('09:00-12:00 13:30-17:00');
    expect(form['weekly.6']).toBe('');
    expect(scheduleSettingsFormSchema(kinds).parse(form)).toEqual(settingsOf(schedule));
  });

  it('takes sessions as people type them, and a blank weekday as closed', () => {
    const parsed = scheduleSettingsFormSchema(kinds).parse({ ...form, 'weekly.1': '9:00 – 12:00，13:30至17:00', 'weekly.2': '  ' });
    expect(parsed.weekly['1']).toEqual(DAY);
    expect(parsed.weekly['2']).toBeUndefined();
  });

  it('puts each problem on its field', () => {
    const result = scheduleSettingsFormSchema(kinds).safeParse({ ...form, 'weekly.3': 'mornings', 'weekly.4': '12:00-09:00', 'placesPerSlot.divorce': 'four', 'window.maxDaysAhead': '' });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toContainEqual(['weekly.3', 'marriage:errors.officeSchedule.sessionsFormat']);
    expect(issues?.map(([path]) => path)).toEqual(expect.arrayContaining(['weekly.3', 'placesPerSlot.divorce', 'window.maxDaysAhead']));
  });
});

describe('closing a day', () => {
  const day = [
    { trackingNumber: 'AAAA-AAAA-AAA', date: '2026-12-03', status: 'active' },
    { trackingNumber: 'BBBB-BBBB-BBB', date: '2026-12-03', status: 'cancelled' },
    { trackingNumber: 'CCCC-CCCC-CCC', date: '2026-12-03', status: 'active' },
  ];

  it('affects the active appointments of that day only', () => {
    expect(closureImpact(day, '2026-12-03', []).affected.map((a) => a.trackingNumber)).toEqual(['AAAA-AAAA-AAA', 'CCCC-CCCC-CCC']);
    expect(closureImpact(day, '2026-12-04', [])).toEqual({ affected: [], confirmed: true });
  });

  it('goes ahead only when the admin confirmed every affected appointment', () => {
    expect(closureImpact(day, '2026-12-03', ['AAAA-AAAA-AAA']).confirmed).toBe(false);
    expect(closureImpact(day, '2026-12-03', ['AAAA-AAAA-AAA', 'CCCC-CCCC-CCC']).confirmed).toBe(true);
  });

  it('is for a day after today, kept once and in order, and can be undone', () => {
    const request = closureRequestSchema('2026-11-25');
    expect(request.safeParse({ date: '2026-11-25' }).error?.issues[0]?.message).toBe('marriage:errors.officeSchedule.closureNotFuture');
    expect(request.parse({ date: '2026-11-26' })).toEqual({ date: '2026-11-26', confirmed: [] });
    const twice = withClosure(withClosure(withClosure(schedule, '2026-12-09'), '2026-12-02'), '2026-12-09');
    expect(twice.closures).toEqual(['2026-12-02', '2026-12-09']);
    expect(withoutClosure(twice, '2026-12-09').closures).toEqual(['2026-12-02']);
  });

  it('shows names masked to the office admin', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('Li')).toBe('L*');
  });
});
