/**
 * Where a case stands in the staff queue, from its deadlines alone: the next due date of a running
 * deadline and whether its clock is paused (补正). The data layer stores both beside the case so
 * the database can filter, sort and count the queue; "due soon" and "overdue" depend on today and
 * are never stored — the queue compares the stored date with the boundaries below. Pure: no SQL,
 * no clock.
 */
import { addWorkingDays } from '../calendar/working-days.ts';
import type { Clock, Deadline } from './workflow.ts';

/** "Due soon" is within this many working days (deadlineStatus's default). */
export const DUE_SOON_WORKING_DAYS = 3;

export interface QueuePosition {
  /** The earliest due date among deadlines neither stopped nor paused; null when none runs. */
  nextDueOn: string | null;
  /** A deadline that has not stopped is paused: the case waits for the applicant. */
  clockPaused: boolean;
}

export function nextRunningDeadline(deadlines: readonly Deadline[]): QueuePosition {
  let nextDueOn: string | null = null;
  let clockPaused = false;
  for (const deadline of deadlines) {
    if (deadline.stoppedOn) continue;
    if (deadline.pausedOn) clockPaused = true;
    else if (nextDueOn === null || deadline.dueOn < nextDueOn) nextDueOn = deadline.dueOn;
  }
  return { nextDueOn, clockPaused };
}

/**
 * The dates that split running deadlines by status today, so that a query can compare a stored
 * due date with them and agree exactly with deadlineStatus:
 *   dueOn < overdueBefore                   → 'overdue'  (today is after the due date)
 *   overdueBefore ≤ dueOn < dueSoonBefore   → 'due-soon' (at most `workingDays` working days after today)
 *   dueOn ≥ dueSoonBefore                   → 'on-time'
 * dueSoonBefore is the (workingDays)-th working day after today: every day before it, weekends
 * and holidays included, is at most `workingDays` working days away.
 */
export function dueBoundaries(clock: Clock, workingDays = DUE_SOON_WORKING_DAYS): { overdueBefore: string; dueSoonBefore: string } {
  return { overdueBefore: clock.today, dueSoonBefore: addWorkingDays(clock.calendar, clock.today, workingDays + 1) };
}
