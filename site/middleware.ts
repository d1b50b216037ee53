/**
 * A service whose pages have a public address of their own (its registration's `path`, e.g.
 * /book/marriage: in text messages, guides and bookmarks) is served by the generic journey pages
 * under that address: the request is rerouted to /apply/<service>/… (Astro's `next(path)`), the
 * address the reader sees and the links the pages build stay the public ones (docs/decisions/034).
 * Its /apply/<service> address is sent on to the public one, so a page has one address.
 */
import { defineMiddleware } from 'astro:middleware';
import { downloadResponse } from './lib/journey-downloads.ts';
import { journeyDownloadAt, journeyRoute, journeyService, basePathOf } from './lib/journey-services.ts';
import { localizedHref } from './lib/page-context.ts';

const GENERIC = /^\/apply\/([^/]+)(\/[^/]+)?\/?$/;

export const onRequest = defineMiddleware((context, next) => {
  const portal = context.locals.portal;
  if (!portal) return next();
  const { pathname, search } = context.url;
  const target = journeyRoute(pathname, portal.services);
  // Its downloads (the receipt, the calendar entry) are answered here: an endpoint reached by a rewrite would not get its parameters.
  const download = target ? undefined : journeyDownloadAt(pathname, portal.services);
  if (download && context.request.method === 'GET') return downloadResponse(context, download.service, download.name);
  if (target) return next(`${target}${search}`);
  const generic = GENERIC.exec(pathname);
  const service = generic ? journeyService(generic[1], portal.services) : undefined;
  if (service?.path) return context.redirect(`${localizedHref(`${basePathOf(service)}${generic?.[2] ?? ''}`, portal.lang)}${search}`, 301);
  return next();
});
