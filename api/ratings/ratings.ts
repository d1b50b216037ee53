/**
 * 好差评 use cases (docs/decisions/053). The applicant rates a finished case from the status page,
 * by the same two factors as every step there, once; a bad rating opens a follow-up for the case's
 * office, due in the working days its local rule gives. Staff who handle the case's service at that
 * office list their follow-ups, read one (the comment's look audited) and reply once (audited; the
 * applicant is texted); the applicant reads the reply and says, once, whether it was resolved.
 * Staff see counts per office and service; the public the counts per service.
 */
import type { ZodError } from 'zod';
import { enqueueNotification, findCaseById } from '../db/cases.repo.ts';
import { auditCommentLook, followUpById, followUpCounts, followUpsOf, insertRating, ratingCounts, ratingOfCase, saveReply, saveResolution, type FollowUpRow } from '../db/ratings.repo.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import {
  aggregateOf,
  concludingStates,
  followUpDueOn,
  followUpStatus,
  FollowUpReplySchema,
  isFollowUpDueSoon,
  isBadLevel,
  RatingInputSchema,
  ResolutionSchema,
  type FollowUpStatus,
  type RatingAggregate,
  type RatingLevel,
  type RatingReason,
  type Resolution,
} from '../domain/ratings/ratings.ts';
import { ratingIncrements, replyIncrements, resolutionIncrements } from '../domain/ratings/rating-figures.ts';
import { handlesCasesOf, mayReadCases } from '../domain/staff/access.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import { sourceRuleBook } from '../engine/rules/live-rules.ts';
import { caseNotifications, matchingCase, progressOf, type CaseDeps, type LookupResult } from '../cases/case-service.ts';
import { BUILT_IN_SERVICES, type RegisteredCaseService } from '../services/registry.ts';
import { followUpWorkingDays } from './follow-up-table.ts';
import { COMMENT_CONTEXT, REPLY_CONTEXT } from './rating-view.ts';

/** The text telling the applicant the office has answered their bad rating. */
export const REPLY_NOTIFICATION = 'case.ratingReplied';

const servicesOf = (deps: Pick<CaseDeps, 'services'>) => deps.services ?? BUILT_IN_SERVICES;
const serviceOf = (deps: Pick<CaseDeps, 'services'>, id: string): RegisteredCaseService | undefined => servicesOf(deps).get(id);

export type RateResult =
  | LookupResult
  /** The case is not finished (no decision that stands yet), or its service is unknown. */
  | { ok: false; reason: 'not_rateable' }
  /** The case has its rating: one per case. */
  | { ok: false; reason: 'already_rated' }
  | { ok: false; reason: 'invalid'; error: ZodError };

/** The applicant rates their finished case, once (the two factors of the status page). */
export async function rateCase(deps: CaseDeps, key: { trackingNumber: string; secondFactor: string }, input: unknown, origin: string | null): Promise<RateResult> {
  const match = await matchingCase(deps, key.trackingNumber, key.secondFactor);
  if (!match.ok) return match;
  const stored = match.stored;
  const service = serviceOf(deps, stored.service);
  if (!service || !concludingStates(service.workflow).has(stored.snapshot.state)) return { ok: false, reason: 'not_rateable' };
  // A second rating is refused before its form is checked: there is nothing to correct.
  if (await ratingOfCase(deps.db, stored.id)) return { ok: false, reason: 'already_rated' };
  const parsed = RatingInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const rating = parsed.data;
  const now = deps.now();
  const today = chinaDate(now);
  const office = stored.snapshot.office;
  const opensFollowUp = isBadLevel(rating.level);
  const written = await insertRating(deps.db, deps.kind, {
    caseId: stored.id,
    service: stored.service,
    office,
    level: rating.level,
    reasons: rating.reasons,
    commentEnc: rating.comment ? deps.crypto.encrypt(rating.comment, COMMENT_CONTEXT) : null,
    at: now,
    ...(opensFollowUp ? { followUp: { openedOn: today, dueOn: followUpDueOn(deps.calendar, today, followUpWorkingDays(deps.rules ?? sourceRuleBook(), office, today)) } } : {}),
    figures: ratingIncrements({ service: stored.service, office, level: rating.level, reasons: rating.reasons, at: now, opensFollowUp }),
    audit: { actorId: null, actorRole: 'applicant', action: 'rating.give', origin, details: { level: rating.level, reasons: rating.reasons.join(',') } },
  });
  if (written === 'already_rated') return { ok: false, reason: 'already_rated' };
  return { ok: true, ...(await progressOf(deps, stored)) };
}

export type ResolutionResult =
  | LookupResult
  /** No reply to answer yet, no follow-up at all, or answered already: once, and only after the reply. */
  | { ok: false; reason: 'not_answerable' }
  | { ok: false; reason: 'invalid'; error: ZodError };

/** The applicant says whether the office's reply resolved what they rated badly. */
export async function answerFollowUp(deps: CaseDeps, key: { trackingNumber: string; secondFactor: string }, input: unknown, origin: string | null): Promise<ResolutionResult> {
  const match = await matchingCase(deps, key.trackingNumber, key.secondFactor);
  if (!match.ok) return match;
  const followUp = (await ratingOfCase(deps.db, match.stored.id))?.followUp;
  if (!followUp || !followUp.replied_at || followUp.resolution) return { ok: false, reason: 'not_answerable' };
  const parsed = ResolutionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const saved = await saveResolution(deps.db, deps.kind, {
    id: followUp.id,
    caseId: match.stored.id,
    resolution: parsed.data.resolution,
    at: deps.now(),
    figures: resolutionIncrements({ service: followUp.service, office: followUp.office, openedOn: followUp.opened_on }, parsed.data.resolution),
    audit: { actorId: null, actorRole: 'applicant', action: 'rating.resolution', origin, details: { followUp: followUp.id, resolution: parsed.data.resolution } },
  });
  if (!saved) return { ok: false, reason: 'not_answerable' };
  return { ok: true, ...(await progressOf(deps, match.stored)) };
}

/** A follow-up as staff see it in their list. */
export interface FollowUpItem {
  id: string;
  trackingNumber: string;
  service: string;
  office: string;
  level: RatingLevel;
  reasons: RatingReason[];
  ratedAt: string;
  openedOn: string;
  dueOn: string;
  status: FollowUpStatus;
  overdue: boolean;
  /** Waiting, and its last day within a few working days (the queue's "due soon"). */
  dueSoon: boolean;
  repliedAt: string | null;
}

/** …and opened: with the comment (its look audited) and the reply. */
export interface FollowUpDetail extends FollowUpItem {
  comment: string | null;
  reply: string | null;
  /** Who answered (their name), so that the office sees who spoke for it. */
  repliedBy: string | null;
  resolution: Resolution | null;
}

function itemOf(deps: Pick<CaseDeps, 'calendar'>, row: FollowUpRow, today: string): FollowUpItem {
  const resolution = row.resolution === 'resolved' || row.resolution === 'not-resolved' ? row.resolution : null;
  const status = followUpStatus({ dueOn: row.due_on, repliedAt: row.replied_at, resolution }, today);
  return {
    id: row.id,
    trackingNumber: formatTrackingNumber(row.tracking_number),
    service: row.service,
    office: row.office,
    level: row.level as RatingLevel,
    reasons: JSON.parse(row.reasons_json) as RatingReason[],
    ratedAt: row.rated_at,
    openedOn: row.opened_on,
    dueOn: row.due_on,
    status,
    overdue: status === 'overdue',
    dueSoon: isFollowUpDueSoon(deps.calendar, { dueOn: row.due_on, repliedAt: row.replied_at }, today),
    repliedAt: row.replied_at,
  };
}

/** The services whose cases the member handles (any office): what their follow-ups are about. */
function handledServices(deps: Pick<CaseDeps, 'services'>, member: StaffMember): string[] {
  const registry = servicesOf(deps);
  return registry.ids.filter((id) => {
    const service = registry.get(id);
    return service !== undefined && handlesCasesOf(member, service.workflow);
  });
}

/** Whether the member handles this follow-up's case: the roles of its service, at its office (as for the case itself). */
function mayHandle(deps: Pick<CaseDeps, 'services'>, member: StaffMember, row: { service: string; office: string }): boolean {
  const service = serviceOf(deps, row.service);
  return service !== undefined && mayReadCases(member, service.workflow, row.office);
}

export const FOLLOW_UP_LIST_LIMIT = 200;

/** The member's follow-ups: those of the services they handle in their offices, waiting ones first (earliest due first). */
export async function listFollowUps(deps: CaseDeps, member: StaffMember): Promise<{ today: string; items: FollowUpItem[] }> {
  const today = chinaDate(deps.now());
  const rows = await followUpsOf(deps.db, { offices: member.offices, services: handledServices(deps, member) }, FOLLOW_UP_LIST_LIMIT);
  return { today, items: rows.filter((row) => mayHandle(deps, member, row)).map((row) => itemOf(deps, row, today)) };
}

export type OpenFollowUpResult = { ok: true; followUp: FollowUpDetail } | { ok: false; reason: 'not_found' };

/** One follow-up with its comment and reply; reading a comment is audited (`rating.comment.view`), like every look at a case. */
export async function openFollowUp(deps: CaseDeps, member: StaffMember, id: string, origin: string | null): Promise<OpenFollowUpResult> {
  const row = await followUpById(deps.db, id);
  // Another office's, or another service's: answered as if there were none (as a case outside one's scope is).
  if (!row || !mayHandle(deps, member, row)) return { ok: false, reason: 'not_found' };
  const now = deps.now();
  if (row.comment_enc) {
    await auditCommentLook(deps.db, deps.kind, row.case_id, { at: now, actorId: member.id, actorRole: member.roles.join(','), action: 'rating.comment.view', origin, details: { followUp: row.id } });
  }
  const item = itemOf(deps, row, chinaDate(now));
  const resolution = row.resolution === 'resolved' || row.resolution === 'not-resolved' ? row.resolution : null;
  return {
    ok: true,
    followUp: {
      ...item,
      comment: row.comment_enc ? deps.crypto.decrypt(row.comment_enc, COMMENT_CONTEXT) : null,
      reply: row.reply_enc ? deps.crypto.decrypt(row.reply_enc, REPLY_CONTEXT) : null,
      repliedBy: row.replied_at ? (row.replied_by_name ?? null) : null,
      resolution,
    },
  };
}

export type ReplyResult =
  | { ok: true; followUp: FollowUpDetail }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'already_replied' }
  | { ok: false; reason: 'invalid'; error: ZodError };

/** The office answers a bad rating, once: audited (`rating.reply`), and the applicant texted to read it on the status page. */
export async function replyToFollowUp(deps: CaseDeps, member: StaffMember, id: string, input: unknown, origin: string | null): Promise<ReplyResult> {
  const row = await followUpById(deps.db, id);
  if (!row || !mayHandle(deps, member, row)) return { ok: false, reason: 'not_found' };
  if (row.replied_at) return { ok: false, reason: 'already_replied' };
  const parsed = FollowUpReplySchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const stored = await findCaseById(deps.db, row.case_id);
  const service = serviceOf(deps, row.service);
  if (!stored || !service) return { ok: false, reason: 'not_found' };
  const now = deps.now();
  const notifications = caseNotifications(deps, service, stored, REPLY_NOTIFICATION, {});
  const saved = await saveReply(deps.db, deps.kind, {
    id: row.id,
    caseId: row.case_id,
    replyEnc: deps.crypto.encrypt(parsed.data.reply, REPLY_CONTEXT),
    by: member.id,
    at: now,
    figures: replyIncrements({ service: row.service, office: row.office, openedOn: row.opened_on }),
    audit: { actorId: member.id, actorRole: member.roles.join(','), action: 'rating.reply', origin, details: { followUp: row.id, late: row.due_on < chinaDate(now) } },
    alsoInTransaction: async (trx) => {
      for (const notification of notifications) await enqueueNotification(trx, row.case_id, notification, now);
    },
  });
  if (!saved) return { ok: false, reason: 'already_replied' };
  const replied = await openFollowUp(deps, member, id, origin);
  return replied.ok ? replied : { ok: false, reason: 'not_found' };
}

/** One office's ratings of one service, with its follow-ups' counts. */
export interface RatingSummaryRow extends RatingAggregate {
  service: string;
  office: string;
  followUps: { total: number; replied: number; overdue: number; resolved: number };
}

/**
 * Counts per office and service, for staff: a system admin sees every office's, others their own
 * offices'. Counts only: no case, comment or person.
 */
export async function ratingSummary(deps: CaseDeps, member: StaffMember): Promise<{ today: string; rows: RatingSummaryRow[] }> {
  const today = chinaDate(deps.now());
  const offices = member.roles.includes('system-admin') ? undefined : member.offices;
  const [counts, followUps] = await Promise.all([ratingCounts(deps.db, offices), followUpCounts(deps.db, today, offices)]);
  const keys = [...new Set([...counts, ...followUps].map((row) => `${row.office}\n${row.service}`))].sort();
  const rows = keys.map((pair) => {
    const [office = '', service = ''] = pair.split('\n');
    const followUp = followUps.find((row) => row.office === office && row.service === service);
    return {
      service,
      office,
      ...aggregateOf(counts.filter((row) => row.office === office && row.service === service)),
      followUps: { total: followUp?.total ?? 0, replied: followUp?.replied ?? 0, overdue: followUp?.overdue ?? 0, resolved: followUp?.resolved ?? 0 },
    };
  });
  return { today, rows };
}

/** The public's counts per service the portal runs (every one listed, none rated yet included). */
export async function publicRatings(deps: CaseDeps): Promise<({ service: string } & RatingAggregate)[]> {
  const counts = await ratingCounts(deps.db);
  return servicesOf(deps).ids.map((service) => ({ service, ...aggregateOf(counts.filter((row) => row.service === service)) }));
}
