/**
 * Registry offices' schedules for their admins: the offices a member administers, one office's
 * schedule, new settings (sessions, slot length, places, window), and closed days (closing a day with
 * appointments lists them first, and cancels them only when the admin confirms that list). Office
 * admins for their own offices, system admins for all; another office is answered like an unknown
 * one (404), a member who administers none gets 403. Every change is audited.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ADMIN_ROLES,
  administeredOffices,
  changeSettings,
  closeDay,
  officeAccess,
  officeScheduleView,
  previewClosure,
  reopenDay,
  type OfficeAdminDeps,
} from '../office-admin.ts';
import { closureRequestSchema, ScheduleSettingsSchema } from '../../../engine/booking/schedule-admin.ts';
import { ResourceScheduleSchema } from '../../../engine/booking/schedule.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { publicOrigin } from '../../../http/public-origin.ts';
import { ApiErrorSchema } from '../../../http/api-error.ts';
import type { ApiEnv } from '../../../http/api-env.ts';
import { refuse } from '../../../http/refusals.ts';
import { requireStaff } from '../../../http/require-staff.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { textLine } from '../../../domain/text.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const OfficeSchedule = z
  .object({
    id: z.string(),
    office: z.string().meta({ description: 'The staff office that runs it' }),
    customised: z.boolean().meta({ description: 'Changed by an admin; else the configured (file or demo) schedule' }),
    updatedAt: z.string().nullable(),
    schedule: ResourceScheduleSchema,
    futureAppointments: z.number().int().meta({ description: 'Active appointments from today on; while there are any, the slot length cannot change' }),
  })
  .openapi('OfficeSchedule');

export const AffectedAppointment = z
  .object({
    trackingNumber: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    kind: z.string(),
    people: z.array(z.object({ name: z.string().meta({ description: 'Masked' }), idNumber: z.string().meta({ description: 'Masked' }) })),
  })
  .openapi('AffectedAppointment');

const ClosurePreview = z.object({ date: z.string(), closed: z.boolean(), affected: z.array(AffectedAppointment) }).openapi('ClosurePreview');

const NeedsConfirmation = ApiErrorSchema.extend({ affected: z.array(AffectedAppointment) }).openapi('ClosureNeedsConfirmation');

const OfficeParam = z.object({ officeId: textLine().max(60) });
const DateParam = OfficeParam.extend({ date: z.iso.date() });

const notSignedIn = { 401: json(ApiErrorSchema, 'Not signed in') };
const scoped = {
  ...notSignedIn,
  403: json(ApiErrorSchema, 'Not an office or system admin'),
  404: json(ApiErrorSchema, 'No such registry office, or not one the member administers'),
};

const list = createRoute({
  method: 'get',
  path: '/staff/offices',
  operationId: 'listAdministeredOffices',
  middleware: requireStaff({ roles: ADMIN_ROLES }),
  tags: ['Staff'],
  summary: 'The registry offices the member administers, with their schedules',
  responses: { 200: json(z.object({ offices: z.array(OfficeSchedule) }), 'The offices'), ...notSignedIn, 403: json(ApiErrorSchema, 'Not an office or system admin') },
});

const one = createRoute({
  method: 'get',
  path: '/staff/offices/{officeId}',
  operationId: 'getOfficeSchedule',
  middleware: requireStaff({ roles: ADMIN_ROLES }),
  tags: ['Staff'],
  summary: 'One registry office’s schedule as stored',
  request: { params: OfficeParam },
  responses: { 200: json(OfficeSchedule, 'The office'), ...scoped },
});

const settings = createRoute({
  method: 'put',
  path: '/staff/offices/{officeId}/settings',
  operationId: 'changeOfficeSettings',
  middleware: requireStaff({ roles: ADMIN_ROLES }),
  tags: ['Staff'],
  summary:
    'New weekly sessions, slot length, places per slot per kind and booking window. Existing slots take the new places (never fewer than are taken: `slotsNotReduced` counts those). Audited.',
  request: { params: OfficeParam, body: { content: { 'application/json': { schema: ScheduleSettingsSchema.meta({ id: 'ScheduleSettings' }) } }, required: true } },
  responses: {
    200: json(OfficeSchedule.extend({ slotsNotReduced: z.number().int() }).openapi('OfficeScheduleChanged'), 'Saved; bookings use it at once'),
    ...scoped,
    409: json(ApiErrorSchema, 'The slot length cannot change while appointments exist from today on, or new sessions would leave a booked time outside every slot'),
    422: json(ApiErrorSchema, 'A setting is not valid (each problem on its field)'),
  },
});

const preview = createRoute({
  method: 'get',
  path: '/staff/offices/{officeId}/closures/{date}',
  operationId: 'previewOfficeClosure',
  middleware: requireStaff({ roles: ADMIN_ROLES }),
  tags: ['Staff'],
  summary: 'What closing a day would cancel: its active appointments (names and ID numbers masked). Audited.',
  request: { params: DateParam },
  responses: { 200: json(ClosurePreview, 'The day'), ...scoped, 422: json(ApiErrorSchema, 'The date is not after today') },
});

const close = createRoute({
  method: 'post',
  path: '/staff/offices/{officeId}/closures',
  operationId: 'closeOfficeDay',
  middleware: requireStaff({ roles: ADMIN_ROLES }),
  tags: ['Staff'],
  summary:
    'Close a day. If it has appointments, `confirmed` must list every one of their tracking numbers (as the preview showed them); then each is cancelled by the office, its place released and its applicant sent an SMS with a link to book again, with the closure, in one transaction. Audited.',
  // The date's "after today" rule is checked against the server's clock when the request is handled.
  request: { params: OfficeParam, body: { content: { 'application/json': { schema: closureRequestSchema('').meta({ id: 'ClosureRequest' }) } }, required: true } },
  responses: {
    200: json(OfficeSchedule.extend({ cancelled: z.number().int() }).openapi('OfficeDayClosed'), 'Closed'),
    ...scoped,
    409: json(NeedsConfirmation, 'The day has appointments not (or no longer all) confirmed: nothing saved; here they are'),
    422: json(ApiErrorSchema, 'The date is not valid or not after today'),
  },
});

const reopen = createRoute({
  method: 'delete',
  path: '/staff/offices/{officeId}/closures/{date}',
  operationId: 'reopenOfficeDay',
  middleware: requireStaff({ roles: ADMIN_ROLES }),
  tags: ['Staff'],
  summary: 'Open a closed day again (appointments cancelled by the closure stay cancelled). Audited.',
  request: { params: DateParam },
  responses: { 200: json(OfficeSchedule, 'Open again'), ...scoped },
});

function adminDeps<E extends ApiEnv>(c: Context<E>): OfficeAdminDeps {
  return { ...caseDeps(c), offices: c.get('deps').offices };
}

export const officeAdminRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(list, async (c) => {
    const deps = adminDeps(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ offices: await Promise.all(administeredOffices(deps.offices, c.get('staff')).map((office) => officeScheduleView(deps, office))) }, 200);
  })
  .openapi(one, async (c) => {
    const access = officeAccess(c.get('deps').offices, c.get('staff'), c.req.valid('param').officeId);
    if (!access.ok) return refuse(c, 'officeAccess', access);
    c.header('Cache-Control', 'no-store');
    return c.json(await officeScheduleView(adminDeps(c), access.office), 200);
  })
  .openapi(settings, async (c) => {
    const member = c.get('staff');
    const access = officeAccess(c.get('deps').offices, member, c.req.valid('param').officeId);
    if (!access.ok) return refuse(c, 'officeAccess', access);
    const deps = adminDeps(c);
    const result = await changeSettings(deps, member, access.office, c.req.valid('json'), clientAddress(c));
    c.header('Cache-Control', 'no-store');
    if (!result.ok) return refuse(c, 'officeSettings', result);
    return c.json({ ...(await officeScheduleView(deps, access.office)), slotsNotReduced: result.slotsNotReduced }, 200);
  })
  .openapi(preview, async (c) => {
    const member = c.get('staff');
    const { officeId, date } = c.req.valid('param');
    const access = officeAccess(c.get('deps').offices, member, officeId);
    if (!access.ok) return refuse(c, 'officeAccess', access);
    const result = await previewClosure(adminDeps(c), member, access.office, date, clientAddress(c));
    c.header('Cache-Control', 'no-store');
    if (!result.ok) return refuse(c, 'closurePreview', result);
    return c.json({ date: result.date, closed: result.closed, affected: result.affected }, 200);
  })
  .openapi(close, async (c) => {
    const member = c.get('staff');
    const access = officeAccess(c.get('deps').offices, member, c.req.valid('param').officeId);
    if (!access.ok) return refuse(c, 'officeAccess', access);
    const deps = adminDeps(c);
    // The texts' links: the public origin, never the Host this request was sent with.
    const result = await closeDay(deps, member, access.office, c.req.valid('json'), clientAddress(c), publicOrigin(c));
    c.header('Cache-Control', 'no-store');
    if (!result.ok) return refuse(c, 'closeDay', result);
    return c.json({ ...(await officeScheduleView(deps, access.office)), cancelled: result.cancelled }, 200);
  })
  .openapi(reopen, async (c) => {
    const member = c.get('staff');
    const { officeId, date } = c.req.valid('param');
    const access = officeAccess(c.get('deps').offices, member, officeId);
    if (!access.ok) return refuse(c, 'officeAccess', access);
    const deps = adminDeps(c);
    await reopenDay(deps, member, access.office, date, clientAddress(c));
    c.header('Cache-Control', 'no-store');
    return c.json(await officeScheduleView(deps, access.office), 200);
  });
