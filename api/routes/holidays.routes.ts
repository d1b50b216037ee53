/**
 * The holiday calendar for staff: which years have data, which are missing (staff are warned), and
 * loading a year when the State Council publishes it (system admins; audited; every process picks
 * it up within a minute, this one at once).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { listHolidayYears, saveHolidayYear } from '../db/holidays.repo.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { HolidayYearInputSchema, missingHolidayYears } from '../domain/calendar/holiday-year-form.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiErrorSchema, errorBody, requestLocale, statusError } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { staffSession } from '../http/route-deps.ts';
import { translator } from '../i18n/index.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const HolidayYearBody = HolidayYearInputSchema.meta({ id: 'HolidayYear' });

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
  tags: ['Staff'],
  summary: 'The holiday years the deadlines use, and the years still missing',
  responses: { 200: json(HolidayCalendar, 'The calendar'), 401: json(ApiErrorSchema, 'Not signed in') },
});

const load = createRoute({
  method: 'put',
  path: '/staff/holidays/{year}',
  operationId: 'loadHolidayYear',
  tags: ['Staff'],
  summary: 'Load (or correct) a year’s holidays and make-up working days, as published by the State Council. System admins only; audited.',
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: { content: { 'application/json': { schema: HolidayYearBody } }, required: true },
  },
  responses: {
    200: json(HolidayCalendar, 'Loaded; deadlines use it from now on'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'Only system admins load holiday years'),
    422: json(ApiErrorSchema, 'A date is not valid, outside the year, or a make-up day is not a weekend'),
  },
});

const signedInMember = async (c: Context<ApiEnv>) => (await staffSession(c))?.staff;

async function calendarView(c: Context<ApiEnv>): Promise<z.infer<typeof HolidayCalendar>> {
  const d = c.get('deps');
  const stored = await listHolidayYears(d.database.db);
  return {
    years: stored.map(({ data, loadedAt, loadedBy }) => ({ ...data, loadedAt, loadedByStaff: loadedBy !== null })),
    missing: missingHolidayYears(chinaDate(d.now()), stored.map(({ data }) => data.year)),
  };
}

export const holidayRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(list, async (c) => {
    if (!(await signedInMember(c))) return statusError(c, 401, 'not_signed_in');
    c.header('Cache-Control', 'no-store');
    return c.json(await calendarView(c), 200);
  })
  .openapi(load, async (c) => {
    const member = await signedInMember(c);
    if (!member) return statusError(c, 401, 'not_signed_in');
    const t = translator(requestLocale(c));
    if (!member.roles.includes('system-admin')) return c.json(errorBody(c, 'not_permitted', t('errors.workbench.notPermitted')), 403);
    const year = c.req.valid('json');
    if (year.year !== c.req.valid('param').year) {
      return c.json(errorBody(c, 'validation_failed', t('errors.badRequest'), [{ field: 'year', code: 'custom', message: t('errors.holidays.yearMismatch') }]), 422);
    }
    const d = c.get('deps');
    await saveHolidayYear(d.database.db, d.database.kind, year, { staffId: member.id, role: 'system-admin', origin: clientAddress(c) }, d.now());
    await d.calendar.refresh();
    c.header('Cache-Control', 'no-store');
    return c.json(await calendarView(c), 200);
  });
