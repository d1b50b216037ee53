/**
 * A file the applicant gave to their draft, sent back to them (docs/decisions/036): only to the
 * holder of the draft, whose sealed cookie carries the key that owns the file (never in this
 * address). Sent as the API sends it (api/engine/files/serving.ts): an attachment with its name,
 * nosniff, the sandbox Content-Security-Policy and no-store. Anything else is "not found".
 */
import type { APIRoute } from 'astro';
import { translator } from '../../../../../api/i18n/index.ts';
import { draftReference, readDraft } from '../../../../lib/application-draft.ts';
import { journeyService } from '../../../../lib/journey-services.ts';

/** The headers of the API's answer the download keeps: what makes it a safe, private download. */
const KEPT = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control'];

export const GET: APIRoute = async (context) => {
  const { portal } = context.locals;
  const service = journeyService(context.params.service, portal.services);
  const draft = service ? await readDraft(context, service.service) : undefined;
  const fileId = context.params.fileId ?? '';
  const notFound = () =>
    new Response(translator(portal.lang)('errors.files.draftFileNotFound'), {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    });
  if (!draft) return notFound();
  // The download is not JSON, so the API keeps it out of the typed client (draftFileDownload); the
  // client still sends any method in process, with the reader's headers.
  const file = portal.api.drafts[':key'].files[':fileId'] as unknown as { $get(args: { param: { key: string; fileId: string }; header: Record<string, string> }): Promise<Response> };
  // The draft's key names its files; the reference in the reader's cookie is what opens them (docs/decisions/033).
  const answer = await file.$get({ param: { key: draft.key, fileId }, header: { 'draft-reference': draftReference(context, draft.service) } });
  if (answer.status !== 200) return notFound();
  const headers = new Headers();
  for (const name of KEPT) {
    const value = answer.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(answer.body, { status: 200, headers });
};
