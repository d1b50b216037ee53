import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SignInSchema, STAFF_ROLES } from '../domain/staff/staff.ts';
import { textLine } from '../domain/text.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { authDeps, signInDeps } from '../http/route-deps.ts';
import { STAFF_SESSION_COOKIE, signIn, signOut } from '../staff/auth.ts';
import { decodeQueueCursor, staffCapabilities, staffQueue } from '../cases/queue.ts';

const StaffMember = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(STAFF_ROLES)),
    offices: z.array(z.string()),
    serviceAreas: z.array(z.string()),
  })
  .openapi('StaffMember');

const SignedIn = z.object({ staff: StaffMember, expiresAt: z.string() }).openapi('StaffSignedIn');

const StaffMe = StaffMember.extend({
  may: z
    .object({ queue: z.boolean(), officeDay: z.boolean(), homeDay: z.boolean(), officeSchedules: z.boolean(), holidayYears: z.boolean(), breakGlass: z.boolean(), ratings: z.boolean(), dashboard: z.boolean() })
    .meta({ description: 'What the workbench offers this member (docs/access-control.md)' }),
}).openapi('StaffMe');
const SignInBody = SignInSchema.meta({ id: 'StaffSignIn' });
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const startSession = createRoute({
  method: 'post',
  path: '/staff/session',
  operationId: 'signIn',
  tags: ['Staff'],
  summary: 'Sign in: opens a session in an HttpOnly, SameSite=Strict cookie',
  request: { body: { content: { 'application/json': { schema: SignInBody } }, required: true } },
  responses: {
    200: json(SignedIn, 'Signed in'),
    401: json(ApiErrorSchema, 'Wrong name or password (the same answer for both)'),
    422: json(ApiErrorSchema, 'A field is missing'),
    429: {
      ...json(ApiErrorSchema, 'Too many attempts (`too_many_sign_in_attempts`) for this account from this address, for this account, or from this address (docs/decisions/014): no password was checked, and the message says when to try again. Unknown usernames are answered alike'),
      headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds until an attempt may be made again' }) }),
    },
  },
});

const me = createRoute({
  method: 'get',
  path: '/staff/me',
  operationId: 'getSignedInStaff',
  tags: ['Staff'],
  summary: 'The signed-in staff member, and what the workbench offers them',
  middleware: requireStaff(),
  responses: { 200: json(StaffMe, 'Signed in'), 401: json(ApiErrorSchema, 'Not signed in, or the session ended') },
});

const endSession = createRoute({
  method: 'post',
  path: '/staff/session/end',
  operationId: 'signOut',
  tags: ['Staff'],
  summary: 'Sign out of this session, or of every session of the member',
  middleware: requireStaff(),
  request: { body: { content: { 'application/json': { schema: z.object({ everywhere: z.boolean().default(false) }) } }, required: false } },
  responses: { 204: { description: 'Signed out' }, 401: json(ApiErrorSchema, 'Not signed in') },
});

const QueueItem = z
  .object({
    trackingNumber: z.string(),
    service: z.string(),
    state: z.string(),
    office: z.string(),
    submittedAt: z.string(),
    dueOn: z.string().nullable(),
    dueStatus: z.enum(['stopped', 'paused', 'overdue', 'due-soon', 'on-time']).nullable(),
  })
  .openapi('QueueItem');

const queue = createRoute({
  method: 'get',
  path: '/staff/cases',
  operationId: 'listStaffQueue',
  tags: ['Staff'],
  summary: 'The cases the signed-in member handles (a case-handling role, their offices and service areas), soonest due first, with counts per state',
  middleware: requireStaff(),
  request: {
    query: z.object({
      state: textLine().max(40).optional(),
      service: textLine().max(60).optional(),
      due: z.enum(['overdue', 'due-soon']).optional(),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      after: z
        .string()
        .max(300)
        .refine((cursor) => decodeQueueCursor(cursor) !== undefined, 'errors.field.invalid')
        .optional()
        .meta({ description: 'The `next` cursor of the page before: the page after it, read from the index (flat however deep)' }),
      before: z
        .string()
        .max(300)
        .refine((cursor) => decodeQueueCursor(cursor) !== undefined, 'errors.field.invalid')
        .optional()
        .meta({ description: 'The `previous` cursor of the page after: the page before it' }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          items: z.array(QueueItem),
          total: z.number().int(),
          page: z.number().int(),
          pages: z.number().int(),
          next: z.string().nullable().meta({ description: 'The next page’s cursor (`after`), or null on the last page' }),
          previous: z.string().nullable().meta({ description: 'The previous page’s cursor (`before`), or null on the first page' }),
          countsByState: z.record(z.string(), z.number().int()).meta({ description: 'The member’s whole queue per state, whatever the filters' }),
          countsByService: z
            .array(z.object({ service: z.string(), states: z.array(z.object({ state: z.string(), cases: z.number().int() })) }))
            .meta({ description: 'The same per service (the registry’s order), each service’s states in its workflow’s order: what the state filter offers' }),
        })
        .openapi('StaffQueue'),
      'A page of the queue',
    ),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'The member has no case-handling role: no queue (docs/access-control.md)'),
    422: json(ApiErrorSchema, 'A filter is not valid'),
  },
});

/** Secure cookies everywhere but on the developer's own machine, where there is no TLS. */
function secureCookie(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export const staffRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(startSession, async (c) => {
    const input = c.req.valid('json');
    const result = await signIn(signInDeps(c), input, clientAddress(c));
    if (!result.ok) return refuse(c, 'signIn', result);
    setCookie(c, STAFF_SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: secureCookie(c),
      expires: new Date(result.expiresAt),
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ staff: result.staff, expiresAt: result.expiresAt }, 200);
  })
  .openapi(me, async (c) => {
    const member = c.get('staff');
    c.header('Cache-Control', 'no-store');
    return c.json({ ...member, may: staffCapabilities(member, c.get('deps').services) }, 200);
  })
  .openapi(queue, async (c) => {
    const deps = c.get('deps');
    c.header('Cache-Control', 'no-store');
    const found = await staffQueue({ db: deps.database.db, calendar: deps.calendar, now: deps.now, services: deps.services }, c.get('staff'), c.req.valid('query'));
    if (!found) return refuse(c, 'queue', { reason: 'no_queue' });
    return c.json(found, 200);
  })
  .openapi(endSession, async (c) => {
    const session = c.get('staffSession');
    const body = (await c.req.json().catch(() => ({}))) as { everywhere?: unknown };
    await signOut(authDeps(c), session, body.everywhere === true, clientAddress(c));
    deleteCookie(c, STAFF_SESSION_COOKIE, { path: '/', secure: secureCookie(c), httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });
