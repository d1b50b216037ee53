/**
 * 好差评 (docs/decisions/053): the applicant rates a finished case on the national five levels of
 * 国办发〔2019〕51号 (非常满意, 满意, 基本满意 are good; 不满意, 非常不满意 bad), with reasons from a
 * fixed list for the level's group and an optional comment. One rating per case. A bad rating
 * opens a follow-up for the case's office, due a number of working days later (a local setting);
 * the office replies, the applicant reads the reply and says, once, whether it was resolved.
 *
 * Pure rules: no I/O, the day and the calendar are arguments.
 */
import { z } from 'zod';
import { addWorkingDays, workingDaysBetween, type WorkingDayCalendar } from '../calendar/working-days.ts';
import { textLines } from '../text.ts';
import { PREVIOUS_STATE, SAME_STATE, type ServiceDefinition } from '../workflow/workflow.ts';

/** The national five levels, best first (国办发〔2019〕51号: 非常满意、满意、基本满意、不满意、非常不满意). */
export const RATING_LEVELS = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** 好评 and 差评: the three upper levels are good, the two lower bad (a bad one is followed up). */
export type RatingGroup = 'good' | 'bad';
export const BAD_LEVELS: readonly RatingLevel[] = ['dissatisfied', 'very-dissatisfied'];
export const groupOf = (level: RatingLevel): RatingGroup => (BAD_LEVELS.includes(level) ? 'bad' : 'good');
export const isBadLevel = (level: RatingLevel): boolean => groupOf(level) === 'bad';

/**
 * The reasons a rating may give, per group: what the national 好差评 system asks people to judge
 * (the process, the time it took, being told everything at once, documents and trips, the staff's
 * manner, the online service), each in both directions, and "other" (said in the comment).
 */
export const RATING_REASONS = {
  good: ['simple-process', 'quick', 'told-once', 'no-extra-trips', 'courteous-staff', 'online-convenient', 'other'],
  bad: ['complicated-process', 'slow', 'not-told-once', 'documents-again', 'several-trips', 'unhelpful-staff', 'online-problems', 'other'],
} as const satisfies Record<RatingGroup, readonly string[]>;
export type RatingReason = (typeof RATING_REASONS)[RatingGroup][number];
export const ALL_REASONS: readonly RatingReason[] = [...new Set<RatingReason>([...RATING_REASONS.good, ...RATING_REASONS.bad])];

/** How long a comment may be: enough to say what happened, not a complaint file (that is the 12345 hotline's). */
export const COMMENT_MAX = 500;
/** The office's reply: what it found and what it did. */
export const REPLY_LENGTH = { min: 10, max: 1000 } as const;

const comment = () =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    textLines({ error: 'errors.ratings.comment' }).trim().max(COMMENT_MAX, 'errors.ratings.comment').optional(),
  );

/**
 * A rating as the applicant gives it. Reasons must belong to the level's group; a bad rating names
 * at least one (the office has to know what to put right); "other" needs the comment that says it.
 * A form sends one reason as a string and several as a list: both are taken.
 */
export const RatingInputSchema = z
  .object({
    level: z.enum(RATING_LEVELS, { error: 'errors.ratings.level' }),
    reasons: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.enum(ALL_REASONS as [RatingReason, ...RatingReason[]], { error: 'errors.ratings.reasons' })).max(ALL_REASONS.length)),
    comment: comment(),
  })
  .superRefine((rating, ctx) => {
    const allowed: readonly string[] = RATING_REASONS[groupOf(rating.level)];
    if (rating.reasons.some((reason) => !allowed.includes(reason))) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'errors.ratings.reasons' });
    if (new Set(rating.reasons).size !== rating.reasons.length) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'errors.ratings.reasons' });
    if (isBadLevel(rating.level) && rating.reasons.length === 0) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'errors.ratings.reasonsNeeded' });
    if (rating.reasons.includes('other') && !rating.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'errors.ratings.otherNeedsComment' });
  });
export type RatingInput = z.output<typeof RatingInputSchema>;

/** The office's reply to a bad rating (shown to the applicant): what it found and what it did. */
export const FollowUpReplySchema = z.object({
  reply: textLines({ error: 'errors.ratings.reply' }).trim().min(REPLY_LENGTH.min, 'errors.ratings.reply').max(REPLY_LENGTH.max, 'errors.ratings.reply'),
});
export type FollowUpReply = z.output<typeof FollowUpReplySchema>;

/** The applicant's answer after reading the reply. */
export const RESOLUTIONS = ['resolved', 'not-resolved'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const ResolutionSchema = z.object({ resolution: z.enum(RESOLUTIONS, { error: 'errors.ratings.resolution' }) });

/**
 * The states in which a case is finished (办结) and may be rated: a decision that stands. A state
 * counts when it is `decided` and the case cannot leave it for a state that is not (a mistaken
 * no-show is undone back to booked, so a no-show does not count; an approved allowance that is later
 * cut or stopped stays decided, so the approval counts). A step back to "the state before"
 * (PREVIOUS_STATE) could lead anywhere, so a state with one does not count. Read from the workflow's
 * own marks: no service is named.
 */
export function concludingStates(workflow: ServiceDefinition): ReadonlySet<string> {
  const known = concludingByWorkflow.get(workflow);
  if (known) return known;
  const found = findConcludingStates(workflow);
  concludingByWorkflow.set(workflow, found);
  return found;
}

// A workflow is data fixed at start: its finished states are worked out once.
const concludingByWorkflow = new WeakMap<ServiceDefinition, ReadonlySet<string>>();

function findConcludingStates(workflow: ServiceDefinition): Set<string> {
  const next = (state: string): string[] =>
    workflow.transitions.filter((transition) => transition.from.includes(state)).map((transition) => (transition.to === SAME_STATE ? state : transition.to));
  const concluding = new Set<string>();
  for (const [state, definition] of Object.entries(workflow.states)) {
    if (!definition.decided) continue;
    const seen = new Set<string>([state]);
    const queue = [state];
    let stands = true;
    while (queue.length > 0 && stands) {
      const current = queue.shift() as string;
      for (const target of next(current)) {
        if (target === PREVIOUS_STATE || !workflow.states[target]?.decided) {
          stands = false;
          break;
        }
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    if (stands) concluding.add(state);
  }
  return concluding;
}

/** Whether a step from `from` to `to` finishes the case: the moment the applicant is invited to rate it. */
export function finishesCase(workflow: ServiceDefinition, from: string, to: string): boolean {
  const concluding = concludingStates(workflow);
  return concluding.has(to) && !concluding.has(from);
}

/** The working days an office has to answer a bad rating where no local rule says otherwise. */
export const DEFAULT_FOLLOW_UP_WORKING_DAYS = 5;

/** The day a follow-up opened on `openedOn` is due: `workingDays` working days later (the day it opened not counted). */
export function followUpDueOn(calendar: WorkingDayCalendar, openedOn: string, workingDays: number): string {
  return addWorkingDays(calendar, openedOn, workingDays);
}

/** A follow-up not replied to after its last day. A reply ends it, late or not. */
export function isOverdue(followUp: { dueOn: string; repliedAt: string | null }, today: string): boolean {
  return followUp.repliedAt === null && today > followUp.dueOn;
}

/** What a follow-up's list shows of its progress. */
/** Working days before its last day from which a waiting follow-up is "due soon", as a case's deadline is in the queue. */
export const FOLLOW_UP_DUE_SOON_WORKING_DAYS = 3;

/** Waiting for an answer, not yet overdue, and its last day within FOLLOW_UP_DUE_SOON_WORKING_DAYS working days. */
export function isFollowUpDueSoon(calendar: WorkingDayCalendar, followUp: { dueOn: string; repliedAt: string | null }, today: string): boolean {
  if (followUp.repliedAt || isOverdue(followUp, today)) return false;
  return workingDaysBetween(calendar, today, followUp.dueOn) <= FOLLOW_UP_DUE_SOON_WORKING_DAYS;
}

export type FollowUpStatus = 'open' | 'overdue' | 'replied' | 'resolved' | 'not-resolved';
export function followUpStatus(followUp: { dueOn: string; repliedAt: string | null; resolution: Resolution | null }, today: string): FollowUpStatus {
  if (followUp.resolution) return followUp.resolution;
  if (followUp.repliedAt) return 'replied';
  return isOverdue(followUp, today) ? 'overdue' : 'open';
}

/** Counts per level, and the satisfaction rate: the share of good ratings (null before the first). */
export interface RatingAggregate {
  total: number;
  counts: Record<RatingLevel, number>;
  /** 0…1, the good ratings' share of all, or null when there is none. */
  satisfactionRate: number | null;
}

export function aggregateOf(rows: readonly { level: string; count: number }[]): RatingAggregate {
  const counts = Object.fromEntries(RATING_LEVELS.map((level) => [level, 0])) as Record<RatingLevel, number>;
  for (const row of rows) if ((RATING_LEVELS as readonly string[]).includes(row.level)) counts[row.level as RatingLevel] += row.count;
  const total = RATING_LEVELS.reduce((sum, level) => sum + counts[level], 0);
  const good = RATING_LEVELS.filter((level) => !isBadLevel(level)).reduce((sum, level) => sum + counts[level], 0);
  return { total, counts, satisfactionRate: total === 0 ? null : good / total };
}

/** A rate as a percentage with one decimal (97.5%), as bureaus publish it. */
export function percentText(rate: number | null): string | null {
  return rate === null ? null : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
