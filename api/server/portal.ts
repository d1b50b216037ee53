/**
 * The one server: the API under /api/v1, its reference at /api/docs, the built site's files, and
 * every other path rendered by Astro — composed in one Hono app so that request ids, logs, security
 * headers, CSRF checks and compression apply to all of it alike.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { hc } from 'hono/client';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { getPath } from 'hono/utils/url';
import { requestId } from 'hono/request-id';
import { API_BASE, createApiApp, createApiDocsApp, type ApiApp } from '../app.ts';
import { statusError } from '../http/api-error.ts';
import { CLIENT_ADDRESS_VARIABLE, NO_TRUSTED_PROXIES, clientAddress, forwardedProto, resolveClientAddress, trustedProxies } from '../http/client-address.ts';
import { PUBLIC_ORIGIN_VARIABLE, publicOrigin, publicOriginResolver } from '../http/public-origin.ts';
import { addMessages, translator, type WordsRoot } from '../i18n/index.ts';
import { serviceRegistry } from '../services/registry.ts';
import { uploadBodyLimit } from '../routes/draft-files.routes.ts';
import { supplementBodyLimit } from '../routes/track-documents.routes.ts';
import type { ServicePackage } from '../services/service-package.ts';
import { DEFAULT_BOOKING_LIMIT_PER_CLIENT, DEFAULT_PHONE_CODE_LIMIT_PER_CLIENT, DEFAULT_TRACK_LIMITS, type TrackLimits } from '../http/api-env.ts';
import type { GuideCatalogue } from '../content/guide-catalogue.ts';
import type { ContentVersionProbe } from '../content/content-version.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { elderModeFromCookieHeader } from '../domain/preferences.ts';
import type { LiveCalendar } from '../content/holidays.ts';
import type { LiveRegistryOffices } from '../services/marriage/office-schedules.ts';
import type { RegistryOffices } from '../services/marriage/offices.ts';
import type { LiveRuleTables, RuleBook } from '../engine/rules/live-rules.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { FileBackend } from '../engine/files/backend.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import type { Logger } from '../platform/logger.ts';
import { PortalMetrics } from '../platform/metrics.ts';
import { readOperationsFigures } from '../db/operations-figures.repo.ts';
import { overdueNow } from '../db/case-figures.repo.ts';
import { createHandoffRuntime } from '../engine/handoffs/handoffs.ts';
import { DEFAULT_HANDOFF_SETTINGS, type HandoffSettings } from '../engine/handoffs/endpoints.ts';
import type { HandoffRetryPolicy } from '../engine/handoffs/retry.ts';
import { DEFAULT_LINK_CHECK_SETTINGS, linkCheckUserAgent, offlineFetch, type LinkCheckSettings } from '../content/link-checks.ts';
import { renderWithAstro, type AstroNodeHandler } from './astro-bridge.ts';
import { compression } from './compression.ts';
import { searchOf } from './request-url.ts';
import { answerConditions, cachedEncoding, PAGE_ROUTE_HEADER, PageCache } from './page-cache.ts';
import { answeredRequestLog, requestIdFrom, requestLog } from './request-log.ts';
import { metricsAccess, routeLabel } from './metrics-endpoint.ts';
import { securityHeaders, STRICT_TRANSPORT_SECURITY, withSecurityHeaders } from './security-headers.ts';

export type ApiClient = ReturnType<typeof hc<ApiApp>>;
/**
 * A request to the API in process, as `api` sends it, for operations outside ApiClient's type (whose
 * union is at the compiler's limit): the guide editor's (docs/decisions/052), whose answers
 * site/lib/guide-editing.ts types from the routes' schemas.
 */
export type ApiFetch = (path: string, init?: RequestInit) => Promise<Response>;

/** What every page receives in Astro.locals.portal. */
export interface PortalLocals {
  api: ApiClient;
  apiFetch: ApiFetch;
  requestId: string;
  lang: Locale;
  elder: boolean;
  /** The path without its language prefix: /en/guides/x → /guides/x. */
  path: string;
  /** The query string, with its "?", or "". */
  search: string;
  /** Today in China (YYYY-MM-DD), from the portal's clock: the day forms validate against. */
  today: string;
  /** The moment the request came (the portal's clock): what a page's time-bound checks read, never the machine's own. */
  now: Date;
  /**
   * The portal's public origin (PUBLIC_URL; outside production without it, the origin this request
   * came to when that is this server's own host: api/http/public-origin.ts), never the request's
   * Host as sent: for absolute links read away from the page (the receipt's QR code, the calendar
   * file, a printed guide).
   */
  origin: string;
  /** Seals a form draft for a cookie (encrypted and authenticated with the portal's key) and opens it again. */
  drafts: DraftSealer;
  /** Services given to this portal at start (docs/decisions/029): the generic question pages run them beside the built-in ones. */
  services: readonly ServicePackage[];
  /** The registry offices this portal books for, with admins' schedules (docs/decisions/035): the same object the API reads. */
  offices: RegistryOffices;
  /** The rule tables as this process reads them (docs/decisions/030): what a service's schema reads its effective-dated figures from. */
  rules: RuleBook;
  /**
   * A multipart post to an application step whose body is over the upload limit: never read (the
   * page sees an empty form), so that an upload step can say "file too large" next to its field
   * with the rest of the page as it was (docs/decisions/036); so is a 补正 answer to the status page,
   * which then says the files were too large above its lookup form. Any other page answers 413.
   */
  bodyTooLarge?: true;
  /** On a service's generic pages: where its words are (site/lib/page-context.ts speakForService, docs/decisions/038). */
  wordsOf?: WordsRoot;
}

export interface DraftSealer {
  seal(value: unknown): string;
  /** The sealed value, or undefined when the token was not sealed here (tampered, or another key). */
  open(token: string): unknown;
}

const DRAFT_CONTEXT = 'cookie.draft';

/** How drafts are sealed; the tests seal one with the server's secret to start a journey at any step. */
export function draftSealer(crypto: FieldCrypto): DraftSealer {
  return {
    seal: (value) => crypto.encrypt(JSON.stringify(value), DRAFT_CONTEXT),
    open: (token) => {
      try {
        return JSON.parse(crypto.decrypt(token, DRAFT_CONTEXT)) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

const EN_PREFIX = /^\/en(?=\/|$)/;

/** The language lives in the path: / is Chinese, /en/ is English; one page file serves both. */
export function splitLanguagePrefix(path: string): { lang: Locale; path: string } {
  return EN_PREFIX.test(path) ? { lang: 'en', path: path.replace(EN_PREFIX, '') || '/' } : { lang: 'zh-CN', path };
}

export interface PortalOptions {
  database: DatabaseHandle;
  guides: GuideCatalogue;
  contentVersion: ContentVersionProbe;
  logger: Logger;
  migration: () => Promise<string | null>;
  now: () => Date;
  environment: 'development' | 'production' | 'test';
  crypto: FieldCrypto;
  /** Uploaded files' store, sealing and scanner (docs/decisions/026). */
  files: FileBackend;
  calendar: LiveCalendar;
  /** The registry offices, with admins' schedules (docs/decisions/035). */
  offices: LiveRegistryOffices;
  /** The rule tables (docs/decisions/030). */
  rules: LiveRuleTables;
  /** Status lookup limits (TRACK_LIMIT_PER_CLIENT / _PER_NUMBER); the defaults when absent. */
  trackLimits?: TrackLimits;
  /** Booking attempts per client per 10 minutes (BOOKING_LIMIT_PER_CLIENT); the default when absent. */
  bookingLimitPerClient?: number;
  /** One-time codes sent per client per hour (PHONE_CODE_LIMIT_PER_CLIENT); the default when absent. */
  phoneCodeLimitPerClient?: number;
  /** PUBLIC_URL's origin; absent: each request's own, when it came to this server's own host. */
  publicUrl?: string;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For / X-Forwarded-Proto are believed; none when absent. */
  trustProxy?: readonly string[];
  /** The built site: Astro's middleware handler and its client folder. Absent in API-only tests. */
  site?: { handler: AstroNodeHandler; clientDir: string };
  pageCacheEntries?: number;
  /** Services defined outside api/services (the test-only one: SERVICE_PACKAGES_MODULE), run beside the built-in ones. */
  services?: readonly ServicePackage[];
  /** Hand-offs to other systems (docs/decisions/044): endpoints and the development receiver (defaults: none configured), and, for tests, the outside world. */
  handoffs?: { settings?: HandoffSettings; fetch?: typeof fetch; random?: () => number; retry?: HandoffRetryPolicy };
  /** The external link check (docs/decisions/058): interval and timeout (LINK_CHECK_*), and, for tests, the outside world (offline by default when the environment is `test`). */
  linkChecks?: Partial<LinkCheckSettings>;
  /** METRICS_TOKEN: the bearer token a scraper of /metrics sends; absent: only a direct request from this machine may scrape. */
  metricsToken?: string | undefined;
}

type PortalEnv = {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    logger: Logger;
    /** Resolved once per request (TRUST_PROXY), for the API's clientAddress(c) and the pages. */
    clientAddress: string | null;
    /** The origin links sent away are built from (PUBLIC_URL, or this server's own host). */
    publicOrigin: string;
    /** Whether the reader's connection is https (PUBLIC_URL's scheme, or a trusted proxy's word): HSTS. */
    https: boolean;
    /** The route pattern a page was rendered by (Astro's, from PAGE_ROUTE_HEADER), for the metrics' label. */
    pageRoute: string | undefined;
  };
};

const HAS_FILE_EXTENSION = /\.[a-z0-9]{1,8}$/i;
/** A page's form post larger than this is refused (413) before anything reads it. */
const MAX_FORM_BYTES = 64 * 1024;
/**
 * The one exception (docs/decisions/031): a multipart post to a step of the generic application
 * pages, which may carry a file for an upload step, up to the API's upload limit (a step of another
 * kind reads only its own fields and ignores a file); every other page keeps the 64 KiB limit.
 */
const UPLOAD_STEP_PAGE = /^\/apply\/[^/]+\/[^/]+$/;
/** And the status page, where the applicant answers 补正 with files (docs/decisions/039), up to the API's limit for an answer. */
const STATUS_PAGE = /^\/track$/;
const MULTIPART_FORM = /^multipart\/form-data;/i;

/** Whether a path can only be a page (not the API, its reference, /metrics or a file), as the routes below decide. */
function isPagePath(path: string): boolean {
  return !(path === '/api' || path.startsWith('/api/') || path === '/metrics' || path.startsWith('/_astro/') || HAS_FILE_EXTENSION.test(path));
}

/**
 * A page's key in the cache. Pages name their own absolute address (canonical, hreflang): without
 * PUBLIC_URL that is the origin the request came to (localhost or 127.0.0.1), so a page is kept per origin.
 */
function pageKey(elder: boolean, origin: string, path: string, search: string): string {
  return `${elder ? 'elder' : 'std'}|${origin}|${path}|${search}`;
}

export function createPortal(options: PortalOptions) {
  const packages = options.services ?? [];
  for (const service of packages) addMessages(service.id, service.messages);
  const services = serviceRegistry(Object.fromEntries(packages.map((service) => [service.id, service.caseService])));
  const maxUploadPageBytes = uploadBodyLimit(services);
  const maxAnswerPageBytes = supplementBodyLimit(services);
  const handoffs = createHandoffRuntime({
    settings: options.handoffs?.settings ?? DEFAULT_HANDOFF_SETTINGS,
    environment: options.environment,
    crypto: options.crypto,
    ...(options.handoffs?.fetch ? { fetch: options.handoffs.fetch } : {}),
    ...(options.handoffs?.random ? { random: options.handoffs.random } : {}),
    ...(options.handoffs?.retry ? { retry: options.handoffs.retry } : {}),
  });
  const linkChecks: LinkCheckSettings = {
    intervalMs: options.linkChecks?.intervalMs ?? 0,
    timeoutMs: options.linkChecks?.timeoutMs ?? DEFAULT_LINK_CHECK_SETTINGS.timeoutSeconds * 1000,
    // A test server never reaches the internet: a test that checks links gives its own fetch.
    fetch: options.linkChecks?.fetch ?? (options.environment === 'test' ? offlineFetch : (input, init) => fetch(input, init)),
    userAgent: options.linkChecks?.userAgent ?? linkCheckUserAgent(options.publicUrl),
  };
  // The portal stops being ready (health/ready answers 503) as soon as its process starts to stop, so a load balancer sends nothing new.
  let stopping = false;
  const api = createApiApp({
    lifecycle: { stopping: () => stopping },
    services,
    handoffs,
    linkChecks,
    database: options.database,
    guides: options.guides,
    contentVersion: options.contentVersion,
    logger: options.logger,
    migration: options.migration,
    now: options.now,
    environment: options.environment,
    crypto: options.crypto,
    files: options.files,
    calendar: options.calendar,
    offices: options.offices,
    rules: options.rules,
    randomBytes,
    trackLimits: options.trackLimits ?? DEFAULT_TRACK_LIMITS,
    bookingLimitPerClient: options.bookingLimitPerClient ?? DEFAULT_BOOKING_LIMIT_PER_CLIENT,
    phoneCodeLimitPerClient: options.phoneCodeLimitPerClient ?? DEFAULT_PHONE_CODE_LIMIT_PER_CLIENT,
  });
  const drafts = draftSealer(options.crypto);
  // A kept page carries the server's security headers from the start (a hit skips the middleware that adds them).
  const pageCache = new PageCache({ maxEntries: options.pageCacheEntries ?? 2000, now: () => options.now().getTime(), finish: withSecurityHeaders });
  const app = new Hono<PortalEnv>();
  const trusted = options.trustProxy?.length ? trustedProxies(options.trustProxy) : NO_TRUSTED_PROXIES;
  const resolveOrigin = publicOriginResolver(options.publicUrl);
  const metrics = new PortalMetrics({
    figures: () => readOperationsFigures(options.database.db, options.now()),
    overdue: async () => {
      const rows = await overdueNow(options.database.db, chinaDate(options.now()), {});
      const perService = new Map<string, number>();
      for (const row of rows) perService.set(row.service, (perService.get(row.service) ?? 0) + row.count);
      return [...perService].map(([service, count]) => ({ service, count }));
    },
    isTerminal: (service, state) => services.get(service)?.workflow.states[state]?.terminal === true,
    pool: options.database.poolFigures,
    now: options.now,
  });

  // Who is asking and through which origin, once per request: the API's routes and the pages read
  // these (clientAddress(c), publicOrigin(c)) rather than the socket or the Host header.
  app.use('*', async (c, next) => {
    const socket = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
    const peer = socket?.remoteAddress;
    c.set(CLIENT_ADDRESS_VARIABLE, resolveClientAddress(peer, c.req.header('x-forwarded-for'), trusted));
    const origin = resolveOrigin(c.req.url, socket);
    c.set(PUBLIC_ORIGIN_VARIABLE, origin);
    c.set('https', origin.startsWith('https:') || forwardedProto(peer, c.req.header('x-forwarded-proto'), trusted) === 'https');
    await next();
  });
  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    metrics.observe(c.req.method, routeLabel(c, c.get('pageRoute'), HAS_FILE_EXTENSION.test(c.req.path)), c.res.status, (performance.now() - started) / 1000);
  });
  app.use('*', requestLog(options.logger));
  app.use('*', securityHeaders<PortalEnv>((c) => c.get('https')));
  // Forms post to their own page; a post from another origin is refused (no token needed, so
  // pages stay cacheable). Browsers send Origin on every form post. The API answers the refusal as
  // it answers everything else, with an ApiError (documented: http/openapi-contract.ts).
  const sameOrigin = csrf();
  app.use('*', async (c, next) => {
    try {
      return await sameOrigin(c, next);
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403 && c.req.path.startsWith(`${API_BASE}/`)) return statusError(c, 403, 'cross_site_request');
      throw error;
    }
  });
  app.use('*', compression({ threshold: 1024 }));

  app.route(API_BASE, api);
  app.route('/api/docs', createApiDocsApp(api));
  // Prometheus's scrape (docs/operations.md): plain text, never cached, for the token's holder or this machine only.
  app.get('/metrics', async (c) => {
    const socket = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
    const refusal = metricsAccess({ token: options.metricsToken, authorization: c.req.header('authorization'), peer: socket?.remoteAddress, forwarded: c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined });
    if (refusal) return c.text(refusal, 403, { 'cache-control': 'no-store' });
    const { body, contentType } = await metrics.render();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
  // Any other /api path is the API's 404 (JSON), never a page.
  app.all('/api/*', (c) => statusError(c, 404, 'not_found'));

  const site = options.site;
  if (site && existsSync(site.clientDir)) {
    const root = relative(process.cwd(), site.clientDir) || '.';
    app.use(
      '/_astro/*',
      serveStatic({
        root,
        precompressed: true,
        onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
      }),
    );
    app.use('*', async (c, next) => {
      if (!HAS_FILE_EXTENSION.test(c.req.path)) return next();
      return serveStatic<PortalEnv>({
        root,
        precompressed: true,
        onFound: (_path, ctx) => ctx.header('Cache-Control', 'public, max-age=3600'),
      })(c, next);
    });
  }

  app.all('*', async (c) => {
    if (!site) return c.text('The site is not built: run `npm run build`.', 503);
    const requestIdValue = c.get('requestId');
    const cacheable = c.req.method === 'GET' || c.req.method === 'HEAD';
    // Forms are small (but for a file sent to an upload step); Astro reads the body from the Node
    // request, so the size is checked here.
    const multipartPost = c.req.method === 'POST' && MULTIPART_FORM.test(c.req.header('content-type') ?? '');
    const uploadPost = multipartPost && UPLOAD_STEP_PAGE.test(splitLanguagePrefix(c.req.path).path);
    // An answer over the limit goes on to the status page with no body: its case's key is in the
    // body that is never read, so the page says what happened above a new lookup (not a bare 413).
    const answerPost = multipartPost && STATUS_PAGE.test(splitLanguagePrefix(c.req.path).path);
    const maxBytes = uploadPost ? maxUploadPageBytes : answerPost ? maxAnswerPageBytes : MAX_FORM_BYTES;
    const unsized = !c.req.header('content-length') && Boolean(c.req.header('transfer-encoding'));
    const tooLarge = !cacheable && (Number(c.req.header('content-length')) > maxBytes || unsized);
    // An upload step's file, or a 补正 answer's files, over the limit (with a length said, as a
    // browser's form has) goes on to the page with no body, which says so: a bare 413 would lose the page.
    if (tooLarge && !((uploadPost || answerPost) && !unsized)) {
      return c.text(translator(splitLanguagePrefix(c.req.path).lang)('errors.tooLarge'), 413);
    }
    // Astro takes a body already given instead of reading the request's: this one is never read.
    if (tooLarge) Object.assign(c.env.incoming, { body: new Uint8Array(0) });
    const elder = elderModeFromCookieHeader(c.req.header('cookie'));
    const search = searchOf(c.req.url);
    const key = pageKey(elder, publicOrigin(c), c.req.path, search);
    // Known without waiting nearly always (a reading is good for CONTENT_CHECK_MS): no promise chain per page.
    const version = cacheable ? (options.contentVersion.peek?.() ?? (await options.contentVersion.current())) : 0;
    if (cacheable) {
      const hit = pageCache.lookup(key, version, c.req.raw);
      if (hit) return withoutPageRoute(c, hit);
    }
    const { lang, path } = splitLanguagePrefix(c.req.path);
    const reader = clientAddress(c);
    const origin = publicOrigin(c);
    const requestOrigin = new URL(c.req.url).origin;
    // Astro routes the page without the prefix; the page learns the language from locals.
    c.env.incoming.url = path + search;
    const locals: { portal: PortalLocals } = {
      portal: {
        requestId: requestIdValue,
        lang,
        // Staff pages have no elder mode (their header has no switch to turn it off).
        elder: elder && !/^\/staff(\/|$)/.test(path),
        path,
        search,
        today: chinaDate(options.now()),
        now: options.now(),
        origin,
        drafts,
        services: packages,
        offices: options.offices,
        rules: options.rules,
        ...(tooLarge ? { bodyTooLarge: true as const } : {}),
        // The page's own origin, so the API sees the host the reader used (cookie flags follow it),
        // the reader's cookies, and where the request came from (for audit and rate limits).
        api: pageApiClient(api, requestOrigin, { 'x-request-id': requestIdValue, cookie: c.req.header('cookie') ?? '', 'accept-language': lang }, reader, origin),
        apiFetch: pageApiFetch(api, requestOrigin, { 'x-request-id': requestIdValue, cookie: c.req.header('cookie') ?? '', 'accept-language': lang }, reader, origin),
      },
    };
    const response = await renderWithAstro(site.handler, c.env.incoming, locals);
    return withoutPageRoute(c, cacheable ? await pageCache.store(key, version, response, c.req.raw) : response);
  });

  // A page the cache keeps is answered in front of the app's routing, middleware and Astro
  // (docs/decisions/077): it needs none of what they do for it, only its key, and what they would
  // have added is in the kept headers (security headers) or added here (request id, HSTS), counted
  // and logged as they count and log. Anything else goes on to the app as before: a method or path
  // that is not a page's (the API, files, /metrics), a browser accepting only an encoding the cache
  // does not keep (deflate: compression in the chain makes it), a content version that must be read
  // first, and a page not kept (or no longer: the page handler's lookup counts the miss and forgets it).
  if (site) {
    const logHit = answeredRequestLog(options.logger);
    const servedFromCache = (request: Request, env: unknown): Response | undefined => {
      const method = request.method;
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      const path = getPath(request);
      if (!isPagePath(path)) return undefined;
      const version = options.contentVersion.peek?.();
      if (version === undefined) return undefined;
      const headers = request.headers;
      const conditions = answerConditions(request);
      if (conditions.acceptEncoding !== undefined && cachedEncoding(conditions.acceptEncoding) === undefined) return undefined;
      const started = performance.now();
      const url = request.url;
      const socket = (env as Partial<HttpBindings> | undefined)?.incoming?.socket;
      const origin = resolveOrigin(url, socket);
      const key = pageKey(elderModeFromCookieHeader(headers.get('cookie')), origin, path, searchOf(url));
      let requestIdValue = '';
      const hit = pageCache.serve(key, version, conditions, () => {
        requestIdValue = requestIdFrom(headers.get('x-request-id') ?? undefined);
        const extra: Record<string, string> = { 'x-request-id': requestIdValue };
        if (origin.startsWith('https:') || forwardedProto(socket?.remoteAddress, headers.get('x-forwarded-proto') ?? undefined, trusted) === 'https') extra[STRICT_TRANSPORT_SECURITY[0]] = STRICT_TRANSPORT_SECURITY[1];
        return extra;
      });
      if (!hit) return undefined;
      const status = hit.response.status;
      const ms = performance.now() - started;
      metrics.observe(method, hit.route ?? 'unmatched', status, ms / 1000);
      logHit?.({ requestId: requestIdValue, method, url, status, ms, cache: 'hit' });
      return hit.response;
    };
    // app.fetch is what the server calls and what app.request() calls: both meet the kept pages first.
    const routed = app.fetch;
    app.fetch = (request, env, executionCtx) => servedFromCache(request, env) ?? routed(request, env, executionCtx);
  }

  // The registry goes back too: what the server runs beside the requests (the period sweep) works the same services.
  return {
    app,
    api,
    pageCache,
    services,
    handoffs,
    linkChecks,
    metrics,
    /** From now on health/ready answers 503 (the process is stopping): called first thing on SIGTERM. */
    stopAcceptingWork: () => {
      stopping = true;
    },
  };
}

export type Portal = ReturnType<typeof createPortal>;

/** A page's route pattern, noted for the metrics and taken off the answer (the reader has no use for it). */
function withoutPageRoute(c: Context<PortalEnv>, response: Response): Response {
  const route = response.headers.get(PAGE_ROUTE_HEADER);
  if (route !== null) {
    c.set('pageRoute', route);
    response.headers.delete(PAGE_ROUTE_HEADER);
  }
  return response;
}

/**
 * The API as the pages call it: in process, from `origin`, with the page's `headers` (the reader's
 * language, cookies, request id) on every call. Also on a call that passes headers of its own in
 * `init` (a body its route does not declare, an Idempotency-Key): the client would let those
 * replace its default headers whole, and the API would answer in the default language. The
 * reader's address and the public origin, as the server resolved them, go along too.
 */
/** How the pages' clients send a request: to the API in process, with the reader's headers, address and origin. */
function pageFetch(api: ApiApp, headers: Record<string, string>, clientAddress: string | null, publicOrigin?: string) {
  return (input: RequestInfo | URL, init?: RequestInit) => {
    const merged = new Headers(init?.headers);
    for (const [name, value] of Object.entries(headers)) if (!merged.has(name)) merged.set(name, value);
    return api.request(input, { ...init, headers: merged }, { clientAddress, ...(publicOrigin ? { publicOrigin } : {}) });
  };
}

export function pageApiClient(api: ApiApp, origin: string, headers: Record<string, string>, clientAddress: string | null, publicOrigin?: string): ApiClient {
  return hc<ApiApp>(`${origin}/`, { fetch: pageFetch(api, headers, clientAddress, publicOrigin) });
}

export function pageApiFetch(api: ApiApp, origin: string, headers: Record<string, string>, clientAddress: string | null, publicOrigin?: string): ApiFetch {
  const send = pageFetch(api, headers, clientAddress, publicOrigin);
  return async (path, init) => send(new URL(path, `${origin}/`), init);
}
