/**
 * The month's exemption settlement per funeral home as a CSV file (docs/decisions/072): the page's
 * table in the reader's language, UTF-8 with a byte order mark, formula-like cells escaped, as the
 * dashboard's CSVs. The same answer as the page's API call otherwise: 401 → sign-in, 403/422 with
 * the message.
 */
import type { APIRoute } from 'astro';
import { settlementTable } from '../../../../api/services/funeral/fee-exemption-settlement.ts';
import { attachment, CSV_MEDIA_TYPE, toCsv } from '../../../lib/csv.ts';
import { readSettlement } from '../../../lib/funeral-staff.ts';
import { localizedHref } from '../../../lib/page-context.ts';

export const GET: APIRoute = async (context) => {
  const { portal } = context.locals;
  const month = context.url.searchParams.get('month')?.trim().slice(0, 20) || undefined;
  const answer = await readSettlement(context, month);
  if (!answer.ok) {
    if (answer.status === 401) return context.redirect(localizedHref('/staff/sign-in', portal.lang), 303);
    return new Response([answer.message, ...answer.fields.map((field) => field.message)].join('\n'), { status: answer.status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
  }
  const table = settlementTable(answer.body.rows, portal.lang);
  return new Response(toCsv(table.header, table.rows), {
    status: 200,
    headers: { 'content-type': CSV_MEDIA_TYPE, 'content-disposition': attachment(`funeral-exemption-settlement-${answer.body.month}.csv`), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
};
