/**
 * "Start again" on a tool's pages (docs/decisions/041): forgets the reader's answers (the sealed
 * cookie, on both languages' addresses) and returns to the start page. A form post, not a link:
 * forgetting is not something a GET should do.
 */
import type { APIRoute } from 'astro';
import { clearToolAnswers, journeyTool, toolPath } from '../../../lib/journey-tools.ts';
import { localizedHref } from '../../../lib/page-context.ts';

export const POST: APIRoute = (context) => {
  const tool = journeyTool(context.params.tool);
  if (!tool) return new Response(null, { status: 404 });
  clearToolAnswers(context, tool);
  return new Response(null, { status: 303, headers: { location: localizedHref(toolPath(tool), context.locals.portal.lang), 'cache-control': 'no-store' } });
};
