/**
 * Applications and their progress. An application is validated by its service's schema (which
 * depends on the day: the age rule), so its body is checked in the handler; a repeated request
 * with the same Idempotency-Key never makes a second case. The status lookup is rate-limited per
 * client and per tracking number, in the database, so the limits hold across processes.
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { lookupCase, submitApplication, withdrawCase, type LookupResult } from '../cases/case-service.ts';
import { hitRateLimit } from '../db/request-guards.repo.ts';
import { idempotent } from '../http/idempotency.ts';
import { rescheduleAppointment } from '../appointments/booking-service.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiErrorSchema, errorBody, fieldErrors, requestLocale, statusError } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { caseDeps } from '../http/route-deps.ts';
import { translator } from '../i18n/index.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const Submitted = z
  .object({ trackingNumber: z.string().meta({ example: '7KQ4-M9XH-2CP' }), state: z.string(), deadlines: z.array(z.object({ key: z.string(), dueOn: z.string() })) })
  .openapi('ApplicationSubmitted');

const submitOldAgeAllowance = createRoute({
  method: 'post',
  path: '/services/old-age-allowance/applications',
  tags: ['Applications'],
  summary: 'Apply for the old-age allowance (高龄津贴). Body: district, elder {name, idNumber, phone}, optional agent {name, idNumber, phone, relationship}, bank {bankName, accountHolder, accountNumber}, declaration: true',
  request: { headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }) },
  responses: {
    201: json(Submitted, 'The case exists; the applicant is notified'),
    400: json(ApiErrorSchema, 'The body is not JSON'),
    409: json(ApiErrorSchema, 'The Idempotency-Key was used with another body, or its first request is still running'),
    422: json(ApiErrorSchema, 'Field errors, each naming its field in the reader’s language'),
  },
});

const TrackRequest = z
  .object({
    trackingNumber: z.string().max(40).meta({ description: 'As printed on the receipt; case, spaces and hyphens do not matter' }),
    secondFactor: z.string().max(40).meta({ description: "The applicant's resident ID number or mobile number" }),
  })
  .openapi('TrackRequest');

const Progress = z
  .object({
    trackingNumber: z.string(),
    service: z.string(),
    state: z.string(),
    submittedAt: z.string(),
    timeline: z.array(z.object({ at: z.string(), transition: z.string(), to: z.string(), details: z.record(z.string(), z.string()) })),
    deadlines: z.array(z.object({ key: z.string(), dueOn: z.string(), paused: z.boolean() })),
    documentsRequested: z.string().nullable(),
    withdrawable: z.boolean(),
    applicantStop: z.string().nullable(),
    bookingPath: z.string().nullable().meta({ description: 'Where the applicant books this service again (a site path), for an appointment service' }),
    appointment: z.object({ office: z.string(), kind: z.string(), date: z.string(), start: z.string(), end: z.string(), status: z.string() }).nullable(),
  })
  .openapi('CaseProgress');

const track = createRoute({
  method: 'post',
  path: '/track',
  tags: ['Applications'],
  summary: 'Progress of an application, by tracking number plus the applicant’s ID number or phone',
  request: { body: { content: { 'application/json': { schema: TrackRequest } }, required: true } },
  responses: {
    200: json(Progress, 'The applicant-visible state, timeline and deadlines'),
    404: json(ApiErrorSchema, 'No application matches this pair (the same answer for an unknown number and a wrong second factor)'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped (its check character does not match)'),
    429: json(ApiErrorSchema, 'Too many lookups from this client or for this number; try again later'),
  },
});

const withdraw = createRoute({
  method: 'post',
  path: '/track/withdraw',
  tags: ['Applications'],
  summary: 'The applicant withdraws an application that has no decision yet (same two factors as /track)',
  request: { body: { content: { 'application/json': { schema: TrackRequest } }, required: true } },
  responses: {
    200: json(Progress, 'Withdrawn; the applicant is notified'),
    404: json(ApiErrorSchema, 'No application matches this pair'),
    409: json(ApiErrorSchema, 'A decision has been made, or the case changed meanwhile: it can no longer be withdrawn'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped'),
    429: json(ApiErrorSchema, 'Too many attempts; try again later'),
  },
});

const RescheduleRequest = z
  .object({
    trackingNumber: z.string().max(40),
    secondFactor: z.string().max(40),
    date: z.iso.date().meta({ description: 'The new day' }),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).meta({ description: 'The new time (HH:MM), one of the day’s slots' }),
  })
  .openapi('RescheduleRequest');

const reschedule = createRoute({
  method: 'post',
  path: '/track/reschedule',
  tags: ['Marriage appointments'],
  summary: 'Move an appointment to another day or time (same tracking number; the old place is released when the new one is taken)',
  request: { body: { content: { 'application/json': { schema: RescheduleRequest } }, required: true } },
  responses: {
    200: json(Progress, 'Moved; the applicant is notified'),
    404: json(ApiErrorSchema, 'No appointment matches this pair'),
    409: json(ApiErrorSchema, 'The new time is full, or the appointment can no longer be changed'),
    422: json(ApiErrorSchema, 'The new day or time cannot be booked (closed, past, not yet open…)'),
    429: json(ApiErrorSchema, 'Too many attempts; try again later'),
  },
});

const TRACK_WINDOW_MS = 10 * 60_000;

export const caseRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(submitOldAgeAllowance, async (c) => {
    const lang = requestLocale(c);
    const deps = caseDeps(c);
    const outcome = await idempotent<z.infer<typeof Submitted>, ZodError>(c, 'applications/old-age-allowance', c.req.valid('header')['idempotency-key'], async (body) => {
      const result = await submitApplication(deps, 'old-age-allowance', body, lang);
      // A refusal releases the key: the same key may carry the corrected answers.
      if (!result.ok) return { kind: 'refused', refusal: result.error };
      return { kind: 'done', status: 201, body: { trackingNumber: result.trackingNumber, state: result.state, deadlines: result.deadlines } };
    });
    if (outcome.kind === 'malformed') return statusError(c, 400, 'malformed_json');
    if (outcome.kind === 'conflict') return statusError(c, 409, outcome.code);
    if (outcome.kind === 'refused') return c.json(errorBody(c, 'validation_failed', translator(lang)('errors.badRequest'), fieldErrors(outcome.refusal, lang)), 422);
    return c.json(outcome.body, 201);
  })
  .openapi(track, async (c) => {
    const { trackingNumber, secondFactor } = c.req.valid('json');
    if (!(await withinLookupLimits(c, trackingNumber))) return statusError(c, 429, 'too_many_lookups');
    return answerProgress(c, await lookupCase(caseDeps(c), trackingNumber, secondFactor));
  })
  .openapi(withdraw, async (c) => {
    const { trackingNumber, secondFactor } = c.req.valid('json');
    if (!(await withinLookupLimits(c, trackingNumber))) return statusError(c, 429, 'too_many_lookups');
    const result = await withdrawCase(caseDeps(c), trackingNumber, secondFactor, clientAddress(c));
    if (result.ok || result.reason === 'format' || result.reason === 'no_match') return answerProgress(c, result);
    return c.json(errorBody(c, 'not_withdrawable', translator(requestLocale(c))('errors.track.notWithdrawable')), 409);
  });

export const rescheduleRoutes = new OpenAPIHono<ApiEnv>().openapi(reschedule, async (c) => {
  const { trackingNumber, secondFactor, date, start } = c.req.valid('json');
  if (!(await withinLookupLimits(c, trackingNumber))) return statusError(c, 429, 'too_many_lookups');
  const result = await rescheduleAppointment(caseDeps(c), trackingNumber, secondFactor, { date, start }, clientAddress(c));
  const t = translator(requestLocale(c));
  if (result.ok || result.reason === 'format' || result.reason === 'no_match') return answerProgress(c, result);
  if (result.reason === 'slot') {
    const field = result.refusal === 'full' || result.refusal === 'no-such-slot' ? 'start' : 'date';
    const message = t(`errors.marriage.slot.${result.refusal}`, result.releasesAt ? { releasesAt: result.releasesAt } : {});
    return c.json(errorBody(c, result.refusal === 'full' ? 'slot_full' : 'validation_failed', message, [{ field, code: result.refusal, message }]), result.refusal === 'full' ? 409 : 422);
  }
  return c.json(errorBody(c, 'not_reschedulable', t('errors.track.notReschedulable')), 409);
});

/** Per client and per tracking number, counted in the database so every process agrees. */
async function withinLookupLimits(c: Context<ApiEnv>, trackingNumber: string): Promise<boolean> {
  const deps = caseDeps(c);
  const { trackLimits } = c.get('deps');
  const now = deps.now();
  const client = createHash('sha256').update(clientAddress(c) ?? 'unknown').digest('base64url');
  const number = trackingNumber.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  const limits = await Promise.all([
    hitRateLimit(deps.db, `track:client:${client}`, { limit: trackLimits.perClient, windowMs: TRACK_WINDOW_MS, now }),
    hitRateLimit(deps.db, `track:number:${number}`, { limit: trackLimits.perNumber, windowMs: TRACK_WINDOW_MS, now }),
  ]);
  return limits.every((limit) => limit.allowed);
}

function answerProgress(c: Context<ApiEnv>, result: LookupResult) {
  const t = translator(requestLocale(c));
  c.header('Cache-Control', 'no-store');
  if (result.ok) {
    const { ok: _ok, ...progress } = result;
    return c.json(progress, 200);
  }
  if (result.reason === 'format') {
    return c.json(errorBody(c, 'validation_failed', t('errors.badRequest'), [{ field: 'trackingNumber', code: result.problem, message: t(`errors.track.${result.problem}`) }]), 422);
  }
  return c.json(errorBody(c, 'no_matching_application', t('errors.track.noMatch')), 404);
}
