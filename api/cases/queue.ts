/**
 * The staff queue: the cases a member handles (their case-handling roles, offices and service
 * areas: api/domain/staff/access.ts), with the next
 * running deadline and whether it is due soon or overdue (computed from today, never stored),
 * filtered, sorted by due date, paginated, with counts per state (over every service the member
 * handles, and per service, each state in its workflow's order: the filter's choices, named in
 * each service's words, docs/decisions/050). No personal data: a case is
 * listed by its tracking number; opening it is a separate, audited step.
 *
 * The database does the work (api/db/queue.repo.ts): each case carries its next running due date
 * and whether its clock is paused, so filtering, ordering, paging and counting use indexes, and only
 * the page's rows are read. "Overdue" and "due soon" become two dates computed once from today and
 * the working-day calendar (dueBoundaries), which agree with deadlineStatus day for day.
 *
 * Order: cases with a running deadline, soonest due first (the same day: longest waiting first);
 * then those waiting for the applicant (补正, clock paused), newest first; then those with nothing
 * running (decided, withdrawn), newest first.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { countRunningDueBefore, queueCounts, queueRows, segmentRange, type QueueCountRow, type QueueKey, type QueueRow, type QueueScope, type QueueSegment } from '../db/queue.repo.ts';
import type { Database } from '../db/schema.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import { formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import { capabilitiesOf, handlesCasesOf, type StaffCapabilities } from '../domain/staff/access.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import { DUE_SOON_WORKING_DAYS, dueBoundaries } from '../domain/workflow/queue-position.ts';
import { deadlineStatus, type Clock, type Deadline, type DeadlineStatus } from '../domain/workflow/workflow.ts';
import { BUILT_IN_SERVICES, HOME_DAY_SERVICES, REGISTRY_DAY_SERVICES, type RegisteredCaseService, type ServiceRegistry } from '../services/registry.ts';

export const QUEUE_PAGE_SIZE = 20;

export interface QueueFilters {
  state?: string | undefined;
  service?: string | undefined;
  due?: 'overdue' | 'due-soon' | undefined;
  /** The page's number as shown; without a cursor, the page read (by skipping, for a link made by hand). */
  page: number;
  /** A cursor (`Queue.next`): the page after the case it names. */
  after?: string | undefined;
  /** A cursor (`Queue.previous`): the page before the case it names. */
  before?: string | undefined;
}

export interface QueueItem {
  trackingNumber: string;
  service: string;
  state: string;
  office: string;
  submittedAt: string;
  dueOn: string | null;
  dueStatus: DeadlineStatus | null;
}

/** A service's cases in the member's queue by state, its workflow's states in their order (those with cases only). */
export interface ServiceStateCounts {
  service: string;
  states: { state: string; cases: number }[];
}

export interface Queue {
  items: QueueItem[];
  total: number;
  page: number;
  pages: number;
  /** The member's whole queue per state, whatever the filters (the services' states of one name added together). */
  countsByState: Record<string, number>;
  /** The same per service, in the registry's order: a state is one service's, named in its words. */
  countsByService: ServiceStateCounts[];
  /** The cursor of the next page (its `after`), or null on the last page. */
  next: string | null;
  /** The cursor of the previous page (its `before`), or null on the first page. */
  previous: string | null;
}

/**
 * A page's cursor: where it ends (or begins) in the queue's order — a segment and its sort key —
 * so that the next page is read from there by an index (docs/decisions/071). Opaque to clients;
 * checked whole when it comes back.
 */
const CursorSchema = z.tuple([z.enum(['running', 'paused', 'idle']), z.iso.date().nullable(), z.string().min(1).max(40), z.string().regex(/^[0-9A-Z]{1,32}$/)]);

export function encodeQueueCursor(key: QueueKey): string {
  return Buffer.from(JSON.stringify([key.segment, key.dueOn, key.createdAt, key.trackingNumber])).toString('base64url');
}

/** The key a cursor names, or undefined when it is not one this queue made. */
export function decodeQueueCursor(cursor: string): QueueKey | undefined {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    const [segment, dueOn, createdAt, trackingNumber] = parsed.data;
    return { segment, dueOn, createdAt, trackingNumber };
  } catch {
    return undefined;
  }
}

const keyOf = (row: QueueRow): QueueKey => ({
  segment: row.clockPaused ? 'paused' : row.nextDueOn ? 'running' : 'idle',
  dueOn: row.clockPaused ? null : row.nextDueOn,
  createdAt: row.createdAt,
  trackingNumber: row.trackingNumber,
});

/** The queue's order within a segment: running soonest due first, the others newest first; the tracking number settles ties. */
function compareInSegment(segment: QueueSegment, a: QueueRow, b: QueueRow): number {
  const order = segment === 'running' ? [a.nextDueOn ?? '', b.nextDueOn ?? '', a.createdAt, b.createdAt, a.trackingNumber, b.trackingNumber] : [b.createdAt, a.createdAt, b.trackingNumber, a.trackingNumber];
  for (let i = 0; i < order.length; i += 2) {
    const left = order[i] ?? '';
    const right = order[i + 1] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** The services a portal runs, each with its name (absent: the built-in ones, for a caller outside a portal). */
function servicesRun(services: ServiceRegistry | undefined): { id: string; service: RegisteredCaseService }[] {
  const registry = services ?? BUILT_IN_SERVICES;
  return registry.ids.flatMap((id) => {
    const service = registry.get(id);
    return service ? [{ id, service }] : [];
  });
}

/** What the workbench offers the member, over every case service the portal runs (a registry's day shows marriage registration's). */
export function staffCapabilities(member: StaffMember, services?: ServiceRegistry): StaffCapabilities {
  return capabilitiesOf(
    member,
    servicesRun(services).map(({ id, service }) => ({ workflow: service.workflow, registryDay: REGISTRY_DAY_SERVICES.some((day) => day === id), homeDay: HOME_DAY_SERVICES.some((day) => day === id) })),
  );
}

/** The services whose cases a member handles (a role that works them, in their service areas), among those the portal runs. */
export function servicesHandledBy(member: StaffMember, services?: ServiceRegistry): string[] {
  return servicesRun(services).filter(({ service }) => handlesCasesOf(member, service.workflow)).map(({ id }) => id);
}

const SEGMENTS: readonly QueueSegment[] = ['running', 'paused', 'idle'];

function toItem(row: QueueRow, clock: Clock): QueueItem {
  let dueOn = row.nextDueOn;
  let dueStatus: DeadlineStatus | null = null;
  if (row.clockPaused) {
    // The date the clock stopped short of, shown beside "paused" (it moves on when the clock resumes).
    const waiting = (JSON.parse(row.deadlinesJson) as Deadline[]).filter((d) => !d.stoppedOn).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
    dueOn = waiting?.dueOn ?? null;
    dueStatus = 'paused';
  } else if (dueOn) {
    dueStatus = deadlineStatus({ key: 'next', startedOn: clock.today, dueOn }, clock, DUE_SOON_WORKING_DAYS);
  }
  return {
    trackingNumber: formatTrackingNumber(row.trackingNumber),
    service: row.service,
    state: row.state,
    office: row.office,
    submittedAt: row.createdAt,
    dueOn,
    dueStatus,
  };
}

export async function staffQueue(
  deps: { db: Kysely<Database>; calendar: WorkingDayCalendar; now: () => Date; services?: ServiceRegistry },
  member: StaffMember,
  filters: QueueFilters,
): Promise<Queue | undefined> {
  const handled = servicesHandledBy(member, deps.services);
  // No case-handling role: no queue at all (an admin or an editor sees no one's cases).
  if (handled.length === 0) return undefined;
  const services = handled.filter((id) => !filters.service || id === filters.service);
  const scope: QueueScope = { services, offices: member.offices };
  const clock: Clock = { today: chinaDate(deps.now()), calendar: deps.calendar };
  const boundaries = dueBoundaries(clock, DUE_SOON_WORKING_DAYS);

  // A due filter keeps running cases only ("due soon" includes the overdue ones).
  const dueBefore = filters.due === 'overdue' ? boundaries.overdueBefore : filters.due === 'due-soon' ? boundaries.dueSoonBefore : undefined;
  // The counts are of every service the member handles: a filter on one service still offers the others' states.
  const [counts, dueCount] = await Promise.all([
    queueCounts(deps.db, { services: handled, offices: member.offices }),
    dueBefore && services.length > 0 ? countRunningDueBefore(deps.db, scope, { state: filters.state, dueBefore }) : Promise.resolve(0),
  ]);
  const countsByState: Record<string, number> = {};
  for (const row of counts) countsByState[row.state] = (countsByState[row.state] ?? 0) + row.cases;
  const countsByService = perService(servicesRun(deps.services).filter(({ id }) => handled.includes(id)), counts);
  if (services.length === 0) return { items: [], total: 0, page: 1, pages: 1, countsByState, countsByService, next: null, previous: null };
  // How many cases each segment holds under the filters.
  const sizes: Record<QueueSegment, number> = { running: dueCount, paused: 0, idle: 0 };
  if (!dueBefore) {
    for (const row of counts) {
      if (!services.includes(row.service)) continue;
      if (filters.state && row.state !== filters.state) continue;
      if (row.clockPaused) sizes.paused += row.cases;
      else {
        sizes.running += row.running;
        sizes.idle += row.cases - row.running;
      }
    }
  }
  const total = sizes.running + sizes.paused + sizes.idle;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const after = filters.after ? decodeQueueCursor(filters.after) : undefined;
  const before = !after && filters.before ? decodeQueueCursor(filters.before) : undefined;

  // The (office, service) ranges of each segment that hold cases: each is read from one index.
  const ranges: Record<QueueSegment, { office: string; service: string }[]> = { running: [], paused: [], idle: [] };
  for (const row of counts) {
    if (!services.includes(row.service) || (filters.state && row.state !== filters.state)) continue;
    const holds: QueueSegment[] = row.clockPaused ? ['paused'] : [...(row.running > 0 ? (['running'] as const) : []), ...(row.cases > row.running && !dueBefore ? (['idle'] as const) : [])];
    for (const segment of holds) if (!ranges[segment].some((r) => r.office === row.office && r.service === row.service)) ranges[segment].push({ office: row.office, service: row.service });
  }
  const inSegments: readonly QueueSegment[] = dueBefore ? ['running'] : SEGMENTS;
  /** Up to `limit` cases from `key` on (or back from it), across the segments in order: per range a short index read, merged here. */
  const read = async (key: QueueKey | undefined, backward: boolean, limit: number): Promise<QueueRow[]> => {
    const order = backward ? [...inSegments].reverse() : inSegments;
    const start = key ? Math.max(0, order.indexOf(key.segment)) : 0;
    const found: QueueRow[] = [];
    for (const segment of order.slice(start)) {
      const wanted = limit - found.length;
      if (wanted <= 0) break;
      const from = { key: key?.segment === segment ? key : undefined, backward };
      const parts = await Promise.all(ranges[segment].map((range) => segmentRange(deps.db, { ...range, state: filters.state }, segment, { dueBefore }, from, wanted)));
      const merged = parts.flat().sort((a, b) => compareInSegment(segment, a, b) * (backward ? -1 : 1));
      found.push(...merged.slice(0, wanted));
    }
    return found;
  };

  let rows: QueueRow[];
  let page: number;
  let hasNext: boolean;
  let hasPrevious: boolean;
  if (after || before) {
    // One more than a page tells whether another page lies beyond.
    const read_ = await read(after ?? before, Boolean(before), QUEUE_PAGE_SIZE + 1);
    const beyond = read_.length > QUEUE_PAGE_SIZE;
    rows = read_.slice(0, QUEUE_PAGE_SIZE);
    if (before) rows.reverse();
    hasNext = after ? beyond : true;
    hasPrevious = after ? true : beyond;
    page = hasPrevious ? Math.min(Math.max(2, filters.page), pages) : 1;
  } else {
    page = Math.min(Math.max(1, filters.page), pages);
    if (page === 1) {
      const first = await read(undefined, false, QUEUE_PAGE_SIZE + 1);
      hasNext = first.length > QUEUE_PAGE_SIZE;
      rows = first.slice(0, QUEUE_PAGE_SIZE);
    } else {
      // A page asked for by its number alone (a link typed or kept): the cases before it are skipped.
      rows = [];
      let skip = (page - 1) * QUEUE_PAGE_SIZE;
      for (const segment of SEGMENTS) {
        const wanted = QUEUE_PAGE_SIZE - rows.length;
        if (wanted === 0) break;
        if (skip >= sizes[segment]) {
          skip -= sizes[segment];
          continue;
        }
        rows.push(...(await queueRows(deps.db, scope, segment, { state: filters.state, dueBefore }, Math.min(wanted, sizes[segment] - skip), skip)));
        skip = 0;
      }
      hasNext = page < pages;
    }
    hasPrevious = page > 1;
  }
  const firstRow = rows[0];
  const lastRow = rows.at(-1);
  return {
    items: rows.map((row) => toItem(row, clock)),
    total,
    page,
    pages,
    countsByState,
    countsByService,
    next: hasNext && lastRow ? encodeQueueCursor(keyOf(lastRow)) : null,
    previous: hasPrevious && firstRow ? encodeQueueCursor(keyOf(firstRow)) : null,
  };
}

/**
 * Each service's cases by state, the services in the registry's order and each one's states in its
 * workflow's (a case's way through it), only states with cases; a state its workflow no longer has
 * (a case stored before the workflow changed) is counted after them.
 */
function perService(services: readonly { id: string; service: RegisteredCaseService }[], counts: readonly QueueCountRow[]): ServiceStateCounts[] {
  return services.flatMap(({ id, service }) => {
    const cases = new Map<string, number>();
    for (const row of counts) if (row.service === id) cases.set(row.state, (cases.get(row.state) ?? 0) + row.cases);
    const known = Object.keys(service.workflow.states);
    const order = [...known.filter((state) => cases.has(state)), ...[...cases.keys()].filter((state) => !known.includes(state))];
    return order.length > 0 ? [{ service: id, states: order.map((state) => ({ state, cases: cases.get(state) ?? 0 })) }] : [];
  });
}
