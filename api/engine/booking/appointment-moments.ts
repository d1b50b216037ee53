/**
 * The moments an appointment gives its case, for the workflow's time conditions
 * (CaseSnapshot.moments, TransitionDefinition.when): when the latest visit starts and ends, and
 * when it was marked missed. Pure: the appointment is an argument.
 */
import { chinaMinute } from '../../domain/calendar/china-time.ts';
import type { TimeCondition } from '../../domain/workflow/workflow.ts';

export const APPOINTMENT_START = 'appointmentStart';
export const APPOINTMENT_END = 'appointmentEnd';
export const APPOINTMENT_MISSED_AT = 'appointmentMissedAt';

/** Every moment an appointment service's cases carry. */
export const APPOINTMENT_MOMENTS = [APPOINTMENT_START, APPOINTMENT_END, APPOINTMENT_MISSED_AT] as const;

export interface AppointmentTimes {
  /** YYYY-MM-DD, China time. */
  date: string;
  /** HH:MM */
  start: string;
  end: string;
  /** active | cancelled | completed | no-show */
  status: string;
  /** When the appointment last changed (ISO): for a missed one, when it was marked so. */
  updatedAt: string;
}

/** The moments of the case's latest visit ('YYYY-MM-DDTHH:MM', China time); none without one. */
export function appointmentMoments(latest: AppointmentTimes | undefined): Record<string, string> {
  if (!latest) return {};
  return {
    [APPOINTMENT_START]: `${latest.date}T${latest.start}`,
    [APPOINTMENT_END]: `${latest.date}T${latest.end}`,
    ...(latest.status === 'no-show' ? { [APPOINTMENT_MISSED_AT]: chinaMinute(new Date(latest.updatedAt)) } : {}),
  };
}

/** The time conditions of the registry clerk's steps on an appointment, shared by every booking service. */
export const APPOINTMENT_TIMES = {
  /** Arrived: not before the appointment's day. */
  onItsDay: { notBefore: { moment: APPOINTMENT_START, at: 'start-of-day' } },
  /** Not come: only once the appointment's time is over (a couple may come at any time in their slot). */
  afterItsEnd: { notBefore: { moment: APPOINTMENT_END } },
  /** A no-show undone: on the day it was marked, a clerk's mistake put right before it does harm. */
  dayItWasMissed: { notAfter: { moment: APPOINTMENT_MISSED_AT, at: 'end-of-day' } },
} as const satisfies Record<string, TimeCondition>;
