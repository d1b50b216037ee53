/**
 * The holiday calendar for staff: which years have data, which are missing (staff are warned), and
 * loading a year when the State Council publishes it (system admins; audited; every process picks
 * it up within a minute, this one at once). A year whose new holidays cover booked appointments is
 * saved only once the admin has seen them and confirms cancelling them (api/services/marriage/holiday-closures.ts).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { loadHolidayYear } from '../services/marriage/holiday-closures.ts';
import { listHolidayYears } from '../db/holidays.repo.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { HolidayYearLoadSchema, missingHolidayYears } from '../domain/calendar/holiday-year-form.ts';
import { publicOrigin } from '../http/public-origin.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { caseDeps } from '../http/route-deps.ts';
import { AffectedAppointment } from '../services/marriage/routes/office-admin.routes.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const HolidayYearBody = HolidayYearLoadSchema.meta({ id: 'HolidayYearLoad' });

const HolidayAffectedAppointment = AffectedAppointment.extend({ office: z.string().meta({ description: 'The registry office' }) }).openapi('HolidayAffectedAppointment');
const HolidaysNeedConfirmation = ApiErrorSchema.extend({ affected: z.array(HolidayAffectedAppointment) }).openapi('HolidaysNeedConfirmation');

const HolidayCalendar = z
  .object({
    years: z.array(
      z.object({
        year: z.number().int(),
        source: z.string(),
        holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
        makeUpWorkdays: z.array(z.string()),
        loadedAt: z.string(),
        loadedByStaff: z.boolean(),
      }),
    ),
    missing: z.array(z.number().int()).meta({ description: 'This year and, from October, the next, when they have no data: deadlines in them count Monday to Friday' }),
  })
  .openapi('HolidayCalendar');

const list = createRoute({
  method: 'get',
  path: '/staff/holidays',
  operationId: 'listHolidayYears',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'The holiday years the deadlines use, and the years still missing',
  responses: { 200: json(HolidayCalendar, 'The calendar'), 401: json(ApiErrorSchema, 'Not signed in') },
});

const load = createRoute({
  method: 'put',
  path: '/staff/holidays/{year}',
  operationId: 'loadHolidayYear',
  // Loading a year closes registry offices on its days: the system admins' (docs/access-control.md).
  middleware: requireStaff({ roles: ['system-admin'] }),
  tags: ['Staff'],
  summary:
    'Load (or correct) a year’s holidays and make-up working days, as published by the State Council. System admins only; audited. If the new holidays cover booked appointments (from tomorrow on, at any registry office), `confirmed` must list every one of their tracking numbers as the 409 answer showed them (masked); then each is cancelled by the office, its place released and both parties sent an SMS with a link to book again, with the year, in one transaction.',
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: { content: { 'application/json': { schema: HolidayYearBody } }, required: true },
  },
  responses: {
    200: json(HolidayCalendar.extend({ cancelled: z.number().int() }).openapi('HolidayYearLoaded'), 'Loaded; deadlines and bookings use it from now on; `cancelled` appointments were cancelled'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'Only system admins load holiday years'),
    409: json(HolidaysNeedConfirmation, 'The new holidays cover booked appointments not (or no longer all) confirmed, or one that cannot be cancelled now: nothing saved; here they are'),
    422: json(ApiErrorSchema, 'A date is not valid, outside the year, or a make-up day is not a weekend'),
  },
});

async function calendarView<E extends ApiEnv>(c: Context<E>): Promise<z.infer<typeof HolidayCalendar>> {
  const d = c.get('deps');
  const stored = await listHolidayYears(d.database.db);
  return {
    years: stored.map(({ data, loadedAt, loadedBy }) => ({ ...data, loadedAt, loadedByStaff: loadedBy !== null })),
    missing: missingHolidayYears(chinaDate(d.now()), stored.map(({ data }) => data.year)),
  };
}

export const holidayRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await calendarView(c), 200);
  })
  .openapi(load, async (c) => {
    const year = c.req.valid('json');
    if (year.year !== c.req.valid('param').year) return refuse(c, 'holidayYear', { reason: 'year_mismatch', year: year.year });
    // The texts' links: the public origin, never the Host this request was sent with.
    const result = await loadHolidayYear({ ...caseDeps(c), calendar: c.get('deps').calendar, offices: c.get('deps').offices }, c.get('staff'), year, clientAddress(c), publicOrigin(c));
    c.header('Cache-Control', 'no-store');
    if (result.ok) return c.json({ ...(await calendarView(c)), cancelled: result.cancelled }, 200);
    return refuse(c, 'holidayYear', { ...result, year: year.year });
  });
