/**
 * The staff queue: the cases a member may act on (their offices and service areas), with the next
 * running deadline and whether it is due soon or overdue (computed from today, never stored),
 * filtered, sorted by due date, paginated, with counts per state. No personal data: a case is
 * listed by its tracking number; opening it is a separate, audited step.
 */
import type { Kysely } from 'kysely';
import { toStoredCase } from '../db/cases.repo.ts';
import type { Database } from '../db/schema.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import { formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import { deadlineStatus, type DeadlineStatus } from '../domain/workflow/workflow.ts';
import { CASE_SERVICES, CASE_SERVICE_IDS, type CaseServiceId } from '../services/registry.ts';

export const QUEUE_PAGE_SIZE = 20;

export interface QueueFilters {
  state?: string | undefined;
  service?: string | undefined;
  due?: 'overdue' | 'due-soon' | undefined;
  page: number;
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

export interface Queue {
  items: QueueItem[];
  total: number;
  page: number;
  pages: number;
  countsByState: Record<string, number>;
}

/** The services a member works on: those whose area is in the member's scope. */
function servicesInScope(member: StaffMember): CaseServiceId[] {
  if (member.roles.includes('system-admin')) return CASE_SERVICE_IDS;
  return CASE_SERVICE_IDS.filter((id) => member.serviceAreas.includes(CASE_SERVICES[id].workflow.serviceArea));
}

export async function staffQueue(
  deps: { db: Kysely<Database>; calendar: WorkingDayCalendar; now: () => Date },
  member: StaffMember,
  filters: QueueFilters,
): Promise<Queue> {
  const services = servicesInScope(member);
  if (services.length === 0) return { items: [], total: 0, page: 1, pages: 1, countsByState: {} };
  let query = deps.db.selectFrom('cases').selectAll().where('service', 'in', services);
  if (!member.roles.includes('system-admin')) query = query.where('office', 'in', member.offices.length > 0 ? member.offices : ['']);
  if (filters.service) query = query.where('service', '=', filters.service);
  const clock = { today: chinaDate(deps.now()), calendar: deps.calendar };
  const all = (await query.execute()).map((row) => {
    const stored = toStoredCase(row);
    const next = stored.snapshot.deadlines.filter((d) => !d.stoppedOn).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
    return {
      trackingNumber: formatTrackingNumber(stored.trackingNumber),
      service: stored.service,
      state: stored.snapshot.state,
      office: stored.snapshot.office,
      submittedAt: stored.createdAt,
      dueOn: next?.dueOn ?? null,
      dueStatus: next ? deadlineStatus(next, clock) : null,
    } satisfies QueueItem;
  });
  const countsByState: Record<string, number> = {};
  for (const item of all) countsByState[item.state] = (countsByState[item.state] ?? 0) + 1;
  const filtered = all
    .filter((item) => !filters.state || item.state === filters.state)
    .filter((item) => !filters.due || item.dueStatus === filters.due || (filters.due === 'due-soon' && item.dueStatus === 'overdue'))
    // Soonest due first; cases with nothing running (decided) last, newest first.
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || b.submittedAt.localeCompare(a.submittedAt));
  const pages = Math.max(1, Math.ceil(filtered.length / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page), pages);
  return { items: filtered.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE), total: filtered.length, page, pages, countsByState };
}
