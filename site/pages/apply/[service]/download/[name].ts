/** A file a service's confirmation offers, for the holder of the submitted draft (site/lib/journey-downloads.ts). */
import type { APIRoute } from 'astro';
import { downloadResponse } from '../../../../lib/journey-downloads.ts';
import { journeyService } from '../../../../lib/journey-services.ts';

export const GET: APIRoute = async (context) => {
  const service = journeyService(context.params.service, context.locals.portal.services);
  return service ? downloadResponse(context, service, context.params.name ?? '') : new Response(null, { status: 404 });
};
