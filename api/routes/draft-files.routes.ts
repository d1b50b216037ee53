/**
 * A draft's files (docs/decisions/031): the applicant uploads, lists, downloads and removes the
 * files of an application still being gathered; submission moves them to the case
 * (`draft-reference` on POST /services/{service}/applications). Every operation takes the draft's
 * reference (`draft-reference`, docs/decisions/033) besides its key: the key alone (in the check
 * page's hidden field, the submission's Idempotency-Key) opens nothing, a lapsed reference opens
 * nothing, and a file of another draft is as unknown as one that never existed.
 *
 * The upload is the API's one multipart operation: app.ts exempts exactly this method and path from
 * the JSON-only check and gives it its own body limit (`uploadBodyLimit`), the largest file a
 * service takes plus the form's other parts. Uploads are counted per client in the database, like
 * the other limits, so the limit holds across processes.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hitRateLimit } from '../db/request-guards.repo.ts';
import { textLine } from '../domain/text.ts';
import { acceptUpload, deleteFile, listFiles, readFile, type FileEngineDeps, type FileOwner } from '../engine/files/files.ts';
import { fileResponse } from '../engine/files/serving.ts';
import { DEFAULT_FILE_LIMITS, limitsFor, type FileLimits } from '../engine/files/upload-policy.ts';
import { ApiErrorSchema, statusError, validationFailed } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { caseDeps } from '../http/route-deps.ts';
import { holdsDraft, NOT_FOUND as DRAFT_NOT_FOUND, ReferenceHeader } from './drafts.routes.ts';
import type { ServiceRegistry } from '../services/registry.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const binary = z.string().meta({ format: 'binary' });

/** What a multipart body carries besides its file (the other parts, boundaries and headers): a few KiB in practice; this leaves room. */
export const UPLOAD_FORM_OVERHEAD_BYTES = 64 * 1024;
/** Uploads one client may send per window: a household's proofs with retries, not a flood of 10 MB bodies. */
export const UPLOADS_PER_CLIENT = 60;
const UPLOAD_WINDOW_MS = 10 * 60_000;

/** The largest upload body any service's field takes: its largest file plus the form's overhead. The API and the pages refuse bigger bodies before reading them. */
export function uploadBodyLimit(services: ServiceRegistry): number {
  let largest = DEFAULT_FILE_LIMITS.maxFileBytes;
  for (const id of services.ids) for (const overrides of Object.values(services.get(id)?.uploads ?? {})) largest = Math.max(largest, limitsFor(overrides).maxFileBytes);
  return largest + UPLOAD_FORM_OVERHEAD_BYTES;
}

/** The one path whose POST is multipart (app.ts makes its exemptions from this). */
export const DRAFT_UPLOAD_PATH = /^(?:\/api\/v1)?\/drafts\/[^/]+\/files$/;

const DraftKey = z.uuid().meta({ description: 'The draft’s key: a random UUID, the `key` of the draft (GET /drafts/current)' });
const FileId = textLine().min(1).max(64);

const DraftFile = z
  .object({
    id: z.string(),
    purpose: z.string().meta({ description: 'What the file is given for (the service’s field)' }),
    name: z.string().meta({ description: 'The name it is served with: the name given, its extension that of the stored kind' }),
    mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    size: z.number().int().meta({ description: 'Bytes as stored (an image re-encoded)' }),
    createdAt: z.string(),
  })
  .openapi('DraftFile');

const UploadForm = z
  .object({
    service: textLine().min(1).max(60),
    purpose: textLine().min(1).max(60),
    file: z.instanceof(File),
  })
  .meta({ description: 'multipart/form-data' });

const uploadDraftFile = createRoute({
  method: 'post',
  path: '/drafts/{key}/files',
  operationId: 'uploadDraftFile',
  tags: ['Applications'],
  summary: 'Upload a file for an application being gathered (multipart/form-data: service, purpose, file)',
  description:
    'The type is read from the file’s bytes (PDF, JPEG, PNG, a phone’s HEIC), never from its name; images are re-encoded without EXIF or location, HEIC as JPEG; the file is scanned when the portal has a scanner. Limits are the service field’s (default 10 MB a file, 20 files and 50 MB a draft). The only operation that takes a body other than JSON.',
  request: {
    params: z.object({ key: DraftKey }),
    headers: ReferenceHeader,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['service', 'purpose', 'file'],
            properties: {
              service: { type: 'string', description: 'The service the application is for' },
              purpose: { type: 'string', description: 'What the file is given for: one of the service’s upload fields' },
              file: { type: 'string', format: 'binary' },
            },
          },
        },
      },
    },
  },
  responses: {
    201: json(DraftFile, 'The file is the draft’s'),
    404: DRAFT_NOT_FOUND,
    400: json(ApiErrorSchema, 'The body is not a readable multipart form (`malformed_form`)'),
    413: json(ApiErrorSchema, 'The body is larger than the largest file a service takes plus 64 KiB (`body_too_large`)'),
    415: json(ApiErrorSchema, 'The body is not `multipart/form-data` (`unsupported_media_type`)'),
    422: json(
      ApiErrorSchema,
      'A part is missing, the service takes no files for the purpose (`no_such_purpose` on `purpose`), or the upload policy refuses the file (on `file`, code `file_<reason>`: empty, wrong-type, too-big, too-many, owner-full, unreadable, infected, scan-failed), its message naming the field and what to do',
    ),
    429: json(ApiErrorSchema, 'Too many uploads from this client: the message says from when to try again, and Retry-After in how many seconds'),
  },
});

const listDraftFiles = createRoute({
  method: 'get',
  path: '/drafts/{key}/files',
  operationId: 'listDraftFiles',
  tags: ['Applications'],
  summary: 'The files uploaded for an application being gathered, oldest first',
  request: { params: z.object({ key: DraftKey }), headers: ReferenceHeader },
  responses: { 200: json(z.object({ files: z.array(DraftFile) }), 'The draft’s files'), 404: DRAFT_NOT_FOUND },
});

const deleteDraftFile = createRoute({
  method: 'delete',
  path: '/drafts/{key}/files/{fileId}',
  operationId: 'deleteDraftFile',
  tags: ['Applications'],
  summary: 'Remove one of the files of an application being gathered',
  request: { params: z.object({ key: DraftKey, fileId: FileId }), headers: ReferenceHeader },
  responses: {
    204: { description: 'Removed' },
    404: json(ApiErrorSchema, 'The draft has no such file (`file_not_found`), or the reference opens no draft of this key (`draft_not_found`)'),
  },
});

const getDraftFile = createRoute({
  method: 'get',
  path: '/drafts/{key}/files/{fileId}',
  operationId: 'getDraftFile',
  tags: ['Applications'],
  summary: 'One of the files of an application being gathered, as a download, to its holder',
  request: { params: z.object({ key: DraftKey, fileId: FileId }), headers: ReferenceHeader },
  responses: {
    200: {
      description:
        'The file as stored: `Content-Disposition: attachment` with its name, `X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox; default-src \'none\'`, `Cache-Control: private, no-store`',
      content: { 'application/pdf': { schema: binary }, 'image/jpeg': { schema: binary }, 'image/png': { schema: binary } },
    },
    404: json(ApiErrorSchema, 'The draft has no such file (`file_not_found`), or the reference opens no draft of this key (`draft_not_found`)'),
  },
});

const engineOf = (c: Context<ApiEnv>): FileEngineDeps => ({ ...caseDeps(c), ...c.get('deps').files });
const draftOwner = (key: string): FileOwner => ({ kind: 'draft', id: key });
const view = (file: { id: string; purpose: string; name: string; mediaType: string; size: number; createdAt: string }) => ({
  id: file.id,
  purpose: file.purpose,
  name: file.name,
  mediaType: DraftFile.shape.mediaType.parse(file.mediaType),
  size: file.size,
  createdAt: file.createdAt,
});

/** The limits of `purpose` of `service`, or undefined when the service takes no files for it. */
function limitsOf(services: ServiceRegistry, service: string, purpose: string): FileLimits | undefined {
  const uploads = services.get(service)?.uploads;
  const overrides = uploads && Object.hasOwn(uploads, purpose) ? uploads[purpose] : undefined;
  return overrides === undefined ? undefined : limitsFor(overrides);
}

/** Listing and removing: JSON, typed for the pages' client. */
export const draftFileRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(uploadDraftFile, async (c) => {
    const deps = c.get('deps');
    const { key } = c.req.valid('param');
    const now = deps.now();
    const limit = await hitRateLimit(deps.database.db, `upload:client:${clientAddress(c) ?? 'unknown'}`, { limit: UPLOADS_PER_CLIENT, windowMs: UPLOAD_WINDOW_MS, now });
    if (!limit.allowed) return refuse(c, 'uploadLimit', { reason: 'too_many', retryAt: limit.resetAt });
    if (!(await holdsDraft(c, c.req.valid('header')['draft-reference'], key))) return refuse(c, 'draft', { ok: false, reason: 'not_found' });
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      return statusError(c, 400, 'malformed_form');
    }
    const form = UploadForm.safeParse(body);
    if (!form.success) return validationFailed(c, form.error);
    const { service, purpose, file } = form.data;
    const limits = limitsOf(deps.services, service, purpose);
    if (!limits) return refuse(c, 'draftFile', { reason: 'no_such_purpose' });
    const result = await acceptUpload(engineOf(c), { owner: draftOwner(key), purpose, name: file.name, content: Buffer.from(await file.arrayBuffer()), limits });
    if (!result.ok) return refuse(c, 'draftFile', { reason: 'refused', refusal: result.refusal, purpose });
    c.header('Cache-Control', 'no-store');
    return c.json(view(result.file), 201);
  })
  .openapi(listDraftFiles, async (c) => {
    const { key } = c.req.valid('param');
    if (!(await holdsDraft(c, c.req.valid('header')['draft-reference'], key))) return refuse(c, 'draft', { ok: false, reason: 'not_found' });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ files: (await listFiles(engineOf(c), draftOwner(key))).map(view) }, 200);
  })
  .openapi(deleteDraftFile, async (c) => {
    const { key, fileId } = c.req.valid('param');
    if (!(await holdsDraft(c, c.req.valid('header')['draft-reference'], key))) return refuse(c, 'draft', { ok: false, reason: 'not_found' });
    if (!(await deleteFile(engineOf(c), draftOwner(key), fileId))) return refuse(c, 'draftFile', { reason: 'not_found' });
    return c.body(null, 204);
  });

/** The download: not JSON, so outside the typed client the pages use (as the staff's in files.routes.ts). */
export const draftFileDownload = new OpenAPIHono<ApiEnv>().openapi(getDraftFile, async (c) => {
  const { key, fileId } = c.req.valid('param');
  if (!(await holdsDraft(c, c.req.valid('header')['draft-reference'], key))) return refuse(c, 'draft', { ok: false, reason: 'not_found' });
  const file = await readFile(engineOf(c), draftOwner(key), fileId);
  return file ? fileResponse(file) : refuse(c, 'draftFile', { reason: 'not_found' });
});
