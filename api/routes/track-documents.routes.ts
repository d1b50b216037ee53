/**
 * The applicant answers a request for documents (补正) with files and a note (docs/decisions/039):
 * POST /track/documents, multipart/form-data, authorised as every step of the status page is (the
 * tracking number with the applicant's ID number or phone; the lookup token of an earlier answer
 * spares the lookup limit per number). Like a draft's upload, it is one of the API's few multipart
 * operations: app.ts exempts exactly this method and path from the JSON-only check and gives it its
 * own body limit (`supplementBodyLimit`): the most an answer may carry (the case's total) plus the
 * form's other parts. Uploads are counted per client with the draft's, in the database.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { answerDocumentRequest, type AnswerFile } from '../cases/case-supplement.ts';
import { hitRateLimit } from '../db/request-guards.repo.ts';
import { supplementLimits } from '../domain/cases/supplement.ts';
import { textLine } from '../domain/text.ts';
import { ApiErrorSchema, statusError, validationFailed } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { caseDeps } from '../http/route-deps.ts';
import type { ServiceRegistry } from '../services/registry.ts';
import { answerProgress, lookupLimited, LookupToken, Progress } from './cases.routes.ts';
import { UPLOAD_FORM_OVERHEAD_BYTES, UPLOADS_PER_CLIENT } from './draft-files.routes.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const UPLOAD_WINDOW_MS = 10 * 60_000;

/** The one path whose POST is the answer's multipart form (app.ts makes its exemptions from this). */
export const SUPPLEMENT_PATH = /^(?:\/api\/v1)?\/track\/documents$/;

/** The largest answer any service takes: the most its case's files may weigh together, plus the form's other parts. */
export function supplementBodyLimit(services: ServiceRegistry): number {
  let largest = supplementLimits(undefined).maxTotalBytes;
  for (const id of services.ids) largest = Math.max(largest, supplementLimits(services.get(id)?.supplementLimits).maxTotalBytes);
  return largest + UPLOAD_FORM_OVERHEAD_BYTES;
}

/** The form's parts other than the files (a note may be absent). */
const AnswerForm = z.object({
  trackingNumber: textLine().max(40),
  secondFactor: textLine().max(40),
  lookupToken: LookupToken,
  note: z.string().max(2000).optional(),
});

const answerDocuments = createRoute({
  method: 'post',
  path: '/track/documents',
  operationId: 'answerDocumentRequest',
  tags: ['Applications'],
  summary: 'The applicant sends the documents a request for more documents (补正) asks for: files and an optional note (multipart/form-data)',
  description:
    'Same two factors as /track. Only while the case waits for documents, for a service whose workflow lets the applicant answer. One or more `files` parts, each checked as a draft’s upload is (type from the bytes, images re-encoded without EXIF or location, scanned), within the limits `documentsAnswer` states; `note` is optional (one line). All or nothing: the files become the case’s, the step is recorded with the note and the files’ names, the paused time limits resume and the applicant is texted; if anything fails, nothing is kept.',
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['trackingNumber', 'secondFactor', 'files'],
            properties: {
              trackingNumber: { type: 'string' },
              secondFactor: { type: 'string', description: "The applicant's ID document number or mobile number" },
              lookupToken: { type: 'string', description: 'The lookupToken of an earlier answer about this case' },
              note: { type: 'string', maxLength: 200, description: 'Optional: one line said with the files' },
              files: { type: 'array', items: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
  },
  responses: {
    200: json(Progress, 'Received: the case is back where it was before the request, its time limits running again'),
    400: json(ApiErrorSchema, 'The body is not a readable multipart form (`malformed_form`)'),
    404: json(ApiErrorSchema, 'No application matches this pair'),
    409: json(ApiErrorSchema, 'The case is not waiting for documents, or its service takes no answer online, or it changed meanwhile (`not_answerable`)'),
    413: json(ApiErrorSchema, 'The body is larger than the most an answer may carry plus 64 KiB (`body_too_large`)'),
    415: json(ApiErrorSchema, 'The body is not `multipart/form-data` (`unsupported_media_type`)'),
    422: json(
      ApiErrorSchema,
      'The tracking number is mistyped, the note is too long, no file was sent (`file_none` on `files`), or a file is refused (on `files`, code `file_<reason>`: empty, wrong-type, too-big, too-many, owner-full, unreadable, infected, scan-failed), its message naming the file and what to do',
    ),
    429: json(ApiErrorSchema, 'Too many lookups or uploads from this client: the message says from when to try again, and Retry-After in how many seconds'),
  },
});

const isFile = (value: unknown): value is File => value instanceof File;

/** The answers a status page's upload may be refused with, typed as the routes document them. */
const malformedForm = (c: Context<ApiEnv>) => statusError(c, 400, 'malformed_form');
type UploadRefusal = ReturnType<typeof malformedForm> | ReturnType<typeof validationFailed> | NonNullable<Awaited<ReturnType<typeof lookupLimited>>> | ReturnType<typeof refuse>;

/**
 * What a form on the status page posts with files (补正's answer, a funeral exemption claim's proof):
 * the multipart body read and checked by the form's schema, the lookup's limits counted (the same as
 * the status page's), the client's uploads counted, and the files chosen. An answer to send instead
 * (400, 422, 429), or the form and its files. Never cached.
 */
export async function readStatusPageUpload<Form extends { trackingNumber: string; lookupToken?: string | undefined }>(
  c: Context<ApiEnv>,
  schema: z.ZodType<Form>,
): Promise<{ answer: UploadRefusal } | { form: Form; files: AnswerFile[] }> {
  const deps = c.get('deps');
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return { answer: malformedForm(c) };
  }
  const form = schema.safeParse(body);
  if (!form.success) return { answer: validationFailed(c, form.error) };
  const limited = await lookupLimited(c, form.data.trackingNumber, form.data.lookupToken);
  if (limited) return { answer: limited };
  const upload = await hitRateLimit(deps.database.db, `upload:client:${clientAddress(c) ?? 'unknown'}`, { limit: UPLOADS_PER_CLIENT, windowMs: UPLOAD_WINDOW_MS, now: deps.now() });
  c.header('Cache-Control', 'no-store');
  if (!upload.allowed) return { answer: refuse(c, 'uploadLimit', { reason: 'too_many', retryAt: upload.resetAt }) };
  // A form's file input sent with nothing chosen is a part with no name and no bytes: no file.
  const parts = [body['files']].flat().filter(isFile).filter((file) => file.name !== '' || file.size > 0);
  const files = await Promise.all(parts.map(async (file) => ({ name: file.name, content: Buffer.from(await file.arrayBuffer()) })));
  return { form: form.data, files };
}

export const trackDocumentRoutes = new OpenAPIHono<ApiEnv>().openapi(answerDocuments, async (c) => {
  const read = await readStatusPageUpload(c, AnswerForm);
  if ('answer' in read) return read.answer;
  const { trackingNumber, secondFactor, note } = read.form;
  const deps = c.get('deps');
  const result = await answerDocumentRequest({ ...caseDeps(c), ...deps.files }, { trackingNumber, secondFactor }, { note, files: read.files }, clientAddress(c));
  return result.ok ? answerProgress(c, result) : refuse(c, 'supplement', result);
});
