/**
 * The dashboard's figures (docs/decisions/054): the counters each step adds to in its transaction
 * (case_figures), read for a period; the open cases past their deadline and the appointments of a
 * period, counted from indexes; and the counters built again from the timelines when a process
 * starts on a database whose counters are not (yet) built.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { figureKey, sumIncrements, timelineIncrements, type FigureIncrement } from '../domain/cases/case-figures.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import type { StateDefinition } from '../domain/workflow/workflow.ts';
import type { Database } from './schema.ts';

/**
 * Adds increments to their counters in the caller's transaction. In key order, so that two steps
 * adding to the same counters on PostgreSQL wait for each other instead of deadlocking.
 */
export async function addFigures(trx: Transaction<Database>, increments: readonly FigureIncrement[]): Promise<void> {
  const summed = [...sumIncrements(increments).values()].sort((a, b) => (figureKey(a) < figureKey(b) ? -1 : 1));
  for (const increment of summed) {
    await trx
      .insertInto('case_figures')
      .values({ service: increment.service, office: increment.office, month: increment.month, figure: increment.figure, stage: increment.stage, count: increment.count, working_days: increment.workingDays })
      .onConflict((oc) =>
        oc.columns(['service', 'office', 'month', 'figure', 'stage']).doUpdateSet((eb) => ({
          count: eb('case_figures.count', '+', eb.ref('excluded.count')),
          working_days: eb('case_figures.working_days', '+', eb.ref('excluded.working_days')),
        })),
      )
      .execute();
  }
}

/** When the case entered its present state: its last event's instant. */
export async function lastEventAt(trx: Transaction<Database>, caseId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('case_events').select('at').where('case_id', '=', caseId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.at;
}

export interface FigureScope {
  /** YYYY-MM, both included. */
  from: string;
  to: string;
  service?: string;
  /** The offices to count; undefined: every office. */
  offices?: readonly string[];
}

export interface FigureRow {
  service: string;
  office: string;
  month: string;
  figure: string;
  stage: string;
  count: number;
  workingDays: number;
}

/** The counters of a period (a few per service, office, month and stage), from the month index. */
export async function readFigures(db: Kysely<Database>, scope: FigureScope): Promise<FigureRow[]> {
  if (scope.offices && scope.offices.length === 0) return [];
  let query = db.selectFrom('case_figures').select(['service', 'office', 'month', 'figure', 'stage', 'count', 'working_days']).where('month', '>=', scope.from).where('month', '<=', scope.to);
  if (scope.service) query = query.where('service', '=', scope.service);
  if (scope.offices) query = query.where('office', 'in', [...scope.offices]);
  const rows = await query.execute();
  return rows.map((row) => ({ service: row.service, office: row.office, month: row.month, figure: row.figure, stage: row.stage, count: Number(row.count), workingDays: Number(row.working_days) }));
}

/**
 * Open cases whose earliest running deadline is before `today`, per service and office (a clock
 * paused for 补正 is not running): summed from the counts kept per due day (case_due_counts), so the
 * cost follows the days with something due, not the cases.
 */
export async function overdueNow(db: Kysely<Database>, today: string, scope: Pick<FigureScope, 'service' | 'offices'>): Promise<{ service: string; office: string; count: number }[]> {
  if (scope.offices && scope.offices.length === 0) return [];
  let query = db
    .selectFrom('case_due_counts')
    .select((eb) => ['service', 'office', eb.fn.sum<number | string>('cases').as('count')])
    .where('due_on', '<', today)
    .groupBy(['service', 'office']);
  if (scope.service) query = query.where('service', '=', scope.service);
  if (scope.offices) query = query.where('office', 'in', [...scope.offices]);
  return (await query.execute()).map((row) => ({ service: row.service, office: row.office, count: Number(row.count) })).filter((row) => row.count > 0);
}

/**
 * Appointments whose day falls in a period, per registry office, month and status (`active`,
 * `completed`, `no-show`, `cancelled`…), from an index; a service's only through their cases.
 */
export async function appointmentFigures(
  db: Kysely<Database>,
  scope: { fromDay: string; toDay: string; resources?: readonly string[]; service?: string },
): Promise<{ resource: string; month: string; status: string; count: number }[]> {
  if (scope.resources && scope.resources.length === 0) return [];
  const month = sql<string>`substr(${sql.ref('appointments.date')}, 1, 7)`;
  let query = db
    .selectFrom('appointments')
    .select((eb) => ['appointments.resource_id as resource_id', month.as('month'), 'appointments.status as status', eb.fn.countAll<number>().as('count')])
    .where('appointments.date', '>=', scope.fromDay)
    .where('appointments.date', '<=', scope.toDay)
    .groupBy(['appointments.resource_id', month, 'appointments.status']);
  if (scope.resources) query = query.where('appointments.resource_id', 'in', [...scope.resources]);
  if (scope.service) {
    const service = scope.service;
    query = query.where((eb) => eb.exists(eb.selectFrom('cases').select('cases.id').whereRef('cases.id', '=', 'appointments.case_id').where('cases.service', '=', service)));
  }
  return (await query.execute()).map((row) => ({ resource: row.resource_id, month: row.month, status: row.status, count: Number(row.count) }));
}

/** The offices that have any counter: what a system admin's office filter offers. */
export async function figureOffices(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('case_figures').select('office').distinct().execute()).map((row) => row.office);
}

/** In a transaction that removes cases (demo data): the counters are built again at the next start. */
export async function markFiguresStale(trx: Transaction<Database>): Promise<void> {
  await trx.updateTable('case_figures_state').set({ built_at: null }).where('id', '=', 1).execute();
}

export interface FigureBuildDeps {
  calendar: WorkingDayCalendar;
  /** A service's states (which are open), or undefined for a service this portal no longer runs. */
  statesOf: (service: string) => Readonly<Record<string, StateDefinition>> | undefined;
}

const CASES_PER_BATCH = 2000;

/**
 * Every counter worked out again from the cases' timelines, as their steps would have added them,
 * and written in place of the table's rows. Reads the cases in batches by id (keyset), never all
 * events at once. A service the portal no longer runs counts every state as open.
 */
export async function rebuildFigures(db: Kysely<Database>, deps: FigureBuildDeps, now: Date): Promise<{ cases: number; counters: number }> {
  const totals = new Map<string, FigureIncrement>();
  let after = '';
  let cases = 0;
  for (;;) {
    const batch = await db.selectFrom('cases').select(['id', 'service', 'office']).where('id', '>', after).orderBy('id').limit(CASES_PER_BATCH).execute();
    if (batch.length === 0) break;
    after = batch.at(-1)?.id ?? after;
    cases += batch.length;
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'from_state', 'to_state', 'at'])
      .where('case_id', 'in', batch.map((row) => row.id))
      .orderBy('case_id')
      .orderBy('seq')
      .execute();
    const byCase = new Map<string, { from: string | null; to: string; at: string }[]>();
    for (const event of events) {
      const timeline = byCase.get(event.case_id) ?? [];
      timeline.push({ from: event.from_state, to: event.to_state, at: event.at });
      byCase.set(event.case_id, timeline);
    }
    for (const row of batch) {
      const states = deps.statesOf(row.service) ?? {};
      sumIncrements(timelineIncrements({ service: row.service, office: row.office, states, calendar: deps.calendar }, byCase.get(row.id) ?? []), totals);
    }
  }
  const rows = [...totals.values()]
    .filter((total) => total.count !== 0 || total.workingDays !== 0)
    .map((total) => ({ service: total.service, office: total.office, month: total.month, figure: total.figure, stage: total.stage, count: total.count, working_days: total.workingDays }));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('case_figures').execute();
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('case_figures').values(rows.slice(i, i + 500)).execute();
    await trx.updateTable('case_figures_state').set({ built_at: now.toISOString() }).where('id', '=', 1).execute();
  });
  return { cases, counters: rows.length };
}

/** At start (under the startup lock): builds the counters when the database's are not built; answers what it did, or null. */
export async function ensureFigures(db: Kysely<Database>, deps: FigureBuildDeps, now: Date): Promise<{ cases: number; counters: number } | null> {
  const state = await db.selectFrom('case_figures_state').select('built_at').where('id', '=', 1).executeTakeFirst();
  if (state?.built_at) return null;
  return rebuildFigures(db, deps, now);
}
