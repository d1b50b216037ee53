/**
 * One structured log line per request, with the request id that the response also carries in
 * X-Request-Id. The path is logged without its query string: a query can hold what a person typed.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../platform/logger.ts';

export function requestLog(logger: Logger): MiddlewareHandler<{ Variables: { requestId: string; logger: Logger } }> {
  return async (c, next) => {
    const started = performance.now();
    const requestLogger = logger.child({ requestId: c.get('requestId') });
    c.set('logger', requestLogger);
    await next();
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
