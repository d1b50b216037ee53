/**
 * A booking's person page asks whether the person whose ID document was just entered may book:
 * one suspended after no-shows is told there, with why, until when and whom to call
 * (docs/decisions/023), and the booking asks again when it is sent. Counted per client like
 * booking attempts, in the database.
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkPersonMayBook } from '../booking-eligibility.ts';
import { hitRateLimit } from '../../../db/request-guards.repo.ts';
import { ID_DOCUMENT_TYPES } from '../../../domain/identity/id-document.ts';
import { textLine } from '../../../domain/text.ts';
import { ApiErrorSchema } from '../../../http/api-error.ts';
import type { ApiEnv } from '../../../http/api-env.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { refuse } from '../../../http/refusals.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const PersonCheckRequest = z
  .object({
    office: textLine().max(60).meta({ description: 'The registry office being booked: the message names it and its phone' }),
    party: z.enum(['partyA', 'partyB']).meta({ description: 'Which person of the booking: the refusal names this party’s idNumber field' }),
    idType: z.enum(ID_DOCUMENT_TYPES).default('resident-id'),
    idNumber: textLine().trim().min(1).max(40),
  })
  .openapi('BookingPersonCheck');

const checkPerson = createRoute({
  method: 'post',
  path: '/marriage/booking-checks/person',
  operationId: 'checkBookingPerson',
  tags: ['Marriage appointments'],
  summary: 'Whether a person may book now (not suspended after missed appointments), asked on the page where their ID document is entered',
  request: { body: { content: { 'application/json': { schema: PersonCheckRequest } }, required: true } },
  responses: {
    200: json(z.object({ mayBook: z.literal(true) }).openapi('BookingPersonMayBook'), 'The person may book'),
    422: json(ApiErrorSchema, 'The person may not book now (code suspended on <party>.idNumber: why, until when, whom to call), or the office or document number is not valid'),
    429: json(ApiErrorSchema, 'Too many checks from this client (BOOKING_LIMIT_PER_CLIENT per 10 minutes); try again later'),
  },
});

const CHECK_WINDOW_MS = 10 * 60_000;

export const bookingCheckRoutes = new OpenAPIHono<ApiEnv>().openapi(checkPerson, async (c) => {
  const deps = caseDeps(c);
  const { office, party, idType, idNumber } = c.req.valid('json');
  c.header('Cache-Control', 'no-store');
  // The refusal names the party's field, and the office whose phone to call.
  const registry = c.get('deps').offices.get(office);
  const asked = { party, office, ...(registry ? { registry } : {}) };
  if (!registry) return refuse(c, 'personCheck', { reason: 'unknown-office', ...asked });
  const client = createHash('sha256').update(clientAddress(c) ?? 'unknown').digest('base64url');
  const limit = await hitRateLimit(deps.db, `booking-check:client:${client}`, { limit: c.get('deps').bookingLimitPerClient, windowMs: CHECK_WINDOW_MS, now: deps.now() });
  if (!limit.allowed) return refuse(c, 'personCheck', { reason: 'too-many', ...asked });
  const result = await checkPersonMayBook(deps, { idType, idNumber });
  if (result.ok) return c.json({ mayBook: true as const }, 200);
  return refuse(c, 'personCheck', { ...result, ...asked });
});
