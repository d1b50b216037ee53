/**
 * A journey whose pages have a public address of their own (a service's registration's `path`, e.g.
 * /book/marriage: in text messages, guides and bookmarks; a tool's /check/<tool>) is served by the
 * generic journey pages under that address: the request is rerouted to /apply/<name>/… (Astro's
 * `next(path)`), the address the reader sees and the links the pages build stay the public ones
 * (docs/decisions/034, 048). Its /apply/<name> address is sent on to the public one, so a page has
 * one address.
 */
import type { APIContext, MiddlewareNext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { PAGE_ROUTE_HEADER } from '../api/server/page-cache.ts';
import { downloadResponse } from './lib/journey-downloads.ts';
import { anyJourney, basePathOf, journeyDownloadAt, journeyName, journeyRoute } from './lib/journey-services.ts';
import { localizedHref } from './lib/page-context.ts';

const GENERIC = /^\/apply\/([^/]+)(\/[^/]+)?\/?$/;

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await route(context, next);
  // For the operator's metrics: the pattern, not the path (api/server/metrics-endpoint.ts).
  try {
    response.headers.set(PAGE_ROUTE_HEADER, context.routePattern);
  } catch {
    // A redirect's headers cannot change: counted as unmatched.
  }
  return response;
});

function route(context: APIContext, next: MiddlewareNext): Promise<Response> | Response {
  const portal = context.locals.portal;
  if (!portal) return next();
  const { pathname, search } = context.url;
  const target = journeyRoute(pathname, portal.services);
  // Its downloads (the receipt, the calendar entry) are answered here: an endpoint reached by a rewrite would not get its parameters.
  const download = target ? undefined : journeyDownloadAt(pathname, portal.services);
  if (download && context.request.method === 'GET') return downloadResponse(context, download.service, download.name);
  if (target) return next(`${target}${search}`);
  const generic = GENERIC.exec(pathname);
  const journey = generic ? anyJourney(generic[1], portal.services) : undefined;
  if (journey && basePathOf(journey) !== `/apply/${journeyName(journey)}`) return context.redirect(`${localizedHref(`${basePathOf(journey)}${generic?.[2] ?? ''}`, portal.lang)}${search}`, 301);
  return next();
}
