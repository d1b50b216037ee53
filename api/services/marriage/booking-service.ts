/**
 * Booking a marriage registration appointment: the answers are checked by the appointment schema,
 * the slot by the office's schedule (the booking engine's pure core), and then the case, the place
 * and the people are recorded in one transaction in which the database itself refuses a full slot
 * or a person who already holds an active appointment of the same kind. A divorce is a case of its
 * own service with two visits: the second is booked later, from the status page, for a day inside
 * the window after the cooling-off period.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { z, type ZodError } from 'zod';
import { addVisit, findAppointmentByCase, heldAppointmentOf, isKnownFull, missedDaysSince, moveAppointment, PersonAlreadyBookedError, recordBooking, SlotFullError, takenPlaces, type Place } from '../../db/booking.repo.ts';
import { CaseChangedError, findCaseByTrackingNumber, saveTransition, type StoredCase } from '../../db/cases.repo.ts';
import { applyTransition } from '../../domain/workflow/workflow.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { addDays } from '../../domain/calendar/working-days.ts';
import { bookingSuspendedUntil, noShowLookback } from '../../engine/booking/no-show-rule.ts';
import { checkBookable, dayState, placeKey, slotsOn, type BookingClock, type BookingRefusal, type DateWindow, type DayState } from '../../engine/booking/schedule.ts';
import { formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { isLocale, type Locale } from '../../i18n/index.ts';
import { OUTBOX_RECIPIENT_CONTEXT } from '../../notifications/delivery.ts';
import { ANSWERS_CONTEXT, matchingCase, stepToSave, newCaseRecord, PERSON_HASH_CONTEXT, progressOf, withNewTrackingNumber, type CaseDeps, type LookupResult } from '../../cases/case-service.ts';
import { marriageAppointmentSchema } from './appointment.schema.ts';
import { secondVisitWindow } from './divorce-workflow.ts';
import { appointmentTextParams } from './appointment-texts.ts';
import { MARRIAGE_KINDS, type MarriageKind, type RegistryOffice } from './offices.ts';
import { serviceDataOf } from '../service-data.ts';
import { CASE_SERVICES, marriageServiceOf, type CaseServiceId } from '../registry.ts';
import { textLine } from '../../domain/text.ts';
import { proofHolds } from '../../verification/phone-codes.ts';

export type BookingResult =
  | { ok: true; trackingNumber: string; office: string; kind: MarriageKind; date: string; start: string; end: string }
  | { ok: false; reason: 'invalid'; error: ZodError }
  | { ok: false; reason: 'slot'; refusal: BookingRefusal; releasesAt?: string }
  /**
   * `party` already holds an active appointment of this kind; `held` says which, only when the
   * booking's confirmed phones include one of that appointment's (a party of it asks).
   */
  | { ok: false; reason: 'already-booked'; party: 'partyA' | 'partyB'; held?: { kind: MarriageKind; date: string } }
  /** A party's phone is not confirmed: no proof was sent for it, or the proof is unknown, expired or another phone's. */
  | { ok: false; reason: 'phone-not-confirmed'; parties: { party: 'partyA' | 'partyB'; problem: 'missing' | 'invalid' }[] }
  /** A person missed too many appointments lately (see no-show-rule.ts): `party` may book again after `until`. */
  /** `office`: the office being booked, whose name and phone the message gives. */
  | { ok: false; reason: 'suspended'; party: 'partyA' | 'partyB'; until: string; office: RegistryOffice };

/**
 * Slots seen full lately, per database (in this process), until when. In a rush for a popular date
 * nearly every attempt is for a slot already full: it is answered from here, without a transaction
 * or a write. An entry lives a second, so a place released meanwhile (a cancellation) is missed for
 * at most that long, as if the attempt had come a moment earlier. Whether a place is taken is still
 * decided by the database alone.
 */
const recentlyFull = new WeakMap<object, Map<string, number>>();
const FULL_FOR_MS = 1_000;

function fullSlotsOf(db: object): Map<string, number> {
  let slots = recentlyFull.get(db);
  if (!slots) recentlyFull.set(db, (slots = new Map()));
  return slots;
}

function rememberFull(db: object, key: string, now: Date): void {
  const slots = fullSlotsOf(db);
  if (slots.size > 10_000) slots.clear();
  slots.set(key, now.getTime() + FULL_FOR_MS);
}

/**
 * A booking request for a slot known to be full, refused before anything else is checked or
 * written (the answer names the time, as a full slot always does); undefined otherwise.
 */
export async function refuseIfKnownFull(deps: Pick<CaseDeps, 'db' | 'now' | 'offices'>, input: unknown): Promise<Extract<BookingResult, { reason: 'slot' }> | undefined> {
  if (typeof input !== 'object' || input === null) return undefined;
  const { office, kind, date, start } = input as Record<string, unknown>;
  if (typeof office !== 'string' || typeof kind !== 'string' || typeof date !== 'string' || typeof start !== 'string') return undefined;
  // Only a place that can exist is looked up: anything else (a NUL byte PostgreSQL cannot compare) is the schema's to refuse.
  if (!serviceDataOf(deps).offices.get(office) || !(MARRIAGE_KINDS as readonly string[]).includes(kind) || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(start)) return undefined;
  const key = placeKey(office, { date, start }, kind);
  const now = deps.now();
  if ((fullSlotsOf(deps.db).get(key) ?? 0) > now.getTime()) return slotRefusal('full');
  if (!(await isKnownFull(deps.db, key))) return undefined;
  rememberFull(deps.db, key, now);
  return slotRefusal('full');
}

/**
 * The proofs that each party's phone was confirmed (POST /phone-codes/confirm), beside the
 * appointment in a booking's body: `partyB` is not needed for a reissue.
 */
export const PhoneProofsSchema = z
  .object({
    partyA: textLine().max(100).optional(),
    partyB: textLine().max(100).optional(),
  })
  .meta({ description: 'The proof of each party’s confirmed phone (POST /phone-codes/confirm): partyB not needed for a reissue' });
const BookingProofsSchema = z.object({ phoneProofs: PhoneProofsSchema.optional() });

/** The parties whose phone the booking's proofs do not confirm. Reads only: a proof serves the whole journey. */
async function unconfirmedPhones(deps: CaseDeps, appointment: { partyA: { phone: string }; partyB?: { phone: string } | undefined }, proofs: z.infer<typeof PhoneProofsSchema> | undefined) {
  const unconfirmed: { party: 'partyA' | 'partyB'; problem: 'missing' | 'invalid' }[] = [];
  for (const party of ['partyA', 'partyB'] as const) {
    const person = appointment[party];
    if (!person) continue;
    const proof = proofs?.[party];
    if (!proof) unconfirmed.push({ party, problem: 'missing' });
    else if (!(await proofHolds(deps, proof, person.phone))) unconfirmed.push({ party, problem: 'invalid' });
  }
  return unconfirmed;
}

/**
 * What a booking refused for a person who already holds an appointment may say about it: its kind
 * and date only when the booking's (confirmed) phones include one that appointment was booked with.
 * The same work is done whoever asks, so the answer's time tells no one more than its words.
 */
async function heldBy(deps: CaseDeps, personHash: string, kind: MarriageKind, provenPhones: readonly string[]): Promise<{ kind: MarriageKind; date: string } | undefined> {
  const held = await heldAppointmentOf(deps.db, personHash, kind);
  if (!held) return undefined;
  let phones: string[] = [];
  try {
    const answers = JSON.parse(deps.crypto.decrypt(held.answersEnc, ANSWERS_CONTEXT)) as { partyA?: { phone?: string }; partyB?: { phone?: string } };
    phones = [answers.partyA?.phone, answers.partyB?.phone].filter((phone): phone is string => typeof phone === 'string');
  } catch {
    return undefined;
  }
  return provenPhones.some((phone) => phones.includes(phone)) ? { kind: held.kind as MarriageKind, date: held.date } : undefined;
}

const slotRefusal = (refusal: BookingRefusal, releasesAt?: string) => ({ ok: false as const, reason: 'slot' as const, refusal, ...(releasesAt ? { releasesAt } : {}) });

/**
 * @param keep writes the booking's answer under the request's Idempotency-Key in the booking's own
 *   transaction (http/idempotency.ts), so that a retry after a cut connection gets that answer
 */
export async function bookMarriageAppointment(deps: CaseDeps, input: unknown, lang: Locale, keep?: (trx: Transaction<Database>, answer: unknown) => Promise<void>): Promise<BookingResult> {
  const now = deps.now();
  const today = chinaDate(now);
  const { offices } = serviceDataOf(deps);
  const parsed = marriageAppointmentSchema({ today, offices }).safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const appointment = parsed.data;
  const office = offices.get(appointment.office);
  if (!office) return slotRefusal('closed');
  const bookable = checkBookable(office.schedule, appointment, appointment.kind, { today, now, calendar: deps.calendar });
  if (!bookable.ok) return slotRefusal(bookable.refusal, bookable.releasesAt);
  // Each party's phone confirmed before anything about the people is looked up (docs/decisions/019).
  const proofs = BookingProofsSchema.safeParse(input);
  if (!proofs.success) return { ok: false, reason: 'invalid', error: proofs.error };
  const unconfirmed = await unconfirmedPhones(deps, appointment, proofs.data.phoneProofs);
  if (unconfirmed.length > 0) return { ok: false, reason: 'phone-not-confirmed', parties: unconfirmed };

  const parties = (['partyA', 'partyB'] as const).flatMap((key) => {
    const person = appointment[key];
    return person ? [{ key, hash: deps.crypto.lookupHash(person.idNumber, PERSON_HASH_CONTEXT) }] : [];
  });
  const missed = await missedDaysSince(deps.db, parties.map((party) => party.hash), noShowLookback(today));
  for (const party of parties) {
    const until = bookingSuspendedUntil(missed.get(party.hash) ?? [], today);
    if (until) return { ok: false, reason: 'suspended', party: party.key, until, office };
  }

  const serviceId = marriageServiceOf(appointment.kind);
  const service = CASE_SERVICES[serviceId];
  try {
    return await withNewTrackingNumber(deps.randomBytes, async (trackingNumber) => {
      // The text names the office and its address, in the kind of business's own words.
      const params = { trackingNumber: formatTrackingNumber(trackingNumber), ...appointmentTextParams(office, appointment, lang, appointment.kind) };
      const booked = { trackingNumber: formatTrackingNumber(trackingNumber), office: office.id, kind: appointment.kind, date: appointment.date, start: appointment.start, end: bookable.end };
      await recordBooking(
        deps.db,
        // Either party opens the status page with their ID number: the first's hash is kept with the
        // case, the second's among the appointment's people.
        newCaseRecord(deps, {
          trackingNumber,
          service: serviceId,
          lang,
          contact: appointment.partyA,
          answers: appointment,
          snapshot: { state: service.workflow.initialState, version: 1, office: office.office, deadlines: [] },
          at: now,
        }),
        service.recipients(appointment).map((phone) => ({ channel: 'sms', template: 'case.appointmentBooked', lang, recipientEnc: deps.crypto.encrypt(phone, OUTBOX_RECIPIENT_CONTEXT), params })),
        { place: placeOf(office, appointment, appointment.kind, bookable.capacity), end: bookable.end, personHashes: parties.map((party) => party.hash) },
        keep && ((trx) => keep(trx, booked)),
      );
      return { ok: true as const, ...booked };
    });
  } catch (error) {
    if (error instanceof SlotFullError) {
      rememberFull(deps.db, placeKey(office.id, appointment, appointment.kind), now);
      return slotRefusal('full');
    }
    if (error instanceof PersonAlreadyBookedError) {
      const party = parties.find((candidate) => candidate.hash === error.personHash)?.key ?? 'partyA';
      const provenPhones = [appointment.partyA.phone, ...(appointment.partyB ? [appointment.partyB.phone] : [])];
      const held = await heldBy(deps, error.personHash, appointment.kind, provenPhones);
      return { ok: false, reason: 'already-booked', party, ...(held ? { held } : {}) };
    }
    throw error;
  }
}

function placeOf(office: RegistryOffice, slot: { date: string; start: string }, kind: string, capacity: number): Place {
  return { key: placeKey(office.id, slot, kind), resourceId: office.id, date: slot.date, start: slot.start, kind, capacity };
}

export interface DayAvailability {
  date: string;
  state: DayState['state'];
  placesLeft?: number;
  releasesAt?: string;
}

/**
 * A month (or any run of days) of an office's calendar for one kind of business; with `window`, the
 * days of a case's own window (a divorce's second visit).
 */
export async function officeCalendar(deps: Pick<CaseDeps, 'db' | 'calendar' | 'now' | 'offices'>, officeId: string, kind: MarriageKind, from: string, days: number, window?: DateWindow): Promise<DayAvailability[] | undefined> {
  const office = serviceDataOf(deps).offices.get(officeId);
  if (!office) return undefined;
  const now = deps.now();
  const clock = { today: chinaDate(now), now, calendar: deps.calendar };
  const to = addDays(from, days - 1);
  const taken = await takenPlaces(deps.db, office.id, kind, from, to);
  const result: DayAvailability[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const ofDay = new Map(taken.filter((row) => row.date === date).map((row) => [row.start, row.taken]));
    const state = dayState(office.schedule, date, kind, ofDay, clock, window);
    result.push({ date, state: state.state, ...(state.state === 'available' ? { placesLeft: state.placesLeft } : {}), ...(state.state === 'opens-at' ? { releasesAt: state.releasesAt } : {}) });
  }
  return result;
}

/** The slots of one day with the places left in each. */
export async function officeSlots(deps: Pick<CaseDeps, 'db' | 'calendar' | 'now' | 'offices'>, officeId: string, kind: MarriageKind, date: string) {
  const office = serviceDataOf(deps).offices.get(officeId);
  if (!office) return undefined;
  const taken = new Map((await takenPlaces(deps.db, office.id, kind, date, date)).map((row) => [row.start, row.taken]));
  const capacity = office.schedule.placesPerSlot[kind] ?? 0;
  return slotsOn(office.schedule, date, deps.calendar).map((slot) => ({ start: slot.start, end: slot.end, placesLeft: Math.max(0, capacity - (taken.get(slot.start) ?? 0)) }));
}

/** What the applicant may choose a new time for: moving the booked visit, or booking a divorce's second visit. */
export type TimeChoice = 'reschedule' | 'book-second-visit';

export type CaseCalendarResult =
  | { ok: true; choice: TimeChoice; office: string; kind: MarriageKind; days: DayAvailability[] }
  | Extract<LookupResult, { ok: false }>
  | { ok: false; reason: 'not_reschedulable' };

/** The days a case's visit may be booked for or moved to: the office's window, or a divorce's own window for the second visit. */
export async function caseCalendar(deps: CaseDeps, trackingInput: string, secondFactor: string, choice: TimeChoice): Promise<CaseCalendarResult> {
  const match = await matchingCase(deps, trackingInput, secondFactor);
  if (!match.ok) return match;
  const target = await timeTarget(deps, match.stored, choice);
  if (!target) return { ok: false, reason: 'not_reschedulable' };
  const today = chinaDate(deps.now());
  const window = target.window;
  const from = window ? (window.from > today ? window.from : today) : today;
  const days = window ? Math.max(1, Math.round((Date.parse(window.to) - Date.parse(from)) / 86_400_000) + 1) : target.office.schedule.window.maxDaysAhead + 1;
  const calendar = (await officeCalendar(deps, target.office.id, target.kind, from, days, window)) ?? [];
  return { ok: true, choice, office: target.office.id, kind: target.kind, days: calendar };
}

interface TimeTarget {
  office: RegistryOffice;
  kind: MarriageKind;
  window: DateWindow | undefined;
}

/** Where and for which kind the applicant may now choose a time on this case, if they may. */
async function timeTarget(deps: CaseDeps, stored: StoredCase, choice: TimeChoice): Promise<TimeTarget | undefined> {
  const service = CASE_SERVICES[stored.service as CaseServiceId];
  if (!service) return undefined;
  const now = deps.now();
  const outcome = applyTransition(service.workflow, stored.snapshot, choice, { kind: 'applicant' }, {}, { today: chinaDate(now), calendar: deps.calendar });
  if (!outcome.ok) return undefined;
  // The latest visit: the one to move, or for a second visit the first one's office and kind.
  const appointment = await findAppointmentByCase(deps.db, stored.id);
  if (!appointment || (choice === 'reschedule' && appointment.status !== 'active')) return undefined;
  const office = serviceDataOf(deps).offices.get(appointment.resource_id);
  if (!office) return undefined;
  return { office, kind: appointment.kind as MarriageKind, window: secondVisitWindow(stored.snapshot) };
}

export type ChooseTimeResult =
  | LookupResult
  | { ok: false; reason: 'not_reschedulable' | 'changed' }
  | { ok: false; reason: 'slot'; refusal: BookingRefusal; releasesAt?: string };

/**
 * The applicant chooses a new time: moves the booked visit (改约: same tracking number; the new
 * place is taken and the old one released in the transaction that records the change), or books a
 * divorce's second visit inside its window. A full slot, or a day outside the window, changes
 * nothing. Found by the tracking number and either party's ID number or the phone.
 */
export async function chooseTime(deps: CaseDeps, trackingInput: string, secondFactor: string, choice: TimeChoice, to: { date: string; start: string }, origin: string | null): Promise<ChooseTimeResult> {
  const match = await matchingCase(deps, trackingInput, secondFactor);
  if (!match.ok) return match;
  const { stored } = match;
  const service = CASE_SERVICES[stored.service as CaseServiceId];
  const target = await timeTarget(deps, stored, choice);
  if (!service || !target) return { ok: false, reason: 'not_reschedulable' };
  const now = deps.now();
  const clock: BookingClock = { today: chinaDate(now), now, calendar: deps.calendar };
  const outcome = applyTransition(service.workflow, stored.snapshot, choice, { kind: 'applicant' }, {}, clock);
  if (!outcome.ok) return { ok: false, reason: 'not_reschedulable' };
  const bookable = checkBookable(target.office.schedule, to, target.kind, clock, target.window);
  if (!bookable.ok) return slotRefusal(bookable.refusal, bookable.releasesAt);
  const place = placeOf(target.office, to, target.kind, bookable.capacity);
  const previous = await findAppointmentByCase(deps.db, stored.id);
  try {
    await saveTransition(
      deps.db,
      deps.kind,
      stepToSave(deps, service, stored, { ...outcome.result, event: { ...outcome.result.event, input: { date: to.date, start: to.start } } }, { kind: 'applicant', id: null, role: null }, {
        at: now,
        origin,
        details: { ...(choice === 'reschedule' && previous ? { from: `${previous.date} ${previous.start}` } : {}), to: `${to.date} ${to.start}` },
        // Booking the second visit names the office and its address, as the first booking's text did.
        params: choice === 'book-second-visit' ? appointmentTextParams(target.office, to, isLocale(stored.lang) ? stored.lang : 'zh-CN') : { date: to.date, start: to.start },
        // The new place is taken (or the second visit's) in the transaction that records the step.
        andThen: (trx) => (choice === 'reschedule' ? moveAppointment(trx, stored.id, place, bookable.end, now) : addVisit(trx, stored.id, place, bookable.end, 2, now)),
      }),
    );
  } catch (error) {
    if (error instanceof SlotFullError) return slotRefusal('full');
    if (error instanceof CaseChangedError) return { ok: false, reason: 'changed' };
    throw error;
  }
  const changed = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!changed) throw new Error('a case disappeared while its time was changed');
  return { ok: true, ...(await progressOf(deps, changed)) };
}
