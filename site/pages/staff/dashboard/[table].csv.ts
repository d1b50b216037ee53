/**
 * One table of the bureau dashboard as a CSV file (docs/decisions/054): the same rows and headings
 * as the page, in the reader's language, UTF-8 with a byte order mark, formula-like cells escaped.
 * The same answer as the page's API call otherwise: 401 → sign-in, 403/404/422 with the message.
 */
import type { APIRoute } from 'astro';
import { translator } from '../../../../api/i18n/index.ts';
import { attachment, CSV_MEDIA_TYPE, toCsv } from '../../../lib/csv.ts';
import { csvName, dashboardTables, isDashboardTable, readDashboard } from '../../../lib/dashboard.ts';
import { localizedHref, pageContext } from '../../../lib/page-context.ts';

export const GET: APIRoute = async (context) => {
  const { portal } = context.locals;
  const plain = (status: number, text: string) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
  const id = context.params.table;
  if (!isDashboardTable(id)) return plain(404, translator(portal.lang)('errors.notFound'));
  const answer = await readDashboard(context);
  if (!answer.ok) {
    if (answer.status === 401) return context.redirect(localizedHref('/staff/sign-in', portal.lang), 303);
    return plain(answer.status, [answer.message, ...answer.fields.map((field) => field.message)].join('\n'));
  }
  const words = pageContext(context);
  const table = dashboardTables(answer.view, words, context).find((candidate) => candidate.id === id);
  if (!table) return plain(404, translator(portal.lang)('errors.notFound'));
  return new Response(toCsv(table.header, table.rows), {
    status: 200,
    headers: { 'content-type': CSV_MEDIA_TYPE, 'content-disposition': attachment(csvName(id, answer.view)), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
};
