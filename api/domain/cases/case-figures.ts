/**
 * The bureau dashboard's case figures (docs/decisions/054), worked out when they happen rather than
 * when they are read: a case received counts in the month it was submitted, a case completed in the
 * month it left the open states, and a stage (the time a case spent in one state) in the month it
 * ended, with its length in working days. The data layer adds these increments to a small table in
 * the same transaction as the step, so the dashboard never reads cases or events. Pure: the
 * calendar and the instants are arguments.
 */
import { chinaDate } from '../calendar/china-time.ts';
import { workingDaysBetween, type WorkingDayCalendar } from '../calendar/working-days.ts';
import type { StateDefinition } from '../workflow/workflow.ts';

export const CASE_FIGURES = ['received', 'completed', 'stage'] as const;
export type CaseFigure = (typeof CASE_FIGURES)[number];

/** One change to a counter: `count` cases (−1 when a completion is undone), `workingDays` added to the stage's total. */
export interface FigureIncrement {
  service: string;
  office: string;
  /** YYYY-MM in China's time. */
  month: string;
  figure: CaseFigure;
  /** The state a stage was spent in; '' for the other figures. */
  stage: string;
  count: number;
  workingDays: number;
}

/** The month (YYYY-MM, China time) of an instant given as ISO text or a Date. */
export function figureMonth(at: string | Date): string {
  return chinaDate(typeof at === 'string' ? new Date(at) : at).slice(0, 7);
}

/**
 * Open: no decision yet and not ended. A case is completed (办结) when it leaves the open states,
 * whichever way: decided, withdrawn, lapsed, cancelled.
 */
export function isOpenState(states: Readonly<Record<string, StateDefinition>>, state: string): boolean {
  const definition = states[state];
  return !(definition?.terminal || definition?.decided);
}

export function receivedIncrement(where: { service: string; office: string }, at: Date): FigureIncrement {
  return { service: where.service, office: where.office, month: figureMonth(at), figure: 'received', stage: '', count: 1, workingDays: 0 };
}

export interface StepForFigures {
  service: string;
  office: string;
  states: Readonly<Record<string, StateDefinition>>;
  calendar: WorkingDayCalendar;
  from: string;
  to: string;
  /** When the case entered `from`: the previous event's instant (ISO). */
  enteredAt: string;
  /** When it leaves it: this step's instant. */
  at: Date;
}

/**
 * What one step adds: the stage it ends (working days after the day the state was entered, up to
 * and including the day it is left: a stage begun and ended on one day took 0), and a completion
 * when it closes an open case. A step that reopens a closed case (a no-show undone) takes back the
 * completion, in the month it was counted, so that a case completes once.
 */
export function stepIncrements(step: StepForFigures): FigureIncrement[] {
  const where = { service: step.service, office: step.office };
  const leftOn = chinaDate(step.at);
  const enteredOn = chinaDate(new Date(step.enteredAt));
  const increments: FigureIncrement[] = [
    { ...where, month: leftOn.slice(0, 7), figure: 'stage', stage: step.from, count: 1, workingDays: workingDaysBetween(step.calendar, enteredOn, leftOn) },
  ];
  const wasOpen = isOpenState(step.states, step.from);
  const isOpen = isOpenState(step.states, step.to);
  if (wasOpen && !isOpen) increments.push({ ...where, month: leftOn.slice(0, 7), figure: 'completed', stage: '', count: 1, workingDays: 0 });
  if (!wasOpen && isOpen) increments.push({ ...where, month: enteredOn.slice(0, 7), figure: 'completed', stage: '', count: -1, workingDays: 0 });
  return increments;
}

/** A case's timeline as the figures need it: each event's transition's states and instant, in order. */
export interface TimelineStep {
  from: string | null;
  to: string;
  at: string;
}

/**
 * Every increment a case's whole timeline makes, as its steps made them one by one: what rebuilds
 * the table from the events (after a migration, or demo data removed). The first event is the
 * submission.
 */
export function timelineIncrements(where: { service: string; office: string; states: Readonly<Record<string, StateDefinition>>; calendar: WorkingDayCalendar }, timeline: readonly TimelineStep[]): FigureIncrement[] {
  const [first, ...rest] = timeline;
  if (!first) return [];
  const increments = [receivedIncrement(where, new Date(first.at))];
  let previous = first;
  for (const step of rest) {
    increments.push(...stepIncrements({ ...where, from: step.from ?? previous.to, to: step.to, enteredAt: previous.at, at: new Date(step.at) }));
    previous = step;
  }
  return increments;
}

/** The key a counter is kept under: increments with the same key add up. */
export const figureKey = (increment: Pick<FigureIncrement, 'service' | 'office' | 'month' | 'figure' | 'stage'>): string =>
  [increment.service, increment.office, increment.month, increment.figure, increment.stage].join('\u0000');

/** Increments added up per counter. */
export function sumIncrements(increments: Iterable<FigureIncrement>, into = new Map<string, FigureIncrement>()): Map<string, FigureIncrement> {
  for (const increment of increments) {
    const key = figureKey(increment);
    const known = into.get(key);
    if (known) {
      known.count += increment.count;
      known.workingDays += increment.workingDays;
    } else into.set(key, { ...increment });
  }
  return into;
}

/**
 * The average of `count` stages lasting `workingDays` in all, to one decimal place; null when no
 * stage ended (an average of nothing is not 0 days).
 */
export function averageWorkingDays(workingDays: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.round((workingDays / count) * 10) / 10;
}

/** Every month from `from` to `to` (YYYY-MM, both included), in order; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard += 1) {
    const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (text > to) break;
    months.push(text);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The default period: the twelve months up to and including today's (China time). */
export function defaultPeriod(today: string): { from: string; to: string } {
  const to = today.slice(0, 7);
  const [year, month] = to.split('-').map(Number) as [number, number];
  const fromMonth = month === 12 ? 1 : month + 1;
  const fromYear = month === 12 ? year : year - 1;
  return { from: `${fromYear}-${String(fromMonth).padStart(2, '0')}`, to };
}
