/**
 * Ratings (好差评) and the follow-ups of bad ones (docs/decisions/053). A rating is written once per
 * case (the unique key on case_id decides a race between two submissions), with its follow-up and
 * audit entry in the same transaction; a reply and the applicant's answer to it are each written
 * once, guarded by the row's own state, with their audit entries.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { negated, ratingFigureKey, storedRatingIncrements, sumRatingIncrements, type RatingFigureRow, type RatingIncrement } from '../domain/ratings/rating-figures.ts';
import { appendAudit, type AuditEntry } from './audit.repo.ts';
import { compiledOnce } from './compiled-query.ts';
import type { DatabaseKind } from './connect.ts';
import { isUniqueViolation } from './errors.ts';
import type { Database, RatingFollowUpTable, RatingTable } from './schema.ts';

export interface NewRating {
  caseId: string;
  service: string;
  office: string;
  level: string;
  reasons: readonly string[];
  commentEnc: string | null;
  at: Date;
  /** For a bad rating: the follow-up it opens, from and to which day. */
  followUp?: { openedOn: string; dueOn: string };
  /** What it adds to the dashboard's counters (docs/decisions/059), in the same transaction. */
  figures: readonly RatingIncrement[];
  audit: Omit<AuditEntry, 'at' | 'recordType' | 'recordId'>;
}

/** Records a rating (and its follow-up); 'already_rated' when the case has one, whoever wrote it first. */
export async function insertRating(db: Kysely<Database>, kind: DatabaseKind, rating: NewRating): Promise<'ok' | 'already_rated'> {
  const id = randomUUID();
  const at = rating.at.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ratings')
        .values({ id, case_id: rating.caseId, service: rating.service, office: rating.office, level: rating.level, reasons_json: JSON.stringify(rating.reasons), comment_enc: rating.commentEnc, rated_at: at })
        .execute();
      if (rating.followUp) {
        await trx
          .insertInto('rating_follow_ups')
          .values({
            id: randomUUID(),
            rating_id: id,
            case_id: rating.caseId,
            service: rating.service,
            office: rating.office,
            opened_on: rating.followUp.openedOn,
            due_on: rating.followUp.dueOn,
            reply_enc: null,
            replied_at: null,
            replied_by: null,
            resolution: null,
            resolved_at: null,
            created_at: at,
          })
          .execute();
      }
      await addRatingFigures(trx, rating.figures);
      await appendAudit(trx, kind, { ...rating.audit, at: rating.at, recordType: 'case', recordId: rating.caseId });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 'already_rated';
    throw error;
  }
  return 'ok';
}

export interface StoredRating {
  rating: RatingTable;
  followUp: RatingFollowUpTable | undefined;
}

/** The case's rating and its follow-up, if any. */
/** Compiled once: every status lookup of a known case asks it (compiled-query.ts). */
const caseRating = compiledOnce(1, (db, caseId: string) => db.selectFrom('ratings').selectAll().where('case_id', '=', caseId));

export async function ratingOfCase(db: Kysely<Database>, caseId: string): Promise<StoredRating | undefined> {
  const [rating] = (await caseRating(db, caseId)).rows;
  if (!rating) return undefined;
  const followUp = await db.selectFrom('rating_follow_ups').selectAll().where('rating_id', '=', rating.id).executeTakeFirst();
  return { rating, followUp };
}

/** A follow-up as the staff pages list it: with its case's tracking number and its rating's level and reasons. */
export interface FollowUpRow extends RatingFollowUpTable {
  tracking_number: string;
  level: string;
  reasons_json: string;
  comment_enc: string | null;
  rated_at: string;
  /** The name of the member who replied, as the staff table holds it now. */
  replied_by_name: string | null;
}

function followUpQuery(db: Kysely<Database>) {
  return db
    .selectFrom('rating_follow_ups as f')
    .innerJoin('ratings as r', 'r.id', 'f.rating_id')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .leftJoin('staff as s', 's.id', 'f.replied_by')
    .selectAll('f')
    .select(['c.tracking_number', 'r.level', 'r.reasons_json', 'r.comment_enc', 'r.rated_at', 's.display_name as replied_by_name']);
}

/**
 * The follow-ups of these offices and services, those still waiting for a reply first (the earliest
 * due first), then the answered ones, the latest replied first; at most `limit`.
 */
export async function followUpsOf(db: Kysely<Database>, scope: { offices: readonly string[]; services: readonly string[] }, limit: number): Promise<FollowUpRow[]> {
  if (scope.offices.length === 0 || scope.services.length === 0) return [];
  const base = () => followUpQuery(db).where('f.office', 'in', [...scope.offices]).where('f.service', 'in', [...scope.services]);
  const open = await base().where('f.replied_at', 'is', null).orderBy('f.due_on').orderBy('f.created_at').limit(limit).execute();
  const answered = await base().where('f.replied_at', 'is not', null).orderBy('f.replied_at', 'desc').limit(Math.max(0, limit - open.length)).execute();
  return [...open, ...answered];
}

export async function followUpById(db: Kysely<Database>, id: string): Promise<FollowUpRow | undefined> {
  return followUpQuery(db).where('f.id', '=', id).executeTakeFirst();
}

/** The office's reply, once: false when the follow-up was answered meanwhile. Audited in the same transaction. */
export async function saveReply(
  db: Kysely<Database>,
  kind: DatabaseKind,
  change: {
    id: string;
    caseId: string;
    replyEnc: string;
    by: string;
    at: Date;
    /** What the answer adds to the dashboard's counters. */
    figures: readonly RatingIncrement[];
    audit: Omit<AuditEntry, 'at' | 'recordType' | 'recordId'>;
    alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>;
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('rating_follow_ups')
      .set({ reply_enc: change.replyEnc, replied_at: change.at.toISOString(), replied_by: change.by })
      .where('id', '=', change.id)
      .where('replied_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await addRatingFigures(trx, change.figures);
    await appendAudit(trx, kind, { ...change.audit, at: change.at, recordType: 'case', recordId: change.caseId });
    await change.alsoInTransaction?.(trx);
    return true;
  });
}

/** The applicant's answer to the reply, once and only after a reply: false otherwise. */
export async function saveResolution(
  db: Kysely<Database>,
  kind: DatabaseKind,
  change: { id: string; caseId: string; resolution: string; at: Date; figures: readonly RatingIncrement[]; audit: Omit<AuditEntry, 'at' | 'recordType' | 'recordId'> },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('rating_follow_ups')
      .set({ resolution: change.resolution, resolved_at: change.at.toISOString() })
      .where('id', '=', change.id)
      .where('replied_at', 'is not', null)
      .where('resolution', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await addRatingFigures(trx, change.figures);
    await appendAudit(trx, kind, { ...change.audit, at: change.at, recordType: 'case', recordId: change.caseId });
    return true;
  });
}

/** Audits a member's look at a rating's comment (its own transaction: the audit chain is appended under its lock). */
export async function auditCommentLook(db: Kysely<Database>, kind: DatabaseKind, caseId: string, entry: Omit<AuditEntry, 'recordType' | 'recordId'>): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, kind, { ...entry, recordType: 'case', recordId: caseId }));
}

/** Ratings counted by service, office and level (offices: only these; absent: all). */
export async function ratingCounts(db: Kysely<Database>, offices?: readonly string[]): Promise<{ service: string; office: string; level: string; count: number }[]> {
  if (offices && offices.length === 0) return [];
  let query = db.selectFrom('ratings').select(['service', 'office', 'level']).select((eb) => eb.fn.countAll<string | number>().as('count')).groupBy(['service', 'office', 'level']);
  if (offices) query = query.where('office', 'in', [...offices]);
  const rows = await query.execute();
  return rows.map((row) => ({ service: row.service, office: row.office, level: row.level, count: Number(row.count) }));
}

/** Follow-ups counted by service and office: all, replied, overdue on `today` (not replied after their day), resolved. */
export async function followUpCounts(db: Kysely<Database>, today: string, offices?: readonly string[]): Promise<{ service: string; office: string; total: number; replied: number; overdue: number; resolved: number }[]> {
  if (offices && offices.length === 0) return [];
  let query = db
    .selectFrom('rating_follow_ups')
    .select(['service', 'office'])
    .select((eb) => [
      eb.fn.countAll<string | number>().as('total'),
      eb.fn.count<string | number>('replied_at').as('replied'),
      eb.fn.sum<string | number | null>(eb.case().when(eb.and([eb('replied_at', 'is', null), eb('due_on', '<', today)])).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<string | number | null>(eb.case().when('resolution', '=', 'resolved').then(1).else(0).end()).as('resolved'),
    ])
    .groupBy(['service', 'office']);
  if (offices) query = query.where('office', 'in', [...offices]);
  const rows = await query.execute();
  return rows.map((row) => ({ service: row.service, office: row.office, total: Number(row.total), replied: Number(row.replied), overdue: Number(row.overdue ?? 0), resolved: Number(row.resolved ?? 0) }));
}

// ---- The dashboard's counters (docs/decisions/059) ----

/**
 * Adds increments to the ratings' counters in the caller's transaction. In key order, so that two
 * ratings adding to the same counters on PostgreSQL wait for each other instead of deadlocking.
 */
export async function addRatingFigures(trx: Transaction<Database>, increments: readonly RatingIncrement[]): Promise<void> {
  const summed = [...sumRatingIncrements(increments).values()].filter((increment) => increment.count !== 0).sort((a, b) => (ratingFigureKey(a) < ratingFigureKey(b) ? -1 : 1));
  for (const increment of summed) {
    await trx
      .insertInto('rating_figures')
      .values({ service: increment.service, office: increment.office, month: increment.month, figure: increment.figure, key: increment.key, count: increment.count })
      .onConflict((oc) => oc.columns(['service', 'office', 'month', 'figure', 'key']).doUpdateSet((eb) => ({ count: eb('rating_figures.count', '+', eb.ref('excluded.count')) })))
      .execute();
  }
}

/** In a transaction that removes a case (demo data): takes back what its rating added to the counters. */
export async function removeRatingFigures(trx: Transaction<Database>, caseId: string): Promise<void> {
  const rating = await trx.selectFrom('ratings').select(['id', 'service', 'office', 'level', 'reasons_json', 'rated_at']).where('case_id', '=', caseId).executeTakeFirst();
  if (!rating) return;
  const followUp = await trx.selectFrom('rating_follow_ups').select(['opened_on', 'replied_at', 'resolution']).where('rating_id', '=', rating.id).executeTakeFirst();
  const added = storedRatingIncrements(
    { service: rating.service, office: rating.office, level: rating.level, reasons: JSON.parse(rating.reasons_json) as string[], ratedAt: rating.rated_at },
    followUp && { openedOn: followUp.opened_on, repliedAt: followUp.replied_at, resolution: followUp.resolution },
  );
  await addRatingFigures(trx, negated(added));
}

/** The ratings' counters of a period (months YYYY-MM, both included), from the month index. */
export async function readRatingFigures(db: Kysely<Database>, scope: { from: string; to: string; service?: string; offices?: readonly string[] }): Promise<RatingFigureRow[]> {
  if (scope.offices && scope.offices.length === 0) return [];
  let query = db.selectFrom('rating_figures').select(['service', 'office', 'month', 'figure', 'key', 'count']).where('month', '>=', scope.from).where('month', '<=', scope.to);
  if (scope.service) query = query.where('service', '=', scope.service);
  if (scope.offices) query = query.where('office', 'in', [...scope.offices]);
  const rows = await query.execute();
  return rows.map((row) => ({ service: row.service, office: row.office, month: row.month, figure: row.figure as RatingFigureRow['figure'], key: row.key, count: Number(row.count) }));
}

/**
 * The follow-ups of the ratings given from `fromDay` to `toDay` that are still unanswered after
 * their last day on `today`, per service and office: from the overdue index, which holds the
 * unanswered ones by their last day, so only those past it are read.
 */
export async function overdueFollowUps(
  db: Kysely<Database>,
  today: string,
  scope: { fromDay: string; toDay: string; service?: string; offices?: readonly string[] },
): Promise<{ service: string; office: string; count: number }[]> {
  if (scope.offices && scope.offices.length === 0) return [];
  let query = db
    .selectFrom('rating_follow_ups')
    .select(['service', 'office'])
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('replied_at', 'is', null)
    .where('due_on', '<', today)
    .where('opened_on', '>=', scope.fromDay)
    .where('opened_on', '<=', scope.toDay)
    .groupBy(['service', 'office']);
  if (scope.service) query = query.where('service', '=', scope.service);
  if (scope.offices) query = query.where('office', 'in', [...scope.offices]);
  return (await query.execute()).map((row) => ({ service: row.service, office: row.office, count: Number(row.count) }));
}
