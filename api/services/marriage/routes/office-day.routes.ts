/** The registry office's day for its clerks (audited; names shown, ID numbers masked). */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { officeDay, registriesOf } from '../office-day.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { ApiErrorSchema } from '../../../http/api-error.ts';
import type { ApiEnv, StaffEnv } from '../../../http/api-env.ts';
import { refuse } from '../../../http/refusals.ts';
import { requireStaff } from '../../../http/require-staff.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { textLine } from '../../../domain/text.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const OfficeDay = z
  .object({
    registries: z.array(z.string()),
    office: z.string(),
    date: z.string(),
    closedFor: z
      .discriminatedUnion('reason', [
        z.object({ reason: z.literal('closure') }),
        z.object({ reason: z.literal('holiday'), name: z.string().meta({ description: 'As the notice (or the law) names it: 元旦, 春节…' }), statutory: z.boolean().meta({ description: 'Fixed by law alone: the year’s notice is not loaded yet' }) }),
        z.object({ reason: z.literal('not-open') }),
      ])
      .optional()
      .meta({ description: 'Why the day has no slots: a day the office closed, a public holiday, or a day it does not open' }),
    slots: z.array(
      z.object({
        start: z.string(),
        end: z.string(),
        appointments: z.array(
          z.object({
            trackingNumber: z.string(),
            kind: z.string(),
            visit: z.number().int().meta({ description: '2 for a divorce’s second visit' }),
            state: z.string(),
            people: z.array(z.object({ name: z.string(), idType: z.string().meta({ description: 'The ID document: resident-id, residence-permit, hk-macao-permit, taiwan-permit, foreign-permanent-id or passport' }), idNumber: z.string().meta({ description: 'Masked' }), noShows: z.number().int().meta({ description: 'No-shows in the last 30 days' }) })),
          }),
        ),
      }),
    ),
  })
  .openapi('OfficeDay');

const day = createRoute({
  method: 'get',
  path: '/staff/appointments',
  operationId: 'getOfficeDay',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'A registry office’s appointments of one day, by slot, for the office’s own staff. Audited.',
  request: { query: z.object({ office: textLine().max(60).optional(), date: z.iso.date() }) },
  responses: {
    200: json(OfficeDay, 'The day'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member is no clerk of a registry office (intake, in the marriage area)'),
    404: json(ApiErrorSchema, 'No such registry office, or not one of the member’s'),
    422: json(ApiErrorSchema, 'The date is not valid'),
  },
});

// A search carries an ID number, so it is posted: never in a URL, a log line or the browser's history.
const search = createRoute({
  method: 'post',
  path: '/staff/appointments/search',
  operationId: 'searchOfficeDay',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'The appointments of one day that match a tracking number, a full ID number or its last 4 characters. Audited.',
  request: { body: { content: { 'application/json': { schema: z.object({ office: textLine().max(60).optional(), date: z.iso.date(), search: textLine().max(40) }) } }, required: true } },
  responses: day.responses,
});

export const officeDayRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(day, (c) => answerDay(c, c.req.valid('query')))
  .openapi(search, (c) => answerDay(c, c.req.valid('json')));

async function answerDay(c: Context<StaffEnv>, request: { office?: string | undefined; date: string; search?: string }) {
  const member = c.get('staff');
  // Whose clerk the member is decides from their roles with their service areas and offices: the use case's answer.
  const offices = c.get('deps').offices;
  const registries = registriesOf(offices, member);
  if (registries.length === 0) return refuse(c, 'officeDay', { reason: 'not_permitted' });
  const chosen = request.office ?? registries[0] ?? '';
  const result = await officeDay({ ...caseDeps(c), offices }, member, chosen, request.date, clientAddress(c), request.search ?? '');
  c.header('Cache-Control', 'no-store');
  if (!result) return refuse(c, 'officeDay', { reason: 'not_found' });
  return c.json({ registries, ...result }, 200);
}
