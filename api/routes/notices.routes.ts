/**
 * Public notices (公示) and announcements (公布) of a village or community, and objections to a
 * notice (docs/decisions/045). One board at a time, by its place: there is no search across places.
 * Every answer is marked for no index and no store; the entries are read from the public entries
 * alone, never from a case. Objections are counted per client in the database (all processes agree).
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { boardEntries, objectToNotice } from '../cases/public-notices.ts';
import { hitRateLimit } from '../db/request-guards.repo.ts';
import type { StoredPublicEntry } from '../db/public-entries.repo.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { textLine } from '../domain/text.ts';
import { ObjectionRequest } from '../engine/publication/objection.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { caseDeps } from '../http/route-deps.ts';

// Made here from the engine's fields, with @hono/zod-openapi's z: a schema built before that module
// extends zod (the relief workflows load the engine's first) has no `.openapi`.
const ObjectionBody = z.object(ObjectionRequest.shape).openapi('Objection');

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Objections per client address per hour: a neighbour writes once or twice; a flood is stopped. */
export const OBJECTIONS_PER_CLIENT = 20;
const OBJECTION_WINDOW_MS = 60 * 60_000;

const Entry = z
  .object({
    id: z.string().meta({ description: 'The entry’s public id (its objection address); unrelated to the case’s tracking number' }),
    list: z.enum(['notice', 'announcement']),
    maskedName: z.string().meta({ description: 'Masked as the locality sets it, e.g. 张* or *三', example: '张*' }),
    householdSize: z.number().int(),
    kind: z.string().meta({ description: 'The service: the kind of help' }),
    amountFen: z.number().int().nullable().meta({ description: 'Monthly amount (or a one-off amount), integer fen' }),
    fromDay: z.string().meta({ description: 'First day shown (YYYY-MM-DD)' }),
    toDay: z.string().meta({ description: 'Last day shown, and for a notice the last day to object (YYYY-MM-DD)' }),
    objectionOpen: z.boolean().meta({ description: 'An objection may be sent (POST /notices/entries/{entry}/objections)' }),
  })
  .openapi('PublicEntry');

const Place = textLine().regex(/^[a-z0-9-]{1,60}$/).meta({ description: 'A village or community id', example: 'heping-community' });

const board = createRoute({
  method: 'get',
  path: '/notices/{place}',
  operationId: 'getNoticeBoard',
  tags: ['Public notices'],
  summary: 'A village’s or community’s 公示 (cases under notice) or 公布 (approved households) up today: masked name, household size, kind, amount, dates',
  request: { params: z.object({ place: Place }), query: z.object({ list: z.enum(['notice', 'announcement']).default('notice') }) },
  responses: {
    200: json(z.object({ place: z.string(), list: z.string(), today: z.string(), entries: z.array(Entry) }), 'The entries up today (none for a place without any)'),
    422: json(ApiErrorSchema, 'The place or list is not one the API takes'),
  },
});

const objection = createRoute({
  method: 'post',
  path: '/notices/entries/{entry}/objections',
  operationId: 'objectToNotice',
  tags: ['Public notices'],
  summary: 'An objection to a notice (公示): the text, and the name and contact if the writer gives them; recorded on the case for its investigator',
  request: {
    params: z.object({ entry: z.uuid().meta({ description: 'The entry’s public id' }) }),
    body: { content: { 'application/json': { schema: ObjectionBody } }, required: true },
  },
  responses: {
    201: json(z.object({ entry: Entry }), 'Recorded on the case'),
    404: json(ApiErrorSchema, 'No such notice up now'),
    409: json(ApiErrorSchema, 'The notice’s period is over: objections are no longer taken online'),
    422: json(ApiErrorSchema, 'Field errors, each naming its field in the reader’s language'),
    429: json(ApiErrorSchema, 'Too many objections from this client: the message says from when to try again, and Retry-After in how many seconds'),
  },
});

/** Not for search engines, not for caches: a notice is for the people of one place, for its days only. */
function unlisted(c: Context<ApiEnv>) {
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex, nofollow');
}

const entryView = (entry: StoredPublicEntry, today: string) => ({
  id: entry.id,
  list: entry.list,
  maskedName: entry.maskedName,
  householdSize: entry.householdSize,
  kind: entry.kind,
  amountFen: entry.amountFen,
  fromDay: entry.fromDay,
  toDay: entry.toDay,
  objectionOpen: entry.objection !== null && today <= entry.toDay,
});

export const noticeRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(board, async (c) => {
    const { place } = c.req.valid('param');
    const { list } = c.req.valid('query');
    const { today, entries } = await boardEntries(caseDeps(c), place, list);
    unlisted(c);
    return c.json({ place, list, today, entries: entries.map((entry) => entryView(entry, today)) }, 200);
  })
  .openapi(objection, async (c) => {
    unlisted(c);
    const deps = caseDeps(c);
    const now = deps.now();
    const client = createHash('sha256').update(clientAddress(c) ?? 'unknown').digest('base64url');
    const limit = await hitRateLimit(deps.db, `objection:client:${client}`, { limit: OBJECTIONS_PER_CLIENT, windowMs: OBJECTION_WINDOW_MS, now });
    if (!limit.allowed) return refuse(c, 'objectionLimit', { reason: 'too_many', retryAt: limit.resetAt });
    const result = await objectToNotice(deps, c.req.valid('param').entry, c.req.valid('json'), clientAddress(c));
    if (!result.ok) return refuse(c, 'objection', result);
    return c.json({ entry: entryView(result.entry, chinaDate(now)) }, 201);
  });
