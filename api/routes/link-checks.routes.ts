/**
 * The external link report for content editors (docs/decisions/058): the problem links of the
 * published guides and notices where they are written (broken, moved for good, could not check),
 * when the check last ran, and a run asked for now (audited). Content editors only.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { linkReport, runLinkCheck, type LinkCheckDeps, type LinkReport } from '../content/link-checks.ts';
import { REPORT_GROUPS } from '../domain/content/external-links.ts';
import { LOCALES } from '../domain/guides/guide.schema.ts';
import { ApiErrorSchema, requestLocale } from '../http/api-error.ts';
import type { ApiEnv, StaffEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { dynamicKey, translator, type Translate } from '../i18n/index.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const EDITORS = ['content-editor'] as const;

const EntryView = z
  .object({
    result: z.enum(REPORT_GROUPS).meta({ description: '`broken` (404/410, no such host, or could not be checked 3 runs in a row), `redirected` (moved permanently: use `finalUrl`), `unreachable` (could not check this time)' }),
    source: z.enum(['guide', 'notice']),
    ref: z.string().meta({ description: 'The guide’s slug or the notice’s id' }),
    title: z.string().meta({ description: 'The guide’s or notice’s title in the reader’s language (else the Chinese)' }),
    lang: z.enum(LOCALES).meta({ description: 'The language of the text the link is written in' }),
    field: z.string().meta({ description: 'Where in it: `body`, `legalBasis.0.note`, `locations.1.address`…' }),
    url: z.string().meta({ description: 'The link as written' }),
    statusCode: z.number().int().nullable(),
    finalUrl: z.string().nullable().meta({ description: 'Where the redirects ended' }),
    reason: z.string().nullable().meta({ description: 'The status, or `dns`, `timeout`, `network`, `redirect_loop`, `invalid_url`' }),
    status: z.string().meta({ description: 'The result in words, in the reader’s language' }),
    since: z.string().meta({ description: 'When the link stopped answering (its first failure in a row), or, moved, when the move was first seen' }),
    consecutiveFailures: z.number().int(),
    lastCheckedAt: z.string(),
  })
  .openapi('LinkReportEntry');

const ReportView = z
  .object({
    lastRun: z.object({ startedAt: z.string(), finishedAt: z.string().nullable(), checked: z.number().int() }).nullable(),
    running: z.boolean().meta({ description: 'A run holds the lease now' }),
    counts: z.object({
      links: z.number().int().meta({ description: 'External links written in the published content' }),
      addresses: z.number().int().meta({ description: 'Distinct addresses among them that are checked' }),
      ok: z.number().int(),
      broken: z.number().int(),
      redirected: z.number().int(),
      unreachable: z.number().int(),
      unchecked: z.number().int().meta({ description: 'Addresses not checked yet (published since the last run)' }),
      skipped: z.number().int().meta({ description: 'Links not checked: mailto:, tel: and other schemes' }),
    }),
    entries: z.array(EntryView).meta({ description: 'Broken links first, then those moved permanently, then those that could not be checked; the longest-standing first' }),
  })
  .openapi('LinkReport');

const RunView = ReportView.extend({ checked: z.number().int().meta({ description: 'Addresses this run checked' }) }).openapi('LinkCheckRun');

const common = { 401: json(ApiErrorSchema, 'Not signed in'), 403: json(ApiErrorSchema, 'Not a content editor (`not_permitted`)') };

const report = createRoute({
  method: 'get',
  path: '/staff/guides/links',
  operationId: 'getLinkReport',
  middleware: requireStaff({ roles: EDITORS }),
  tags: ['Guide editing'],
  summary: 'The external links of the published guides and notices that are broken, moved permanently or could not be checked, where each is written, and when the check last ran',
  responses: { 200: json(ReportView, 'The report'), ...common },
});

const run = createRoute({
  method: 'post',
  path: '/staff/guides/links/run',
  operationId: 'runLinkCheck',
  middleware: requireStaff({ roles: EDITORS }),
  tags: ['Guide editing'],
  summary: 'Check every external link now (HEAD, or GET where HEAD is refused; redirects followed up to 5 hops; two at a time) and answer the report; audited',
  responses: {
    200: json(RunView, 'Checked; the report as it now is'),
    ...common,
    409: json(ApiErrorSchema, 'Another run is checking now (`check_running`): its results are in the report when it finishes'),
  },
});

function checkDeps<E extends ApiEnv>(c: Context<E>): LinkCheckDeps {
  const deps = c.get('deps');
  return { db: deps.database.db, kind: deps.database.kind, now: deps.now, settings: deps.linkChecks };
}

/** The result in words: a status code, or why there was none. */
function statusWords(t: Translate, entry: LinkReport['rows'][number]): string {
  const { reason, statusCode, result } = entry.state;
  if (result === 'redirected') return t('linkChecks.status.moved', { code: statusCode ?? 301 });
  if (reason && /^\d+$/.test(reason)) return t('linkChecks.status.http', { code: reason });
  if (reason === 'dns' || reason === 'timeout' || reason === 'network' || reason === 'redirect_loop' || reason === 'invalid_url') return t(dynamicKey`linkChecks.status.${reason}`);
  return t('linkChecks.status.network');
}

function reportView(c: Context<StaffEnv>, found: LinkReport): z.infer<typeof ReportView> {
  const t = translator(requestLocale(c));
  const { run: last } = found;
  return {
    lastRun: last.startedAt ? { startedAt: last.startedAt, finishedAt: last.finishedAt, checked: last.checked } : null,
    running: last.running,
    counts: found.counts,
    entries: found.rows.map((row) => ({
      result: row.state.result as (typeof REPORT_GROUPS)[number],
      source: row.source,
      ref: row.ref,
      title: row.title,
      lang: row.lang,
      field: row.field,
      url: row.url,
      statusCode: row.state.statusCode,
      finalUrl: row.state.finalUrl,
      reason: row.state.reason,
      status: statusWords(t, row),
      since: row.state.firstFailedAt ?? row.state.since,
      consecutiveFailures: row.state.consecutiveFailures,
      lastCheckedAt: row.state.lastCheckedAt,
    })),
  };
}

export const linkCheckRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(report, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(reportView(c, await linkReport(checkDeps(c), requestLocale(c))), 200);
  })
  .openapi(run, async (c) => {
    c.header('Cache-Control', 'no-store');
    const ran = await runLinkCheck(checkDeps(c), { actor: { member: c.get('staff'), origin: clientAddress(c) } });
    if (!ran.ok) return refuse(c, 'linkCheckRun', { reason: 'check_running' });
    return c.json({ ...reportView(c, await linkReport(checkDeps(c), requestLocale(c))), checked: ran.checked }, 200);
  });

/** The answers' shapes, for the staff page (site/lib/link-checks.ts). */
export type LinkReportView = z.infer<typeof ReportView>;
export type LinkCheckRunView = z.infer<typeof RunView>;
