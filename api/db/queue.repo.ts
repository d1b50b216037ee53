/**
 * The staff queue's queries. The queue is three segments, each read in an order an index gives:
 * 'running' cases (a deadline runs) by next due date, then 'paused' ones (补正: waiting for the
 * applicant), then 'idle' ones (nothing runs: decided or withdrawn), both newest first. Counts come
 * from one GROUP BY over the index, so no query reads more rows than the page shows.
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
  state: string;
  clockPaused: boolean;
  cases: number;
  /** Cases with a running deadline (next_due_on set). */
  running: number;
  /** Of those, next due before `overdueBefore` / before `dueSoonBefore`. */
  overdue: number;
  dueSoon: number;
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

/** Cases per state and clock, with how many of them run, are overdue and are due soon. */
export async function queueCounts(db: Kysely<Database>, scope: QueueScope, boundaries: { overdueBefore: string; dueSoonBefore: string }): Promise<QueueCountRow[]> {
  const rows = await inScope(db, scope)
    .select((eb) => [
      'state',
      'clock_paused',
      eb.fn.countAll().as('cases'),
      eb.fn.count('next_due_on').as('running'),
      eb.fn.sum(eb.case().when('next_due_on', '<', boundaries.overdueBefore).then(eb.lit(1)).else(eb.lit(0)).end()).as('overdue'),
      eb.fn.sum(eb.case().when('next_due_on', '<', boundaries.dueSoonBefore).then(eb.lit(1)).else(eb.lit(0)).end()).as('due_soon'),
    ])
    .groupBy(['state', 'clock_paused'])
    .execute();
  // PostgreSQL answers count and sum as strings (bigint, numeric).
  return rows.map((row) => ({
    state: row.state,
    clockPaused: Number(row.clock_paused) === 1,
    cases: Number(row.cases),
    running: Number(row.running),
    overdue: Number(row.overdue ?? 0),
    dueSoon: Number(row.due_soon ?? 0),
  }));
}

/**
 * One segment's rows, in queue order, `limit` of them after skipping `offset`.
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
  let query = inScope(db, scope).select(['tracking_number', 'service', 'state', 'office', 'created_at', 'next_due_on', 'clock_paused', 'deadlines_json']);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (segment === 'running') {
    query = query.where('clock_paused', '=', 0).where('next_due_on', 'is not', null);
    if (filter.dueBefore) query = query.where('next_due_on', '<', filter.dueBefore);
    query = query.orderBy('next_due_on');
  } else if (segment === 'paused') {
    query = query.where('clock_paused', '=', 1);
  } else {
    query = query.where('clock_paused', '=', 0).where('next_due_on', 'is', null);
  }
  // The id last: equal dates still page in one stable order.
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
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
