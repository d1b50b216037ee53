/**
 * Booking basic funeral services over HTTP (docs/decisions/063): a resource's slots on a day with
 * the places left, and the booking itself (with an Idempotency-Key). Every refusal is a 4xx next to
 * its field: a place taken meanwhile is 409 on the slot's field, a window in the past or a
 * certificate number of the wrong shape 422 on theirs; never a 5xx, never half a booking.
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { takenPlaces } from '../../../db/booking.repo.ts';
import { hitRateLimit } from '../../../db/request-guards.repo.ts';
import { chinaDate } from '../../../domain/calendar/china-time.ts';
import { textLine } from '../../../domain/text.ts';
import { slotsOn } from '../../../engine/booking/schedule.ts';
import { sourceRuleBook } from '../../../engine/rules/live-rules.ts';
import { ApiErrorSchema, MALFORMED_JSON, requestLocale, statusError } from '../../../http/api-error.ts';
import type { ApiEnv } from '../../../http/api-env.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { idempotent } from '../../../http/idempotency.ts';
import { bodyValidatedInHandler, registerSchema } from '../../../http/openapi-contract.ts';
import { refuse, type Refusals } from '../../../http/refusals.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { formatYuan } from '../../../i18n/index.ts';
import { funeralBookingSchema } from '../booking.schema.ts';
import { bookFuneralServices, type FuneralBooked, rowsOf } from '../booking-service.ts';
import { exemptionTexts } from '../fee-exemption-words.ts';
import { claimFor, EXEMPTION_CLAIM_GROUNDS } from '../fee-exemption-claim.ts';
import type { ExemptionDecision } from '../fee-exemption.ts';
import { funeralHomeOn } from '../public-view.ts';
import { resourceKey, resourceOn, scheduleOf, type Resource } from '../resources-table.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const TAG = 'Funeral homes';

const slots = createRoute({
  method: 'get',
  path: '/funeral/homes/{home}/resources/{resource}/slots',
  operationId: 'getFuneralResourceSlots',
  tags: [TAG],
  summary: 'A funeral home resource’s slots on one day (cremation, a farewell hall), with the places left in each; funeral homes work on holidays',
  request: { params: z.object({ home: textLine().max(60), resource: textLine().max(40) }), query: z.object({ date: z.iso.date() }) },
  responses: {
    200: json(z.object({ slots: z.array(z.object({ start: z.string(), end: z.string(), placesLeft: z.number().int() })) }).openapi('FuneralResourceSlots'), 'The slots'),
    404: json(ApiErrorSchema, 'No such home or resource in force today'),
    422: json(ApiErrorSchema, 'A parameter is not valid'),
  },
});

const Booked = z
  .object({
    trackingNumber: z.string(),
    home: z.string(),
    homePhone: z.string().meta({ description: 'The home’s 24-hour phone' }),
    lines: z.array(
      z.object({
        item: z.string(),
        name: z.string(),
        unit: z.string(),
        unitFen: z.number().int(),
        quantity: z.number().int(),
        chargedFen: z.number().int(),
        waivedFen: z.number().int(),
        reason: z.string(),
        reasonCode: z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) }).meta({ description: 'The reason as a key of funeral:exemption.reasons and its values, for a receipt in another language' }),
        pricedLater: z.boolean(),
      }),
    ),
    slots: z.array(z.object({ kind: z.string(), date: z.string(), start: z.string(), end: z.string() })).meta({ description: 'The cremation and hall slots taken' }),
    transport: z.object({ date: z.string(), from: z.string(), to: z.string() }).nullable(),
    chargedFen: z.number().int(),
    waivedFen: z.number().int(),
    toPayFen: z.number().int(),
    toPay: z.string(),
    exemption: z.object({
      outcome: z.enum(['decided', 'cannot-decide']),
      reason: z.string(),
      reasonCode: z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) }),
      missing: z.array(z.string()),
      claim: z
        .object({ ground: z.enum(EXEMPTION_CLAIM_GROUNDS), waivedFen: z.number().int(), toPayFen: z.number().int() })
        .nullable()
        .meta({ description: 'The manual claim the booking opened (docs/decisions/075): its ground and what would be waived and paid if the office confirms it; the proof is sent with POST /funeral/exemption-claims' }),
    }),
  })
  .openapi('FuneralBooked');

const book = createRoute({
  method: 'post',
  path: '/funeral/bookings',
  operationId: 'bookFuneralServices',
  tags: [TAG],
  summary: 'Book basic funeral services at a funeral home: transport request, cold storage, cremation slot, farewell hall',
  description:
    'Body: home, deceased {name, idNumber (resident ID), diedOn, placeOfDeath, certificate {form: paper|electronic, number}}, contact {name, relationship, phone}, phoneProof (POST /phone-codes/confirm), and at least one of transport {date, from, to, address}, storage {from, days}, cremation {date, start}, hall {kind: hall-small|hall-medium|hall-large, date, start}; registeredHere and claims {relief, youfu} for the fee exemption. Each item is priced by the home’s list in force today; the fee exemption is decided from what the portal holds (docs/decisions/065). Every place is taken with the case in one transaction: all or none. A repeat with the same Idempotency-Key and body gets the first answer again.',
  request: { headers: z.object({ 'idempotency-key': textLine().min(8).max(100).optional() }), body: bodyValidatedInHandler('FuneralBookingRequest') },
  responses: {
    201: json(Booked, 'Booked: the places are held, the family is texted, and the home confirms the transport'),
    400: json(ApiErrorSchema, 'The body is not JSON'),
    409: json(ApiErrorSchema, 'A place was taken meanwhile (`slot_full`, on the slot’s field), the deceased already has a booking (`already_booked`), or the Idempotency-Key was used with another body'),
    422: json(ApiErrorSchema, 'Field errors (a death date in the future or before the birth date, a certificate number of the wrong shape, a window in the past, a closed day or a time that does not exist, an item not on the list, the phone not confirmed)'),
    429: json(ApiErrorSchema, 'Too many booking attempts from this client (BOOKING_LIMIT_PER_CLIENT per 10 minutes)'),
  },
});

const BOOKING_WINDOW_MS = 10 * 60_000;

/** The claim a booking opened, with what confirming it would waive (the decision's `ifConfirmed`). */
function claimAnswer(decision: ExemptionDecision) {
  if (decision.outcome !== 'cannot-decide') return null;
  const claim = claimFor(decision);
  return claim ? { ground: claim.ground, waivedFen: decision.ifConfirmed.waivedFen, toPayFen: decision.ifConfirmed.toPayFen } : null;
}

/** A slot's end, from its resource's slot length. */
const endOf = (place: { start: string; resource: Resource }) => {
  const total = Number(place.start.slice(0, 2)) * 60 + Number(place.start.slice(3, 5)) + scheduleOf(place.resource).slotMinutes;
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

export const funeralBookingRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(slots, async (c) => {
    const deps = caseDeps(c);
    const { home, resource: id } = c.req.valid('param');
    const { date } = c.req.valid('query');
    const resource = resourceOn(rowsOf(deps.rules ?? sourceRuleBook()).resources, home, id, chinaDate(deps.now()));
    if (!resource || resource.kind === 'storage') return refuse(c, 'funeralHome', { reason: 'funeral_home_not_found' });
    const schedule = scheduleOf(resource);
    const taken = new Map((await takenPlaces(deps.db, resourceKey(home, resource), resource.id, date, date)).map((row) => [row.start, row.taken]));
    c.header('Cache-Control', 'no-store');
    return c.json({ slots: slotsOn(schedule, date, deps.calendar).map((slot) => ({ start: slot.start, end: slot.end, placesLeft: Math.max(0, resource.places - (taken.get(slot.start) ?? 0)) })) }, 200);
  })
  .openapi(book, async (c) => {
    const lang = requestLocale(c);
    const deps = caseDeps(c);
    const outcome = await idempotent<z.infer<typeof Booked>, Refusals['funeralBooking']>(c, 'funeral/bookings', c.req.valid('header')['idempotency-key'], async (body, keep) => {
      const client = createHash('sha256').update(clientAddress(c) ?? 'unknown').digest('base64url');
      const limit = await hitRateLimit(deps.db, `booking:client:${client}`, { limit: c.get('deps').bookingLimitPerClient, windowMs: BOOKING_WINDOW_MS, now: deps.now() });
      if (!limit.allowed) return { kind: 'refused', refusal: { reason: 'too-many' } };
      // The answer is built from what the booking made, and kept with it in its transaction.
      const answerOf = ({ trackingNumber, booking, plan, decision }: FuneralBooked): z.infer<typeof Booked> => {
        const texts = exemptionTexts(decision, lang);
        return {
      trackingNumber,
      home: booking.home,
      homePhone: funeralHomeOn(deps.rules ?? sourceRuleBook(), booking.home, chinaDate(deps.now()), lang)?.phone ?? '',
      lines: decision.lines.map((line, index) => ({
        item: line.item,
        name: texts.lines[index]?.name ?? line.item,
        unit: plan.lines[index]?.unit ?? 'per-time',
        unitFen: plan.lines[index]?.unitFen ?? 0,
        quantity: plan.lines[index]?.quantity ?? 0,
        chargedFen: line.chargedFen,
        waivedFen: line.waivedFen,
        reason: texts.lines[index]?.reason ?? '',
        reasonCode: line.reason,
        pricedLater: plan.lines[index]?.pricedLater ?? false,
      })),
      slots: plan.places.filter((place) => place.resource.kind !== 'storage').map((place) => ({ kind: place.resource.kind, date: place.date, start: place.start, end: endOf(place) })),
      transport: booking.transport ? { date: booking.transport.date, from: booking.transport.from, to: booking.transport.to } : null,
      chargedFen: decision.chargedFen,
      waivedFen: decision.waivedFen,
      toPayFen: decision.toPayFen,
      toPay: formatYuan(decision.toPayFen, lang),
      exemption: { outcome: decision.outcome, reason: texts.reason, reasonCode: decision.reason, missing: texts.missing, claim: claimAnswer(decision) },
    };
      };
      const result = await bookFuneralServices(deps, body, lang, (trx, booked) => keep(trx, answerOf(booked)));
      if (!result.ok) return { kind: 'refused', refusal: result };
      return { kind: 'done', status: 201, body: answerOf(result) };
    });
    if (outcome.kind === 'malformed') return statusError(c, 400, MALFORMED_JSON);
    if (outcome.kind === 'conflict') return refuse(c, 'idempotency', { reason: outcome.code });
    if (outcome.kind === 'replay' || outcome.kind === 'done') return c.json(outcome.body, 201);
    return refuse(c, 'funeralBooking', outcome.refusal);
  });

// The body as the handler checks it (its rules depend on the moment; any moment shows its shape), with the phone's proof beside it.
registerSchema(funeralBookingRoutes, 'FuneralBookingRequest', z.object({ ...funeralBookingSchema({ moment: { today: '2026-01-01', time: '00:00' }, rows: rowsOf(sourceRuleBook()) }).shape, phoneProof: textLine().max(100) }));
