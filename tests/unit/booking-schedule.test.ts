import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { checkBookable, dayState, ResourceScheduleSchema, slotsOn } from '../../api/engine/booking/schedule.ts';
import { readHolidayFiles } from '../../api/content/holidays.ts';

const calendar = createWorkingDayCalendar(readHolidayFiles());
const SESSIONS = [{ from: '09:00', to: '10:00' }, { from: '14:00', to: '15:00' }];
const schedule = ResourceScheduleSchema.parse({
  weekly: { '1': SESSIONS, '2': SESSIONS, '3': SESSIONS, '4': SESSIONS, '5': SESSIONS },
  slotMinutes: 30,
  placesPerSlot: { marriage: 3, divorce: 0 },
  window: { minDaysAhead: 1, maxDaysAhead: 30 },
  closures: ['2026-12-03'],
  specialDates: [{ date: '2026-12-12', releasesAt: '2026-12-01T09:00:00+08:00', sessions: [{ from: '09:00', to: '10:00' }] }],
});
// Wednesday 25 November 2026, 10:00 in China.
const clock = { today: '2026-11-25', now: new Date('2026-11-25T02:00:00Z'), calendar };
const none = new Map<string, number>();

describe('the booking engine’s schedule', () => {
  it('cuts a working day’s sessions into slots, and has none on weekends, holidays and closures', () => {
    expect(slotsOn(schedule, '2026-12-02', calendar).map((slot) => `${slot.start}-${slot.end}`)).toEqual(['09:00-09:30', '09:30-10:00', '14:00-14:30', '14:30-15:00']);
    expect(slotsOn(schedule, '2026-11-29', calendar)).toEqual([]); // a Sunday
    expect(slotsOn(schedule, '2026-10-05', calendar)).toEqual([]); // National Day holiday, a Monday
    expect(slotsOn(schedule, '2026-12-03', calendar)).toEqual([]); // closed for the day
  });

  it('opens on a make-up working day with a weekday’s sessions', () => {
    expect(slotsOn(schedule, '2026-10-10', calendar)).toHaveLength(4); // Saturday worked after National Day
  });

  it('tells a calendar what each day is: past, too soon, open with places left, full, closed, beyond the window, opening later', () => {
    expect(dayState(schedule, '2026-11-24', 'marriage', none, clock)).toEqual({ state: 'past' });
    expect(dayState(schedule, '2026-11-25', 'marriage', none, clock)).toEqual({ state: 'too-soon' });
    expect(dayState(schedule, '2026-11-26', 'marriage', new Map([['09:00', 3], ['09:30', 1]]), clock)).toEqual({ state: 'available', placesLeft: 8 });
    expect(dayState(schedule, '2026-11-26', 'marriage', new Map([['09:00', 3], ['09:30', 3], ['14:00', 3], ['14:30', 3]]), clock)).toEqual({ state: 'full' });
    expect(dayState(schedule, '2026-11-26', 'divorce', none, clock)).toEqual({ state: 'closed' });
    expect(dayState(schedule, '2026-12-28', 'marriage', none, clock)).toEqual({ state: 'beyond-window' });
    expect(dayState(schedule, '2026-12-12', 'marriage', none, clock)).toEqual({ state: 'opens-at', releasesAt: '2026-12-01T09:00:00+08:00' });
    const afterRelease = { ...clock, today: '2026-12-01', now: new Date('2026-12-01T01:00:00Z') };
    expect(dayState(schedule, '2026-12-12', 'marriage', none, afterRelease)).toEqual({ state: 'available', placesLeft: 6 });
  });

  it('refuses a slot that does not exist or a day that cannot be booked, and gives the capacity otherwise', () => {
    expect(checkBookable(schedule, { date: '2026-12-02', start: '09:00' }, 'marriage', clock)).toEqual({ ok: true, capacity: 3, end: '09:30' });
    expect(checkBookable(schedule, { date: '2026-12-02', start: '09:15' }, 'marriage', clock)).toEqual({ ok: false, refusal: 'no-such-slot' });
    expect(checkBookable(schedule, { date: '2026-11-29', start: '09:00' }, 'marriage', clock)).toEqual({ ok: false, refusal: 'closed' });
    expect(checkBookable(schedule, { date: '2026-12-12', start: '09:00' }, 'marriage', clock)).toEqual({ ok: false, refusal: 'not-yet-open', releasesAt: '2026-12-01T09:00:00+08:00' });
  });
});
