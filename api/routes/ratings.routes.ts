/**
 * 好差评 (docs/decisions/053). The applicant rates a finished case and answers the office's reply to
 * a bad rating by the status page's two factors (the lookup token of an earlier answer spares the
 * limit per number). Staff who handle a service at an office list that office's bad ratings, read
 * one (the comment's look audited) and answer it once; staff see counts per office and service; the
 * public sees the counts per service.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { CASE_HANDLING_ROLES } from '../domain/staff/access.ts';
import { RATING_LEVELS } from '../domain/ratings/ratings.ts';
import { textLine, textLines } from '../domain/text.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { caseDeps } from '../http/route-deps.ts';
import { issueLookupToken } from '../cases/lookup-token.ts';
import { answerFollowUp, listFollowUps, openFollowUp, publicRatings, rateCase, ratingSummary, replyToFollowUp } from '../ratings/ratings.ts';
import { answerProgress, lookupLimited, LookupToken, Progress } from './cases.routes.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Who sees the counts per office and service: those who handle cases, and the administrators. */
const SUMMARY_ROLES = [...CASE_HANDLING_ROLES, 'office-admin', 'system-admin'] as const;

const CaseKeyFields = {
  trackingNumber: textLine().max(40),
  secondFactor: textLine().max(40).meta({ description: "The applicant's ID document number or mobile number (for an appointment, either party's)" }),
  lookupToken: LookupToken,
};

// The rating's own rules (reasons of the level's group, "other" with a comment…) are the use case's,
// so that each problem is answered on its field in the reader's language.
const RatingRequest = z
  .object({
    ...CaseKeyFields,
    level: textLine().max(40).optional().meta({ description: `One of ${RATING_LEVELS.join(', ')}` }),
    reasons: z.array(textLine().max(40)).max(20).optional().meta({ description: 'Reason codes of the level’s group (good or bad); at least one for a bad rating' }),
    comment: textLines().max(4000).optional().meta({ description: 'Optional, up to 500 characters; required with the reason `other`' }),
  })
  .openapi('RatingRequest');

const ResolutionRequest = z
  .object({ ...CaseKeyFields, resolution: textLine().max(40).optional().meta({ description: '`resolved` or `not-resolved`' }) })
  .openapi('RatingResolutionRequest');

const Level = z.enum(RATING_LEVELS);
const Counts = z.object(Object.fromEntries(RATING_LEVELS.map((level) => [level, z.number().int()])) as Record<(typeof RATING_LEVELS)[number], z.ZodNumber>);
const Aggregate = {
  total: z.number().int(),
  counts: Counts,
  satisfactionRate: z.number().nullable().meta({ description: 'Very satisfied, satisfied and fairly satisfied as a share of all (0–1); null without ratings' }),
};

const FollowUpItem = z
  .object({
    id: z.string(),
    trackingNumber: z.string(),
    service: z.string(),
    office: z.string(),
    level: Level,
    reasons: z.array(z.string()),
    ratedAt: z.string(),
    openedOn: z.string(),
    dueOn: z.string().meta({ description: 'The last day to answer (YYYY-MM-DD), working days after the rating as the office’s rule says' }),
    status: z.enum(['open', 'overdue', 'replied', 'resolved', 'not-resolved']),
    overdue: z.boolean(),
    dueSoon: z.boolean().meta({ description: 'Waiting, not overdue, and its last day within 3 working days' }),
    repliedAt: z.string().nullable(),
  })
  .openapi('RatingFollowUp');
const FollowUpDetail = FollowUpItem.extend({
  comment: z.string().nullable().meta({ description: 'What the person wrote (this look is audited)' }),
  reply: z.string().nullable(),
  repliedBy: z.string().nullable().meta({ description: 'The name of the member who answered' }),
  resolution: z.enum(['resolved', 'not-resolved']).nullable(),
}).openapi('RatingFollowUpDetail');

const FollowUpParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const ReplyBody = z.object({ reply: textLines().max(4000).optional().meta({ description: 'What was found and done, 10 to 1,000 characters, shown to the person as written' }) }).openapi('RatingReply');

const rate = createRoute({
  method: 'post',
  path: '/track/rating',
  operationId: 'rateCase',
  tags: ['Applications'],
  summary: 'The applicant rates a finished case on the five national levels (好差评), once; a bad rating opens a follow-up for the office',
  description:
    'Same two factors as /track. Only once the case is finished (a decision that stands, or an appointment done: `rating.open` in its progress). Reasons come from the level’s group; a bad rating (dissatisfied, very dissatisfied) names at least one and opens a follow-up due in the office’s working days. The comment is stored encrypted.',
  request: { body: { content: { 'application/json': { schema: RatingRequest } }, required: true } },
  responses: {
    201: json(Progress, 'Rated: the case’s progress with its rating (and follow-up)'),
    404: json(ApiErrorSchema, 'No application matches this pair'),
    409: json(ApiErrorSchema, 'The case is not finished (`not_rateable`), or it has been rated already (`already_rated`)'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped, or the rating’s fields are not valid (each on its field: level, reasons, comment)'),
    429: json(ApiErrorSchema, 'Too many lookups from this client or for this number'),
  },
});

const resolve = createRoute({
  method: 'post',
  path: '/track/rating/resolution',
  operationId: 'answerRatingFollowUp',
  tags: ['Applications'],
  summary: 'After reading the office’s reply to a bad rating, the applicant says whether the problem was resolved (once)',
  request: { body: { content: { 'application/json': { schema: ResolutionRequest } }, required: true } },
  responses: {
    200: json(Progress, 'Recorded'),
    404: json(ApiErrorSchema, 'No application matches this pair'),
    409: json(ApiErrorSchema, 'There is no reply to answer yet, or it was answered already (`not_answerable`)'),
    422: json(ApiErrorSchema, 'The tracking number is mistyped, or `resolution` is not one of the two'),
    429: json(ApiErrorSchema, 'Too many lookups from this client or for this number'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/staff/follow-ups',
  operationId: 'listRatingFollowUps',
  middleware: requireStaff({ roles: CASE_HANDLING_ROLES }),
  tags: ['Staff'],
  summary: 'Bad ratings to follow up: those of the services the member handles in their offices, waiting ones first (earliest due first), then answered ones',
  responses: {
    200: json(z.object({ today: z.string(), items: z.array(FollowUpItem) }), 'The follow-ups (at most 200)'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member handles no cases (`not_permitted`)'),
  },
});

const openRoute = createRoute({
  method: 'get',
  path: '/staff/follow-ups/{id}',
  operationId: 'getRatingFollowUp',
  middleware: requireStaff({ roles: CASE_HANDLING_ROLES }),
  tags: ['Staff'],
  summary: 'A bad rating with what the person wrote (audited as `rating.comment.view`) and the office’s reply',
  request: { params: FollowUpParam },
  responses: {
    200: json(FollowUpDetail, 'The follow-up'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member handles no cases'),
    404: json(ApiErrorSchema, 'No such follow-up among the member’s offices and services'),
    422: json(ApiErrorSchema, 'The id is not a UUID'),
  },
});

const replyRoute = createRoute({
  method: 'post',
  path: '/staff/follow-ups/{id}/reply',
  operationId: 'replyToRatingFollowUp',
  middleware: requireStaff({ roles: CASE_HANDLING_ROLES }),
  tags: ['Staff'],
  summary: 'The office answers a bad rating, once: shown to the applicant on the status page, who is texted; audited as `rating.reply`',
  request: { params: FollowUpParam, body: { content: { 'application/json': { schema: ReplyBody } }, required: true } },
  responses: {
    200: json(FollowUpDetail, 'Answered'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member handles no cases'),
    404: json(ApiErrorSchema, 'No such follow-up among the member’s offices and services'),
    409: json(ApiErrorSchema, 'Answered already (`already_replied`)'),
    422: json(ApiErrorSchema, 'The reply is missing or not 10 to 1,000 characters (on `reply`)'),
  },
});

const SummaryRow = z
  .object({
    service: z.string(),
    office: z.string(),
    ...Aggregate,
    followUps: z.object({ total: z.number().int(), replied: z.number().int(), overdue: z.number().int(), resolved: z.number().int() }),
  })
  .openapi('RatingSummaryRow');

const summaryRoute = createRoute({
  method: 'get',
  path: '/staff/ratings',
  operationId: 'getRatingSummary',
  middleware: requireStaff({ roles: SUMMARY_ROLES }),
  tags: ['Staff'],
  summary: 'Ratings per office and service: counts per level, the satisfaction rate and the follow-ups (a system admin’s: every office; others’: their own offices)',
  responses: {
    200: json(z.object({ today: z.string(), rows: z.array(SummaryRow) }), 'Counts only'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'A content editor sees no ratings (`not_permitted`)'),
  },
});

const publicRoute = createRoute({
  method: 'get',
  path: '/ratings',
  operationId: 'getPublicRatings',
  tags: ['Ratings'],
  summary: 'How people rated each service the portal runs: counts per level and the satisfaction rate',
  responses: {
    200: json(z.object({ services: z.array(z.object({ service: z.string(), ...Aggregate })) }).openapi('PublicRatings'), 'Every service, those not rated yet with zeros'),
  },
});

export const ratingRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(rate, async (c) => {
    const { trackingNumber, secondFactor, lookupToken, ...rating } = c.req.valid('json');
    const limited = await lookupLimited(c, trackingNumber, lookupToken);
    if (limited) return limited;
    const result = await rateCase(caseDeps(c), { trackingNumber, secondFactor }, rating, clientAddress(c));
    c.header('Cache-Control', 'no-store');
    if (!result.ok) return refuse(c, 'rating', result);
    const { ok: _ok, ...progress } = result;
    const deps = caseDeps(c);
    return c.json({ ...progress, lookupToken: issueLookupToken(deps.crypto, progress.trackingNumber, deps.now()) ?? '' }, 201);
  })
  .openapi(resolve, async (c) => {
    const { trackingNumber, secondFactor, lookupToken, ...answer } = c.req.valid('json');
    const limited = await lookupLimited(c, trackingNumber, lookupToken);
    if (limited) return limited;
    const result = await answerFollowUp(caseDeps(c), { trackingNumber, secondFactor }, answer, clientAddress(c));
    c.header('Cache-Control', 'no-store');
    return result.ok ? answerProgress(c, result) : refuse(c, 'ratingResolution', result);
  })
  .openapi(listRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await listFollowUps(caseDeps(c), c.get('staff')), 200);
  })
  .openapi(openRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await openFollowUp(caseDeps(c), c.get('staff'), c.req.valid('param').id, clientAddress(c));
    return result.ok ? c.json(result.followUp, 200) : refuse(c, 'followUp', result);
  })
  .openapi(replyRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await replyToFollowUp(caseDeps(c), c.get('staff'), c.req.valid('param').id, c.req.valid('json'), clientAddress(c));
    return result.ok ? c.json(result.followUp, 200) : refuse(c, 'followUp', result);
  })
  .openapi(summaryRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await ratingSummary(caseDeps(c), c.get('staff')), 200);
  })
  .openapi(publicRoute, async (c) => {
    // Counts move with every rating; a minute's staleness costs nothing.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ services: await publicRatings(caseDeps(c)) }, 200);
  });
