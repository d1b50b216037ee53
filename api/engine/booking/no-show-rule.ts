/**
 * Repeated no-shows: a person who did not come to two appointments within 30 days may not book
 * again for 15 days after the latest (city practice for registry offices; the figures are settings).
 * A missed slot is a place another couple could have had on a rushed day. Pure: the dates of the
 * person's missed appointments and today are arguments.
 */
import { addDays } from '../../domain/calendar/working-days.ts';

export interface NoShowRule {
  /** This many no-shows … */
  noShows: number;
  /** … within this many days of each other … */
  withinDays: number;
  /** … suspend booking for this many days after the latest. */
  suspendDays: number;
}

export const NO_SHOW_RULE: NoShowRule = { noShows: 2, withinDays: 30, suspendDays: 15 };

/** How far back a booking must look for no-shows that could suspend it. */
export function noShowLookback(today: string, rule: NoShowRule = NO_SHOW_RULE): string {
  return addDays(today, -(rule.withinDays + rule.suspendDays));
}

/** The last day a person may not book, or undefined when they may. `missedOn`: the days of their missed appointments. */
export function bookingSuspendedUntil(missedOn: readonly string[], today: string, rule: NoShowRule = NO_SHOW_RULE): string | undefined {
  const days = [...missedOn].sort();
  let until: string | undefined;
  for (let last = rule.noShows - 1; last < days.length; last += 1) {
    const first = days[last - rule.noShows + 1] ?? '';
    const latest = days[last] ?? '';
    if (latest <= addDays(first, rule.withinDays)) until = addDays(latest, rule.suspendDays);
  }
  return until && until >= today ? until : undefined;
}
