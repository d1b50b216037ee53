/**
 * The bureau dashboard's figures (docs/decisions/054): office admins for their offices, system
 * admins for every office; anyone else 403, an office not the member's 404.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { dashboard, DASHBOARD_ROLES, DashboardQuerySchema } from '../cases/dashboard.ts';
import { RATING_LEVELS } from '../domain/ratings/ratings.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const Counts = { received: z.number().int(), completed: z.number().int() };
const AppointmentCounts = {
  booked: z.number().int().meta({ description: 'Every appointment for a day of the period, whatever became of it' }),
  attended: z.number().int(),
  noShow: z.number().int(),
  cancelled: z.number().int().meta({ description: 'By the couple (an office’s closure is counted apart from these four)' }),
};

const RatingFigures = {
  total: z.number().int(),
  counts: z.object(Object.fromEntries(RATING_LEVELS.map((level) => [level, z.number().int()])) as Record<(typeof RATING_LEVELS)[number], z.ZodNumber>).meta({ description: 'Ratings at each of the five national levels (国办发〔2019〕51号)' }),
  satisfactionRate: z.number().nullable().meta({ description: 'The good ratings’ share (0…1), as the public /ratings counts it; null without ratings' }),
  bad: z.number().int().meta({ description: 'Ratings at the two lower levels (差评)' }),
};
const FollowUpFigures = z
  .object({
    opened: z.number().int(),
    replied: z.number().int(),
    overdue: z.number().int().meta({ description: 'Still unanswered today after their last day' }),
    resolved: z.number().int().meta({ description: 'The applicant said the answer resolved it' }),
  })
  .meta({ description: 'The follow-ups of the period’s bad ratings' });

const DashboardView = z
  .object({
    today: z.string().meta({ description: 'Today in China (YYYY-MM-DD): what “overdue now” counts against' }),
    period: z.object({ from: z.string(), to: z.string(), months: z.array(z.string()) }),
    filters: z.object({ service: z.string().nullable(), office: z.string().nullable() }),
    choices: z.object({ services: z.array(z.string()), offices: z.array(z.string()).meta({ description: 'The offices the member’s figures cover' }) }),
    cases: z.object({
      totals: z.object({ ...Counts, overdue: z.number().int() }),
      byMonth: z.array(z.object({ month: z.string(), ...Counts })).meta({ description: 'Received in the month it was submitted, completed in the month it left the open states (China time)' }),
      byService: z.array(z.object({ service: z.string(), ...Counts, overdue: z.number().int() })),
      byOffice: z.array(z.object({ office: z.string(), ...Counts, overdue: z.number().int().meta({ description: 'Open cases whose running deadline is past, today' }) })),
      stages: z
        .array(z.object({ service: z.string(), stage: z.string().meta({ description: 'The state the case was in' }), ended: z.number().int(), averageWorkingDays: z.number().nullable() }))
        .meta({ description: 'Stages that ended in the period, by the month they ended: how many, and their average length in working days (one decimal)' }),
    }),
    appointments: z.object({
      totals: z.object(AppointmentCounts),
      byMonth: z.array(z.object({ month: z.string(), ...AppointmentCounts })),
      byOffice: z.array(z.object({ registry: z.string().meta({ description: 'The registry office’s id' }), ...AppointmentCounts })),
    }),
    ratings: z
      .object({
        totals: z.object({ ...RatingFigures, followUps: FollowUpFigures }),
        byMonth: z.array(z.object({ month: z.string(), ...RatingFigures })),
        byService: z.array(z.object({ service: z.string(), ...RatingFigures, followUps: FollowUpFigures })),
        byOffice: z.array(z.object({ office: z.string(), ...RatingFigures, followUps: FollowUpFigures })),
        badReasons: z
          .array(z.object({ reason: z.string(), count: z.number().int(), share: z.number().nullable().meta({ description: 'Of the bad ratings (0…1); one rating may give several reasons' }) }))
          .meta({ description: 'The reasons bad ratings gave, the most frequent first' }),
      })
      .meta({ description: 'Ratings (好差评) given in the period, by the month of the rating (China time), and their follow-ups' }),
  })
  .openapi('Dashboard');

const Query = DashboardQuerySchema.openapi({
  param: { in: 'query' },
  description: 'from, to: YYYY-MM (the twelve months up to this one by default); service; office (a staff office the member sees)',
});

const figures = createRoute({
  method: 'get',
  path: '/staff/dashboard',
  operationId: 'getDashboard',
  middleware: requireStaff({ roles: DASHBOARD_ROLES }),
  tags: ['Staff'],
  summary: 'The bureau dashboard: cases received, completed and overdue, average working days per stage, appointments booked, attended and missed, ratings and their follow-ups; by service, office and month',
  request: { query: Query },
  responses: {
    200: json(DashboardView, 'The figures'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'Not an office or system admin'),
    404: json(ApiErrorSchema, 'No such service, or an office the member does not see'),
    422: json(ApiErrorSchema, 'A month not written YYYY-MM, a period that ends before it begins or is longer than ten years'),
  },
});

export const dashboardRoutes = new OpenAPIHono<ApiEnv>().openapi(figures, async (c) => {
  const deps = c.get('deps');
  const result = await dashboard({ db: deps.database.db, now: deps.now, services: deps.services, offices: deps.offices }, c.get('staff'), c.req.valid('query'));
  if (!result.ok) return refuse(c, 'dashboard', result);
  c.header('Cache-Control', 'no-store');
  return c.json(result.view, 200);
});
