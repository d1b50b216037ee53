/**
 * The files a service's confirmation offers (its registration's `downloads`: the booking's receipt and
 * calendar entry), for the holder of the submitted draft only, made from what the draft kept. Served
 * at /apply/<service>/download/<name> and at the service's own address (site/middleware.ts:
 * /book/marriage/receipt), where the middleware answers itself: a rewrite to an endpoint does not
 * carry the endpoint's own parameters.
 */
import type { APIContext } from 'astro';
import { readDraft } from './application-draft.ts';
import type { JourneyService } from './journey-services.ts';

export async function downloadResponse(context: Pick<APIContext, 'locals' | 'cookies' | 'url'>, service: JourneyService, name: string): Promise<Response> {
  const { portal } = context.locals;
  const make = service.downloads && Object.hasOwn(service.downloads, name) ? service.downloads[name] : undefined;
  if (!make) return new Response(null, { status: 404 });
  const draft = await readDraft(context, service.service);
  if (!draft?.submitted) return new Response(null, { status: 404 });
  const file = await make({ lang: portal.lang, origin: portal.origin, offices: portal.offices, now: new Date() }, draft.answers, draft.submitted);
  if (!file) return new Response(null, { status: 404 });
  return new Response(typeof file.body === 'string' ? file.body : new Blob([file.body as Uint8Array<ArrayBuffer>]), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
