/**
 * Marriage registration appointments over HTTP: the offices, an office's calendar and a day's
 * slots for one kind of business, and booking (with an Idempotency-Key). A full slot, a closed or
 * not-yet-open day and a person already booked are 409/422 answers with a translated message on the
 * field concerned, never a 5xx.
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bookMarriageAppointment, officeCalendar, officeSlots, PhoneProofsSchema, refuseIfKnownFull } from '../booking-service.ts';
import { ApiErrorSchema, MALFORMED_JSON, requestLocale, statusError } from '../../../http/api-error.ts';
import type { ApiEnv } from '../../../http/api-env.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { hitRateLimit } from '../../../db/request-guards.repo.ts';
import { idempotent } from '../../../http/idempotency.ts';
import { bodyValidatedInHandler, registerSchema } from '../../../http/openapi-contract.ts';
import { formatOpeningHours } from '../../../i18n/opening-hours.ts';
import { refuse, type Refusals } from '../../../http/refusals.ts';
import { LocaleSchema } from '../../../domain/guides/guide.schema.ts';
import { textLine } from '../../../domain/text.ts';
import { marriageAppointmentSchema } from '../appointment.schema.ts';
import { DEMO_OFFICES, MARRIAGE_KINDS, officeText } from '../offices.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const Office = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    accessibility: z.array(z.string()).meta({ description: 'Access notes, one fact each (step-free entrance, lift, accessible toilet, hearing loop, sign language, parking)' }),
    textLang: LocaleSchema.meta({ description: 'The language name, address and notes are in: zh-CN when the office has no text in the language asked for' }),
    openingHours: z.array(z.string()).meta({ description: 'Regular opening hours, a line each, from the weekly schedule (e.g. 周一至周五 09:00–12:00，13:30–17:00)' }),
    phone: z.string(),
    mapUrl: z.string(),
    handlesForeign: z.boolean().meta({ description: 'Designated for registrations where a party is a foreigner or a resident of Hong Kong, Macao or Taiwan (涉外、涉港澳台)' }),
    placesPerSlot: z.record(z.string(), z.number().int()),
    slotMinutes: z.number().int(),
    window: z.object({ minDaysAhead: z.number().int(), maxDaysAhead: z.number().int() }),
  })
  .openapi('RegistryOffice');
export type RegistryOfficeView = z.infer<typeof Office>;

const offices = createRoute({
  method: 'get',
  path: '/marriage/offices',
  operationId: 'listRegistryOffices',
  tags: ['Marriage appointments'],
  summary: 'The marriage registry offices (any office registers anyone: 全国通办), with their text in the language asked for (lang, else Accept-Language)',
  request: { query: z.object({ lang: LocaleSchema.optional().meta({ description: 'zh-CN or en; without it, Accept-Language decides' }) }) },
  responses: { 200: json(z.object({ offices: z.array(Office) }), 'The offices') },
});

const Kind = z.enum(MARRIAGE_KINDS);
const Day = z.iso.date();

const calendar = createRoute({
  method: 'get',
  path: '/marriage/offices/{office}/calendar',
  operationId: 'getOfficeCalendar',
  tags: ['Marriage appointments'],
  summary: 'An office’s days for one kind of business: places left, full, closed, or when a popular date opens',
  request: {
    params: z.object({ office: textLine().max(60) }),
    query: z.object({ kind: Kind, from: Day, days: z.coerce.number().int().min(1).max(62).default(31) }),
  },
  responses: {
    200: json(
      z.object({ days: z.array(z.object({ date: z.string(), state: z.enum(['closed', 'past', 'too-soon', 'beyond-window', 'opens-at', 'full', 'available']), placesLeft: z.number().int().optional(), releasesAt: z.string().optional() })) }).openapi('OfficeCalendar'),
      'The days',
    ),
    404: json(ApiErrorSchema, 'No such office'),
    422: json(ApiErrorSchema, 'A parameter is not valid'),
  },
});

const slots = createRoute({
  method: 'get',
  path: '/marriage/offices/{office}/slots',
  operationId: 'getOfficeSlots',
  tags: ['Marriage appointments'],
  summary: 'The slots of one day with the places left in each',
  request: { params: z.object({ office: textLine().max(60) }), query: z.object({ kind: Kind, date: Day }) },
  responses: {
    200: json(z.object({ slots: z.array(z.object({ start: z.string(), end: z.string(), placesLeft: z.number().int() })) }).openapi('OfficeSlots'), 'The slots'),
    404: json(ApiErrorSchema, 'No such office'),
    422: json(ApiErrorSchema, 'A parameter is not valid'),
  },
});

const Booked = z
  .object({ trackingNumber: z.string(), office: z.string(), kind: Kind, date: z.string(), start: z.string(), end: z.string() })
  .openapi('AppointmentBooked');

const book = createRoute({
  method: 'post',
  path: '/marriage/appointments',
  operationId: 'bookMarriageAppointment',
  tags: ['Marriage appointments'],
  summary: 'Book an appointment',
  description:
    'Body: kind, office, date, start, partyA {name, idType (resident-id by default; residence-permit, hk-macao-permit, taiwan-permit, foreign-permanent-id or passport at an office that handlesForeign), idNumber, phone, birthDate and sex when the number does not carry them}, partyB (not needed for a reissue), and phoneProofs {partyA, partyB}: the proof of each party’s phone from POST /phone-codes/confirm (docs/decisions/019). A repeat with the same Idempotency-Key and body gets the first answer again. A person who already holds an appointment of the kind is refused on their idNumber, saying which appointment only when one of the booking’s confirmed phones is one that appointment was booked with.',
  // Checked in the handler: a slot already full is refused before the answers are (the flash crowd's fast path).
  request: { headers: z.object({ 'idempotency-key': textLine().min(8).max(100).optional() }), body: bodyValidatedInHandler('MarriageAppointmentRequest') },
  responses: {
    201: json(Booked, 'Booked; a place is held and the applicant is notified'),
    400: json(ApiErrorSchema, 'The body is not JSON'),
    409: json(ApiErrorSchema, 'The slot is full, or the Idempotency-Key was used with another body or is still running'),
    422: json(ApiErrorSchema, 'Field errors (ID numbers, ages, the same person twice, a phone not confirmed (`phone_not_confirmed`, `phone_proof_invalid` on partyA.phone or partyB.phone), a person already booked or suspended after no-shows, a closed or not-yet-open day)'),
    429: json(ApiErrorSchema, 'Too many booking attempts from this client (BOOKING_LIMIT_PER_CLIENT per 10 minutes); try again later'),
  },
});

const BOOKING_WINDOW_MS = 10 * 60_000;

export const marriageRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(offices, (c) => {
    const lang = requestLocale(c);
    // The same path answers in either language.
    c.header('Vary', 'Accept-Language');
    return c.json(
      {
        offices: c.get('deps').offices.all().map((office) => {
          const text = officeText(office, lang);
          return {
            id: office.id,
            name: text.name,
            address: text.address,
            accessibility: text.accessibility,
            textLang: text.lang,
            openingHours: formatOpeningHours(office.schedule, lang),
            phone: office.phone,
            mapUrl: office.mapUrl,
            handlesForeign: office.handlesForeign,
            placesPerSlot: office.schedule.placesPerSlot,
            slotMinutes: office.schedule.slotMinutes,
            window: office.schedule.window,
          };
        }),
      },
      200,
    );
  })
  .openapi(calendar, async (c) => {
    const { kind, from, days } = c.req.valid('query');
    const result = await officeCalendar(caseDeps(c), c.req.valid('param').office, kind, from, days);
    if (!result) return refuse(c, 'registryOffice', { reason: 'no_such_office' });
    c.header('Cache-Control', 'no-store');
    return c.json({ days: result }, 200);
  })
  .openapi(slots, async (c) => {
    const { kind, date } = c.req.valid('query');
    const result = await officeSlots(caseDeps(c), c.req.valid('param').office, kind, date);
    if (!result) return refuse(c, 'registryOffice', { reason: 'no_such_office' });
    c.header('Cache-Control', 'no-store');
    return c.json({ slots: result }, 200);
  })
  .openapi(book, async (c) => {
    const lang = requestLocale(c);
    const deps = caseDeps(c);
    const outcome = await idempotent<z.infer<typeof Booked>, Refusals['booking']>(
      c,
      'marriage/appointments',
      c.req.valid('header')['idempotency-key'],
      async (body, keep) => {
        const client = createHash('sha256').update(clientAddress(c) ?? 'unknown').digest('base64url');
        const limit = await hitRateLimit(deps.db, `booking:client:${client}`, { limit: c.get('deps').bookingLimitPerClient, windowMs: BOOKING_WINDOW_MS, now: deps.now() });
        if (!limit.allowed) return { kind: 'refused', refusal: { reason: 'too-many' } };
        const result = await bookMarriageAppointment(deps, body, lang, keep);
        if (!result.ok) return { kind: 'refused', refusal: result };
        const { ok: _ok, ...booked } = result;
        return { kind: 'done', status: 201, body: booked };
      },
      (body) => refuseIfKnownFull(deps, body),
    );
    if (outcome.kind === 'malformed') return statusError(c, 400, MALFORMED_JSON);
    if (outcome.kind === 'conflict') return refuse(c, 'idempotency', { reason: outcome.code });
    if (outcome.kind === 'replay' || outcome.kind === 'done') return c.json(outcome.body, 201);
    return refuse(c, 'booking', outcome.refusal);
  });

// The body as the handler checks it (its rules depend on the day; any day shows its shape), with the proofs beside the appointment.
registerSchema(marriageRoutes, 'MarriageAppointmentRequest', z.object({ ...marriageAppointmentSchema({ today: '2026-01-01', offices: DEMO_OFFICES }).shape, phoneProofs: PhoneProofsSchema }));
