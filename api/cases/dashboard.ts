/**
 * The bureau dashboard (docs/decisions/054): cases received, completed and overdue, the average
 * working days per stage, by service, office and month; appointments booked, attended and missed.
 * And the ratings (好差评) given in the period, with their follow-ups (docs/decisions/059).
 * Office admins see their own offices, system admins every office. The figures are counters the
 * steps keep (api/db/case-figures.repo.ts, the ratings' in api/db/ratings.repo.ts) and counts from
 * indexes: no case, event or rating is read.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { appointmentFigures, figureOffices, overdueNow, readFigures, type FigureRow } from '../db/case-figures.repo.ts';
import { overdueFollowUps, readRatingFigures } from '../db/ratings.repo.ts';
import type { Database } from '../db/schema.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { addDays } from '../domain/calendar/working-days.ts';
import { averageWorkingDays, defaultPeriod, monthsBetween } from '../domain/cases/case-figures.ts';
import { ratingsDashboard, type RatingsDashboard } from '../domain/ratings/rating-figures.ts';
import type { StaffMember, StaffRole } from '../domain/staff/staff.ts';
import { textLine } from '../domain/text.ts';
import type { RegistryOffices } from '../services/marriage/offices.ts';
import type { ServiceRegistry } from '../services/registry.ts';

/** Office admins for their offices; system admins for every office. Case handlers have their queue, not the bureau's figures. */
export const DASHBOARD_ROLES: readonly StaffRole[] = ['office-admin', 'system-admin'];

/** The longest period one request counts: ten years of months. */
export const MAX_DASHBOARD_MONTHS = 120;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The filters, as the page's GET form sends them (an empty field: no filter). */
export const DashboardQuerySchema = z
  .object({
    from: z.string().regex(MONTH).optional().or(z.literal('').transform(() => undefined)),
    to: z.string().regex(MONTH).optional().or(z.literal('').transform(() => undefined)),
    service: textLine().max(60).optional().or(z.literal('').transform(() => undefined)),
    office: textLine().max(60).optional().or(z.literal('').transform(() => undefined)),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'errors.dashboard.periodOrder' })
  .refine((query) => !query.from || !query.to || monthsBetween(query.from, query.to).length <= MAX_DASHBOARD_MONTHS, { path: ['from'], message: 'errors.dashboard.periodLength' });
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

export interface DashboardDeps {
  db: Kysely<Database>;
  now: () => Date;
  services: ServiceRegistry;
  offices: Pick<RegistryOffices, 'all'>;
}

interface CaseCounts {
  received: number;
  completed: number;
}
interface AppointmentCounts {
  booked: number;
  attended: number;
  noShow: number;
  cancelled: number;
}

export interface DashboardView {
  /** Today in China: what "overdue now" is counted against. */
  today: string;
  period: { from: string; to: string; months: string[] };
  filters: { service: string | null; office: string | null };
  /** What the filters may choose: the portal's services, the offices the member sees. */
  choices: { services: string[]; offices: string[] };
  cases: {
    totals: CaseCounts & { overdue: number };
    byMonth: (CaseCounts & { month: string })[];
    byService: (CaseCounts & { service: string; overdue: number })[];
    byOffice: (CaseCounts & { office: string; overdue: number })[];
    /** Stages ended in the period: how many, and their average length in working days (one decimal). */
    stages: { service: string; stage: string; ended: number; averageWorkingDays: number | null }[];
  };
  appointments: {
    totals: AppointmentCounts;
    byMonth: (AppointmentCounts & { month: string })[];
    /** By registry office (its id). */
    byOffice: (AppointmentCounts & { registry: string })[];
  };
  /** The ratings given in the period (by the month of the rating), their levels, reasons and follow-ups. */
  ratings: RatingsDashboard;
}

export type DashboardResult = { ok: true; view: DashboardView } | { ok: false; reason: 'not_permitted' } | { ok: false; reason: 'not_found' };

/** The offices a member's figures cover: undefined for every office (a system admin). */
export function dashboardOffices(member: StaffMember): readonly string[] | undefined | null {
  if (member.roles.includes('system-admin')) return undefined;
  if (member.roles.includes('office-admin')) return member.offices;
  return null;
}

const noCases = (): CaseCounts => ({ received: 0, completed: 0 });
const noAppointments = (): AppointmentCounts => ({ booked: 0, attended: 0, noShow: 0, cancelled: 0 });

function addCase(into: CaseCounts, row: FigureRow): void {
  if (row.figure === 'received') into.received += row.count;
  else if (row.figure === 'completed') into.completed += row.count;
}

function addAppointment(into: AppointmentCounts, status: string, count: number): void {
  into.booked += count;
  if (status === 'completed') into.attended += count;
  else if (status === 'no-show') into.noShow += count;
  else if (status === 'cancelled') into.cancelled += count;
}

/** The last day of a month (YYYY-MM). */
const lastDayOf = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const next = number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
};

export async function dashboard(deps: DashboardDeps, member: StaffMember, query: DashboardQuery): Promise<DashboardResult> {
  const scope = dashboardOffices(member);
  if (scope === null) return { ok: false, reason: 'not_permitted' };
  // Another office is answered as an unknown one, as an office admin's other offices are (docs/access-control.md).
  if (query.office && scope && !scope.includes(query.office)) return { ok: false, reason: 'not_found' };
  if (query.service && !deps.services.get(query.service)) return { ok: false, reason: 'not_found' };
  const today = chinaDate(deps.now());
  const fallback = defaultPeriod(today);
  const from = query.from ?? (query.to && query.to < fallback.from ? query.to : fallback.from);
  const to = query.to ?? (query.from && query.from > fallback.to ? query.from : fallback.to);
  const months = monthsBetween(from, to);
  const offices = query.office ? [query.office] : scope;
  const service = query.service;
  const where = { from, to, ...(service ? { service } : {}), ...(offices ? { offices } : {}) };

  const days = { fromDay: `${from}-01`, toDay: lastDayOf(to) };
  const [rows, overdue, appointmentRows, seenOffices, ratingRows, overdueRatings] = await Promise.all([
    readFigures(deps.db, where),
    overdueNow(deps.db, today, { ...(service ? { service } : {}), ...(offices ? { offices } : {}) }),
    (async () => {
      const registries = deps.offices.all().filter((registry) => !offices || offices.includes(registry.office));
      return appointmentFigures(deps.db, { ...days, ...(offices ? { resources: registries.map((registry) => registry.id) } : {}), ...(service ? { service } : {}) });
    })(),
    scope ? Promise.resolve(scope) : knownOffices(deps),
    readRatingFigures(deps.db, where),
    overdueFollowUps(deps.db, today, { ...days, ...(service ? { service } : {}), ...(offices ? { offices } : {}) }),
  ]);

  const byMonth = new Map(months.map((month) => [month, { month, ...noCases() }]));
  const byService = new Map<string, CaseCounts & { service: string; overdue: number }>();
  const byOffice = new Map<string, CaseCounts & { office: string; overdue: number }>();
  const stages = new Map<string, { service: string; stage: string; ended: number; workingDays: number }>();
  const totals = { ...noCases(), overdue: 0 };
  const serviceRow = (id: string) => byService.get(id) ?? byService.set(id, { service: id, ...noCases(), overdue: 0 }).get(id)!;
  const officeRow = (id: string) => byOffice.get(id) ?? byOffice.set(id, { office: id, ...noCases(), overdue: 0 }).get(id)!;
  for (const office of offices ?? []) officeRow(office);
  if (service) serviceRow(service);
  for (const row of rows) {
    if (row.figure === 'stage') {
      const key = `${row.service}\u0000${row.stage}`;
      const stage = stages.get(key) ?? stages.set(key, { service: row.service, stage: row.stage, ended: 0, workingDays: 0 }).get(key)!;
      stage.ended += row.count;
      stage.workingDays += row.workingDays;
      continue;
    }
    const month = byMonth.get(row.month);
    if (month) addCase(month, row);
    addCase(serviceRow(row.service), row);
    addCase(officeRow(row.office), row);
    addCase(totals, row);
  }
  for (const row of overdue) {
    serviceRow(row.service).overdue += row.count;
    officeRow(row.office).overdue += row.count;
    totals.overdue += row.count;
  }
  const appointmentMonths = new Map(months.map((month) => [month, { month, ...noAppointments() }]));
  const registries = new Map<string, AppointmentCounts & { registry: string }>();
  const appointmentTotals = noAppointments();
  for (const row of appointmentRows) {
    const month = appointmentMonths.get(row.month);
    if (month) addAppointment(month, row.status, row.count);
    const registry = registries.get(row.resource) ?? registries.set(row.resource, { registry: row.resource, ...noAppointments() }).get(row.resource)!;
    addAppointment(registry, row.status, row.count);
    addAppointment(appointmentTotals, row.status, row.count);
  }
  // Stages in each service's order of states, services in the registry's order.
  const order = (id: string) => deps.services.ids.indexOf(id);
  const stateOrder = (id: string, state: string) => Object.keys(deps.services.get(id)?.workflow.states ?? {}).indexOf(state);
  return {
    ok: true,
    view: {
      today,
      period: { from, to, months },
      filters: { service: service ?? null, office: query.office ?? null },
      choices: { services: [...deps.services.ids], offices: [...seenOffices].sort() },
      cases: {
        totals,
        byMonth: [...byMonth.values()],
        byService: [...byService.values()].sort((a, b) => order(a.service) - order(b.service)),
        byOffice: [...byOffice.values()].sort((a, b) => (a.office < b.office ? -1 : 1)),
        stages: [...stages.values()]
          .sort((a, b) => order(a.service) - order(b.service) || stateOrder(a.service, a.stage) - stateOrder(b.service, b.stage))
          .map((stage) => ({ service: stage.service, stage: stage.stage, ended: stage.ended, averageWorkingDays: averageWorkingDays(stage.workingDays, stage.ended) })),
      },
      appointments: {
        totals: appointmentTotals,
        byMonth: [...appointmentMonths.values()],
        byOffice: [...registries.values()].sort((a, b) => (a.registry < b.registry ? -1 : 1)),
      },
      ratings: ratingsDashboard(ratingRows, overdueRatings, { months, ...(service ? { services: [service] } : {}), ...(offices ? { offices } : {}), serviceOrder: order }),
    },
  };
}

/** Every office a system admin may choose: those with figures, and those that run a registry office. */
async function knownOffices(deps: DashboardDeps): Promise<string[]> {
  return [...new Set([...(await figureOffices(deps.db)), ...deps.offices.all().map((registry) => registry.office)])];
}
