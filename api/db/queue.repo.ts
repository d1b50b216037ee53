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
  office: string;
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

/**
 * Cases per office, service, state and clock, and how many of them have a running deadline: a few
 * dozen rows of the counts the database keeps (case_queue_counts, kept by triggers: migration
 * 2026121601), whatever the number of cases.
 */
export async function queueCounts(db: Kysely<Database>, scope: QueueScope): Promise<QueueCountRow[]> {
  let query = db.selectFrom('case_queue_counts').where('service', 'in', [...scope.services]);
  if (scope.offices) query = query.where('office', 'in', scope.offices.length > 0 ? [...scope.offices] : ['']);
  const rows = await query
    .select((eb) => [
      'office',
      'service',
      'state',
      'clock_paused',
      eb.fn.sum<string | number>('cases').as('cases'),
      eb.fn.sum<string | number>(eb.case().when('running', '=', 1).then(eb.ref('cases')).else(0).end()).as('running'),
    ])
    .groupBy(['office', 'service', 'state', 'clock_paused'])
    .execute();
  // PostgreSQL answers a sum as a string (numeric).
  return rows
    .map((row) => ({ office: row.office, service: row.service, state: row.state, clockPaused: Number(row.clock_paused) === 1, cases: Number(row.cases), running: Number(row.running) }))
    .filter((row) => row.cases > 0);
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
  return rows.map(toQueueRow);
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

/** The columns a queue row is read with, as the queue names them. */
function toQueueRow(row: { tracking_number: string; service: string; state: string; office: string; created_at: string; next_due_on: string | null; clock_paused: number; deadlines_json: string }): QueueRow {
  return {
    trackingNumber: row.tracking_number,
    service: row.service,
    state: row.state,
    office: row.office,
    createdAt: row.created_at,
    nextDueOn: row.next_due_on,
    clockPaused: Number(row.clock_paused) === 1,
    deadlinesJson: row.deadlines_json,
  };
}

/** Where a page of the queue begins or ends: a case's place in its segment's order. */
export interface QueueKey {
  segment: QueueSegment;
  dueOn: string | null;
  createdAt: string;
  trackingNumber: string;
}

/**
 * Up to `limit` cases of one office and service (and state) in one segment, in the queue's order
 * after `after` (or, `backward`, before it, nearest first): one range of one index, read from the
 * key on, so a page deep in a million cases costs what the first one does.
 */
export async function segmentRange(
  db: Kysely<Database>,
  range: { office: string; service: string; state?: string | undefined },
  segment: QueueSegment,
  filter: { dueBefore?: string | undefined },
  from: { key?: QueueKey | undefined; backward: boolean },
  limit: number,
): Promise<QueueRow[]> {
  let query = db
    .selectFrom('cases')
    .select(['tracking_number', 'service', 'state', 'office', 'created_at', 'next_due_on', 'clock_paused', 'deadlines_json'])
    .where('office', '=', range.office)
    .where('service', '=', range.service);
  if (range.state) query = query.where('state', '=', range.state);
  const key = from.key;
  // The queue's order is ascending for running cases and descending for the others; reading backward flips it.
  const ascending = (segment === 'running') !== from.backward;
  const direction = ascending ? 'asc' : 'desc';
  const beyond = ascending ? '>' : '<';
  if (segment === 'running') {
    query = query.where('clock_paused', '=', 0).where('next_due_on', 'is not', null);
    if (filter.dueBefore) query = query.where('next_due_on', '<', filter.dueBefore);
    if (key) query = query.where((eb) => eb(eb.refTuple('next_due_on', 'created_at', 'tracking_number'), beyond, eb.tuple(key.dueOn ?? '', key.createdAt, key.trackingNumber)));
    query = query.orderBy('next_due_on', direction);
  } else {
    query = segment === 'paused' ? query.where('clock_paused', '=', 1) : query.where('clock_paused', '=', 0).where('next_due_on', 'is', null);
    if (key) query = query.where((eb) => eb(eb.refTuple('created_at', 'tracking_number'), beyond, eb.tuple(key.createdAt, key.trackingNumber)));
    // As inOrder: PostgreSQL reads the index backwards only when told the null column's order too.
    if (segment === 'idle') query = query.orderBy('next_due_on', direction);
  }
  const rows = await query.orderBy('created_at', direction).orderBy('tracking_number', direction).limit(limit).execute();
  return rows.map(toQueueRow);
}
