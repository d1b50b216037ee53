/**
 * What an office admin may change in a resource's schedule, and what each change means for the
 * places and appointments already booked. Pure: the places taken, the appointments and today's date
 * are arguments; the data layer applies the outcome in one transaction.
 *
 * - Weekly sessions, places per slot per kind and the booking window are settings
 *   (`ScheduleSettingsSchema`, shared by the admin form, the API and the tests).
 * - The slot length changes only while no future appointment exists: every booked slot's start and
 *   end would otherwise mean something else.
 * - A session change may not leave a booked appointment outside every slot of its day (the clerk's
 *   day lists appointments by slot; such an appointment would silently disappear from it).
 * - A lower capacity never drops anyone: a slot keeps `max(new capacity, places taken)`.
 * - A closure on a day with appointments cancels them, after the admin has seen and confirmed the
 *   list; a closure is only ever for a day after today.
 *
 * Messages are translation keys (errors.officeSchedule.*).
 */
import { z } from 'zod';
import type { WorkingDayCalendar } from '../../domain/calendar/working-days.ts';
import { textLine } from '../../domain/text.ts';
import { MAX_DAYS_AHEAD, ResourceScheduleSchema, slotsOn, type ResourceSchedule } from './schedule.ts';

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const shape = ResourceScheduleSchema.shape;

/** The settings form of one office: the sessions of each weekday, the slot length, the places per kind and the window. */
export const ScheduleSettingsSchema = z
  .object({
    weekly: shape.weekly,
    slotMinutes: shape.slotMinutes,
    placesPerSlot: shape.placesPerSlot,
    window: z.object({ minDaysAhead: z.number().int().min(0).max(MAX_DAYS_AHEAD), maxDaysAhead: z.number().int().min(1).max(MAX_DAYS_AHEAD) }),
  })
  .superRefine((settings, context) => {
    for (const day of WEEKDAYS) {
      const sessions = [...(settings.weekly[day] ?? [])].sort((a, b) => a.from.localeCompare(b.from));
      sessions.forEach((session, index) => {
        if (minutes(session.to) <= minutes(session.from)) {
          context.addIssue({ code: 'custom', path: ['weekly', day], message: 'marriage:errors.officeSchedule.sessionOrder', params: { from: session.from, to: session.to } });
        } else if (minutes(session.to) - minutes(session.from) < settings.slotMinutes) {
          context.addIssue({ code: 'custom', path: ['weekly', day], message: 'marriage:errors.officeSchedule.sessionTooShort', params: { from: session.from, to: session.to, minutes: settings.slotMinutes } });
        }
        const next = sessions[index + 1];
        if (next && minutes(next.from) < minutes(session.to)) {
          context.addIssue({ code: 'custom', path: ['weekly', day], message: 'marriage:errors.officeSchedule.sessionsOverlap', params: { from: next.from, to: session.to } });
        }
      });
    }
    if (settings.window.minDaysAhead > settings.window.maxDaysAhead) {
      context.addIssue({ code: 'custom', path: ['window', 'maxDaysAhead'], message: 'marriage:errors.officeSchedule.windowOrder', params: { min: settings.window.minDaysAhead } });
    }
  });
export type ScheduleSettings = z.infer<typeof ScheduleSettingsSchema>;

export function settingsOf(schedule: ResourceSchedule): ScheduleSettings {
  return { weekly: schedule.weekly, slotMinutes: schedule.slotMinutes, placesPerSlot: schedule.placesPerSlot, window: schedule.window };
}

/** "09:00-12:00 13:30-17:00": how the form shows a weekday's sessions. */
export function sessionsText(sessions: readonly { from: string; to: string }[] | undefined): string {
  return (sessions ?? []).map((session) => `${session.from}-${session.to}`).join(' ');
}

const SESSION = /^(\d{1,2}:\d{2})\s*(?:-|–|—|~|至|到|to)\s*(\d{1,2}:\d{2})$/;
const padTime = (time: string) => time.padStart(5, '0');
/** Blank or digits only: the number, else NaN (refused with the field's name) or undefined (required). */
const asNumber = (text: string | undefined) => {
  const trimmed = (text ?? '').normalize('NFKC').trim();
  if (!trimmed) return undefined;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
};

/** The names of the settings form's fields, for one office's kinds of business. */
export function settingsFields(kinds: readonly string[]): string[] {
  return [...WEEKDAYS.map((day) => `weekly.${day}`), 'slotMinutes', ...kinds.map((kind) => `placesPerSlot.${kind}`), 'window.minDaysAhead', 'window.maxDaysAhead'];
}

/** The form's text, field by field, for a schedule. */
export function settingsFormValues(settings: ScheduleSettings): Record<string, string> {
  return {
    ...Object.fromEntries(WEEKDAYS.map((day) => [`weekly.${day}`, sessionsText(settings.weekly[day])])),
    slotMinutes: String(settings.slotMinutes),
    ...Object.fromEntries(Object.entries(settings.placesPerSlot).map(([kind, places]) => [`placesPerSlot.${kind}`, String(places)])),
    'window.minDaysAhead': String(settings.window.minDaysAhead),
    'window.maxDaysAhead': String(settings.window.maxDaysAhead),
  };
}

/**
 * The settings form (one text field per setting) read into settings: a weekday's sessions are
 * typed "09:00-12:00 13:30-17:00" (blank: closed that weekday).
 */
export function scheduleSettingsFormSchema(kinds: readonly string[]) {
  return z
    .record(textLine().max(100), textLine().max(500))
    .transform((form, context) => {
      const weekly: Record<string, { from: string; to: string }[]> = {};
      for (const day of WEEKDAYS) {
        const parts = (form[`weekly.${day}`] ?? '')
          .normalize('NFKC')
          .trim()
          .replace(/\s*(-|–|—|~|至|到)\s*/g, '$1')
          .split(/[\s,，、;；]+/)
          .filter(Boolean);
        const sessions = parts.map((part) => SESSION.exec(part));
        if (sessions.some((match) => !match)) {
          context.addIssue({ code: 'custom', path: ['weekly', day], message: 'marriage:errors.officeSchedule.sessionsFormat' });
          continue;
        }
        if (sessions.length > 0) weekly[day] = sessions.map((match) => ({ from: padTime(match?.[1] ?? ''), to: padTime(match?.[2] ?? '') }));
      }
      // Checked here rather than piped, so that a badly typed weekday and a bad number show together.
      const checked = ScheduleSettingsSchema.safeParse({
        weekly,
        slotMinutes: asNumber(form['slotMinutes']),
        placesPerSlot: Object.fromEntries(kinds.map((kind) => [kind, asNumber(form[`placesPerSlot.${kind}`])])),
        window: { minDaysAhead: asNumber(form['window.minDaysAhead']), maxDaysAhead: asNumber(form['window.maxDaysAhead']) },
      });
      if (checked.success) return checked.data;
      for (const issue of checked.error.issues) context.addIssue({ ...issue });
      return z.NEVER;
    });
}

/** A booked appointment as the rules below see it. */
export interface BookedAppointment {
  date: string;
  start: string;
}

export type SettingsRefusal =
  | { code: 'slot_length_locked'; futureAppointments: number }
  | { code: 'sessions_have_appointments'; appointments: BookedAppointment[] };

/**
 * Whether these settings may replace the schedule's, given the appointments booked from today on.
 * The slot length stays while any exists; a session change must keep every booked appointment's
 * start a slot of its day.
 */
export function checkSettingsChange(
  current: ResourceSchedule,
  settings: ScheduleSettings,
  futureAppointments: readonly BookedAppointment[],
  calendar: WorkingDayCalendar,
): { ok: true; schedule: ResourceSchedule } | { ok: false; refusal: SettingsRefusal } {
  if (settings.slotMinutes !== current.slotMinutes && futureAppointments.length > 0) {
    return { ok: false, refusal: { code: 'slot_length_locked', futureAppointments: futureAppointments.length } };
  }
  const schedule: ResourceSchedule = { ...current, ...settings };
  const orphaned = outsideSlots(schedule, futureAppointments, calendar);
  if (orphaned.length > 0) return { ok: false, refusal: { code: 'sessions_have_appointments', appointments: orphaned } };
  return { ok: true, schedule };
}

/**
 * The appointments whose start is not a slot of their day under this schedule and calendar: what a
 * change of sessions must not leave behind, and what a holiday year loaded over booked days
 * cancels (the day became a holiday, or a make-up working day no longer is one).
 */
export function outsideSlots<T extends BookedAppointment>(schedule: ResourceSchedule, appointments: readonly T[], calendar: WorkingDayCalendar): T[] {
  return appointments.filter((appointment) => !slotsOn(schedule, appointment.date, calendar).some((slot) => slot.start === appointment.start));
}

/** A slot's capacity after a change: never below the places already taken, so nobody is dropped. */
export function capacityAfterChange(newCapacity: number, taken: number): number {
  return Math.max(newCapacity, taken);
}

/** How many existing slots keep more places than the new capacity, because more are taken already. */
export function slotsNotReduced(rows: readonly { taken: number }[], newCapacity: number): number {
  return rows.filter((row) => row.taken > newCapacity).length;
}

/** A closure date must be after today: today's visitors may already be at the counter. */
export function closureDateSchema(today: string) {
  return z.iso.date({ error: 'marriage:errors.officeSchedule.closureDate' }).refine((date) => date > today, { message: 'marriage:errors.officeSchedule.closureNotFuture' });
}

/** The request to close a day: the date and the tracking numbers of the appointments the admin has seen and confirms cancelling. */
export function closureRequestSchema(today: string) {
  return z.object({
    date: closureDateSchema(today),
    confirmed: z.array(textLine().max(20)).max(2000).default([]),
  });
}

export interface AppointmentOnDay {
  trackingNumber: string;
  date: string;
  status: string;
}

/**
 * Which appointments a closure cancels (the active ones of that day), and whether the admin has
 * confirmed exactly those: one booked after the list was shown sends the admin back to the list.
 */
export function closureImpact<T extends AppointmentOnDay>(appointments: readonly T[], date: string, confirmed: readonly string[]): { affected: T[]; confirmed: boolean } {
  const affected = appointments.filter((appointment) => appointment.date === date && appointment.status === 'active');
  return { affected, confirmed: allConfirmed(affected, confirmed) };
}

/** Whether the admin confirmed every appointment a change cancels, by the tracking numbers they were shown. */
export function allConfirmed(affected: readonly { trackingNumber: string }[], confirmed: readonly string[]): boolean {
  const seen = new Set(confirmed);
  return affected.every((appointment) => seen.has(appointment.trackingNumber));
}

export function withClosure(schedule: ResourceSchedule, date: string): ResourceSchedule {
  return { ...schedule, closures: [...new Set([...schedule.closures, date])].sort() };
}

export function withoutClosure(schedule: ResourceSchedule, date: string): ResourceSchedule {
  return { ...schedule, closures: schedule.closures.filter((closed) => closed !== date) };
}

/** 王小明 → 王**: enough for an office admin to tell appointments apart, not to know who. */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return '*';
  return characters[0] + '*'.repeat(Math.min(characters.length - 1, 3));
}
