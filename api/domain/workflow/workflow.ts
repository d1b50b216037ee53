/**
 * The workflow engine: a service is data (states, transitions, deadlines), and one pure function
 * decides whether a transition may happen and what it changes. The data layer then writes the
 * outcome in one transaction with an optimistic version check (a later slice); nothing here knows
 * about HTTP, SQL or the clock.
 */
import { z } from 'zod';
import { addDays, addWorkingDays, endOfCalendarPeriod, workingDaysBetween, type WorkingDayCalendar } from '../calendar/working-days.ts';

export const STAFF_ROLES = ['intake', 'investigator', 'reviewer', 'approver', 'content-editor', 'office-admin', 'system-admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Actor =
  | { kind: 'applicant' }
  | { kind: 'system' }
  | { kind: 'staff'; staffId: string; roles: readonly StaffRole[]; offices: readonly string[]; serviceAreas: readonly string[] };

export type TransitionActor = StaffRole | 'applicant' | 'system';

/** `to: PREVIOUS_STATE` returns to the state the case was in before (e.g. after 补正 is answered). */
export const PREVIOUS_STATE = '@previous';
/** `to: SAME_STATE` changes something without moving the case on (an appointment moved to another time). */
export const SAME_STATE = '@same';

/** A setting of the case (ServiceDefinition.settings) with one of its values. */
export interface SettingCondition {
  setting: string;
  is: string;
}

/**
 * A step the case must have taken before a transition (the recipient heard before an allowance is
 * cut, the county's own visit before a decision on a flagged case), read from CaseSnapshot.steps.
 */
export interface StepRequirement {
  /** The transition that must have been taken. */
  transition: string;
  /** …after the latest of these, when the case has taken any: a new hearing before each further cut. */
  since?: readonly string[];
  /** Required only where a setting of the case has this value; elsewhere the requirement does not apply. */
  where?: SettingCondition;
}

export interface TransitionDefinition {
  name: string;
  from: readonly string[];
  to: string;
  by: readonly TransitionActor[];
  /** The fields the transition requires (a reason, an amount…), validated here. */
  input?: z.ZodType;
  startsDeadlines?: readonly string[];
  stopsDeadlines?: readonly string[];
  /** Legal periods the applicant has from now (the divorce cooling-off period and the window after it). */
  startsPeriods?: readonly string[];
  /** Only until the named period's last day (withdrawing a divorce during the cooling-off period). */
  untilEndOf?: string;
  /** Only once the named period is over (a divorce application lapses after its window). */
  afterEndOf?: string;
  /**
   * When the transition is possible relative to moments the case carries (CaseSnapshot.moments): a
   * no-show only once the appointment's time is over, an arrival not before its day, an undo only on
   * the day of what it undoes. A case without the moment named cannot take the transition.
   */
  when?: TimeCondition;
  /**
   * Only where a setting of the service has this value for the case (CaseSnapshot.settings, else the
   * setting's default): the applicant's own withdrawal of a divorce where the province allows it
   * outright, a request that the office confirms everywhere else.
   */
  onlyIf?: SettingCondition;
  /**
   * 补正: running deadlines stop counting until a transition resumes them. A condition: only where
   * the case's setting has that value (whether a 补正 request stops the clock is a local rule); the
   * state to return to (PREVIOUS_STATE) is kept either way.
   */
  pausesClock?: boolean | SettingCondition;
  resumesClock?: boolean;
  /**
   * Extends the named running deadline, once, to the `extendableTo` working days its definition
   * allows (a 低保 case's 30 working days to 45 in special cases); the reason is the input's.
   */
  extendsDeadline?: string;
  /** Steps the case must have taken first (CaseSnapshot.steps): all of them. */
  requires?: readonly StepRequirement[];
  /**
   * Whole-number input fields that may be at most the value of a figure setting of the case (a
   * 先行救助 grant up to the district's cap): a figure the case's local rule sets, checked here
   * rather than in the schema, which cannot know the case.
   */
  inputLimits?: readonly { field: string; atMost: string }[];
  /** Notification template sent to the applicant, in their language. */
  notify?: string;
  visibility: 'applicant' | 'internal';
  /**
   * false: taken only by the use case built for it (an office closing a booked day cancels its
   * appointments, releases their places and tells each applicant), never offered or taken as a
   * workbench action on one case.
   */
  workbench?: false;
  /**
   * The named hand-off (the service's `handoffs`, api/engine/handoffs) this transition sends to
   * another system: its request is written on the hand-off outbox in the transition's transaction,
   * and the answer comes back as the hand-off's recording transition, taken by 'system'.
   */
  handoff?: string;
  /**
   * A public entry the transition writes, in its transaction (docs/decisions/045): the 公示 of a
   * proposal (`list: 'notice'`, for the days of the case's `period` as the transition starts it,
   * objected to by taking `objection` as 'system'), or the 公布 of a decision (`list: 'announcement'`,
   * from the day taken for `days` calendar days, default PUBLICATION_DAYS). The entry holds only the
   * publishable facts the service gives (CaseService.publicEntry), masked, and the `amountFen` of the
   * transition's input when it has one. A notice comes down when its case moves to another state.
   */
  publishes?: { list: 'notice'; period: string; objection?: string } | { list: 'announcement'; days?: number };
}

/**
 * A point in time relative to a moment the case carries: the moment itself, or the start or end of
 * its day (China time).
 */
export interface TimeBound {
  /** The moment's name in CaseSnapshot.moments, e.g. 'appointmentEnd'. */
  moment: string;
  at?: 'moment' | 'start-of-day' | 'end-of-day';
}

/** From when (`notBefore`) and until when (`notAfter`, included) a transition is possible. */
export interface TimeCondition {
  notBefore?: TimeBound;
  notAfter?: TimeBound;
}

export interface StateDefinition {
  /** No transition leaves it. */
  terminal?: boolean;
  /** A decision has been made: the applicant can no longer withdraw. */
  decided?: boolean;
}

export interface ServiceDefinition {
  id: string;
  /** The service area staff scopes refer to (e.g. 'allowances', 'marriage'). */
  serviceArea: string;
  initialState: string;
  states: Readonly<Record<string, StateDefinition>>;
  /** `extendableTo`: the working days a transition's `extendsDeadline` may extend it to. */
  deadlines: Readonly<Record<string, { workingDays: number; extendableTo?: number }>>;
  /**
   * Periods in calendar days that the law gives the applicant, not the office: they are not work
   * that falls due, so they never enter the staff queue's due dates. Counted from the day after the
   * transition that starts them (Civil Code art. 201), or from the day after the period they follow
   * ends; one whose last day is not a working day ends on the next working day (art. 203).
   */
  periods?: Readonly<Record<string, { calendarDays: number; follows?: string }>>;
  /** Deadlines that start when the case is submitted. */
  initialDeadlines?: readonly string[];
  /** The moments its cases carry (CaseSnapshot.moments) that transitions' time conditions may name. */
  moments?: readonly string[];
  /**
   * Local rules that choose between transitions (`onlyIf`), each with its possible values and the
   * value where no rule says otherwise. Their values for a case are read with it, as in force on the
   * day and where it is handled (CaseSnapshot.settings), never stored with its state. A setting
   * without `values` is a figure (a whole number as text, e.g. a cap in fen) that `inputLimits` read.
   */
  settings?: Readonly<Record<string, { values?: readonly string[]; default: string }>>;
  /**
   * The transitions by which the applicant stops the case (withdraw an application, cancel an
   * appointment): the first one the applicant may take in the case's state is offered.
   */
  applicantStops?: readonly string[];
  transitions: readonly TransitionDefinition[];
}

export interface Deadline {
  key: string;
  startedOn: string;
  dueOn: string;
  pausedOn?: string;
  stoppedOn?: string;
  /** The day a transition extended it (`extendsDeadline`): it is not extended twice. */
  extendedOn?: string;
}

/** A legal period's first and last day (YYYY-MM-DD, both included). */
export interface Period {
  key: string;
  from: string;
  to: string;
}

export interface CaseSnapshot {
  state: string;
  /** The state to return to after a pause (补正). */
  previousState?: string;
  version: number;
  office: string;
  deadlines: readonly Deadline[];
  periods?: readonly Period[];
  /**
   * Moments the case carries, China wall-clock time 'YYYY-MM-DDTHH:MM' (an appointment's start and
   * end, when a visit was marked missed). Read with the case, never stored with its state: a moved
   * appointment moves them.
   */
  moments?: Readonly<Record<string, string>>;
  /** The service's settings (ServiceDefinition.settings) in force for this case now, by name; a missing one has its default. */
  settings?: Readonly<Record<string, string>>;
  /**
   * The transitions the case has taken, oldest first ('submit' first): its timeline, read with the
   * case, never stored with its state. What `requires` reads; without them no transition that
   * requires a step is possible.
   */
  steps?: readonly string[];
}

export type TransitionRefusal =
  | { code: 'unknown_transition' }
  | { code: 'wrong_state'; state: string }
  | { code: 'not_permitted' }
  | { code: 'out_of_scope' }
  /** Too late (`untilEndOf`) or too early (`afterEndOf`) for the named period. */
  | { code: 'outside_period'; period: string }
  /**
   * Not at this time (`when`): possible from `from`, or no longer after `until` (China time,
   * 'YYYY-MM-DDTHH:MM'); neither when the case lacks the moment (nothing to undo).
   */
  | { code: 'not_now'; from?: string; until?: string }
  /** A step the transition requires has not been taken (no hearing recorded before a cut). */
  | { code: 'step_missing'; transition: string }
  /** The deadline it extends is not running, or was extended already. */
  | { code: 'not_extendable'; deadline: string }
  | { code: 'invalid_input'; error: z.ZodError };

export interface TransitionResult {
  snapshot: CaseSnapshot;
  event: { transition: string; from: string; to: string; visibility: 'applicant' | 'internal'; input: unknown };
  notify?: string;
}

export type TransitionOutcome = { ok: true; result: TransitionResult } | { ok: false; refusal: TransitionRefusal };

export interface Clock {
  /** YYYY-MM-DD in China's time zone. */
  today: string;
  /**
   * The time now in China, 'YYYY-MM-DDTHH:MM' (chinaMinute): what a transition's time condition is
   * checked against. Without it, no transition with a time condition is possible.
   */
  time?: string;
  calendar: WorkingDayCalendar;
}

function actorMayTake(transition: TransitionDefinition, actor: Actor): boolean {
  if (actor.kind === 'staff') return actor.roles.some((role) => transition.by.includes(role));
  return transition.by.includes(actor.kind);
}

function inScope(definition: ServiceDefinition, snapshot: CaseSnapshot, actor: Actor): boolean {
  if (actor.kind !== 'staff') return true;
  if (actor.roles.includes('system-admin')) return true;
  return actor.offices.includes(snapshot.office) && actor.serviceAreas.includes(definition.serviceArea);
}

export function startDeadlines(definition: ServiceDefinition, keys: readonly string[], clock: Clock): Deadline[] {
  return keys.map((key) => {
    const spec = definition.deadlines[key];
    if (!spec) throw new Error(`service ${definition.id} has no deadline ${key}`);
    return { key, startedOn: clock.today, dueOn: addWorkingDays(clock.calendar, clock.today, spec.workingDays) };
  });
}

function changeDeadlines(definition: ServiceDefinition, transition: TransitionDefinition, deadlines: readonly Deadline[], clock: Clock, pauses: boolean): Deadline[] {
  let next = deadlines.map((deadline): Deadline => {
    if (deadline.stoppedOn) return deadline;
    if (transition.stopsDeadlines?.includes(deadline.key)) return { ...deadline, stoppedOn: clock.today };
    if (transition.extendsDeadline === deadline.key) {
      const spec = definition.deadlines[deadline.key];
      // The days added on top of the due day, so that days added back after a pause stay added.
      const added = (spec?.extendableTo ?? spec?.workingDays ?? 0) - (spec?.workingDays ?? 0);
      return { ...deadline, dueOn: addWorkingDays(clock.calendar, deadline.dueOn, added), extendedOn: clock.today };
    }
    if (pauses && !deadline.pausedOn) return { ...deadline, pausedOn: clock.today };
    if (transition.resumesClock && deadline.pausedOn) {
      // The working days the applicant took to answer are added back: the office's time is not spent.
      const paused = workingDaysBetween(clock.calendar, deadline.pausedOn, clock.today);
      const { pausedOn: _resumed, ...running } = deadline;
      return { ...running, dueOn: addWorkingDays(clock.calendar, deadline.dueOn, paused) };
    }
    return deadline;
  });
  const started = (transition.startsDeadlines ?? []).filter((key) => !next.some((d) => d.key === key && !d.stoppedOn));
  next = [...next, ...startDeadlines(definition, started, clock)];
  return next;
}

/** The periods a transition starts, each after the one it follows when that one is running or starts too. */
function startPeriods(definition: ServiceDefinition, transition: TransitionDefinition, periods: readonly Period[], clock: Clock): Period[] {
  const next = [...periods.filter((period) => !transition.startsPeriods?.includes(period.key))];
  for (const key of transition.startsPeriods ?? []) {
    const spec = definition.periods?.[key];
    if (!spec) throw new Error(`service ${definition.id} has no period ${key}`);
    const startsAfter = spec.follows ? next.find((period) => period.key === spec.follows)?.to : clock.today;
    if (!startsAfter) throw new Error(`period ${key} follows ${spec.follows ?? ''}, which has not started`);
    next.push({ key, from: addDays(startsAfter, 1), to: endOfCalendarPeriod(clock.calendar, startsAfter, spec.calendarDays) });
  }
  return next;
}

/** Whether today is inside the limits the transition's periods set (a transition without any always is). */
function withinPeriods(transition: TransitionDefinition, snapshot: CaseSnapshot, today: string): boolean {
  const end = (key: string) => snapshot.periods?.find((period) => period.key === key)?.to;
  if (transition.untilEndOf) {
    const last = end(transition.untilEndOf);
    if (!last || today > last) return false;
  }
  if (transition.afterEndOf) {
    const last = end(transition.afterEndOf);
    if (!last || today <= last) return false;
  }
  return true;
}

/** The time a bound names on this case ('YYYY-MM-DDTHH:MM'), or undefined when the case lacks its moment. */
function boundTime(bound: TimeBound, snapshot: CaseSnapshot): string | undefined {
  const moment = snapshot.moments?.[bound.moment];
  if (!moment) return undefined;
  if (bound.at === 'start-of-day') return `${moment.slice(0, 10)}T00:00`;
  if (bound.at === 'end-of-day') return `${moment.slice(0, 10)}T23:59`;
  return moment.slice(0, 16);
}

/**
 * Whether `time` (China time, 'YYYY-MM-DDTHH:MM') meets the transition's time condition; when not,
 * from when it will, or until when it did. Minutes compare as text: both sides have one format.
 */
export function timeRefusal(transition: TransitionDefinition, snapshot: CaseSnapshot, time: string | undefined): Extract<TransitionRefusal, { code: 'not_now' }> | undefined {
  const condition = transition.when;
  if (!condition) return undefined;
  if (!time) return { code: 'not_now' };
  if (condition.notBefore) {
    const from = boundTime(condition.notBefore, snapshot);
    if (!from) return { code: 'not_now' };
    if (time < from) return { code: 'not_now', from };
  }
  if (condition.notAfter) {
    const until = boundTime(condition.notAfter, snapshot);
    if (!until) return { code: 'not_now' };
    if (time > until) return { code: 'not_now', until };
  }
  return undefined;
}

/** The value of a setting for the case: its value in force, else the setting's default. */
function settingValue(definition: ServiceDefinition, snapshot: CaseSnapshot, setting: string): string | undefined {
  return snapshot.settings?.[setting] ?? definition.settings?.[setting]?.default;
}

const settingIs = (definition: ServiceDefinition, snapshot: CaseSnapshot, condition: SettingCondition) => settingValue(definition, snapshot, condition.setting) === condition.is;

/** Whether the case's settings allow the transition (one without `onlyIf` always is). */
function settingAllows(definition: ServiceDefinition, transition: TransitionDefinition, snapshot: CaseSnapshot): boolean {
  return !transition.onlyIf || settingIs(definition, snapshot, transition.onlyIf);
}

/** Whether the transition stops the running deadlines on this case (a 补正 request where the local rule says so). */
function pausesOn(definition: ServiceDefinition, transition: TransitionDefinition, snapshot: CaseSnapshot): boolean {
  const pauses = transition.pausesClock;
  return pauses === true || (typeof pauses === 'object' && settingIs(definition, snapshot, pauses));
}

/** The first step the transition requires that the case has not taken, if any. */
function missingStep(definition: ServiceDefinition, transition: TransitionDefinition, snapshot: CaseSnapshot): string | undefined {
  for (const requirement of transition.requires ?? []) {
    if (requirement.where && !settingIs(definition, snapshot, requirement.where)) continue;
    const steps = snapshot.steps ?? [];
    const since = Math.max(-1, ...(requirement.since ?? []).map((name) => steps.lastIndexOf(name)));
    if (steps.lastIndexOf(requirement.transition) <= since) return requirement.transition;
  }
  return undefined;
}

/** Whether the deadline the transition extends is running and not extended yet (a transition extending none always may). */
function extendable(transition: TransitionDefinition, snapshot: CaseSnapshot): boolean {
  if (!transition.extendsDeadline) return true;
  return snapshot.deadlines.some((deadline) => deadline.key === transition.extendsDeadline && !deadline.stoppedOn && !deadline.extendedOn);
}

/** The input's fields over the figure settings that bound them, as issues next to each field. */
function limitIssues(definition: ServiceDefinition, transition: TransitionDefinition, snapshot: CaseSnapshot, input: unknown): z.core.$ZodIssue[] {
  const values = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  return (transition.inputLimits ?? []).flatMap(({ field, atMost }) => {
    const value = values[field];
    const cap = Number(settingValue(definition, snapshot, atMost));
    if (typeof value !== 'number' || (Number.isInteger(cap) && value <= cap)) return [];
    return [{ code: 'custom' as const, path: [field], message: 'errors.workbench.overLimit', input: value }];
  });
}

/** Whether `actor` may take `name` on this case now, and what it would change. Pure: nothing is saved. */
export function applyTransition(
  definition: ServiceDefinition,
  snapshot: CaseSnapshot,
  name: string,
  actor: Actor,
  input: unknown,
  clock: Clock,
): TransitionOutcome {
  const transition = definition.transitions.find((t) => t.name === name);
  if (!transition) return { ok: false, refusal: { code: 'unknown_transition' } };
  if (!transition.from.includes(snapshot.state)) return { ok: false, refusal: { code: 'wrong_state', state: snapshot.state } };
  if (!actorMayTake(transition, actor)) return { ok: false, refusal: { code: 'not_permitted' } };
  // The local rule in force takes another way here (a withdrawal the office confirms, not one made at once).
  if (!settingAllows(definition, transition, snapshot)) return { ok: false, refusal: { code: 'not_permitted' } };
  if (!inScope(definition, snapshot, actor)) return { ok: false, refusal: { code: 'out_of_scope' } };
  const missing = missingStep(definition, transition, snapshot);
  if (missing) return { ok: false, refusal: { code: 'step_missing', transition: missing } };
  if (!extendable(transition, snapshot)) return { ok: false, refusal: { code: 'not_extendable', deadline: transition.extendsDeadline ?? '' } };
  if (!withinPeriods(transition, snapshot, clock.today)) return { ok: false, refusal: { code: 'outside_period', period: transition.untilEndOf ?? transition.afterEndOf ?? '' } };
  const notNow = timeRefusal(transition, snapshot, clock.time);
  if (notNow) return { ok: false, refusal: notNow };
  let parsedInput: unknown = undefined;
  if (transition.input) {
    const parsed = transition.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, refusal: { code: 'invalid_input', error: parsed.error } };
    parsedInput = parsed.data;
    const overLimit = limitIssues(definition, transition, snapshot, parsedInput);
    if (overLimit.length > 0) return { ok: false, refusal: { code: 'invalid_input', error: new z.ZodError(overLimit) } };
  }
  const to = transition.to === PREVIOUS_STATE ? snapshot.previousState : transition.to === SAME_STATE ? snapshot.state : transition.to;
  if (!to || !definition.states[to]) return { ok: false, refusal: { code: 'wrong_state', state: snapshot.state } };
  const next: CaseSnapshot = {
    state: to,
    version: snapshot.version + 1,
    office: snapshot.office,
    deadlines: changeDeadlines(definition, transition, snapshot.deadlines, clock, pausesOn(definition, transition, snapshot)),
    ...(transition.pausesClock ? { previousState: snapshot.state } : {}),
    ...(snapshot.steps ? { steps: [...snapshot.steps, name] } : {}),
    ...(snapshot.periods || transition.startsPeriods ? { periods: startPeriods(definition, transition, snapshot.periods ?? [], clock) } : {}),
  };
  return {
    ok: true,
    result: {
      snapshot: next,
      event: { transition: name, from: snapshot.state, to, visibility: transition.visibility, input: parsedInput },
      ...(transition.notify ? { notify: transition.notify } : {}),
    },
  };
}

/** The transitions the actor may take on this case at all, whatever the day or time. */
function openToActor(definition: ServiceDefinition, snapshot: CaseSnapshot, actor: Actor): TransitionDefinition[] {
  if (!inScope(definition, snapshot, actor)) return [];
  return definition.transitions.filter(
    (t) => t.from.includes(snapshot.state) && actorMayTake(t, actor) && (actor.kind !== 'staff' || t.workbench !== false) && settingAllows(definition, t, snapshot) && !missingStep(definition, t, snapshot) && extendable(t, snapshot),
  );
}

/**
 * The transitions `actor` may take `today` (at `time`, China time 'YYYY-MM-DDTHH:MM', for those
 * with a time condition): what the workbench and the status page offer, and nothing else.
 */
export function availableTransitions(definition: ServiceDefinition, snapshot: CaseSnapshot, actor: Actor, today: string, time?: string): TransitionDefinition[] {
  return openToActor(definition, snapshot, actor).filter((t) => withinPeriods(t, snapshot, today) && !timeRefusal(t, snapshot, time));
}

/**
 * The transitions the actor may take on this case later today or on a later day, with the time
 * from which each is possible (a no-show once the appointment is over): what the workbench says is
 * coming rather than offering it too early.
 */
export function laterTransitions(definition: ServiceDefinition, snapshot: CaseSnapshot, actor: Actor, today: string, time: string): { transition: TransitionDefinition; from: string }[] {
  return openToActor(definition, snapshot, actor).flatMap((transition) => {
    const refusal = timeRefusal(transition, snapshot, time);
    return refusal?.from && withinPeriods(transition, snapshot, today) ? [{ transition, from: refusal.from }] : [];
  });
}

/** The applicant's way of stopping the case today (withdraw, cancel), if any. */
export function applicantStopNow(definition: ServiceDefinition, snapshot: CaseSnapshot, today: string, time?: string): string | undefined {
  const open = availableTransitions(definition, snapshot, { kind: 'applicant' }, today, time).map((t) => t.name);
  return definition.applicantStops?.find((name) => open.includes(name));
}

export type DeadlineStatus = 'stopped' | 'paused' | 'overdue' | 'due-soon' | 'on-time';

/** Computed, never stored: "due soon" is within `dueSoonWorkingDays` working days. */
export function deadlineStatus(deadline: Deadline, clock: Clock, dueSoonWorkingDays = 3): DeadlineStatus {
  if (deadline.stoppedOn) return 'stopped';
  if (deadline.pausedOn) return 'paused';
  if (clock.today > deadline.dueOn) return 'overdue';
  return workingDaysBetween(clock.calendar, clock.today, deadline.dueOn) <= dueSoonWorkingDays ? 'due-soon' : 'on-time';
}

/** Problems in a definition (unknown states or deadlines): a new service is checked by a unit test. */
export function definitionProblems(definition: ServiceDefinition): string[] {
  const problems: string[] = [];
  const states = new Set(Object.keys(definition.states));
  if (!states.has(definition.initialState)) problems.push(`initial state ${definition.initialState} is not a state`);
  const names = new Set<string>();
  for (const t of definition.transitions) {
    if (names.has(t.name)) problems.push(`transition ${t.name} is defined twice`);
    names.add(t.name);
    for (const from of t.from) {
      if (!states.has(from)) problems.push(`${t.name}: from ${from} is not a state`);
      else if (definition.states[from]?.terminal) problems.push(`${t.name}: leaves terminal state ${from}`);
    }
    if (t.to !== PREVIOUS_STATE && t.to !== SAME_STATE && !states.has(t.to)) problems.push(`${t.name}: to ${t.to} is not a state`);
    for (const key of [...(t.startsDeadlines ?? []), ...(t.stopsDeadlines ?? [])]) {
      if (!definition.deadlines[key]) problems.push(`${t.name}: deadline ${key} is not defined`);
    }
    for (const key of [...(t.startsPeriods ?? []), ...(t.untilEndOf ? [t.untilEndOf] : []), ...(t.afterEndOf ? [t.afterEndOf] : [])]) {
      if (!definition.periods?.[key]) problems.push(`${t.name}: period ${key} is not defined`);
    }
    for (const bound of [t.when?.notBefore, t.when?.notAfter]) {
      if (bound && !definition.moments?.includes(bound.moment)) problems.push(`${t.name}: moment ${bound.moment} is not one the case carries`);
    }
    const conditions = [t.onlyIf, typeof t.pausesClock === 'object' ? t.pausesClock : undefined, ...(t.requires ?? []).map((requirement) => requirement.where)];
    for (const condition of conditions) {
      if (!condition) continue;
      const setting = definition.settings?.[condition.setting];
      if (!setting) problems.push(`${t.name}: setting ${condition.setting} is not defined`);
      else if (!setting.values?.includes(condition.is)) problems.push(`${t.name}: ${condition.is} is not a value of setting ${condition.setting}`);
    }
    for (const requirement of t.requires ?? []) {
      for (const name of [requirement.transition, ...(requirement.since ?? [])]) {
        if (!definition.transitions.some((other) => other.name === name)) problems.push(`${t.name}: requires ${name}, which is not a transition`);
      }
    }
    if (t.extendsDeadline && !definition.deadlines[t.extendsDeadline]?.extendableTo) problems.push(`${t.name}: deadline ${t.extendsDeadline} is not extendable`);
    for (const limit of t.inputLimits ?? []) {
      const setting = definition.settings?.[limit.atMost];
      if (!setting) problems.push(`${t.name}: setting ${limit.atMost} is not defined`);
      else if (setting.values) problems.push(`${t.name}: setting ${limit.atMost} is a choice, not a figure`);
      if (!(t.input instanceof z.ZodObject) || !(limit.field in t.input.shape)) problems.push(`${t.name}: limits ${limit.field}, which is not an input field`);
    }
    if (t.by.length === 0) problems.push(`${t.name}: nobody may take it`);
    if (t.publishes?.list === 'notice') {
      if (!definition.periods?.[t.publishes.period]) problems.push(`${t.name}: publishes for period ${t.publishes.period}, which is not defined`);
      else if (!t.startsPeriods?.includes(t.publishes.period)) problems.push(`${t.name}: publishes for period ${t.publishes.period}, which it does not start`);
      const objection = t.publishes.objection;
      if (objection && !definition.transitions.some((other) => other.name === objection && other.by.includes('system'))) problems.push(`${t.name}: objection ${objection} is not a transition the system may take`);
    }
  }
  for (const key of definition.initialDeadlines ?? []) if (!definition.deadlines[key]) problems.push(`initial deadline ${key} is not defined`);
  for (const name of definition.applicantStops ?? []) {
    if (!definition.transitions.some((t) => t.name === name && t.by.includes('applicant'))) problems.push(`applicant stop ${name} is not an applicant's transition`);
  }
  for (const [key, spec] of Object.entries(definition.settings ?? {})) {
    if (spec.values ? !spec.values.includes(spec.default) : !/^\d+$/.test(spec.default)) problems.push(`setting ${key}: its default ${spec.default} is not one of its values`);
  }
  for (const [key, spec] of Object.entries(definition.deadlines)) {
    if (spec.extendableTo !== undefined && spec.extendableTo <= spec.workingDays) problems.push(`deadline ${key}: extendable to ${spec.extendableTo}, not more than its ${spec.workingDays} working days`);
  }
  for (const [key, spec] of Object.entries(definition.periods ?? {})) {
    if (spec.follows && !definition.periods?.[spec.follows]) problems.push(`period ${key} follows ${spec.follows}, which is not defined`);
  }
  return problems;
}

export type FieldControl = 'text' | 'textarea' | 'number' | 'month' | 'radios';

/** The values a field may take, when it is one of a few (a z.enum, optional or not): what radios offer. */
function choicesOf(schema: z.ZodType): string[] | undefined {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return inner instanceof z.ZodEnum ? inner.options.map(String) : undefined;
}

/**
 * The fields a transition asks for, in order, with the form control each needs (from the schema's
 * meta); radios with the values of the field's enum (named in the service's words as `fields.choices.<name>.<value>`).
 */
export function transitionFields(transition: TransitionDefinition): { name: string; control: FieldControl; options?: string[] }[] {
  const input = transition.input;
  if (!(input instanceof z.ZodObject)) return [];
  return Object.entries(input.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const control = schema.meta()?.control;
    const options = choicesOf(schema);
    if (control === 'radios' && options) return { name, control, options };
    return { name, control: control === 'textarea' || control === 'number' || control === 'month' ? control : 'text' };
  });
}

/**
 * The fields of a transition that are sealed in its timeline event (meta `sealed`: the free text
 * people type about a person or the office's work, such as a 补正 list, a reason, an opinion, an
 * objection): encrypted at rest like the application (docs/decisions/045, 049). Sealed says how a
 * value is stored, not who reads it: the views open it, and `staffOnly` keeps it from the applicant.
 */
export function sealedFields(transition: TransitionDefinition | undefined): readonly string[] {
  return markedFields(transition).sealed;
}

/**
 * The fields of a transition that are the office's working record only (meta `staffOnly`, e.g. a
 * reviewer's opinion, or what others wrote about the case: an objection): shown on the workbench,
 * never on the applicant's status page or in the texts.
 */
export function staffOnlyFields(transition: TransitionDefinition | undefined): readonly string[] {
  return markedFields(transition).staffOnly;
}

interface MarkedFields {
  sealed: readonly string[];
  staffOnly: readonly string[];
}

const NONE_MARKED: MarkedFields = Object.freeze({ sealed: Object.freeze([]), staffOnly: Object.freeze([]) });

/**
 * A transition input's sealed and staff-only fields, read from its fields' meta once per input
 * schema: zod finds a schema's meta through its registry on every call, and a status lookup asks
 * for every event it shows. A schema is not changed once defined, so what was read stays true.
 */
const markedByInput = new WeakMap<z.ZodObject, MarkedFields>();
function markedFields(transition: TransitionDefinition | undefined): MarkedFields {
  const input = transition?.input;
  if (!(input instanceof z.ZodObject)) return NONE_MARKED;
  let marked = markedByInput.get(input);
  if (!marked) {
    const fields = Object.entries(input.shape as Record<string, z.ZodType>).map(([name, schema]) => ({ name, meta: schema.meta() }));
    const named = (flag: string) => Object.freeze(fields.flatMap(({ name, meta }) => (meta?.[flag] === true ? [name] : [])));
    marked = Object.freeze({ sealed: named('sealed'), staffOnly: named('staffOnly') });
    markedByInput.set(input, marked);
  }
  return marked;
}
