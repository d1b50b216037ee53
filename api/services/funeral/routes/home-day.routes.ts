/**
 * The funeral home's day for its staff and the monthly exemption settlement (docs/decisions/072):
 * staff only, never cached, every read and action audited (home-day.ts, settlement-read.ts).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ApiErrorSchema } from '../../../http/api-error.ts';
import type { Context } from 'hono';
import type { ApiEnv, StaffEnv } from '../../../http/api-env.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { refuse } from '../../../http/refusals.ts';
import { requireStaff } from '../../../http/require-staff.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { textLine } from '../../../domain/text.ts';
import { chinaDate } from '../../../domain/calendar/china-time.ts';
import { actOnBooking, homeDay, homesOf, type HomeAction } from '../home-day.ts';
import { CremationCertificateSchema, MarkDoneSchema } from '../home-day.schema.ts';
import { monthSettlement } from '../settlement-read.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const TAG = 'Staff';

const Place = z.object({
  trackingNumber: z.string(),
  start: z.string(),
  end: z.string(),
  kind: z.string().meta({ description: 'The resource: cremation, hall-small, hall-medium, hall-large or storage' }),
  state: z.string(),
  deceased: z.object({ name: z.string(), idNumber: z.string().meta({ description: 'Masked' }) }),
  done: z.boolean(),
  certificate: z.string().optional().meta({ description: 'The cremation certificate number, masked, once recorded' }),
});

const HomeDayView = z
  .object({
    homes: z.array(z.string()),
    home: z.string(),
    date: z.string(),
    transports: z.array(
      z.object({
        trackingNumber: z.string(),
        from: z.string(),
        to: z.string(),
        status: z.enum(['requested', 'confirmed', 'done']),
        deceased: z.string(),
        address: z.string().meta({ description: 'The pickup place: shown to the home’s staff only, the read audited' }),
      }),
    ),
    cremations: z.array(Place),
    halls: z.array(Place),
    storage: z.array(Place),
  })
  .openapi('FuneralHomeDay');
export type HomeDayView = z.output<typeof HomeDayView>;

const NOT_SIGNED_IN = json(ApiErrorSchema, 'Not signed in');
const NOT_PERMITTED = json(ApiErrorSchema, 'The member handles no funeral home’s bookings (intake in the funeral area, at the office of a home’s district)');

const day = createRoute({
  method: 'get',
  path: '/staff/funeral-day',
  operationId: 'getFuneralHomeDay',
  middleware: requireStaff(),
  tags: [TAG],
  summary: 'A funeral home’s day for its staff: transport requests with their pickup places, cremations, halls and storage. Audited.',
  request: { query: z.object({ home: textLine().max(60).optional(), date: z.iso.date().optional() }) },
  responses: { 200: json(HomeDayView, 'The day'), 401: NOT_SIGNED_IN, 403: NOT_PERMITTED, 404: json(ApiErrorSchema, 'No such home, or not one of the member’s'), 422: json(ApiErrorSchema, 'The date is not valid') },
});

const Tracking = z.object({ trackingNumber: textLine().max(20).meta({ description: 'The booking’s tracking number' }) });
const ACTION_RESPONSES = {
  200: json(z.object({ ok: z.literal(true) }), 'Done, and audited'),
  401: NOT_SIGNED_IN,
  403: NOT_PERMITTED,
  404: json(ApiErrorSchema, 'No such booking at the member’s homes'),
  409: json(ApiErrorSchema, '`not_possible`: the booking is not in a state for it (cancelled, or done already), or has no such service; next to the field'),
  422: json(ApiErrorSchema, 'The input is not valid, next to the field'),
} as const;

const confirmTransport = createRoute({
  method: 'post',
  path: '/staff/funeral-day/bookings/{trackingNumber}/transport-confirmation',
  operationId: 'confirmFuneralTransport',
  middleware: requireStaff(),
  tags: [TAG],
  summary: 'The home confirms a transport request (requested → confirmed). Audited, one transaction.',
  request: { params: Tracking },
  responses: ACTION_RESPONSES,
});

const markDone = createRoute({
  method: 'post',
  path: '/staff/funeral-day/bookings/{trackingNumber}/done',
  operationId: 'markFuneralServiceDone',
  middleware: requireStaff(),
  tags: [TAG],
  summary: 'A booked service marked done: the transport (once confirmed), the cremation, the hall or storage. Audited, one transaction.',
  request: { params: Tracking, body: { content: { 'application/json': { schema: MarkDoneSchema.meta({ id: 'FuneralServiceDone' }) } }, required: true } },
  responses: ACTION_RESPONSES,
});

const certificate = createRoute({
  method: 'put',
  path: '/staff/funeral-day/bookings/{trackingNumber}/cremation-certificate',
  operationId: 'recordCremationCertificate',
  middleware: requireStaff(),
  tags: [TAG],
  summary: 'The cremation certificate number (火化证明编号) recorded for a booking with a cremation, sealed at rest; recording again corrects it. Audited, one transaction.',
  request: { params: Tracking, body: { content: { 'application/json': { schema: CremationCertificateSchema.meta({ id: 'CremationCertificate' }) } }, required: true } },
  responses: ACTION_RESPONSES,
});

const SettlementView = z
  .object({
    month: z.string(),
    homes: z.array(z.string()),
    rows: z.array(
      z.object({
        home: z.string(),
        month: z.string(),
        deceased: z.number().int(),
        byGround: z.record(z.string(), z.number().int()),
        byItem: z.array(z.object({ item: z.string(), waivedFen: z.number().int() })).meta({ description: 'In the national list’s order' }),
        waivedFen: z.number().int(),
      }),
    ),
  })
  .openapi('FuneralExemptionSettlement');
export type SettlementView = z.output<typeof SettlementView>;

const settlement = createRoute({
  method: 'get',
  path: '/staff/funeral-settlement',
  operationId: 'getFuneralExemptionSettlement',
  middleware: requireStaff(),
  tags: [TAG],
  summary: 'The fee exemptions waived per funeral home in a month: people by ground, amounts by item. Office admins (their districts’ homes) and system admins. Audited.',
  request: { query: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().meta({ description: 'YYYY-MM; absent: this month' }) }) },
  responses: { 200: json(SettlementView, 'The month'), 401: NOT_SIGNED_IN, 403: json(ApiErrorSchema, 'The member is no office or system admin'), 422: json(ApiErrorSchema, 'The month is not valid') },
});

export const homeDayRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(day, async (c) => {
    const member = c.get('staff');
    const homes = homesOf(member);
    c.header('Cache-Control', 'no-store');
    if (homes.length === 0) return refuse(c, 'homeDay', { reason: 'not_permitted' });
    const query = c.req.valid('query');
    const deps = caseDeps(c);
    const result = await homeDay(deps, member, query.home ?? homes[0] ?? '', query.date ?? chinaDate(deps.now()), clientAddress(c));
    if (!result) return refuse(c, 'homeDay', { reason: 'not_found' });
    return c.json({ homes, ...result }, 200);
  })
  .openapi(confirmTransport, (c) => act(c, c.req.valid('param').trackingNumber, { action: 'confirm-transport' }))
  .openapi(markDone, (c) => act(c, c.req.valid('param').trackingNumber, { action: 'done', item: c.req.valid('json').item }))
  .openapi(certificate, (c) => act(c, c.req.valid('param').trackingNumber, { action: 'certificate', number: c.req.valid('json').number }))
  .openapi(settlement, async (c) => {
    const deps = caseDeps(c);
    const month = c.req.valid('query').month ?? chinaDate(deps.now()).slice(0, 7);
    c.header('Cache-Control', 'no-store');
    const result = await monthSettlement(deps, c.get('staff'), month, clientAddress(c));
    if (!result) return refuse(c, 'homeDay', { reason: 'not_permitted' });
    return c.json({ month, ...result }, 200);
  });

async function act(c: Context<StaffEnv>, trackingNumber: string, action: HomeAction) {
  c.header('Cache-Control', 'no-store');
  const result = await actOnBooking(caseDeps(c), c.get('staff'), trackingNumber, action, clientAddress(c));
  if (!result.ok) return result.reason === 'not_possible' ? refuse(c, 'homeDay', { reason: result.reason, field: result.field }) : refuse(c, 'homeDay', { reason: result.reason });
  return c.json({ ok: true as const }, 200);
}
