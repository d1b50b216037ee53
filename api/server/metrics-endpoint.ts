/**
 * Who may scrape /metrics, and what a request is counted under (docs/operations.md).
 *
 * The figures say nothing about a person, but they say how busy each office's queue is and which
 * departments' systems are failing: not for the public. With METRICS_TOKEN set, a scraper sends it
 * as a bearer token (compared in constant time). Without it, only a request made on this machine
 * straight to the process (loopback, and not forwarded by a proxy, which would make every visitor
 * look local) is answered: an operator's curl, or a Prometheus beside the process.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { routePath } from 'hono/route';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** Undefined when the scrape is allowed; otherwise what the refusal says. */
export function metricsAccess(request: { token: string | undefined; authorization: string | undefined; peer: string | undefined; forwarded: boolean }): string | undefined {
  if (request.token) {
    const given = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1]?.trim() ?? '';
    const expected = Buffer.from(request.token);
    const offered = Buffer.from(given);
    return offered.length === expected.length && timingSafeEqual(offered, expected) ? undefined : 'metrics: send the METRICS_TOKEN as a bearer token';
  }
  if (request.peer && LOOPBACK.test(request.peer) && !request.forwarded) return undefined;
  return 'metrics: set METRICS_TOKEN to scrape from another machine or through a proxy';
}

/**
 * The label a request is counted under: a page's route pattern, an API route's pattern
 * (`/api/v1/guides/:slug`), "static" for the site's files, or "unmatched" — never the path a client
 * typed, which would give every mistyped address a series of its own.
 */
export function routeLabel(c: Context, pageRoute: string | undefined, isFile: boolean): string {
  if (pageRoute) return pageRoute;
  const route = routePath(c);
  if (route.startsWith('/api/') && route !== '/api/*') return route;
  if (route === '/metrics') return route;
  return isFile ? 'static' : 'unmatched';
}
