/**
 * The ratings' figures on the bureau dashboard (docs/decisions/059), worked out when a rating is
 * given and its follow-up moves rather than when the dashboard is read, as the case figures are
 * (docs/decisions/054): per service, office and month of the rating (China time), the ratings at
 * each level, the reasons bad ratings gave, and how many of those bad ratings' follow-ups were
 * opened, answered and resolved. Everything is counted in the month of the rating, so that the
 * figures of a period are those of the ratings given in it: a reply in January to a December
 * rating counts in December, and "opened = answered + waiting" holds within a month.
 *
 * Pure: the instants are arguments. The satisfaction rate is the public aggregate's own rule
 * (`aggregateOf`): there is one.
 */
import { chinaDate } from '../calendar/china-time.ts';
import { aggregateOf, isBadLevel, RATING_LEVELS, RATING_REASONS, type RatingAggregate, type RatingLevel } from './ratings.ts';

export const RATING_FIGURES = ['level', 'bad-reason', 'follow-up-opened', 'follow-up-replied', 'follow-up-resolved'] as const;
export type RatingFigure = (typeof RATING_FIGURES)[number];

/** One change to a counter: `count` (−1 when a demo rating is removed) for a level, a reason, or a follow-up's step. */
export interface RatingIncrement {
  service: string;
  office: string;
  /** YYYY-MM in China's time: the month of the rating. */
  month: string;
  figure: RatingFigure;
  /** The level ('level'), the reason code ('bad-reason'); '' for the follow-ups' figures. */
  key: string;
  count: number;
}

interface Where {
  service: string;
  office: string;
}

/** What a rating adds when it is given: its level, a bad rating's reasons, and the follow-up it opens. */
export function ratingIncrements(rating: Where & { level: RatingLevel; reasons: readonly string[]; at: Date; opensFollowUp: boolean }): RatingIncrement[] {
  const where = { service: rating.service, office: rating.office, month: chinaDate(rating.at).slice(0, 7) };
  const increments: RatingIncrement[] = [{ ...where, figure: 'level', key: rating.level, count: 1 }];
  // Only a bad rating's reasons say what to put right; "other" is in both groups' lists.
  if (isBadLevel(rating.level)) for (const reason of new Set(rating.reasons)) increments.push({ ...where, figure: 'bad-reason', key: reason, count: 1 });
  if (rating.opensFollowUp) increments.push({ ...where, figure: 'follow-up-opened', key: '', count: 1 });
  return increments;
}

/** The follow-up as the counters need it: the day it opened is the rating's day (China time). */
export interface FollowUpForFigures extends Where {
  openedOn: string;
}

/** What the office's answer to a bad rating adds, in the rating's month. */
export function replyIncrements(followUp: FollowUpForFigures): RatingIncrement[] {
  return [{ service: followUp.service, office: followUp.office, month: followUp.openedOn.slice(0, 7), figure: 'follow-up-replied', key: '', count: 1 }];
}

/** What the applicant's answer adds: a follow-up resolved counts; one not resolved is the rest of the answered. */
export function resolutionIncrements(followUp: FollowUpForFigures, resolution: string): RatingIncrement[] {
  return resolution === 'resolved' ? [{ service: followUp.service, office: followUp.office, month: followUp.openedOn.slice(0, 7), figure: 'follow-up-resolved', key: '', count: 1 }] : [];
}

/**
 * Everything a stored rating has added so far (its level and reasons, its follow-up opened,
 * answered, resolved): what removing it takes back, and what counting the table again gives.
 */
export function storedRatingIncrements(
  rating: Where & { level: string; reasons: readonly string[]; ratedAt: string },
  followUp: { openedOn: string; repliedAt: string | null; resolution: string | null } | undefined,
): RatingIncrement[] {
  const level = (RATING_LEVELS as readonly string[]).includes(rating.level) ? (rating.level as RatingLevel) : undefined;
  if (!level) return [];
  const where = { service: rating.service, office: rating.office };
  return [
    ...ratingIncrements({ ...where, level, reasons: rating.reasons, at: new Date(rating.ratedAt), opensFollowUp: followUp !== undefined }),
    ...(followUp?.repliedAt ? replyIncrements({ ...where, openedOn: followUp.openedOn }) : []),
    ...(followUp?.resolution ? resolutionIncrements({ ...where, openedOn: followUp.openedOn }, followUp.resolution) : []),
  ];
}

/** The key a counter is kept under: increments with the same key add up. */
export const ratingFigureKey = (increment: Pick<RatingIncrement, 'service' | 'office' | 'month' | 'figure' | 'key'>): string =>
  [increment.service, increment.office, increment.month, increment.figure, increment.key].join('\u0000');

/** Increments added up per counter. */
export function sumRatingIncrements(increments: Iterable<RatingIncrement>, into = new Map<string, RatingIncrement>()): Map<string, RatingIncrement> {
  for (const increment of increments) {
    const key = ratingFigureKey(increment);
    const known = into.get(key);
    if (known) known.count += increment.count;
    else into.set(key, { ...increment });
  }
  return into;
}

/** The increments that take these back (a demo rating removed with its case). */
export const negated = (increments: readonly RatingIncrement[]): RatingIncrement[] => increments.map((increment) => ({ ...increment, count: -increment.count }));

// ---- The dashboard's view of the counters ----

/** A counter as read for a period. */
export type RatingFigureRow = Pick<RatingIncrement, 'service' | 'office' | 'month' | 'figure' | 'key' | 'count'>;

/** How the period's bad ratings were followed up; `overdue`: still unanswered today after their last day. */
export interface FollowUpFigures {
  opened: number;
  replied: number;
  overdue: number;
  resolved: number;
}

/** Counts per level, the total and the satisfaction rate (the public aggregate's), and the bad ratings among them. */
export type RatingFigures = RatingAggregate & { bad: number };

export interface RatingsDashboard {
  totals: RatingFigures & { followUps: FollowUpFigures };
  byMonth: (RatingFigures & { month: string })[];
  byService: (RatingFigures & { service: string; followUps: FollowUpFigures })[];
  byOffice: (RatingFigures & { office: string; followUps: FollowUpFigures })[];
  /** The reasons bad ratings gave, the most frequent first (the fixed list's order between equals); `share`: of the bad ratings. */
  badReasons: { reason: string; count: number; share: number | null }[];
}

const noFollowUps = (): FollowUpFigures => ({ opened: 0, replied: 0, overdue: 0, resolved: 0 });

/** The level counts and bad ratings of some counters, through the one satisfaction rule. */
function figuresOf(levels: readonly { level: string; count: number }[]): RatingFigures {
  const aggregate = aggregateOf(levels);
  return { ...aggregate, bad: RATING_LEVELS.filter(isBadLevel).reduce((sum, level) => sum + aggregate.counts[level], 0) };
}

function addFollowUp(into: FollowUpFigures, row: RatingFigureRow): void {
  if (row.figure === 'follow-up-opened') into.opened += row.count;
  else if (row.figure === 'follow-up-replied') into.replied += row.count;
  else if (row.figure === 'follow-up-resolved') into.resolved += row.count;
}

/**
 * The dashboard's ratings section from the period's counters and the follow-ups overdue today,
 * per month (every month of the period), service (those with figures, and `services` named),
 * office (those with figures, and `offices` named) and reason.
 */
export function ratingsDashboard(
  rows: readonly RatingFigureRow[],
  overdue: readonly { service: string; office: string; count: number }[],
  scope: { months: readonly string[]; services?: readonly string[]; offices?: readonly string[]; serviceOrder?: (id: string) => number },
): RatingsDashboard {
  interface Group {
    levels: { level: string; count: number }[];
    followUps: FollowUpFigures;
  }
  const group = (): Group => ({ levels: [], followUps: noFollowUps() });
  const grouped = (ids: readonly string[] | undefined) => new Map<string, Group>((ids ?? []).map((id) => [id, group()]));
  const months = grouped(scope.months);
  const services = grouped(scope.services);
  const offices = grouped(scope.offices);
  const all = group();
  const into = (map: Map<string, Group>, id: string) => map.get(id) ?? map.set(id, group()).get(id)!;
  const reasons = new Map<string, number>();
  for (const row of rows) {
    if (row.count === 0) continue;
    if (row.figure === 'bad-reason') {
      reasons.set(row.key, (reasons.get(row.key) ?? 0) + row.count);
      continue;
    }
    const targets = [all, into(services, row.service), into(offices, row.office)];
    const month = months.get(row.month);
    if (row.figure === 'level') {
      for (const target of month ? [...targets, month] : targets) target.levels.push({ level: row.key, count: row.count });
    } else for (const target of targets) addFollowUp(target.followUps, row);
  }
  for (const row of overdue) {
    for (const target of [all, into(services, row.service), into(offices, row.office)]) target.followUps.overdue += row.count;
  }
  const totals = figuresOf(all.levels);
  const badOrder: readonly string[] = RATING_REASONS.bad;
  const serviceOrder = scope.serviceOrder ?? (() => 0);
  return {
    totals: { ...totals, followUps: all.followUps },
    byMonth: [...months.entries()].map(([month, figures]) => ({ month, ...figuresOf(figures.levels) })),
    byService: [...services.entries()]
      .sort(([a], [b]) => serviceOrder(a) - serviceOrder(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([service, figures]) => ({ service, ...figuresOf(figures.levels), followUps: figures.followUps })),
    byOffice: [...offices.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([office, figures]) => ({ office, ...figuresOf(figures.levels), followUps: figures.followUps })),
    badReasons: [...reasons.entries()]
      .filter(([, count]) => count > 0)
      .sort(([a, countA], [b, countB]) => countB - countA || badOrder.indexOf(a) - badOrder.indexOf(b))
      .map(([reason, count]) => ({ reason, count, share: totals.bad === 0 ? null : count / totals.bad })),
  };
}
