/**
 * The staff queue's queries. The queue is three segments, each read in an order an index gives:
 * 'running' cases (a deadline runs) by next due date, then 'paused' ones (补正: waiting for the
 * applicant), then 'idle' ones (nothing runs: decided or withdrawn), both newest first. Counts come
 * from one GROUP BY over an index, and paging skips index entries, so the only rows read are the
 * page's.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.ts';

export interface QueueScope {
  /** The services the member works on (never empty). */
  services: readonly string[];
  /** The member's offices; undefined for every office. */
  offices: readonly string[] | undefined;
}

export type QueueSegment = 'running' | 'paused' | 'idle';

export interface QueueCountRow {
  service: string;
  state: string;
  clockPaused: boolean;
  cases: number;
  /** Cases with a running deadline (next_due_on set). */
  running: number;
}

export interface QueueRow {
  trackingNumber: string;
  service: string;
  state: string;
  office: string;
  createdAt: string;
  nextDueOn: string | null;
  clockPaused: boolean;
  deadlinesJson: string;
}

function inScope(db: Kysely<Database>, scope: QueueScope): SelectQueryBuilder<Database, 'cases', object> {
  let query = db.selectFrom('cases').where('service', 'in', [...scope.services]);
  if (scope.offices) query = query.where('office', 'in', scope.offices.length > 0 ? [...scope.offices] : ['']);
  return query;
}

/** Cases per service, state and clock, and how many of them have a running deadline: one pass over an index. */
export async function queueCounts(db: Kysely<Database>, scope: QueueScope): Promise<QueueCountRow[]> {
  const rows = await inScope(db, scope)
    .select((eb) => ['service', 'state', 'clock_paused', eb.fn.countAll().as('cases'), eb.fn.count('next_due_on').as('running')])
    .groupBy(['service', 'state', 'clock_paused'])
    .execute();
  // PostgreSQL answers count as a string (bigint).
  return rows.map((row) => ({ service: row.service, state: row.state, clockPaused: Number(row.clock_paused) === 1, cases: Number(row.cases), running: Number(row.running) }));
}

/** Running cases due before a day (overdue, due soon): a range of the index. */
export async function countRunningDueBefore(db: Kysely<Database>, scope: QueueScope, filter: { state?: string | undefined; dueBefore: string }): Promise<number> {
  let query = inScope(db, scope)
    .select((eb) => eb.fn.countAll().as('cases'))
    .where('clock_paused', '=', 0)
    .where('next_due_on', 'is not', null)
    .where('next_due_on', '<', filter.dueBefore);
  if (filter.state) query = query.where('state', '=', filter.state);
  return Number((await query.executeTakeFirst())?.cases ?? 0);
}

/**
 * One segment's rows, in queue order, `limit` of them after skipping `offset`. The skipping walks
 * index entries only (the tracking numbers of the page); then just the page's rows are read.
 * @param dueBefore only running cases whose next due date is before this day
 */
export async function queueRows(
  db: Kysely<Database>,
  scope: QueueScope,
  segment: QueueSegment,
  filter: { state?: string | undefined; dueBefore?: string | undefined },
  limit: number,
  offset: number,
): Promise<QueueRow[]> {
  let keys = inScope(db, scope).select('tracking_number');
  if (filter.state) keys = keys.where('state', '=', filter.state);
  if (segment === 'running') {
    keys = keys.where('clock_paused', '=', 0).where('next_due_on', 'is not', null);
    if (filter.dueBefore) keys = keys.where('next_due_on', '<', filter.dueBefore);
  } else if (segment === 'paused') {
    keys = keys.where('clock_paused', '=', 1);
  } else {
    keys = keys.where('clock_paused', '=', 0).where('next_due_on', 'is', null);
  }
  const page = inOrder(keys, segment).limit(limit).offset(offset);
  const rows = await inOrder(
    db.selectFrom('cases').select(['tracking_number', 'service', 'state', 'office', 'created_at', 'next_due_on', 'clock_paused', 'deadlines_json']).where('tracking_number', 'in', page),
    segment,
  ).execute();
  return rows.map((row) => ({
    trackingNumber: row.tracking_number,
    service: row.service,
    state: row.state,
    office: row.office,
    createdAt: row.created_at,
    nextDueOn: row.next_due_on,
    clockPaused: Number(row.clock_paused) === 1,
    deadlinesJson: row.deadlines_json,
  }));
}

/**
 * Running: soonest due first, and of those due the same day the longest waiting. The others:
 * newest first. The tracking number (unique) last, so that every page has one stable order; the
 * indexes hold these columns in this order (a backward scan gives "newest first").
 */
function inOrder<O>(query: SelectQueryBuilder<Database, 'cases', O>, segment: QueueSegment): SelectQueryBuilder<Database, 'cases', O> {
  if (segment === 'running') return query.orderBy('next_due_on').orderBy('created_at').orderBy('tracking_number');
  // Idle cases' next_due_on is null, so ordering by it changes nothing; but PostgreSQL does not
  // count "is null" as fixing the column, and without it would sort the segment instead of reading
  // the index backwards.
  if (segment === 'idle') query = query.orderBy('next_due_on', 'desc');
  return query.orderBy('created_at', 'desc').orderBy('tracking_number', 'desc');
}
