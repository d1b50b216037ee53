/**
 * Booking basic funeral services (docs/decisions/063): the use case between the route (and the
 * journey's submission) and the data. The booking is checked by its schema (booking.schema.ts),
 * the family's phone by its proof, each slot by the resource's own calendar (the booking engine's
 * pure core), the fee exemption decided from what the portal holds (exemption-check.ts, fee-exemption.ts),
 * and then the case, every place, the priced lines and the transport request are written in one
 * transaction in which the database itself refuses a full place (funeral-booking.repo.ts).
 */
import type { Transaction } from 'kysely';
import { z, type ZodError } from 'zod';
import type { Database } from '../../db/schema.ts';
import { DeceasedAlreadyBookedError, FuneralPlaceFullError, recordFuneralBooking } from '../../db/funeral-booking.repo.ts';
import { newCaseRecord, PERSON_HASH_CONTEXT, withNewTrackingNumber, type CaseDeps } from '../../cases/case-service.ts';
import { chinaDate, chinaMinute } from '../../domain/calendar/china-time.ts';
import { formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { checkBookable, placeKey, type BookingRefusal } from '../../engine/booking/schedule.ts';
import { sourceRuleBook, type RuleBook } from '../../engine/rules/live-rules.ts';
import { formatYuan, type Locale } from '../../i18n/index.ts';
import { OUTBOX_RECIPIENT_CONTEXT } from '../../notifications/delivery.ts';
import { textLine } from '../../domain/text.ts';
import { proofHolds } from '../../verification/phone-codes.ts';
import { bookedItems, planBooking, type BookingPlan } from './booking-plan.ts';
import { funeralBookingSchema, rowsOf, type FuneralBooking } from './booking.schema.ts';
import { FUNERAL_BOOKING_SERVICE, funeralBookingWorkflow } from './booking-workflow.ts';
import { portalReliefOf } from './exemption-check.ts';
import { decideExemption, type ExemptionDecision } from './fee-exemption.ts';
import { claimFor } from './fee-exemption-claim.ts';
import { FEE_EXEMPTIONS_TABLE } from './fee-exemption-table.ts';
import { funeralHome } from './homes.ts';
import { scheduleOf } from './resources-table.ts';
import { homeName } from './words.ts';

/** The kind the deceased is held under among the booking engine's people: one active funeral booking per person who died. */
export const FUNERAL_HOLD_KIND = 'funeral';

export type FuneralBookingResult =
  | { ok: true; trackingNumber: string; booking: FuneralBooking; plan: BookingPlan; decision: ExemptionDecision }
  | { ok: false; reason: 'invalid'; error: ZodError }
  | { ok: false; reason: 'phone-not-confirmed' }
  /** A slot that is not open (closed, past, beyond the window, no such time): next to its field. */
  | { ok: false; reason: 'slot'; refusal: BookingRefusal; field: string }
  /** A place was taken meanwhile: 409, next to its field. */
  | { ok: false; reason: 'full'; field: string }
  | { ok: false; reason: 'already-booked' };

const ProofSchema = z.object({ phoneProof: textLine({ error: 'funeral:funeralBooking.errors.phoneProof' }).trim().min(1, 'funeral:funeralBooking.errors.phoneProof').max(100, 'funeral:funeralBooking.errors.phoneProof') });

export { rowsOf };

/** The schema as the clock says now: China's day and minute. */
export function bookingSchemaAt(now: Date, rules: RuleBook) {
  const minute = chinaMinute(now);
  return funeralBookingSchema({ moment: { today: minute.slice(0, 10), time: minute.slice(11, 16) }, rows: rowsOf(rules) });
}

/** The first slot of the plan that cannot be booked now, with why and where to say it; undefined when all can. */
export function slotProblem(deps: Pick<CaseDeps, 'calendar'>, plan: BookingPlan, now: Date): { refusal: BookingRefusal; field: string } | undefined {
  const minute = chinaMinute(now);
  const clock = { today: minute.slice(0, 10), now, calendar: deps.calendar };
  for (const place of plan.places) {
    const bookable = checkBookable(scheduleFor(place), place, place.kind, clock);
    if (!bookable.ok) return { refusal: bookable.refusal, field: place.field };
    // Today's slots that have begun are gone (the engine's window is in days).
    if (place.date === clock.today && place.resource.kind !== 'storage' && place.start <= minute.slice(11, 16)) return { refusal: 'past', field: place.field };
  }
  return undefined;
}

const scheduleFor = (place: BookingPlan['places'][number]) => scheduleOf(place.resource);

/** The exemption for a checked booking: the portal's relief decisions read only when the family claims them (docs/decisions/065). */
export async function exemptionFor(deps: Pick<CaseDeps, 'db' | 'crypto'>, rules: RuleBook, booking: FuneralBooking, plan: BookingPlan): Promise<ExemptionDecision> {
  const district = funeralHome(booking.home)?.district ?? '';
  const { deceased } = booking;
  const portalRelief = booking.claims.relief ? await portalReliefOf(deps, deceased.idNumber, district, deceased.diedOn) : [];
  return decideExemption(
    rules.rows(FEE_EXEMPTIONS_TABLE),
    { district, idRegionCode: deceased.idNumber.slice(0, 6), registeredHere: booking.registeredHere, portalRelief, claimsRelief: booking.claims.relief, claimsYoufu: booking.claims.youfu, unidentified: false },
    bookedItems(plan),
    deceased.diedOn,
  );
}

/** The manual claim a decision calls for, if any (docs/decisions/075): what the booking opens for the family's proof. */
function claimOf(decision: ExemptionDecision, home: string): { home: string; ground: string } | undefined {
  const claim = decision.outcome === 'cannot-decide' ? claimFor(decision) : undefined;
  return claim ? { home, ground: claim.ground } : undefined;
}

/** What a booking made, before its transaction commits: what its answer is built from. */
export interface FuneralBooked {
  trackingNumber: string;
  booking: FuneralBooking;
  plan: BookingPlan;
  decision: ExemptionDecision;
}

/**
 * @param keep writes the booking's answer under the request's Idempotency-Key in the booking's own
 *   transaction (http/idempotency.ts), so that a retry after a cut connection gets that answer
 */
export async function bookFuneralServices(deps: CaseDeps, input: unknown, lang: Locale, keep?: (trx: Transaction<Database>, booked: FuneralBooked) => Promise<void>): Promise<FuneralBookingResult> {
  const now = deps.now();
  const today = chinaDate(now);
  const rules = deps.rules ?? sourceRuleBook();
  const parsed = bookingSchemaAt(now, rules).safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const booking = parsed.data;
  const plan = planBooking(booking, rowsOf(rules), today);
  const problem = slotProblem(deps, plan, now);
  if (problem) return { ok: false, reason: 'slot', ...problem };
  // The phone confirmed before anything about the person is looked up (docs/decisions/019).
  const proof = ProofSchema.safeParse(input);
  if (!proof.success) return { ok: false, reason: 'invalid', error: proof.error };
  if (!(await proofHolds(deps, proof.data.phoneProof, booking.contact.phone))) return { ok: false, reason: 'phone-not-confirmed' };
  const decision = await exemptionFor(deps, rules, booking, plan);
  const ground = decision.outcome === 'decided' ? decision.ground : null;
  try {
    return await withNewTrackingNumber(deps.randomBytes, async (trackingNumber) => {
      const tracking = formatTrackingNumber(trackingNumber);
      const params = { trackingNumber: tracking, home: homeName(booking.home, lang), toPay: formatYuan(decision.toPayFen, lang) };
      await recordFuneralBooking(
        deps.db,
        newCaseRecord(deps, {
          trackingNumber,
          service: FUNERAL_BOOKING_SERVICE,
          lang,
          contact: { idNumber: booking.deceased.idNumber, phone: booking.contact.phone },
          answers: booking,
          snapshot: { state: funeralBookingWorkflow.initialState, version: 1, office: funeralHome(booking.home)?.district ?? booking.home, deadlines: [] },
          at: now,
        }),
        [{ channel: 'sms', template: 'case.funeralBooked', lang, recipientEnc: deps.crypto.encrypt(booking.contact.phone, OUTBOX_RECIPIENT_CONTEXT), params }],
        {
          places: plan.places.map((place) => {
            const bookable = checkBookable(scheduleOf(place.resource), place, place.kind, { today, now, calendar: deps.calendar });
            return { key: placeKey(place.resourceId, place, place.kind), resourceId: place.resourceId, date: place.date, start: place.start, kind: place.kind, capacity: bookable.ok ? bookable.capacity : 0, end: bookable.ok ? bookable.end : place.start };
          }),
          lines: plan.lines.map((line, index) => ({
            home: booking.home,
            item: line.item,
            itemKind: line.kind,
            unit: line.unit,
            unitFen: line.unitFen,
            quantity: line.quantity,
            chargedFen: line.chargedFen,
            waivedFen: decision.lines[index]?.waivedFen ?? 0,
            reason: JSON.stringify(decision.lines[index]?.reason ?? { key: 'noGround', values: {} }),
            ground,
            servedOn: line.servedOn,
          })),
          transport: booking.transport ? { home: booking.home, date: booking.transport.date, from: booking.transport.from, to: booking.transport.to } : undefined,
          deceasedHash: deps.crypto.lookupHash(booking.deceased.idNumber, PERSON_HASH_CONTEXT),
          holdKind: FUNERAL_HOLD_KIND,
          // Where the portal could not decide a claim, the booking opens it for the family's proof.
          claim: claimOf(decision, booking.home),
        },
        keep && ((trx) => keep(trx, { trackingNumber: tracking, booking, plan, decision })),
      );
      return { ok: true as const, trackingNumber: tracking, booking, plan, decision };
    });
  } catch (error) {
    if (error instanceof FuneralPlaceFullError) return { ok: false, reason: 'full', field: plan.places[error.index]?.field ?? 'cremation.start' };
    if (error instanceof DeceasedAlreadyBookedError) return { ok: false, reason: 'already-booked' };
    throw error;
  }
}
