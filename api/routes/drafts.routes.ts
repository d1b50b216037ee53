/**
 * Applications in progress, kept on the server (docs/decisions/033). A draft is created for a
 * service and answers with a reference: a random secret the holder sends back in the
 * `draft-reference` header (the pages keep it in an HttpOnly cookie), never in a path. The reference
 * lapses 30 minutes after the draft was last used; a resume code with the applicant's ID number
 * opens the draft again, on any device, until the draft expires.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { continueItemOfSubmittedDraft } from '../cases/bundle-drafts.ts';
import { createDraft, discardDraft, openDraft, resumeWithCode, saveDraft, saveForLater, type DraftDeps } from '../engine/drafts/drafts.ts';
import { textLine, textLines } from '../domain/text.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requestLocale } from '../http/api-error.ts';
import { caseDeps } from '../http/route-deps.ts';
import { createHash } from 'node:crypto';
import { evidenceOnRecord } from '../cases/case-service.ts';
import { hitRateLimit } from '../db/request-guards.repo.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { nestAnswers } from '../engine/journey/journey.ts';
import { keyFrom, translator } from '../i18n/index.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

export const ReferenceHeader = z.object({
  'draft-reference': z.string().min(20).max(100).meta({ description: 'The draft’s reference, as creating or resuming it answered' }),
});
const Answers = z
  .record(textLine().max(120), textLines().max(400))
  .refine((answers) => Object.keys(answers).length <= 400, { message: 'errors.badRequest' })
  .meta({ description: 'Every answer, by field path (`household.0.name`): flat strings, as a form posts them' });

const Submitted = z
  .object({
    trackingNumber: textLine().min(1).max(20),
    acceptanceDue: textLine().max(10).nullable(),
    smsTo: textLine().max(20).meta({ description: 'Masked' }),
  })
  .openapi('SubmittedDraft');

const Draft = z
  .object({
    service: z.string(),
    key: z.string().meta({ description: 'The draft’s id: the Idempotency-Key of its submission, and the key of its files (/drafts/{key}/files, with the reference)' }),
    answers: z.record(z.string(), z.string()),
    lapsesAt: z.string().meta({ description: 'When the reference stops working unless the draft is used again (30 minutes idle)' }),
    expiresAt: z.string().meta({ description: 'When the draft and its files are deleted unless saved again (30 days for a journey with sections, else 1 day)' }),
    submitted: Submitted.optional().meta({ description: 'Once the draft became a case: what its confirmation shows; its answers are then gone (or a booking’s public details)' }),
  })
  .openapi('Draft');
const Opened = z.object({ reference: z.string().meta({ description: 'Keep it secret: it opens the draft. Send it back in `draft-reference`' }), draft: Draft }).openapi('OpenedDraft');
export const NOT_FOUND = json(ApiErrorSchema, 'No live draft has this reference: it lapsed after 30 minutes idle, was replaced by a resume, or never was (`draft_not_found`)');
const BAD_HEADER = json(ApiErrorSchema, 'The `draft-reference` header is missing or malformed');

const createDraftRoute = createRoute({
  method: 'post',
  path: '/drafts',
  operationId: 'createDraft',
  tags: ['Drafts'],
  summary: 'Start an application in progress',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ service: textLine().min(1).max(60), answers: Answers.optional() }) } } } },
  responses: { 201: json(Opened, 'The draft and its reference'), 422: json(ApiErrorSchema, 'Field errors; a service not gathered in drafts is `no_such_service` on `service`') },
});

const getDraftRoute = createRoute({
  method: 'get',
  path: '/drafts/current',
  operationId: 'getDraft',
  tags: ['Drafts'],
  summary: 'The draft the reference opens (counts as use: the reference lives another 30 minutes)',
  request: { headers: ReferenceHeader },
  responses: { 200: json(Draft, 'The draft'), 404: NOT_FOUND, 422: BAD_HEADER },
});

const saveDraftRoute = createRoute({
  method: 'put',
  path: '/drafts/current',
  operationId: 'saveDraft',
  tags: ['Drafts'],
  summary: 'Save every answer of the draft (its whole keeping time starts again); with `submitted`, end it: what is left is what its confirmation shows, for a day',
  request: { headers: ReferenceHeader, body: { required: true, content: { 'application/json': { schema: z.object({ answers: Answers, submitted: Submitted.optional() }) } } } },
  responses: { 200: json(Draft, 'The draft as saved'), 404: NOT_FOUND, 422: json(ApiErrorSchema, 'Field errors, or the header is missing or malformed') },
});

const extendDraftRoute = createRoute({
  method: 'post',
  path: '/drafts/current/extend',
  operationId: 'extendDraft',
  tags: ['Drafts'],
  summary: 'Keep the reference alive (the timeout warning’s “continue”)',
  request: { headers: ReferenceHeader },
  responses: { 200: json(z.object({ lapsesAt: z.string(), expiresAt: z.string() }), 'The reference lives until `lapsesAt`'), 404: NOT_FOUND, 422: BAD_HEADER },
});

const saveForLaterRoute = createRoute({
  method: 'post',
  path: '/drafts/current/resume-code',
  operationId: 'saveDraftForLater',
  tags: ['Drafts'],
  summary: 'Save and come back later: a resume code (any earlier one stops working), texted to the phone the answers give',
  request: { headers: ReferenceHeader },
  responses: {
    201: json(
      z.object({ code: z.string().meta({ description: 'XXXX-XXXX, from an alphabet without look-alikes; shown only here and in the text message' }), expiresAt: z.string(), sentTo: z.string().nullable().meta({ description: 'The masked phone texted, or null when the answers give none' }) }).openapi('ResumeCode'),
      'The code',
    ),
    404: NOT_FOUND,
    409: json(ApiErrorSchema, 'The answers have no ID number yet to check the code against (`draft_identity_missing`)'),
    422: BAD_HEADER,
  },
});

const discardDraftRoute = createRoute({
  method: 'delete',
  path: '/drafts/current',
  operationId: 'discardDraft',
  tags: ['Drafts'],
  summary: 'Delete the draft, its answers and files, now',
  request: { headers: ReferenceHeader },
  responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND, 422: BAD_HEADER },
});

const resumeDraftRoute = createRoute({
  method: 'post',
  path: '/drafts/resume',
  operationId: 'resumeDraft',
  tags: ['Drafts'],
  summary: 'Open a saved draft with its resume code and the applicant’s ID number, on any device',
  description: 'Counted per client and per code (30 and 5 per 10 minutes) before anything is compared. The code is used up and the draft gets a new reference; the old one stops working.',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ code: textLine().min(1).max(20), idNumber: textLine().min(1).max(40) }) } } } },
  responses: {
    200: json(Opened, 'The draft and its new reference'),
    422: json(ApiErrorSchema, 'Field errors; a code and ID number that open no draft are `no_matching_draft` on `code`, without saying which was wrong'),
    429: json(ApiErrorSchema, 'Too many attempts from this client or on this code: the message says from when to try again, and Retry-After in how many seconds'),
  },
});

const evidenceOnRecordRoute = createRoute({
  method: 'get',
  path: '/drafts/current/evidence-on-record',
  operationId: 'draftEvidenceOnRecord',
  tags: ['Drafts'],
  summary: 'The documents the portal already holds for the draft’s answers so far, which need no file (docs/decisions/074)',
  description:
    'For an upload step: each upload purpose found on the portal’s own record and where it was recorded, named in the reader’s language (the eco-burial subsidy’s cremation certificate, when the cremation was booked on the portal and the home recorded the certificate: found only by the deceased’s ID number and death certificate number together). Never the document’s number nor the record’s tracking number. The submission looks again for itself. Counted per client (the status lookups’ limit, 10 minutes); counts as use of the draft.',
  request: { headers: ReferenceHeader },
  responses: {
    200: json(
      z
        .object({ found: z.array(z.object({ purpose: z.string().meta({ description: 'The upload purpose that needs no file' }), place: z.string().meta({ description: 'Where it was recorded (a funeral home’s name)' }) })) })
        .openapi('DraftEvidenceOnRecord'),
      'What was found (an empty list: upload as usual)',
    ),
    404: NOT_FOUND,
    422: BAD_HEADER,
    429: json(ApiErrorSchema, 'Too many lookups from this client: the message says from when to try again, and Retry-After in how many seconds'),
  },
});
const EVIDENCE_WINDOW_MS = 10 * 60_000;
const continueBundleItemRoute = createRoute({
  method: 'post',
  path: '/drafts/current/parts/{item}/draft',
  operationId: 'continueBundleItemAfterSubmission',
  tags: ['Drafts'],
  summary: 'From a bundle’s own draft once it was sent (its confirmation): continue an item applied for later, prefilled from the bundle',
  description: '身后一件事 (docs/decisions/076): `draft-reference` is the reference to the draft the bundle was gathered in; the answer is a reference to the item’s own draft, prefilled from the bundle. An earlier reference to that draft stops working. A draft that lapsed or was sent is `draft_not_found`.',
  request: { params: z.object({ item: textLine().max(60) }), headers: ReferenceHeader },
  responses: { 200: json(Opened, 'The item’s draft and a reference to it'), 404: json(ApiErrorSchema, 'The reference opens no sent bundle, or its item has no draft to continue (`draft_not_found`)'), 422: BAD_HEADER },
});

export const draftDeps = (c: Context<ApiEnv>): DraftDeps => {
  const deps = caseDeps(c);
  return { db: deps.db, kind: deps.kind, crypto: deps.crypto, now: deps.now, randomBytes: deps.randomBytes, services: c.get('deps').services };
};
const noStore = (c: Context<ApiEnv>) => c.header('Cache-Control', 'no-store');

export const draftRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(createDraftRoute, async (c) => {
    const { service, answers } = c.req.valid('json');
    const result = await createDraft(draftDeps(c), service, answers);
    noStore(c);
    return result.ok ? c.json({ reference: result.reference, draft: result.draft }, 201) : refuse(c, 'draft', result);
  })
  .openapi(getDraftRoute, async (c) => {
    const result = await openDraft(draftDeps(c), c.req.valid('header')['draft-reference']);
    noStore(c);
    return result.ok ? c.json(result.draft, 200) : refuse(c, 'draft', result);
  })
  .openapi(saveDraftRoute, async (c) => {
    const { answers, submitted } = c.req.valid('json');
    const result = await saveDraft(draftDeps(c), c.req.valid('header')['draft-reference'], answers, submitted);
    noStore(c);
    return result.ok ? c.json(result.draft, 200) : refuse(c, 'draft', result);
  })
  .openapi(extendDraftRoute, async (c) => {
    const result = await openDraft(draftDeps(c), c.req.valid('header')['draft-reference']);
    noStore(c);
    return result.ok ? c.json({ lapsesAt: result.draft.lapsesAt, expiresAt: result.draft.expiresAt }, 200) : refuse(c, 'draft', result);
  })
  .openapi(saveForLaterRoute, async (c) => {
    const result = await saveForLater(draftDeps(c), c.req.valid('header')['draft-reference'], requestLocale(c));
    noStore(c);
    return result.ok ? c.json({ code: result.code, expiresAt: result.expiresAt, sentTo: result.sentTo }, 201) : refuse(c, 'draft', result);
  })
  .openapi(discardDraftRoute, async (c) => {
    const deps = draftDeps(c);
    const gone = await discardDraft({ ...deps, files: { ...deps, ...c.get('deps').files } }, c.req.valid('header')['draft-reference']);
    return gone ? c.body(null, 204) : refuse(c, 'draft', { ok: false, reason: 'not_found' });
  })
  .openapi(evidenceOnRecordRoute, async (c) => {
    const deps = caseDeps(c);
    const now = deps.now();
    // A lookup about a death: counted per client before anything is read, as the status lookups are.
    const client = createHash('sha256').update(clientAddress(c) ?? 'unknown').digest('base64url');
    const limit = await hitRateLimit(deps.db, `evidence:client:${client}`, { limit: c.get('deps').trackLimits.perClient, windowMs: EVIDENCE_WINDOW_MS, now });
    if (!limit.allowed) return refuse(c, 'lookupLimit', { reason: 'too_many', retryAt: limit.resetAt });
    const opened = await openDraft(draftDeps(c), c.req.valid('header')['draft-reference']);
    noStore(c);
    if (!opened.ok) return refuse(c, 'draft', opened);
    const service = c.get('deps').services.get(opened.draft.service);
    // The answers so far, nested as the service's schema reads them; a submitted draft has none left, so nothing is found.
    const found = service ? await evidenceOnRecord(deps, service, nestAnswers({ service: opened.draft.service, steps: [] }, opened.draft.answers), chinaDate(now)) : [];
    const t = translator(requestLocale(c));
    return c.json({ found: found.map((evidence) => ({ purpose: evidence.purpose, place: t(keyFrom(evidence.place)) })) }, 200);
  })
  .openapi(continueBundleItemRoute, async (c) => {
    const result = await continueItemOfSubmittedDraft(draftDeps(c), c.req.valid('header')['draft-reference'], c.req.valid('param').item);
    noStore(c);
    return result.ok ? c.json({ reference: result.reference, draft: result.draft }, 200) : refuse(c, 'bundleItem', result);
  })
  .openapi(resumeDraftRoute, async (c) => {
    const { code, idNumber } = c.req.valid('json');
    const result = await resumeWithCode(draftDeps(c), code, idNumber, clientAddress(c));
    noStore(c);
    return result.ok ? c.json({ reference: result.reference, draft: result.draft }, 200) : refuse(c, 'draft', result);
  });

/**
 * Whether `reference` opens the draft whose key is `key` (counted as use): the draft's files answer
 * only the holder of its reference, so the key alone (on the check page, in an answer) opens nothing.
 */
export async function holdsDraft(c: Context<ApiEnv>, reference: string, key: string): Promise<boolean> {
  const opened = await openDraft(draftDeps(c), reference);
  return opened.ok && opened.draft.key === key;
}
