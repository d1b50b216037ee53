/**
 * The public entry a transition writes (its `publishes`, docs/decisions/045): only what a 公示 or
 * 公布 may show, already masked, made from the publishable facts the case's service gives, the
 * transition's amount and the case's period. Nothing else of the case goes in, so the public pages
 * never need to read a case. Pure: no I/O, no clock (the day comes in).
 */
import { addDays } from '../../domain/calendar/working-days.ts';
import type { CaseSnapshot, TransitionDefinition } from '../../domain/workflow/workflow.ts';
import { DEFAULT_NAME_MASKING, maskName, type NameMasking } from './name-masking.ts';

/** How long a 公布 stays up where the transition does not say: long enough to be read, short enough to be forgotten (PIPL art. 34). */
export const PUBLICATION_DAYS = 30;

/** What a service says may be published of an application (CaseService.publicEntry). */
export interface PublicFacts {
  /** Where the notice hangs: a village or community id (its board's page). */
  place: string;
  /** The name as given; masked here, never stored whole. */
  name: string;
  householdSize: number;
  /** The locality's masking rule; the default (张*) when the service has none. */
  masking?: NameMasking;
}

export type PublicList = 'notice' | 'announcement';

/** An entry as stored and shown: nothing here may identify more than the notice is allowed to. */
export interface PublicEntry {
  list: PublicList;
  place: string;
  maskedName: string;
  householdSize: number;
  /** The service: the kind of help. */
  kind: string;
  /** Integer fen, or null when the transition carries no amount. */
  amountFen: number | null;
  /** First and last day shown (YYYY-MM-DD, both included, China time). */
  fromDay: string;
  toDay: string;
  /** The transition an objection to it takes (a notice's), else null. */
  objection: string | null;
}

export type EntryProblem = 'no_period';

/**
 * The entry `transition` writes for a case of `kind` on `today`, the case being `after` (its
 * snapshot once the transition is taken: a notice's period has started). Undefined when the
 * transition publishes nothing; a problem when the notice's period is not on the case (a
 * definition error that definitionProblems reports first).
 */
export function publicEntryOf(
  kind: string,
  transition: Pick<TransitionDefinition, 'publishes'>,
  facts: PublicFacts,
  input: unknown,
  after: Pick<CaseSnapshot, 'periods'>,
  today: string,
): PublicEntry | EntryProblem | undefined {
  const publishes = transition.publishes;
  if (!publishes) return undefined;
  let days: { fromDay: string; toDay: string };
  if (publishes.list === 'notice') {
    const period = after.periods?.find((candidate) => candidate.key === publishes.period);
    if (!period) return 'no_period';
    // Up from the day it is posted; the period itself counts from the next day (Civil Code art. 201) to its last day.
    days = { fromDay: today, toDay: period.to };
  } else {
    days = { fromDay: today, toDay: addDays(today, (publishes.days ?? PUBLICATION_DAYS) - 1) };
  }
  return {
    list: publishes.list,
    place: facts.place,
    maskedName: maskName(facts.name, facts.masking ?? DEFAULT_NAME_MASKING),
    householdSize: facts.householdSize,
    kind,
    amountFen: amountOf(input),
    ...days,
    objection: publishes.list === 'notice' ? (publishes.objection ?? null) : null,
  };
}

function amountOf(input: unknown): number | null {
  if (!input || typeof input !== 'object' || !('amountFen' in input)) return null;
  const amount = input.amountFen;
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0 ? amount : null;
}

/** Whether an entry is up on `day` (China time): from its first day to its last, both included. */
export const isUp = (entry: Pick<PublicEntry, 'fromDay' | 'toDay'>, day: string): boolean => entry.fromDay <= day && day <= entry.toDay;
