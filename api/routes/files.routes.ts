/**
 * A case's files for the staff who handle it (docs/decisions/026): sent as a download, or a PDF or
 * photo opened in the browser (docs/decisions/051), with headers that keep it from running in the portal's origin (api/engine/files/serving.ts), each look audited
 * (`case.file.view`). A file of another case, an unknown one or a case out of the member's scope
 * answers 404 alike; a system admin reading the case by a break-glass reason is answered 403, as
 * for the case's whole values. The applicant's side (the draft's holder) comes with server-side
 * drafts.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { openCaseFile } from '../cases/case-files.ts';
import { STAFF_SESSION_SCHEME } from '../http/openapi-contract.ts';
import { textLine } from '../domain/text.ts';
import { fileResponse } from '../engine/files/serving.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { caseDeps } from '../http/route-deps.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const binary = z.string().meta({ format: 'binary' });

const getCaseFile = createRoute({
  method: 'get',
  path: '/staff/cases/{trackingNumber}/files/{fileId}',
  operationId: 'getCaseFile',
  tags: ['Staff'],
  summary: 'One file given with a case (an ID card’s scan, a proof of income), as a download or, with `view=inline`, a PDF or photo opened in the browser’s own viewer; the roles that handle the case only. Audited.',
  security: [{ [STAFF_SESSION_SCHEME]: [] }],
  middleware: requireStaff(),
  request: {
    params: z.object({ trackingNumber: textLine().min(1).max(40), fileId: textLine().min(1).max(64) }),
    // Opened in the browser (docs/decisions/051): still sandboxed, a unique origin that runs nothing of the portal's.
    query: z.object({ view: z.enum(['inline', 'attachment']).default('attachment').meta({ description: '`inline`: a PDF or photo shown by the browser itself (still sandboxed); any other type is a download whatever is asked' }) }),
  },
  responses: {
    200: {
      description:
        'The file, as stored (images re-encoded without metadata, a phone’s HEIC as JPEG, a PDF as given): `Content-Disposition: attachment` with its name (`inline` for a PDF or photo with `view=inline`), `X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox; default-src \'none\'`, `Cache-Control: private, no-store`',
      content: { 'application/pdf': { schema: binary }, 'image/jpeg': { schema: binary }, 'image/png': { schema: binary } },
    },
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member reads the case by a break-glass reason, which does not open its files (not_permitted)'),
    404: json(ApiErrorSchema, 'No such case or file, a file of another case, or a case the member does not handle (file_not_found)'),
    422: json(ApiErrorSchema, 'A `view` other than inline or attachment, or a tracking number or file id too long'),
  },
});

export const fileRoutes = new OpenAPIHono<ApiEnv>().openapi(getCaseFile, async (c) => {
  const { trackingNumber, fileId } = c.req.valid('param');
  const { view } = c.req.valid('query');
  const result = await openCaseFile({ ...caseDeps(c), ...c.get('deps').files }, c.get('staff'), trackingNumber, fileId, clientAddress(c));
  return result.ok ? fileResponse(result.file, view) : refuse(c, 'caseFile', result);
});
