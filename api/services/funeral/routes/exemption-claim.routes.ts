/**
 * The funeral fee exemption's manual claim over HTTP (docs/decisions/075). The family sends the
 * proof as a multipart form, authorised as every step of the status page (the tracking number with
 * the family's phone or the deceased's ID number; the lookup token of an earlier answer spares the
 * lookup limit): like a 补正 answer it is one of the API's few multipart operations, exempted by
 * app.ts from the JSON-only check with the answer's body limit. The funeral area's reviewer lists
 * the claims of their homes, reads one with its proof (audited), opens a proof file (audited) and
 * confirms or refuses it once, at the version read. Never cached.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { textLine } from '../../../domain/text.ts';
import { fileResponse } from '../../../engine/files/serving.ts';
import { ApiErrorSchema } from '../../../http/api-error.ts';
import type { ApiEnv, StaffEnv } from '../../../http/api-env.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { STAFF_SESSION_SCHEME } from '../../../http/openapi-contract.ts';
import { refuse } from '../../../http/refusals.ts';
import { requireStaff } from '../../../http/require-staff.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { answerProgress, LookupToken, Progress } from '../../../routes/cases.routes.ts';
import { readStatusPageUpload } from '../../../routes/track-documents.routes.ts';
import { ClaimConfirmationSchema, ClaimRefusalSchema } from '../fee-exemption-claim.ts';
import { CLAIM_QUEUE_FILTERS, claimFile, claimQueue, decideExemptionClaim, reviewClaim, sendClaimProof, type ClaimDecision } from '../exemption-claim-service.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const binary = z.string().meta({ format: 'binary' });

/** The one path whose POST is the proof's multipart form (app.ts makes its exemptions from this). */
export const EXEMPTION_PROOF_PATH = /^(?:\/api\/v1)?\/funeral\/exemption-claims$/;

/** The form's parts other than the files. */
const ProofForm = z.object({
  trackingNumber: textLine().max(40),
  secondFactor: textLine().max(40),
  lookupToken: LookupToken,
  ground: z.string().max(40).optional(),
  note: z.string().max(2000).optional(),
});

const sendProof = createRoute({
  method: 'post',
  path: '/funeral/exemption-claims',
  operationId: 'sendExemptionClaimProof',
  tags: ['Funeral homes'],
  summary: 'The family sends the proof for a funeral booking’s fee exemption claim (惠民殡葬 减免申请): the ground, files and an optional note (multipart/form-data)',
  description:
    'Same two factors as /track (the tracking number with the family’s phone or the deceased’s ID number). Only for a booking whose exemption the portal could not decide and whose claim is open (`claim.status` `open` in its progress), once. `ground` is `relief` (低保/特困) or `youfu` (重点优抚); one to five `files` parts (PDF, JPG, PNG or HEIC), each checked as an upload is (type from the bytes, images re-encoded without EXIF or location, scanned); `note` up to 500 characters. All or nothing: the files become the case’s, the claim goes to the funeral area’s reviewer, the step shows on the status page.',
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['trackingNumber', 'secondFactor', 'ground', 'files'],
            properties: {
              trackingNumber: { type: 'string' },
              secondFactor: { type: 'string', description: 'The family’s mobile number or the deceased’s ID number' },
              lookupToken: { type: 'string', description: 'The lookupToken of an earlier answer about this case' },
              ground: { type: 'string', enum: ['relief', 'youfu'] },
              note: { type: 'string', maxLength: 500 },
              files: { type: 'array', items: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
  },
  responses: {
    200: json(Progress, 'Sent: the claim is with the reviewer (`claim.status` `sent`)'),
    400: json(ApiErrorSchema, 'The body is not a readable multipart form (`malformed_form`)'),
    404: json(ApiErrorSchema, 'No booking matches this pair'),
    409: json(ApiErrorSchema, 'The booking has no claim open for a proof: none was called for, it was sent already or decided, or the booking was cancelled (`not_claimable`)'),
    413: json(ApiErrorSchema, 'The body is larger than the most an answer may carry plus 64 KiB (`body_too_large`)'),
    415: json(ApiErrorSchema, 'The body is not `multipart/form-data` (`unsupported_media_type`)'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped, no ground or a note too long (next to `ground`, `note`), no file (`file_none` on `files`), or a file refused (on `files`, code `file_<reason>`: wrong-type, too-big, too-many, …) with a message naming it'),
    429: json(ApiErrorSchema, 'Too many lookups or uploads from this client: Retry-After says in how many seconds to try again'),
  },
});


const Tracking = z.object({ trackingNumber: textLine().max(40).meta({ description: 'The booking’s tracking number' }) });
const NOT_SIGNED_IN = json(ApiErrorSchema, 'Not signed in');
const NOT_REVIEWER = json(ApiErrorSchema, 'The member reviews no funeral home’s claims (a reviewer of the funeral area, at the office of a home’s district)');
const NOT_FOUND = json(ApiErrorSchema, 'No claim with a proof for this booking at the member’s homes (`claim_not_found`)');

const ClaimQueueView = z
  .object({
    homes: z.array(z.string()),
    filter: z.enum(CLAIM_QUEUE_FILTERS),
    claims: z.array(z.object({ trackingNumber: z.string(), home: z.string(), ground: z.string(), status: z.string(), sentAt: z.string().nullable(), decidedAt: z.string().nullable() })),
  })
  .openapi('FuneralExemptionClaims');
export type ClaimQueueView = z.output<typeof ClaimQueueView>;

const queue = createRoute({
  method: 'get',
  path: '/staff/funeral-claims',
  operationId: 'listFuneralExemptionClaims',
  middleware: requireStaff(),
  security: [{ [STAFF_SESSION_SCHEME]: [] }],
  tags: ['Staff'],
  summary: 'The fee exemption claims of the member’s funeral homes: those waiting for a decision (default), decided, or all; by tracking number, home and ground, nothing personal',
  request: { query: z.object({ filter: z.enum(CLAIM_QUEUE_FILTERS).default('sent') }) },
  responses: { 200: json(ClaimQueueView, 'The claims, oldest sent first'), 401: NOT_SIGNED_IN, 403: NOT_REVIEWER, 422: json(ApiErrorSchema, 'The filter is not valid') },
});

const ReasonCode = z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) });
const ClaimReviewView = z
  .object({
    trackingNumber: z.string(),
    home: z.string(),
    state: z.string().meta({ description: 'The booking’s state' }),
    ground: z.string(),
    status: z.enum(['sent', 'confirmed', 'refused']),
    version: z.number().int().meta({ description: 'Send it back with the decision' }),
    deceased: z.object({ name: z.string(), idNumber: z.string().meta({ description: 'Masked' }), diedOn: z.string() }),
    note: z.string().nullable(),
    refusal: z.string().nullable(),
    sentAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    lines: z.array(z.object({ item: z.string(), chargedFen: z.number().int(), waivedFen: z.number().int().meta({ description: 'What confirming waives (recomputed from the booking’s lines), or what was waived' }), reason: ReasonCode })),
    chargedFen: z.number().int(),
    waivedFen: z.number().int(),
    toPayFen: z.number().int(),
    files: z.array(z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number().int() })),
  })
  .openapi('FuneralExemptionClaim');
export type ClaimReviewView = z.output<typeof ClaimReviewView>;

const review = createRoute({
  method: 'get',
  path: '/staff/funeral-claims/{trackingNumber}',
  operationId: 'getFuneralExemptionClaim',
  middleware: requireStaff(),
  security: [{ [STAFF_SESSION_SCHEME]: [] }],
  tags: ['Staff'],
  summary: 'A fee exemption claim for its reviewer: the deceased (ID number masked), the family’s note, what confirming waives per line, the proof files. Audited as a look at the case.',
  request: { params: Tracking },
  responses: { 200: json(ClaimReviewView, 'The claim'), 401: NOT_SIGNED_IN, 403: NOT_REVIEWER, 404: NOT_FOUND, 422: json(ApiErrorSchema, 'The tracking number is too long') },
});

const proofFile = createRoute({
  method: 'get',
  path: '/staff/funeral-claims/{trackingNumber}/files/{fileId}',
  operationId: 'getFuneralExemptionClaimFile',
  middleware: requireStaff(),
  security: [{ [STAFF_SESSION_SCHEME]: [] }],
  tags: ['Staff'],
  summary: 'A proof file of a fee exemption claim, as a download or, with `view=inline`, a PDF or photo in the browser’s own viewer (sandboxed). Audited as a case file’s look.',
  request: {
    params: Tracking.extend({ fileId: textLine().min(1).max(64) }),
    query: z.object({ view: z.enum(['inline', 'attachment']).default('attachment') }),
  },
  responses: {
    200: { description: 'The file, with the headers of every case file (nosniff, sandbox CSP, private no-store)', content: { 'application/pdf': { schema: binary }, 'image/jpeg': { schema: binary }, 'image/png': { schema: binary } } },
    401: NOT_SIGNED_IN,
    403: NOT_REVIEWER,
    404: json(ApiErrorSchema, 'No such claim or proof file at the member’s homes'),
    422: json(ApiErrorSchema, 'A `view` other than inline or attachment, or an id too long'),
  },
});

const DECISION_RESPONSES = {
  200: json(z.object({ status: z.enum(['confirmed', 'refused']), waivedFen: z.number().int() }).openapi('FuneralExemptionClaimDecided'), 'Decided, in one transaction with the booking’s lines (on confirmation), the case event, the audit entry and the family’s text'),
  401: NOT_SIGNED_IN,
  403: NOT_REVIEWER,
  404: NOT_FOUND,
  409: json(ApiErrorSchema, 'Decided already (`claim_decided`), changed since the version read (`claim_changed`), or nothing to waive: the booking cancelled or no scheme covering the ground (`not_possible`)'),
  422: json(ApiErrorSchema, 'The version or the reason is not valid, next to its field'),
} as const;

const confirm = createRoute({
  method: 'post',
  path: '/staff/funeral-claims/{trackingNumber}/confirmation',
  operationId: 'confirmFuneralExemptionClaim',
  middleware: requireStaff(),
  security: [{ [STAFF_SESSION_SCHEME]: [] }],
  tags: ['Staff'],
  summary: 'The reviewer confirms a claim: the booking’s lines are waived as the rule recomputes them from the lines stored (covered basic items, up to the cap), counted in this month’s settlement. Once.',
  request: { params: Tracking, body: { content: { 'application/json': { schema: ClaimConfirmationSchema.meta({ id: 'FuneralExemptionClaimConfirmation' }) } }, required: true } },
  responses: DECISION_RESPONSES,
});

const refuseClaim = createRoute({
  method: 'post',
  path: '/staff/funeral-claims/{trackingNumber}/refusal',
  operationId: 'refuseFuneralExemptionClaim',
  middleware: requireStaff(),
  security: [{ [STAFF_SESSION_SCHEME]: [] }],
  tags: ['Staff'],
  summary: 'The reviewer refuses a claim with a reason (10–500 characters) the family reads on the status page. Once.',
  request: { params: Tracking, body: { content: { 'application/json': { schema: ClaimRefusalSchema.meta({ id: 'FuneralExemptionClaimRefusal' }) } }, required: true } },
  responses: DECISION_RESPONSES,
});

export const exemptionClaimRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(sendProof, async (c) => {
    const read = await readStatusPageUpload(c, ProofForm);
    if ('answer' in read) return read.answer;
    const { trackingNumber, secondFactor, ground, note } = read.form;
    const result = await sendClaimProof({ ...caseDeps(c), ...c.get('deps').files }, { trackingNumber, secondFactor }, { ground, note, files: read.files }, clientAddress(c));
    return result.ok ? answerProgress(c, result) : refuse(c, 'exemptionProof', result);
  })
  .openapi(queue, async (c) => {
    c.header('Cache-Control', 'no-store');
    const filter = c.req.valid('query').filter;
    const result = await claimQueue(caseDeps(c), c.get('staff'), filter);
    if (!result) return refuse(c, 'claimReview', { reason: 'no_claims' });
    return c.json({ ...result, filter }, 200);
  })
  .openapi(review, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await reviewClaim(caseDeps(c), c.get('staff'), c.req.valid('param').trackingNumber, clientAddress(c));
    if (!result.ok) return refuse(c, 'claimReview', result);
    // A claim under review has a proof: never `open` here (reviewable() answers such a claim not found).
    return c.json({ ...result.review, status: result.review.status === 'confirmed' || result.review.status === 'refused' ? result.review.status : 'sent' }, 200);
  })
  .openapi(proofFile, async (c) => {
    const { trackingNumber, fileId } = c.req.valid('param');
    const result = await claimFile({ ...caseDeps(c), ...c.get('deps').files }, c.get('staff'), trackingNumber, fileId, clientAddress(c));
    return result.ok ? fileResponse(result.file, c.req.valid('query').view) : refuse(c, 'claimReview', result);
  })
  .openapi(confirm, (c) => decide(c, c.req.valid('param').trackingNumber, { kind: 'confirm', input: c.req.valid('json') }))
  .openapi(refuseClaim, (c) => decide(c, c.req.valid('param').trackingNumber, { kind: 'refuse', input: c.req.valid('json') }));

async function decide(c: Context<StaffEnv>, trackingNumber: string, decision: ClaimDecision) {
  c.header('Cache-Control', 'no-store');
  const result = await decideExemptionClaim(caseDeps(c), c.get('staff'), trackingNumber, decision, clientAddress(c));
  if (!result.ok) return refuse(c, 'claimReview', result);
  return c.json({ status: result.status, waivedFen: result.waivedFen }, 200);
}
