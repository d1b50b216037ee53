/**
 * The bureau dashboard as the staff pages show it (docs/decisions/054): the figures from the API,
 * and every table the page shows, written once here so that the page and each table's CSV download
 * say the same rows under the same headings in the reader's language.
 */
import type { AstroGlobal } from 'astro';
import { dynamicKey } from '../../api/i18n/index.ts';
import type { DashboardView } from '../../api/cases/dashboard.ts';
import type { FollowUpFigures, RatingFigures } from '../../api/domain/ratings/rating-figures.ts';
import { percentText, RATING_LEVELS } from '../../api/domain/ratings/ratings.ts';
import { officeName } from '../../api/services/marriage/offices.ts';
import type { CsvCell } from './csv.ts';
import { caseWords } from './case-words.ts';
import type { PageContext } from './page-context.ts';

export type DashboardAnswer = { ok: true; view: DashboardView } | { ok: false; status: number; message: string; fields: { field: string; message: string }[] };

/** The filters the page's GET form sent, passed on as they are (the API checks them). */
export async function readDashboard(astro: Pick<AstroGlobal, 'locals' | 'url'>): Promise<DashboardAnswer> {
  const params = astro.url.searchParams;
  const query: Record<string, string> = {};
  for (const name of ['from', 'to', 'service', 'office'] as const) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  const response = await astro.locals.portal.api.staff.dashboard.$get({ query });
  if (response.status === 200) return { ok: true, view: (await response.json()) as unknown as DashboardView };
  const body = (await response.json().catch(() => ({ error: { message: '' } }))) as { error: { message: string; fields?: { field: string; message: string }[] } };
  return { ok: false, status: response.status, message: body.error.message, fields: body.error.fields ?? [] };
}

export const DASHBOARD_TABLES = [
  'cases-by-month',
  'cases-by-service',
  'cases-by-office',
  'stages',
  'appointments-by-month',
  'appointments-by-office',
  'ratings-by-month',
  'ratings-by-service',
  'ratings-by-office',
  'follow-ups-by-service',
  'follow-ups-by-office',
  'bad-reasons',
] as const;
export type DashboardTableId = (typeof DASHBOARD_TABLES)[number];
export const isDashboardTable = (id: string | undefined): id is DashboardTableId => (DASHBOARD_TABLES as readonly string[]).includes(id ?? '');

export interface DashboardTable {
  id: DashboardTableId;
  caption: string;
  header: string[];
  rows: CsvCell[][];
  /** The numbers' columns (from the second on), which the page aligns to the right. */
  numeric: boolean[];
}

type Words = Pick<PageContext, 't' | 'lang' | 'formatMonth'>;

/** Every table of the dashboard, in the page's order. */
export function dashboardTables(view: DashboardView, words: Words, astro: Pick<AstroGlobal, 'locals'>): DashboardTable[] {
  const { t, lang, formatMonth } = words;
  const names = caseWords({ t }, astro.locals.portal.services);
  const office = (id: string) => t(dynamicKey`staff.office.${id}`, { defaultValue: id });
  const registry = (id: string) => officeName(astro.locals.portal.offices, id, lang);
  const c = (key: 'received' | 'completed' | 'overdue') => t(dynamicKey`dashboard.cases.${key}`);
  const a = (key: 'booked' | 'attended' | 'noShow' | 'cancelled') => t(dynamicKey`dashboard.appointments.${key}`);
  const appointmentHeader = [a('booked'), a('attended'), a('noShow'), a('cancelled')];
  const table = (id: DashboardTableId, caption: string, header: string[], rows: CsvCell[][]): DashboardTable => ({ id, caption, header, rows, numeric: header.map((_, index) => index > 0) });
  // Ratings (docs/decisions/059): the five levels in the national order, the total and the public page's rate.
  const r = (key: 'total' | 'rate' | 'bad' | 'opened' | 'replied' | 'overdue' | 'resolved') => t(dynamicKey`dashboard.ratings.${key}`);
  const levelHeader = [...RATING_LEVELS.map((level) => t(dynamicKey`ratings.level.${level}`)), r('total'), r('rate')];
  const levelCells = (row: RatingFigures): CsvCell[] => [...RATING_LEVELS.map((level) => row.counts[level]), row.total, percentText(row.satisfactionRate)];
  const followUpHeader = [r('bad'), r('opened'), r('replied'), r('overdue'), r('resolved')];
  const followUpCells = (row: RatingFigures & { followUps: FollowUpFigures }): CsvCell[] => [row.bad, row.followUps.opened, row.followUps.replied, row.followUps.overdue, row.followUps.resolved];
  // "Other" is written for the applicant ("say what below"); here it is just "something else".
  const reason = (code: string) => (code === 'other' ? t('dashboard.ratings.otherReason') : t(dynamicKey`ratings.reason.${code}`, { defaultValue: code }));
  const { ratings } = view;
  return [
    table('cases-by-month', t('dashboard.tables.casesByMonth'), [t('dashboard.columns.month'), c('received'), c('completed')], view.cases.byMonth.map((row) => [formatMonth(row.month), row.received, row.completed])),
    table('cases-by-service', t('dashboard.tables.casesByService'), [t('dashboard.columns.service'), c('received'), c('completed'), c('overdue')], view.cases.byService.map((row) => [names.service(row.service), row.received, row.completed, row.overdue])),
    table('cases-by-office', t('dashboard.tables.casesByOffice'), [t('dashboard.columns.office'), c('received'), c('completed'), c('overdue')], view.cases.byOffice.map((row) => [office(row.office), row.received, row.completed, row.overdue])),
    table(
      'stages',
      t('dashboard.tables.stages'),
      [t('dashboard.columns.service'), t('dashboard.columns.stage'), t('dashboard.stages.ended'), t('dashboard.stages.average')],
      view.cases.stages.map((row) => [names.service(row.service), names.state(row.service, row.stage), row.ended, row.averageWorkingDays]),
    ),
    table('appointments-by-month', t('dashboard.tables.appointmentsByMonth'), [t('dashboard.columns.month'), ...appointmentHeader], view.appointments.byMonth.map((row) => [formatMonth(row.month), row.booked, row.attended, row.noShow, row.cancelled])),
    table('appointments-by-office', t('dashboard.tables.appointmentsByOffice'), [t('dashboard.columns.registry'), ...appointmentHeader], view.appointments.byOffice.map((row) => [registry(row.registry), row.booked, row.attended, row.noShow, row.cancelled])),
    table('ratings-by-month', t('dashboard.tables.ratingsByMonth'), [t('dashboard.columns.month'), ...levelHeader], ratings.byMonth.map((row) => [formatMonth(row.month), ...levelCells(row)])),
    table('ratings-by-service', t('dashboard.tables.ratingsByService'), [t('dashboard.columns.service'), ...levelHeader], ratings.byService.map((row) => [names.service(row.service), ...levelCells(row)])),
    table('ratings-by-office', t('dashboard.tables.ratingsByOffice'), [t('dashboard.columns.office'), ...levelHeader], ratings.byOffice.map((row) => [office(row.office), ...levelCells(row)])),
    table('follow-ups-by-service', t('dashboard.tables.followUpsByService'), [t('dashboard.columns.service'), ...followUpHeader], ratings.byService.map((row) => [names.service(row.service), ...followUpCells(row)])),
    table('follow-ups-by-office', t('dashboard.tables.followUpsByOffice'), [t('dashboard.columns.office'), ...followUpHeader], ratings.byOffice.map((row) => [office(row.office), ...followUpCells(row)])),
    table(
      'bad-reasons',
      t('dashboard.tables.badReasons'),
      [t('dashboard.ratings.reason'), t('dashboard.ratings.times'), t('dashboard.ratings.share')],
      ratings.badReasons.map((row) => [reason(row.reason), row.count, percentText(row.share)]),
    ),
  ];
}

/** A table's download address, with the page's filters. */
export function csvPath(id: DashboardTableId, view: DashboardView): string {
  const query = new URLSearchParams({ from: view.period.from, to: view.period.to, ...(view.filters.service ? { service: view.filters.service } : {}), ...(view.filters.office ? { office: view.filters.office } : {}) });
  return `/staff/dashboard/${id}.csv?${query.toString()}`;
}

/** The download's file name: the table and the period. */
export const csvName = (id: DashboardTableId, view: DashboardView): string => `dashboard-${id}-${view.period.from}_${view.period.to}.csv`;
