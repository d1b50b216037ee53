/**
 * The booking engine's pure core: a bookable resource (a registry office's counter, later a funeral
 * home's cremation line or farewell hall) has a weekly schedule of sessions cut into slots, places
 * per slot per kind of business, a booking window, closures, and special dates released at a set
 * time. From these, and the working-day calendar, it says which slots a day has and whether a slot
 * may be booked now. It knows nothing of the database: places taken are passed in, and the data
 * layer takes and releases them atomically.
 */
import { z } from 'zod';
import { addDays, type WorkingDayCalendar } from '../../domain/calendar/working-days.ts';
import { textLine } from '../../domain/text.ts';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Day = z.iso.date();

/** The furthest ahead a resource may be booked (a year): the schedule's limit, and what the admin form says. */
export const MAX_DAYS_AHEAD = 365;

export const ResourceScheduleSchema = z.object({
  /** ISO weekday (1 = Monday … 7 = Sunday) → the sessions of that day. */
  weekly: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.object({ from: Time, to: Time }))),
  slotMinutes: z.number().int().min(5).max(240),
  /** Places in each slot, per kind of business (e.g. marriage, divorce, reissue). */
  placesPerSlot: z.record(textLine().min(1).max(40), z.number().int().min(0).max(1000)),
  /** Bookable from `minDaysAhead` (1 = tomorrow) to `maxDaysAhead` days ahead. */
  window: z.object({ minDaysAhead: z.number().int().min(0), maxDaysAhead: z.number().int().min(1).max(MAX_DAYS_AHEAD) }),
  /** Days the resource is closed besides public holidays (a training day, a move). */
  closures: z.array(Day).default([]),
  /** Popular dates (5月20日…): open on that day even if otherwise closed, and bookable only from `releasesAt`. */
  specialDates: z.array(z.object({ date: Day, releasesAt: z.iso.datetime({ offset: true }), sessions: z.array(z.object({ from: Time, to: Time })).optional() })).default([]),
  /** Whether the resource opens on public holidays and make-up working days as the calendar says (offices) or every day (funeral homes). */
  followsWorkingDays: z.boolean().default(true),
});
export type ResourceSchedule = z.infer<typeof ResourceScheduleSchema>;

export interface Slot {
  date: string;
  /** HH:MM */
  start: string;
  end: string;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const asTime = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
const isoWeekday = (day: string) => String(((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as '1' | '2' | '3' | '4' | '5' | '6' | '7';

function sessionsOn(schedule: ResourceSchedule, date: string, calendar: WorkingDayCalendar) {
  const special = schedule.specialDates.find((d) => d.date === date);
  if (special?.sessions) return special.sessions;
  if (schedule.closures.includes(date)) return [];
  const weekly = schedule.weekly[isoWeekday(date)] ?? [];
  if (!schedule.followsWorkingDays) return weekly;
  if (!calendar.isWorkingDay(date)) return special ? (schedule.weekly['1'] ?? []) : [];
  // A make-up working day on a weekend opens with a weekday's sessions.
  return weekly.length > 0 ? weekly : (schedule.weekly['1'] ?? []);
}

/**
 * Why a day has no slots, for the people who read it: a day its admin closed, a public holiday (its
 * name, and `statutory` when only the law fixes it, the year's notice not loaded yet), or a day the
 * resource does not open (a weekend).
 */
export type ClosedFor = { reason: 'closure' } | { reason: 'holiday'; name: string; statutory: boolean } | { reason: 'not-open' };

/** Why the day is closed; nothing when it has slots. */
export function closedFor(schedule: ResourceSchedule, date: string, calendar: WorkingDayCalendar): ClosedFor | undefined {
  if (slotsOn(schedule, date, calendar).length > 0) return undefined;
  if (schedule.closures.includes(date)) return { reason: 'closure' };
  const holiday = schedule.followsWorkingDays ? calendar.holidayOn(date) : undefined;
  return holiday ? { reason: 'holiday', ...holiday } : { reason: 'not-open' };
}

/** The slots of a day, in order; none on a closed day. */
export function slotsOn(schedule: ResourceSchedule, date: string, calendar: WorkingDayCalendar): Slot[] {
  return sessionsOn(schedule, date, calendar).flatMap(({ from, to }) => {
    const slots: Slot[] = [];
    for (let start = minutes(from); start + schedule.slotMinutes <= minutes(to); start += schedule.slotMinutes) {
      slots.push({ date, start: asTime(start), end: asTime(start + schedule.slotMinutes) });
    }
    return slots;
  });
}

export interface BookingClock {
  /** Today in the resource's time zone (China), YYYY-MM-DD. */
  today: string;
  /** Now, for release times. */
  now: Date;
  calendar: WorkingDayCalendar;
}

/**
 * A case's own window of dates, instead of the resource's days ahead: a divorce's second visit may
 * only be booked for a day inside the window that follows the cooling-off period, however far ahead.
 */
export interface DateWindow {
  from: string;
  to: string;
}

export type DayState =
  | { state: 'closed' }
  /** Outside the case's own window (see DateWindow). */
  | { state: 'outside-window' }
  | { state: 'past' }
  /** Sooner than the window allows (e.g. today, when booking closes the day before). */
  | { state: 'too-soon' }
  | { state: 'beyond-window' }
  | { state: 'opens-at'; releasesAt: string }
  | { state: 'full' }
  | { state: 'available'; placesLeft: number };

/**
 * What a calendar shows for a day and one kind of business. `taken` gives the places taken per slot
 * start (from the data layer); a slot with no entry has none taken.
 */
export function dayState(schedule: ResourceSchedule, date: string, kind: string, taken: ReadonlyMap<string, number>, clock: BookingClock, window?: DateWindow): DayState {
  if (date < clock.today) return { state: 'past' };
  if (window && (date < window.from || date > window.to)) return { state: 'outside-window' };
  const slots = slotsOn(schedule, date, clock.calendar);
  if (slots.length === 0 || (schedule.placesPerSlot[kind] ?? 0) === 0) return { state: 'closed' };
  if (date < addDays(clock.today, schedule.window.minDaysAhead)) return { state: 'too-soon' };
  const special = schedule.specialDates.find((d) => d.date === date);
  if (special && clock.now.getTime() < Date.parse(special.releasesAt)) return { state: 'opens-at', releasesAt: special.releasesAt };
  if (!special && !window && date > addDays(clock.today, schedule.window.maxDaysAhead)) return { state: 'beyond-window' };
  const capacity = schedule.placesPerSlot[kind] ?? 0;
  const placesLeft = slots.reduce((sum, slot) => sum + Math.max(0, capacity - (taken.get(slot.start) ?? 0)), 0);
  return placesLeft > 0 ? { state: 'available', placesLeft } : { state: 'full' };
}

export type BookingRefusal = 'past' | 'closed' | 'too-soon' | 'beyond-window' | 'outside-window' | 'not-yet-open' | 'no-such-slot' | 'full';

/**
 * Whether one slot may be booked now, and its capacity. Whether a place is still free is decided
 * by the data layer, atomically, with this capacity.
 */
export function checkBookable(
  schedule: ResourceSchedule,
  slot: { date: string; start: string },
  kind: string,
  clock: BookingClock,
  window?: DateWindow,
): { ok: true; capacity: number; end: string } | { ok: false; refusal: BookingRefusal; releasesAt?: string } {
  const state = dayState(schedule, slot.date, kind, new Map(), clock, window);
  if (state.state === 'past') return { ok: false, refusal: 'past' };
  if (state.state === 'outside-window') return { ok: false, refusal: 'outside-window' };
  if (state.state === 'closed') return { ok: false, refusal: 'closed' };
  if (state.state === 'too-soon') return { ok: false, refusal: 'too-soon' };
  if (state.state === 'beyond-window') return { ok: false, refusal: 'beyond-window' };
  if (state.state === 'opens-at') return { ok: false, refusal: 'not-yet-open', releasesAt: state.releasesAt };
  const found = slotsOn(schedule, slot.date, clock.calendar).find((s) => s.start === slot.start);
  if (!found) return { ok: false, refusal: 'no-such-slot' };
  return { ok: true, capacity: schedule.placesPerSlot[kind] ?? 0, end: found.end };
}

/** The identity of a slot's places for one kind of business: the row the data layer counts in. */
export function placeKey(resourceId: string, slot: { date: string; start: string }, kind: string): string {
  return `${resourceId}|${slot.date}|${slot.start}|${kind}`;
}
