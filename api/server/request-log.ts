/**
 * One structured log line per request, with the request id that the response also carries in
 * X-Request-Id. The path is logged without its query string: a query can hold what a person typed.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../platform/logger.ts';

const LONGEST_REQUEST_ID = 255;
const NOT_A_REQUEST_ID = /[^\w\-=]/;

/** The request's id as hono/request-id (the chain's) gives it: the client's X-Request-Id when short and plain, else a new UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header && header.length <= LONGEST_REQUEST_ID && !NOT_A_REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

/** What the log says of a request answered in front of the middleware chain (a page-cache hit: api/server/portal.ts). */
export interface AnsweredRequest {
  requestId: string;
  method: string;
  /** The request's URL: only its path is logged. */
  url: string;
  status: number;
  ms: number;
  cache: string | undefined;
}

/**
 * The lines requestLog below writes, for a request answered without it: undefined when there are
 * none to write (above info, where only a 5xx is logged, and a cached page is never one). The same
 * fields in the same order as the child logger's lines (its binding, the request id, comes first).
 */
export function answeredRequestLog(logger: Logger): ((request: AnsweredRequest) => void) | undefined {
  if (!logger.isLevelEnabled('info')) return undefined;
  return ({ requestId, method, url, status, ms, cache }) => {
    const path = new URL(url).pathname;
    logger.debug({ requestId, method, path }, 'request started');
    const entry = { requestId, method, path, status, ms: Math.round(ms * 10) / 10, cache };
    if (status >= 500) logger.error(entry, 'request failed');
    else logger.info(entry, 'request');
  };
}

export function requestLog(logger: Logger): MiddlewareHandler<{ Variables: { requestId: string; logger: Logger } }> {
  // Above info (LOG_LEVEL=warn in production at scale) a request's own lines are never written: no
  // child logger per request, which was a measurable share of a cached page's cost. What is logged
  // at warn and error names the request id itself (api/app.ts, the use cases).
  if (!logger.isLevelEnabled('info')) {
    return async (c, next) => {
      c.set('logger', logger);
      await next();
      if (!c.res.headers.has('x-request-id')) c.res.headers.set('x-request-id', c.get('requestId'));
      if (c.res.status >= 500) logger.error({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status }, 'request failed');
    };
  }
  return async (c, next) => {
    const started = performance.now();
    const requestLogger = logger.child({ requestId: c.get('requestId') });
    c.set('logger', requestLogger);
    requestLogger.debug({ method: c.req.method, path: new URL(c.req.url).pathname }, 'request started');
    await next();
    // Pages and files arrive as ready-made Responses that never saw requestId()'s header.
    if (!c.res.headers.has('x-request-id')) c.res.headers.set('x-request-id', c.get('requestId'));
    const status = c.res.status;
    const entry = {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      cache: c.res.headers.get('x-cache') ?? undefined,
    };
    if (status >= 500) requestLogger.error(entry, 'request failed');
    else requestLogger.info(entry, 'request');
  };
}
