/**
 * The API: one Hono app mounted at /api/v1, with its OpenAPI document generated from the same Zod
 * schemas that validate requests. The server (server/portal-server.ts) puts it beside the site;
 * tests call it in process through `app.request`.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { API_DOCS_CSP, renderApiDocsPage } from './http/api-docs-page.ts';
import type { ApiDeps, ApiEnv } from './http/api-env.ts';
import { errorBody, MALFORMED_JSON, requestLocale, statusError, validationFailed } from './http/api-error.ts';
import { isDatabaseUnavailable } from './db/errors.ts';
import { staffOnly } from './http/staff-only.ts';
import { completeContract } from './http/openapi-contract.ts';
import { translator } from './i18n/index.ts';
import { guideRoutes } from './routes/guides.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { caseRoutes, documentApplications, rescheduleRoutes } from './routes/cases.routes.ts';
import { devRoutes } from './routes/dev.routes.ts';
import { handoffRoutes } from './routes/handoffs.routes.ts';
import { fileRoutes } from './routes/files.routes.ts';
import { draftRoutes } from './routes/drafts.routes.ts';
import { SUPPLEMENT_PATH, supplementBodyLimit, trackDocumentRoutes } from './routes/track-documents.routes.ts';
import { DRAFT_UPLOAD_PATH, draftFileDownload, draftFileRoutes, uploadBodyLimit } from './routes/draft-files.routes.ts';
import { holidayRoutes } from './routes/holidays.routes.ts';
import { ruleRoutes } from './routes/rules.routes.ts';
import { guideEditingRoutes } from './routes/guide-editing.routes.ts';
import { linkCheckRoutes } from './routes/link-checks.routes.ts';
import { announcementRoutes } from './routes/announcements.routes.ts';
import { funeralHomeRoutes } from './services/funeral/routes/funeral-homes.routes.ts';
import { cemeteryRoutes } from './services/public-cemetery/routes/cemeteries.routes.ts';
import { feeExemptionRoutes } from './services/funeral/routes/fee-exemption.routes.ts';
import { funeralBookingRoutes } from './services/funeral/routes/funeral-booking.routes.ts';
import { homeDayRoutes } from './services/funeral/routes/home-day.routes.ts';
import { EXEMPTION_PROOF_PATH, exemptionClaimRoutes } from './services/funeral/routes/exemption-claim.routes.ts';
import { noticeRoutes } from './routes/notices.routes.ts';
import { marriageRoutes } from './services/marriage/routes/marriage.routes.ts';
import { bookingCheckRoutes } from './services/marriage/routes/booking-checks.routes.ts';
import { officeAdminRoutes } from './services/marriage/routes/office-admin.routes.ts';
import { officeDayRoutes } from './services/marriage/routes/office-day.routes.ts';
import { phoneCodeRoutes } from './routes/phone-codes.routes.ts';
import { staffCaseRoutes } from './routes/staff-cases.routes.ts';
import { staffRoutes } from './routes/staff.routes.ts';
import { ratingRoutes } from './routes/ratings.routes.ts';
import { dashboardRoutes } from './routes/dashboard.routes.ts';

export const API_BASE = '/api/v1';
/** JSON bodies larger than this are refused with 413 before anything parses them. */
export const MAX_BODY_BYTES = 256 * 1024;
/** application/json and its +json kinds, with parameters (charset): as @hono/zod-openapi matches them. */
const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
/** A multipart form with its boundary: what a draft's upload takes. */
const MULTIPART_MEDIA_TYPE = /^multipart\/form-data;\s*boundary=/i;

/** What a 503 for a database away asks a client to wait, in seconds: a PostgreSQL restart takes a few. */
const DATABASE_RETRY_AFTER_SECONDS = '5';

export function createApiApp(deps: ApiDeps) {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationFailed(c, result.error);
    },
  });

  api.use('*', async (c, next) => {
    c.set('deps', deps);
    if (!c.get('logger')) c.set('logger', deps.logger);
    await next();
  });
  // Before anything reads the request: a stranger learns nothing of what a staff operation takes.
  api.use('/staff/*', staffOnly);
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => statusError(c, 413, 'body_too_large') });
  // The one exception (docs/decisions/031): a draft's upload is multipart, as large as the largest
  // file a service takes plus the form's other parts. Only that method on that path.
  const limitUpload = bodyLimit({ maxSize: uploadBodyLimit(deps.services), onError: (c) => statusError(c, 413, 'body_too_large') });
  const isDraftUpload = (method: string, path: string) => method === 'POST' && DRAFT_UPLOAD_PATH.test(path);
  // And a 补正 answer (docs/decisions/039): several files at once, up to what a case's files may weigh together.
  const limitAnswer = bodyLimit({ maxSize: supplementBodyLimit(deps.services), onError: (c) => statusError(c, 413, 'body_too_large') });
  // The fee exemption claim's proof (docs/decisions/075) is an answer of the same kind: at most five files, within its limit.
  const isAnswer = (method: string, path: string) => method === 'POST' && (SUPPLEMENT_PATH.test(path) || EXEMPTION_PROOF_PATH.test(path));
  const isMultipart = (method: string, path: string) => isDraftUpload(method, path) || isAnswer(method, path);
  // GET and HEAD carry no body; skipping them spares building a full Request on the hot path.
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : isDraftUpload(c.req.method, c.req.path) ? limitUpload(c, next) : isAnswer(c.req.method, c.req.path) ? limitAnswer(c, next) : limitBody(c, next),
  );
  // The API reads JSON only: a body said to be anything else is refused whichever operation it is
  // sent to (an operation that declares a body refuses one with no media type too); the upload
  // reads multipart/form-data only.
  api.use('*', async (c, next) => {
    const mediaType = c.req.header('content-type');
    if (isMultipart(c.req.method, c.req.path)) {
      if (mediaType && !MULTIPART_MEDIA_TYPE.test(mediaType)) return statusError(c, 415, 'unsupported_media_type');
    } else if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && mediaType && !JSON_MEDIA_TYPE.test(mediaType)) return statusError(c, 415, 'unsupported_media_type');
    await next();
  });

  // In production the development routes are not mounted at all (their paths answer 404); the cast
  // keeps their type in the client, which pages use only outside production.
  const developmentOnly = deps.environment === 'production' ? (new OpenAPIHono<ApiEnv>() as unknown as typeof devRoutes) : devRoutes;
  const routes = api.route('/', healthRoutes).route('/', guideRoutes).route('/', staffRoutes).route('/', staffCaseRoutes).route('/', holidayRoutes).route('/', ruleRoutes).route('/', dashboardRoutes).route('/', marriageRoutes).route('/', bookingCheckRoutes).route('/', phoneCodeRoutes).route('/', officeDayRoutes).route('/', officeAdminRoutes).route('/', caseRoutes).route('/', rescheduleRoutes).route('/', trackDocumentRoutes).route('/', draftFileRoutes).route('/', draftRoutes).route('/', handoffRoutes).route('/', noticeRoutes).route('/', ratingRoutes).route('/', developmentOnly);
  // Outside the chain above, whose type is at the compiler's limit: the pages reach these through a client of their own (portal.ts).
  api.route('/', guideEditingRoutes as unknown as OpenAPIHono<ApiEnv>);
  api.route('/', linkCheckRoutes as unknown as OpenAPIHono<ApiEnv>);
  api.route('/', announcementRoutes as unknown as OpenAPIHono<ApiEnv>);
  api.route('/', funeralHomeRoutes);
  api.route('/', cemeteryRoutes);
  api.route('/', feeExemptionRoutes);
  api.route('/', funeralBookingRoutes);
  api.route('/', homeDayRoutes);
  api.route('/', exemptionClaimRoutes);
  api.route('/', fileRoutes); // a download, not JSON: outside the typed client the pages use
  api.route('/', draftFileDownload);
  // Each service applied for online, its own operation (one handler serves them all: cases.routes.ts).
  documentApplications(api, deps.services);

  // The generated document, completed with what every operation shares (http/openapi-contract.ts).
  api.get('/openapi.json', (c) =>
    c.json(
      completeContract(
        api.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: translator(requestLocale(c))('site.name'),
            version: '1.0.0',
            description:
              'Public API of the civil affairs citizen service portal (民政一网通办). Every request and response schema here is the one the server validates with. Staff operations need the `staff_session` cookie that `signIn` sets; every error is an `ApiError`, its message in the reader’s language (`lang`, else Accept-Language).',
            license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
          },
          servers: [{ url: API_BASE }],
        }),
        { maxBodyBytes: MAX_BODY_BYTES },
      ),
    ),
  );

  api.notFound((c) => statusError(c, 404, 'not_found'));
  api.onError((error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status;
      // A 400 here is a body the JSON validator could not parse; a 415 a body of another media type.
      if (status === 400) return statusError(c, 400, MALFORMED_JSON);
      if (status === 415) return statusError(c, 415, 'unsupported_media_type');
      if (status >= 400 && status < 500) return statusError(c, status, 'request_refused');
    }
    // The database away (restarting, unreachable, locked past its timeout): the request failed whole, and may be sent again.
    if (isDatabaseUnavailable(error)) {
      c.get('logger').warn({ err: error, requestId: c.get('requestId') }, 'database unavailable');
      c.header('Retry-After', DATABASE_RETRY_AFTER_SECONDS);
      return c.json(errorBody(c, 'database_unavailable', translator(requestLocale(c))('errors.unavailable')), 503);
    }
    c.get('logger').error({ err: error, requestId: c.get('requestId') }, 'unhandled API error');
    return c.json(errorBody(c, 'internal_error', translator(requestLocale(c))('errors.serverError')), 500);
  });

  return routes;
}

export type ApiApp = ReturnType<typeof createApiApp>;

/** The readable reference at /api/docs, generated from the same document. */
export function createApiDocsApp(api: ApiApp) {
  const docs = new OpenAPIHono<ApiEnv>();
  docs.get('/', async (c) => {
    const response = await api.request('/openapi.json');
    const document = (await response.json()) as Record<string, unknown>;
    c.header('Content-Security-Policy', API_DOCS_CSP);
    return c.html(renderApiDocsPage(document, requestLocale(c)));
  });
  return docs;
}
