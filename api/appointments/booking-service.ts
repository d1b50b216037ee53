/**
 * Booking a marriage registration appointment: the answers are checked by the appointment schema,
 * the slot by the office's schedule (the booking engine's pure core), and then the case, the place
 * and the people are recorded in one transaction in which the database itself refuses a full slot
 * or a person who already holds an active appointment of the same kind.
 */
import type { ZodError } from 'zod';
import { findAppointmentByCase, moveAppointment, PersonAlreadyBookedError, recordBooking, SlotFullError, takenPlaces } from '../db/booking.repo.ts';
import { CaseChangedError, findCaseByTrackingNumber, saveTransition } from '../db/cases.repo.ts';
import { applyTransition } from '../domain/workflow/workflow.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { addDays } from '../domain/calendar/working-days.ts';
import { checkBookable, dayState, placeKey, slotsOn, type BookingRefusal, type DayState } from '../domain/booking/schedule.ts';
import { formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import type { Locale } from '../i18n/index.ts';
import { OUTBOX_RECIPIENT_CONTEXT } from '../notifications/delivery.ts';
import { ANSWERS_CONTEXT, matchingCase, newCaseRecord, PERSON_HASH_CONTEXT, progressOf, withNewTrackingNumber, type CaseDeps, type LookupResult } from '../cases/case-service.ts';
import { marriageAppointmentSchema } from '../services/marriage/appointment.schema.ts';
import { registryOffice, type MarriageKind } from '../services/marriage/offices.ts';
import { marriageAppointmentWorkflow } from '../services/marriage/workflow.ts';

export type BookingResult =
  | { ok: true; trackingNumber: string; office: string; kind: MarriageKind; date: string; start: string; end: string }
  | { ok: false; reason: 'invalid'; error: ZodError }
  | { ok: false; reason: 'slot'; refusal: BookingRefusal; releasesAt?: string }
  | { ok: false; reason: 'already-booked' };

export async function bookMarriageAppointment(deps: CaseDeps, input: unknown, lang: Locale): Promise<BookingResult> {
  const now = deps.now();
  const today = chinaDate(now);
  const parsed = marriageAppointmentSchema({ today }).safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const appointment = parsed.data;
  const office = registryOffice(appointment.office);
  if (!office) return { ok: false, reason: 'slot', refusal: 'closed' };
  const bookable = checkBookable(office.schedule, appointment, appointment.kind, { today, now, calendar: deps.calendar });
  if (!bookable.ok) return { ok: false, reason: 'slot', refusal: bookable.refusal, ...(bookable.releasesAt ? { releasesAt: bookable.releasesAt } : {}) };

  const people = [appointment.partyA, ...(appointment.partyB ? [appointment.partyB] : [])];
  try {
    return await withNewTrackingNumber(deps.randomBytes, async (trackingNumber) => {
      await recordBooking(
        deps.db,
        // Either party opens the status page with their ID number: the first's hash is kept with the
        // case, the second's among the appointment's people.
        newCaseRecord(deps, {
          trackingNumber,
          service: 'marriage-appointment',
          lang,
          contact: appointment.partyA,
          answers: appointment,
          snapshot: { state: marriageAppointmentWorkflow.initialState, version: 1, office: office.office, deadlines: [] },
          at: now,
        }),
        {
          channel: 'sms',
          template: 'case.appointmentBooked',
          lang,
          recipientEnc: deps.crypto.encrypt(appointment.partyA.phone, OUTBOX_RECIPIENT_CONTEXT),
          params: { trackingNumber: formatTrackingNumber(trackingNumber), date: appointment.date, start: appointment.start },
        },
        {
          place: { key: placeKey(office.id, appointment, appointment.kind), resourceId: office.id, date: appointment.date, start: appointment.start, kind: appointment.kind, capacity: bookable.capacity },
          end: bookable.end,
          personHashes: people.map((person) => deps.crypto.lookupHash(person.idNumber, PERSON_HASH_CONTEXT)),
        },
      );
      return { ok: true as const, trackingNumber: formatTrackingNumber(trackingNumber), office: office.id, kind: appointment.kind, date: appointment.date, start: appointment.start, end: bookable.end };
    });
  } catch (error) {
    if (error instanceof SlotFullError) return { ok: false, reason: 'slot', refusal: 'full' };
    if (error instanceof PersonAlreadyBookedError) return { ok: false, reason: 'already-booked' };
    throw error;
  }
}

export interface DayAvailability {
  date: string;
  state: DayState['state'];
  placesLeft?: number;
  releasesAt?: string;
}

/** A month (or any run of days) of an office's calendar for one kind of business. */
export async function officeCalendar(deps: Pick<CaseDeps, 'db' | 'calendar' | 'now'>, officeId: string, kind: MarriageKind, from: string, days: number): Promise<DayAvailability[] | undefined> {
  const office = registryOffice(officeId);
  if (!office) return undefined;
  const now = deps.now();
  const clock = { today: chinaDate(now), now, calendar: deps.calendar };
  const to = addDays(from, days - 1);
  const taken = await takenPlaces(deps.db, office.id, kind, from, to);
  const result: DayAvailability[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const ofDay = new Map(taken.filter((row) => row.date === date).map((row) => [row.start, row.taken]));
    const state = dayState(office.schedule, date, kind, ofDay, clock);
    result.push({ date, state: state.state, ...(state.state === 'available' ? { placesLeft: state.placesLeft } : {}), ...(state.state === 'opens-at' ? { releasesAt: state.releasesAt } : {}) });
  }
  return result;
}

/** The slots of one day with the places left in each. */
export async function officeSlots(deps: Pick<CaseDeps, 'db' | 'calendar' | 'now'>, officeId: string, kind: MarriageKind, date: string) {
  const office = registryOffice(officeId);
  if (!office) return undefined;
  const taken = new Map((await takenPlaces(deps.db, office.id, kind, date, date)).map((row) => [row.start, row.taken]));
  const capacity = office.schedule.placesPerSlot[kind] ?? 0;
  return slotsOn(office.schedule, date, deps.calendar).map((slot) => ({ start: slot.start, end: slot.end, placesLeft: Math.max(0, capacity - (taken.get(slot.start) ?? 0)) }));
}

export type RescheduleResult =
  | LookupResult
  | { ok: false; reason: 'not_reschedulable' | 'changed' }
  | { ok: false; reason: 'slot'; refusal: BookingRefusal; releasesAt?: string };

/**
 * The applicant moves their appointment to another day or time: same tracking number; the new
 * place is taken and the old one released in the transaction that records the change (a full slot
 * changes nothing). Found by the tracking number and either party's ID number or the phone.
 */
export async function rescheduleAppointment(deps: CaseDeps, trackingInput: string, secondFactor: string, to: { date: string; start: string }, origin: string | null): Promise<RescheduleResult> {
  const match = await matchingCase(deps, trackingInput, secondFactor);
  if (!match.ok) return match;
  const { stored } = match;
  const appointment = await findAppointmentByCase(deps.db, stored.id);
  const office = appointment ? registryOffice(appointment.resource_id) : undefined;
  if (!appointment || appointment.status !== 'active' || !office) return { ok: false, reason: 'not_reschedulable' };
  const now = deps.now();
  const clock = { today: chinaDate(now), now, calendar: deps.calendar };
  const outcome = applyTransition(marriageAppointmentWorkflow, stored.snapshot, 'reschedule', { kind: 'applicant' }, {}, clock);
  if (!outcome.ok) return { ok: false, reason: 'not_reschedulable' };
  const bookable = checkBookable(office.schedule, to, appointment.kind, clock);
  if (!bookable.ok) return { ok: false, reason: 'slot', refusal: bookable.refusal, ...(bookable.releasesAt ? { releasesAt: bookable.releasesAt } : {}) };
  const answers = JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT)) as { partyA: { phone: string } };
  const place = { key: placeKey(office.id, to, appointment.kind), resourceId: office.id, date: to.date, start: to.start, kind: appointment.kind, capacity: bookable.capacity };
  try {
    await saveTransition(deps.db, deps.kind, {
      caseId: stored.id,
      expectedVersion: stored.snapshot.version,
      result: { ...outcome.result, event: { ...outcome.result.event, input: { date: to.date, start: to.start } } },
      actor: { kind: 'applicant', id: null, role: null },
      audit: { actorId: null, actorRole: 'applicant', action: 'case.reschedule', origin, details: { from: `${appointment.date} ${appointment.start}`, to: `${to.date} ${to.start}` } },
      notification: {
        channel: 'sms',
        template: outcome.result.notify ?? 'case.appointmentRescheduled',
        lang: stored.lang,
        recipientEnc: deps.crypto.encrypt(answers.partyA.phone, OUTBOX_RECIPIENT_CONTEXT),
        params: { trackingNumber: formatTrackingNumber(stored.trackingNumber), date: to.date, start: to.start },
      },
      at: now,
      alsoInTransaction: (trx) => moveAppointment(trx, stored.id, place, bookable.end, now),
    });
  } catch (error) {
    if (error instanceof SlotFullError) return { ok: false, reason: 'slot', refusal: 'full' };
    if (error instanceof CaseChangedError) return { ok: false, reason: 'changed' };
    throw error;
  }
  const moved = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!moved) throw new Error('a rescheduled case disappeared');
  return { ok: true, ...(await progressOf(deps, moved)) };
}
