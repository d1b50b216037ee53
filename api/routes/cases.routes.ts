/**
 * Applications and their progress. An application is validated by its service's schema (which
 * depends on the day: the age rule), so its body is checked in the handler; a repeated request
 * with the same Idempotency-Key never makes a second case. The status lookup is rate-limited per
 * client and per tracking number, in the database, so the limits hold across processes; the limit
 * per tracking number counts attempts to open a case, not the pages of a case the reader has opened
 * (their answers carry a lookup token that the next page sends back: docs/decisions/023).
 */
import { serviceDataOf } from '../services/service-data.ts';
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { continueItemOfTrackedBundle } from '../cases/bundle-drafts.ts';
import { lookupCase, submitApplication, takeApplicantStep, withdrawCase, type LookupResult, type SubmitResult } from '../cases/case-service.ts';
import { isLookupTokenFor, issueLookupToken } from '../cases/lookup-token.ts';
import { hitRateLimits } from '../db/request-guards.repo.ts';
import { idempotent } from '../http/idempotency.ts';
import { bodyValidatedInHandler, registerSchema } from '../http/openapi-contract.ts';
import { isAppliedOnline, type ServiceRegistry } from '../services/registry.ts';
import { caseCalendar, chooseTime, type TimeChoice } from '../services/marriage/booking-service.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiErrorSchema, MALFORMED_JSON, requestLocale, statusError } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { refuse } from '../http/refusals.ts';
import { caseDeps } from '../http/route-deps.ts';
import { openDraft } from '../engine/drafts/drafts.ts';
import { draftDeps } from './drafts.routes.ts';
import { textLine } from '../domain/text.ts';
import { DEMO_OFFICES } from '../services/marriage/offices.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const Submitted = z
  .object({
    trackingNumber: z.string().meta({ example: '7KQ4-M9XH-2CP' }),
    state: z.string(),
    deadlines: z.array(z.object({ key: z.string(), dueOn: z.string() })),
    parts: z
      .array(z.object({ item: z.string(), trackingNumber: z.string().nullable(), prefilled: z.boolean().meta({ description: 'An item applied for later whose journey’s draft was prefilled from the bundle (docs/decisions/076): the applicant continues it from the status page or the confirmation' }) }))
      .optional()
      .meta({ description: 'A bundle’s parts (身后一件事, docs/decisions/066), one per item ticked, each with its own tracking number (null: applied for later), made with the bundle in one transaction' }),
  })
  .openapi('ApplicationSubmitted');

const applicationResponses = {
  201: json(Submitted, 'The case exists; the applicant is notified'),
  400: json(ApiErrorSchema, 'The body is not JSON'),
  409: json(ApiErrorSchema, 'The Idempotency-Key was used with another body, or its first request is still running'),
  422: json(ApiErrorSchema, 'Field errors, each naming its field in the reader’s language'),
};
const IdempotencyHeaders = z.object({ 'idempotency-key': textLine().min(8).max(100).optional() });
/** An application gathered in a draft brings the draft's files (docs/decisions/031) and ends the draft (docs/decisions/033), in the same transaction. */
const ApplicationHeaders = IdempotencyHeaders.extend({
  'draft-reference': z.string().min(20).max(100).optional().meta({ description: 'The reference of the draft the application was gathered in (POST /drafts): its files go with the application and the draft is deleted, in the same transaction. A reference that opens no draft brings no files' }),
});

/**
 * One route for every service applied for online (docs/decisions/029): the body is checked in the
 * handler by the named service's schema for the day (the age rule). Hidden from the document: each
 * service's operation is documented under its own path, with its own body (documentApplications),
 * so that a client sees what each service takes; a name no service has is answered 404.
 */
const submitApplicationRoute = createRoute({
  method: 'post',
  path: '/services/{service}/applications',
  hide: true,
  request: { params: z.object({ service: textLine().max(60) }), headers: ApplicationHeaders, body: bodyValidatedInHandler('ServiceApplication') },
  responses: { ...applicationResponses, 404: json(ApiErrorSchema, 'No service of that name is applied for online') },
});

const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

/**
 * Documents POST /services/<id>/applications for each service of the registry that is applied for
 * online, with that service's body (its schema on a fixed day: any day shows its shape), from the
 * registry the app was made with: a service added to a portal is documented by that portal.
 */
export function documentApplications(app: Pick<OpenAPIHono, 'openAPIRegistry'>, services: ServiceRegistry): void {
  for (const id of services.ids) {
    const service = services.get(id);
    if (!service || !isAppliedOnline(service)) continue;
    const body = `${pascal(id)}Application`;
    // Any offices show the shape (only an appointment's office is checked against them).
    const schema = service.applicationSchema('2026-01-01', serviceDataOf({ offices: DEMO_OFFICES }));
    // A phone the submission texts is confirmed first: its proof comes beside the application (docs/decisions/076).
    registerSchema(app, body, service.confirmedPhone ? schema.and(z.object({ phoneProof: textLine().max(100).meta({ description: `The proof that ${service.confirmedPhone.field} was confirmed (POST /phone-codes/confirm)` }) })) : schema);
    app.openAPIRegistry.registerPath({
      method: 'post',
      path: `/services/${id}/applications`,
      operationId: `applyFor${pascal(id)}`,
      tags: ['Applications'],
      summary: service.documentation?.summary ?? `Apply for ${id}`,
      ...(service.documentation ? { description: service.documentation.description } : {}),
      request: { headers: ApplicationHeaders, body: bodyValidatedInHandler(body) },
      responses: applicationResponses,
    });
  }
}

export const LookupToken = textLine()
  .max(100)
  .optional()
  .meta({ description: 'The lookupToken of an earlier answer about this case (30 minutes): a request that carries it is a page of a case already opened, not counted against the lookup limit per tracking number' });

const TrackRequest = z
  .object({
    trackingNumber: textLine().max(40).meta({ description: 'As printed on the receipt; case, spaces and hyphens do not matter' }),
    secondFactor: textLine().max(40).meta({ description: "The applicant's ID document number or mobile number; for an appointment, either party's" }),
    lookupToken: LookupToken,
  })
  .openapi('TrackRequest');

const Appointment = z
  .object({ office: z.string(), kind: z.string(), date: z.string(), start: z.string(), end: z.string(), status: z.string(), visit: z.number().int().meta({ description: '1, or 2 for a divorce’s second visit' }) })
  .openapi('AppointmentView');

export const Progress = z
  .object({
    trackingNumber: z.string(),
    service: z.string(),
    state: z.string(),
    submittedAt: z.string(),
    timeline: z.array(z.object({ at: z.string(), transition: z.string(), to: z.string(), details: z.record(z.string(), z.string()) })),
    deadlines: z.array(z.object({ key: z.string(), dueOn: z.string(), paused: z.boolean() })),
    handledBy: z.string().nullable().meta({ description: 'Where the case is handled, as a translation key (a relief case’s 乡镇/街道), or null' }),
    documentsRequested: z.string().nullable(),
    documentsAnswer: z
      .object({
        accept: z.array(z.string()).meta({ description: 'Kinds of file taken: pdf, jpeg, png, heic' }),
        maxFileBytes: z.number().int(),
        maxTotalBytes: z.number().int().meta({ description: 'All the case’s files together, as stored' }),
        filesLeft: z.number().int().meta({ description: 'How many more files the case takes' }),
        noteMaxLength: z.number().int(),
      })
      .nullable()
      .meta({ description: 'While the applicant may answer the request for documents online (POST /track/documents): what the answer may carry' }),
    withdrawable: z.boolean(),
    applicantStop: z.string().nullable(),
    applicantActions: z.array(z.string()).meta({ description: 'Other steps the applicant may take now: reschedule, book-second-visit, cancel-second-visit' }),
    appointment: Appointment.nullable().meta({ description: 'The latest visit' }),
    appointments: z.array(Appointment).meta({ description: 'Every visit, first first (a divorce has two)' }),
    periods: z.array(z.object({ key: z.string(), from: z.string(), to: z.string() })).meta({ description: 'Legal periods: a divorce’s cooling-off and the window for the second visit (dates included)' }),
    bookingPath: z.string().nullable().meta({ description: 'Where the applicant books this service again (a site path), for an appointment service' }),
    settings: z
      .record(z.string(), z.object({ value: z.string(), basis: z.string().nullable(), effectiveFrom: z.string().nullable() }))
      .meta({
        description:
          'Local rules in force for the case today, by name: for a divorce, `withdrawal` is `office-confirms` (withdrawing online is a request the accepting office confirms, 民发〔2020〕116号) or `immediate` (the province allows it outright; `basis` names its text)',
      }),
    rating: z
      .object({
        open: z.boolean().meta({ description: 'The case is finished and not rated yet: POST /track/rating takes its rating' }),
        given: z.object({ level: z.string(), reasons: z.array(z.string()), ratedAt: z.string() }).nullable(),
        followUp: z
          .object({ dueOn: z.string(), reply: z.string().nullable(), repliedAt: z.string().nullable(), resolution: z.enum(['resolved', 'not-resolved']).nullable() })
          .nullable()
          .meta({ description: 'A bad rating’s follow-up: when the office answers by, its reply, and the applicant’s answer to it (POST /track/rating/resolution)' }),
      })
      .meta({ description: '好差评 (docs/decisions/053)' }),
    parts: z
      .array(
        z.object({
          item: z.string(),
          trackingNumber: z.string().nullable(),
          service: z.string().nullable(),
          state: z.string().nullable(),
          status: z.enum(['pending', 'done', 'refused', 'with-staff', 'to-apply']),
          reason: z.string().nullable(),
          applyPath: z.string().nullable(),
          prefilled: z.boolean().meta({ description: 'An item applied for later whose prefilled draft may still be continued (POST /track/parts/{item}/draft); false once it lapsed or was sent' }),
        }),
      )
      .meta({ description: 'A bundle’s parts (身后一件事, docs/decisions/066): each with its tracking number and status (`pending` while a department has not answered, also while it cannot be reached); empty for any other case' }),
    claim: z
      .object({
        ground: z.string(),
        status: z.enum(['open', 'sent', 'confirmed', 'refused']),
        lines: z.array(z.object({ item: z.string(), chargedFen: z.number().int(), waivedFen: z.number().int() })),
        chargedFen: z.number().int(),
        waivedFen: z.number().int(),
        toPayFen: z.number().int(),
        refusal: z.string().nullable(),
        proof: z.object({ accept: z.array(z.string()), maxFileBytes: z.number().int(), maxFiles: z.number().int(), noteMaxLength: z.number().int() }).nullable(),
      })
      .nullable()
      .meta({
        description:
          'A claim made after submission with a proof (a funeral booking’s fee exemption, docs/decisions/075): `open` while the proof may be sent (POST /funeral/exemption-claims, what it takes in `proof`), `sent` while the office reviews it, then `confirmed` (the lines say what was waived) or `refused` (with the office’s reason); what confirming waives is recomputed from the booking’s lines. Null for a case without one',
      }),
    lookupToken: z.string().meta({ description: 'Send it back (lookupToken) with the next requests about this case: they are then not counted as new lookups of its tracking number' }),
  })
  .openapi('CaseProgress');

const track = createRoute({
  method: 'post',
  path: '/track',
  operationId: 'trackApplication',
  tags: ['Applications'],
  summary: 'Progress of an application, by tracking number plus the applicant’s ID number or phone',
  request: { body: { content: { 'application/json': { schema: TrackRequest } }, required: true } },
  responses: {
    200: json(Progress, 'The applicant-visible state, timeline and deadlines'),
    404: json(ApiErrorSchema, 'No application matches this pair (the same answer for an unknown number and a wrong second factor)'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped (its check character does not match)'),
    429: json(ApiErrorSchema, 'Too many lookups from this client or for this number: the message says from when to try again, and Retry-After in how many seconds'),
  },
});

const withdraw = createRoute({
  method: 'post',
  path: '/track/withdraw',
  operationId: 'withdrawApplication',
  tags: ['Applications'],
  summary: 'The applicant withdraws an application that has no decision yet (same two factors as /track)',
  description:
    'A divorce during its cooling-off period is withdrawn at once only where the local rule allows it (settings.withdrawal `immediate`); elsewhere this records a withdrawal request (state `withdrawal-requested`) that the accepting office confirms.',
  request: { body: { content: { 'application/json': { schema: TrackRequest } }, required: true } },
  responses: {
    200: json(Progress, 'Withdrawn (or, for a divorce where the office confirms, the withdrawal requested); the applicant, or both parties of an appointment, are notified'),
    404: json(ApiErrorSchema, 'No application matches this pair'),
    409: json(ApiErrorSchema, 'A decision has been made, or the case changed meanwhile: it can no longer be withdrawn'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped'),
    429: json(ApiErrorSchema, 'Too many attempts; try again later'),
  },
});

const RescheduleRequest = z
  .object({
    trackingNumber: textLine().max(40),
    secondFactor: textLine().max(40),
    lookupToken: LookupToken,
    date: z.iso.date().meta({ description: 'The new day' }),
    start: textLine().regex(/^([01]\d|2[0-3]):[0-5]\d$/).meta({ description: 'The new time (HH:MM), one of the day’s slots' }),
  })
  .openapi('RescheduleRequest');

const timeResponses = {
  200: json(Progress, 'Done; both parties are notified'),
  404: json(ApiErrorSchema, 'No appointment matches this pair'),
  409: json(ApiErrorSchema, 'The time is full, or the case no longer allows this'),
  422: json(ApiErrorSchema, 'The day or time cannot be booked (closed, past, outside the window, not yet open…)'),
  429: json(ApiErrorSchema, 'Too many attempts; try again later'),
};

const reschedule = createRoute({
  method: 'post',
  path: '/track/reschedule',
  operationId: 'rescheduleAppointment',
  tags: ['Marriage appointments'],
  summary: 'Move an appointment to another day or time (same tracking number; the old place is released when the new one is taken)',
  request: { body: { content: { 'application/json': { schema: RescheduleRequest } }, required: true } },
  responses: timeResponses,
});

const secondVisit = createRoute({
  method: 'post',
  path: '/track/second-visit',
  operationId: 'bookSecondVisit',
  tags: ['Marriage appointments'],
  summary: 'Book a divorce’s second visit (to receive the certificate), for a day in the 30 days after the cooling-off period',
  request: { body: { content: { 'application/json': { schema: RescheduleRequest } }, required: true } },
  responses: timeResponses,
});

const cancelSecondVisit = createRoute({
  method: 'post',
  path: '/track/second-visit/cancel',
  operationId: 'cancelSecondVisit',
  tags: ['Marriage appointments'],
  summary: 'Cancel a divorce’s booked second visit (the application stays; another day in the window may be booked)',
  request: { body: { content: { 'application/json': { schema: TrackRequest } }, required: true } },
  responses: {
    200: json(Progress, 'Cancelled; both parties are notified'),
    404: json(ApiErrorSchema, 'No appointment matches this pair'),
    409: json(ApiErrorSchema, 'There is no second visit to cancel'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped'),
    429: json(ApiErrorSchema, 'Too many attempts; try again later'),
  },
});

const CalendarRequest = TrackRequest.extend({ choice: z.enum(['reschedule', 'book-second-visit']).meta({ description: 'Moving the booked visit, or booking a divorce’s second visit' }) }).openapi('CaseCalendarRequest');

const caseCalendarRoute = createRoute({
  method: 'post',
  path: '/track/calendar',
  operationId: 'getCaseCalendar',
  tags: ['Marriage appointments'],
  summary: 'The days this case’s visit may be booked for or moved to: the office’s booking window, or a divorce’s own window for the second visit',
  request: { body: { content: { 'application/json': { schema: CalendarRequest } }, required: true } },
  responses: {
    200: json(
      z.object({
        choice: z.string(),
        office: z.string(),
        kind: z.string(),
        days: z.array(z.object({ date: z.string(), state: z.string(), placesLeft: z.number().int().optional(), releasesAt: z.string().optional() })),
      }),
      'The days with their availability',
    ),
    404: json(ApiErrorSchema, 'No appointment matches this pair'),
    409: json(ApiErrorSchema, 'The case does not allow choosing a time now'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped'),
    429: json(ApiErrorSchema, 'Too many attempts; try again later'),
  },
});

const continueBundleItem = createRoute({
  method: 'post',
  path: '/track/parts/{item}/draft',
  operationId: 'continueBundleItem',
  tags: ['Applications'],
  summary: 'Continue a bundle’s item applied for later: its journey’s draft, prefilled from the bundle (same two factors as /track)',
  description:
    '身后一件事 (docs/decisions/076): the funeral booking, a cemetery plot and the eco-burial subsidy ticked in a bundle each have a draft of their own journey, prefilled at the bundle’s submission. Only the bundle’s applicant is given a reference to it; an earlier reference stops working. A draft that lapsed or was sent is `draft_not_found`: apply on the journey as usual.',
  request: { params: z.object({ item: textLine().max(60) }), body: { content: { 'application/json': { schema: TrackRequest } }, required: true } },
  responses: {
    200: json(z.object({ reference: z.string(), draft: z.object({ service: z.string(), key: z.string(), answers: z.record(z.string(), z.string()), lapsesAt: z.string(), expiresAt: z.string() }) }), 'The draft and a reference to it (send it in `draft-reference`)'),
    404: json(ApiErrorSchema, 'No bundle matches this pair, or the item has no draft to continue (`draft_not_found`)'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped'),
    429: json(ApiErrorSchema, 'Too many lookups; try again later'),
  },
});

const TRACK_WINDOW_MS = 10 * 60_000;

export const caseRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(submitApplicationRoute, async (c) => {
    const lang = requestLocale(c);
    const deps = caseDeps(c);
    const { service } = c.req.valid('param');
    const registered = c.get('deps').services.get(service);
    // Before the body is read or a key claimed: a name no service has, or a booking's (its case takes a slot: /marriage/appointments).
    if (!registered || !isAppliedOnline(registered)) return refuse(c, 'application', { reason: 'no_such_service' });
    type Refusal = Extract<SubmitResult, { ok: false }>;
    const headers = c.req.valid('header');
    const outcome = await idempotent<z.infer<typeof Submitted>, Refusal>(c, `applications/${service}`, headers['idempotency-key'], async (body, keep) => {
      const reference = headers['draft-reference'];
      const draft = reference === undefined ? undefined : await openDraft(draftDeps(c), reference);
      const result = await submitApplication(deps, service, body, lang, draft?.ok ? draft.draft.key : undefined, keep);
      // A refusal releases the key: the same key may carry the corrected answers.
      if (!result.ok) return { kind: 'refused', refusal: result };
      return { kind: 'done', status: 201, body: { trackingNumber: result.trackingNumber, state: result.state, deadlines: result.deadlines, ...(result.parts ? { parts: result.parts } : {}) } };
    });
    if (outcome.kind === 'malformed') return statusError(c, 400, MALFORMED_JSON);
    if (outcome.kind === 'conflict') return refuse(c, 'idempotency', { reason: outcome.code });
    if (outcome.kind === 'refused') return refuse(c, 'application', outcome.refusal);
    return c.json(outcome.body, 201);
  })
  .openapi(track, async (c) => {
    const { trackingNumber, secondFactor, lookupToken } = c.req.valid('json');
    const limited = await lookupLimited(c, trackingNumber, lookupToken);
    if (limited) return limited;
    return answerProgress(c, await lookupCase(caseDeps(c), trackingNumber, secondFactor));
  })
  .openapi(withdraw, async (c) => {
    const { trackingNumber, secondFactor, lookupToken } = c.req.valid('json');
    const limited = await lookupLimited(c, trackingNumber, lookupToken);
    if (limited) return limited;
    const result = await withdrawCase(caseDeps(c), trackingNumber, secondFactor, clientAddress(c));
    c.header('Cache-Control', 'no-store');
    return result.ok ? answerProgress(c, result) : refuse(c, 'withdrawal', result);
  })
  .openapi(continueBundleItem, async (c) => {
    const { trackingNumber, secondFactor, lookupToken } = c.req.valid('json');
    const limited = await lookupLimited(c, trackingNumber, lookupToken);
    if (limited) return limited;
    const result = await continueItemOfTrackedBundle(caseDeps(c), draftDeps(c), { trackingNumber, secondFactor }, c.req.valid('param').item);
    c.header('Cache-Control', 'no-store');
    return result.ok ? c.json({ reference: result.reference, draft: result.draft }, 200) : refuse(c, 'bundleItem', result);
  });


export const rescheduleRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(reschedule, (c) => answerChosenTime(c, 'reschedule', c.req.valid('json')))
  .openapi(secondVisit, (c) => answerChosenTime(c, 'book-second-visit', c.req.valid('json')))
  .openapi(cancelSecondVisit, async (c) => {
    const { trackingNumber, secondFactor, lookupToken } = c.req.valid('json');
    const limited = await lookupLimited(c, trackingNumber, lookupToken);
    if (limited) return limited;
    const result = await takeApplicantStep(caseDeps(c), trackingNumber, secondFactor, 'cancel-second-visit', clientAddress(c));
    c.header('Cache-Control', 'no-store');
    return result.ok ? answerProgress(c, result) : refuse(c, 'secondVisitCancel', result);
  })
  .openapi(caseCalendarRoute, async (c) => {
    const { trackingNumber, secondFactor, choice, lookupToken } = c.req.valid('json');
    const limited = await lookupLimited(c, trackingNumber, lookupToken);
    if (limited) return limited;
    const result = await caseCalendar(caseDeps(c), trackingNumber, secondFactor, choice);
    if (result.ok) {
      const { ok: _ok, ...calendar } = result;
      c.header('Cache-Control', 'no-store');
      return c.json(calendar, 200);
    }
    c.header('Cache-Control', 'no-store');
    return refuse(c, 'caseCalendar', result);
  });

/** Moving a visit or booking a divorce's second one: the refusal on the field it concerns. */
async function answerChosenTime(c: Context<ApiEnv>, choice: TimeChoice, body: z.infer<typeof RescheduleRequest>) {
  const { trackingNumber, secondFactor, date, start, lookupToken } = body;
  const limited = await lookupLimited(c, trackingNumber, lookupToken);
  if (limited) return limited;
  const result = await chooseTime(caseDeps(c), trackingNumber, secondFactor, choice, { date, start }, clientAddress(c));
  if (result.ok) return answerProgress(c, result);
  c.header('Cache-Control', 'no-store');
  return refuse(c, 'chooseTime', result);
}

/**
 * Per client and per tracking number, counted in the database so every process agrees. Every
 * request counts per client; per tracking number only an attempt to open the case: a request with
 * a lookup token for this number is a page of a case its reader has already opened.
 * @returns the 429 answer (when to try again, in the message and in Retry-After), or undefined within the limits
 */
export async function lookupLimited(c: Context<ApiEnv>, trackingNumber: string, lookupToken: string | undefined) {
  const deps = caseDeps(c);
  const { trackLimits } = c.get('deps');
  const now = deps.now();
  const client = createHash('sha256').update(clientAddress(c) ?? 'unknown').digest('base64url');
  const number = trackingNumber.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  const opened = isLookupTokenFor(deps.crypto, lookupToken, trackingNumber, now);
  // Both counts in one statement: one write (and, on SQLite, one commit) per lookup, not two.
  const limits = await hitRateLimits(
    deps.db,
    [{ key: `track:client:${client}`, limit: trackLimits.perClient }, ...(opened ? [] : [{ key: `track:number:${number}`, limit: trackLimits.perNumber }])],
    { windowMs: TRACK_WINDOW_MS, now },
  );
  const refused = limits.filter((limit) => !limit.allowed);
  if (refused.length === 0) return undefined;
  const retryAt = refused.map((limit) => limit.resetAt).sort().at(-1) ?? now.toISOString();
  c.header('Cache-Control', 'no-store');
  return refuse(c, 'lookupLimit', { reason: 'too_many', retryAt });
}

export function answerProgress(c: Context<ApiEnv>, result: LookupResult) {
  c.header('Cache-Control', 'no-store');
  if (!result.ok) return refuse(c, 'lookup', result);
  const { ok: _ok, ...progress } = result;
  // The reader has opened the case: their next pages of it send this back (lookupLimited).
  return c.json({ ...progress, lookupToken: issueLookupToken(caseDeps(c).crypto, progress.trackingNumber, caseDeps(c).now()) ?? '' }, 200);
}
