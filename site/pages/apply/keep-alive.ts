/**
 * The timeout warning's "continue" (site/components/journey/DraftKeeping.astro): extends the
 * reader's draft reference and says for how long, as JSON; 404 when it already lapsed.
 */
import type { APIRoute } from 'astro';
import { extendDraft } from '../../lib/application-draft.ts';

export const POST: APIRoute = async (context) => {
  const form = await context.request.formData().catch(() => new FormData());
  const lapsesInMs = await extendDraft(context, String(form.get('service') ?? '').slice(0, 60));
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  return lapsesInMs === undefined ? new Response(JSON.stringify({}), { status: 404, headers }) : new Response(JSON.stringify({ lapsesInMs }), { status: 200, headers });
};
