/**
 * The workbench's case page over HTTP: open a case (audited, personal values masked), see them
 * whole (audited, the roles that handle the case only), and take a transition with the version the
 * page showed. A case outside the member's scope answers 404, like an unknown number; a system
 * admin is answered 403 `break_glass_required` until it gives a reason (docs/access-control.md).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { actOnCase, breakGlass, openCase, revealCase } from '../cases/case-work.ts';
import { BREAK_GLASS_REASON, BreakGlassSchema } from '../domain/staff/access.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiErrorSchema, requestLocale } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { caseDeps } from '../http/route-deps.ts';
import { textLine, textLines } from '../domain/text.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const CaseWork = z
  .object({
    trackingNumber: z.string(),
    service: z.string(),
    state: z.string(),
    version: z.number().int(),
    office: z.string(),
    submittedAt: z.string(),
    revealed: z.boolean(),
    mayReveal: z.boolean(),
    answers: z.array(
      z.object({
        label: z.string(),
        value: z.string(),
        valueKey: z.boolean(),
        format: z.enum(['date', 'year']).optional().meta({ description: 'date: a calendar day (YYYY-MM-DD); year: a birth date masked to its year' }),
      }),
    ),
    timeline: z.array(
      z.object({
        at: z.string(),
        transition: z.string(),
        from: z.string(),
        to: z.string(),
        actorRole: z.string().nullable(),
        visibility: z.string(),
        details: z.record(z.string(), z.string()),
      }),
    ),
    deadlines: z.array(z.object({ key: z.string(), startedOn: z.string(), dueOn: z.string(), status: z.enum(['stopped', 'paused', 'overdue', 'due-soon', 'on-time']) })),
    periods: z.array(z.object({ key: z.string(), from: z.string(), to: z.string() })).meta({ description: 'Legal periods the applicant has (a divorce’s cooling-off period and the window after it)' }),
    actions: z.array(z.object({ name: z.string(), fields: z.array(z.object({ name: z.string(), control: z.enum(['text', 'textarea', 'number', 'month', 'radios']), options: z.array(z.string()).optional() })) })),
    laterActions: z
      .array(z.object({ name: z.string(), from: z.string().meta({ description: 'ISO 8601, China time (+08:00)' }) }))
      .meta({ description: 'Actions the member may take later but not yet, and from when (a no-show once the appointment’s time is over)' }),
    breakGlass: z.object({ reason: z.string(), expiresAt: z.string() }).nullable().meta({ description: 'When a system admin reads the case by a break-glass reason: the reason and until when' }),
    decisionAid: z
      .object({
        on: z.string().meta({ description: 'The day the age and proposals are for (today, YYYY-MM-DD)' }),
        age: z.number().int().meta({ description: 'The applicant’s age on that day' }),
        district: z.string(),
        standard: z
          .object({
            effectiveFrom: z.string(),
            sourceYear: z.number().int(),
            example: z.boolean().meta({ description: 'Figures made up for the demonstration' }),
            bands: z.array(z.object({ fromAge: z.number().int(), toAge: z.number().int().nullable(), monthlyAmount: z.number() })),
          })
          .nullable()
          .meta({ description: 'The district’s amounts by age band that apply to the first month paid; null when it has none' }),
        bandFrom: z.number().int().nullable().meta({ description: 'The band the age falls in (its fromAge); null when below every band' }),
        proposals: z.record(z.string(), z.record(z.string(), z.string())).meta({ description: 'Values proposed for a transition’s fields, by transition and field (approve: monthlyAmount, firstMonth); the member may change them' }),
      })
      .nullable()
      .meta({ description: 'What the service’s rules say to the member deciding the case (高龄津贴: the elder’s age, the district’s standard, the proposed approval), while it is undecided' }),
    access: z
      .array(z.object({ at: z.string(), action: z.string(), actorRole: z.string().nullable(), actorName: z.string().nullable(), reason: z.string().nullable() }))
      .meta({ description: 'Who looked at the case and how, newest first (case.view, case.reveal, case.break-glass with its reason)' }),
    files: z
      .array(z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number().int() }))
      .meta({ description: 'The files given with the case, oldest first, each opened by getCaseFile; listed only to a member who may open them (as for reveal), else empty' }),
    evidenceOnRecord: z
      .array(z.object({ purpose: z.string(), trackingNumber: z.string(), place: z.string().meta({ description: 'Where it was recorded: a translation key (a funeral home’s name)' }) }))
      .meta({ description: 'The documents the portal held itself in place of a file (the cremation certificate a funeral home recorded on a booking made here: docs/decisions/074): the upload purpose, the case it was found in, and where; listed to the members the files are listed to' }),
    handoffs: z
      .array(
        z.object({
          handoff: z.string(),
          requestId: z.string(),
          status: z.enum(['sending', 'waiting', 'answered', 'failed', 'superseded']),
          attempts: z.number().int(),
          requestedAt: z.string(),
          nextAttemptAt: z.string().nullable().meta({ description: 'While sending after a failed attempt: when it is tried again' }),
          sentAt: z.string().nullable(),
          answeredAt: z.string().nullable(),
          answer: z.record(z.string(), z.string()).nullable().meta({ description: 'The answer recorded (or, failed, what was recorded for it)' }),
        }),
      )
      .meta({ description: 'The case’s requests to other systems (hand-offs such as the household financial check), oldest first' }),
  })
  .openapi('CaseWork');

const TrackingNumberParam = z.object({ trackingNumber: textLine().min(1).max(40) });

const getCase = createRoute({
  method: 'get',
  path: '/staff/cases/{trackingNumber}',
  operationId: 'getCase',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'One case for the workbench: answers (personal values masked), full timeline, deadlines, the actions the member may take now. Audited.',
  request: { params: TrackingNumberParam },
  responses: {
    200: json(CaseWork, 'The case'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'A system admin must first give a reason (break_glass_required): POST …/break-glass'),
    404: json(ApiErrorSchema, 'No such case, or the member does not handle its service at its office'),
  },
});

const BreakGlassRequest = BreakGlassSchema.extend({
  reason: BreakGlassSchema.shape.reason.meta({ description: `Why the case must be read (${BREAK_GLASS_REASON.min}–${BREAK_GLASS_REASON.max} characters); kept with the case and in the audit log` }),
}).openapi('BreakGlass');

const openByReason = createRoute({
  method: 'post',
  path: '/staff/cases/{trackingNumber}/break-glass',
  operationId: 'openCaseByReason',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'A system admin opens a case it does not handle, giving a reason: read-only, masked, for 30 minutes. Audited and shown on the case.',
  request: { params: TrackingNumberParam, body: { content: { 'application/json': { schema: BreakGlassRequest } }, required: true } },
  responses: {
    200: json(CaseWork, 'The case, read by the reason given'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'Not a system admin'),
    404: json(ApiErrorSchema, 'No such case'),
    422: json(ApiErrorSchema, 'The reason is missing, too short or too long'),
  },
});

const reveal = createRoute({
  method: 'post',
  path: '/staff/cases/{trackingNumber}/reveal',
  operationId: 'revealCase',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'The same view with ID numbers, phones and the bank account whole; case-handling roles only. Audited.',
  request: { params: TrackingNumberParam },
  responses: {
    200: json(CaseWork, 'The case, unmasked'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member’s roles do not need the whole values'),
    404: json(ApiErrorSchema, 'No such case, or out of scope'),
  },
});

const ActionRequest = z
  .object({
    transition: textLine().min(1).max(60),
    version: z.number().int().min(1).meta({ description: 'The case version the member’s page showed' }),
    input: z.record(textLine().max(60), z.union([textLines().max(2000), z.number()])).default({}).meta({ description: 'The fields the action requires, e.g. reason, documents, monthlyAmount, firstMonth' }),
  })
  .openapi('CaseAction');

const act = createRoute({
  method: 'post',
  path: '/staff/cases/{trackingNumber}/transitions',
  operationId: 'actOnCase',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'Take an action on a case (accept, review, approve, request documents…). Saved whole or not at all; the applicant is notified.',
  request: { params: TrackingNumberParam, body: { content: { 'application/json': { schema: ActionRequest } }, required: true } },
  responses: {
    200: json(CaseWork, 'Done; the case as it is now'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member’s roles may not take this action'),
    404: json(ApiErrorSchema, 'No such case, or out of scope'),
    409: json(
      ApiErrorSchema,
      'The case changed since the page was read: reload (case_changed); the action is not possible at this time, the message saying from or until when (not_now: e.g. a no-show before the appointment is over, an undo after its day); or undoing a no-show would hold a person who has booked again since (people_booked_again)',
    ),
    422: json(ApiErrorSchema, 'A required field is missing or not valid'),
  },
});

export const staffCaseRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(getCase, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await openCase(caseDeps(c), c.get('staff'), c.req.valid('param').trackingNumber, clientAddress(c), requestLocale(c));
    return result.ok ? c.json(result.view, 200) : refuse(c, 'caseWork', result);
  })
  .openapi(openByReason, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await breakGlass(caseDeps(c), c.get('staff'), c.req.valid('param').trackingNumber, c.req.valid('json').reason, clientAddress(c), requestLocale(c));
    return result.ok ? c.json(result.view, 200) : refuse(c, 'caseWork', result);
  })
  .openapi(reveal, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await revealCase(caseDeps(c), c.get('staff'), c.req.valid('param').trackingNumber, clientAddress(c), requestLocale(c));
    return result.ok ? c.json(result.view, 200) : refuse(c, 'caseWork', result);
  })
  .openapi(act, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await actOnCase(caseDeps(c), c.get('staff'), c.req.valid('param').trackingNumber, c.req.valid('json'), clientAddress(c), requestLocale(c));
    return result.ok ? c.json(result.view, 200) : refuse(c, 'caseWork', result);
  });
