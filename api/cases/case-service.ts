/**
 * Applying and checking progress: the use cases between the HTTP routes and the data layer.
 * Personal data is encrypted before it is stored; the status lookup compares keyed hashes, and
 * answers a wrong second factor exactly as it answers an unknown tracking number.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ZodError } from 'zod';
import { closeAppointment, findAppointmentByCase, isPersonOnCase } from '../db/booking.repo.ts';
import { CaseChangedError, caseTimeline, findCaseByTrackingNumber, recordSubmission, saveTransition, type NewCase, type StoredCase } from '../db/cases.repo.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import { checkTrackingNumber, formatTrackingNumber, newTrackingNumber, type TrackingNumberProblem } from '../domain/cases/tracking-number.ts';
import { applyTransition, availableTransitions, startDeadlines, type CaseSnapshot } from '../domain/workflow/workflow.ts';
import type { Locale } from '../i18n/index.ts';
import { OUTBOX_RECIPIENT_CONTEXT } from '../notifications/delivery.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import { CASE_SERVICES, type CaseServiceId } from '../services/registry.ts';

export const ANSWERS_CONTEXT = 'cases.answers';
export const ID_HASH_CONTEXT = 'cases.applicant_id';
export const PHONE_HASH_CONTEXT = 'cases.applicant_phone';
/** People on an appointment, by keyed hash of their ID number: "one active appointment per person per kind", and either party's lookup. */
export const PERSON_HASH_CONTEXT = 'appointments.person';

export interface CaseDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  now: () => Date;
  randomBytes: (size: number) => Uint8Array;
}

export type SubmitResult =
  | { ok: true; trackingNumber: string; state: string; deadlines: { key: string; dueOn: string }[] }
  | { ok: false; error: ZodError };

/**
 * Records a new case under a fresh tracking number. 50 random bits make a clash practically
 * impossible; if one happens (the unique key refuses it), another number is drawn.
 */
export async function withNewTrackingNumber<T>(randomBytes: (size: number) => Uint8Array, record: (trackingNumber: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await record(newTrackingNumber(randomBytes));
    } catch (error) {
      if (attempt >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** A new case as stored: the applicant's contact only as keyed hashes, the answers encrypted. */
export function newCaseRecord(
  deps: Pick<CaseDeps, 'crypto'>,
  input: { trackingNumber: string; service: string; lang: Locale; contact: { idNumber: string; phone: string }; answers: unknown; snapshot: CaseSnapshot; at: Date },
): NewCase {
  return {
    trackingNumber: input.trackingNumber,
    service: input.service,
    lang: input.lang,
    applicantIdHash: deps.crypto.lookupHash(input.contact.idNumber, ID_HASH_CONTEXT),
    applicantPhoneHash: deps.crypto.lookupHash(input.contact.phone, PHONE_HASH_CONTEXT),
    answersEnc: deps.crypto.encrypt(JSON.stringify(input.answers), ANSWERS_CONTEXT),
    snapshot: input.snapshot,
    at: input.at,
  };
}

/** The second factor as people type it: spaces, hyphens, full-width digits and a lower-case x forgiven. */
function normaliseSecondFactor(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

export async function submitApplication(deps: CaseDeps, serviceId: CaseServiceId, input: unknown, lang: Locale): Promise<SubmitResult> {
  const service = CASE_SERVICES[serviceId];
  const now = deps.now();
  const today = chinaDate(now);
  const parsed = service.applicationSchema(today).safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const contact = service.applicant(parsed.data);
  const snapshot: CaseSnapshot = {
    state: service.workflow.initialState,
    version: 1,
    office: service.office(parsed.data),
    deadlines: startDeadlines(service.workflow, service.workflow.initialDeadlines ?? [], { today, calendar: deps.calendar }),
  };
  return withNewTrackingNumber(deps.randomBytes, async (trackingNumber) => {
    await recordSubmission(deps.db, newCaseRecord(deps, { trackingNumber, service: serviceId, lang, contact, answers: parsed.data, snapshot, at: now }), {
      channel: 'sms',
      template: 'case.submitted',
      lang,
      recipientEnc: deps.crypto.encrypt(contact.phone, OUTBOX_RECIPIENT_CONTEXT),
      params: { trackingNumber: formatTrackingNumber(trackingNumber) },
    });
    return { ok: true, trackingNumber: formatTrackingNumber(trackingNumber), state: snapshot.state, deadlines: snapshot.deadlines.map(({ key, dueOn }) => ({ key, dueOn })) };
  });
}

/** What the applicant sees of their case (the status page, the API's CaseProgress). */
export interface CaseProgress {
  trackingNumber: string;
  service: string;
  state: string;
  submittedAt: string;
  /** Each step with what it told the applicant (a reason, the documents asked for, the amount granted). */
  timeline: { at: string; transition: string; to: string; details: Record<string, string> }[];
  deadlines: { key: string; dueOn: string; paused: boolean }[];
  /** While the case waits for the applicant (补正): what they are asked to provide. */
  documentsRequested: string | null;
  /** No decision yet: the applicant may withdraw (or cancel: see applicantStop). */
  withdrawable: boolean;
  /** The applicant's way of stopping this kind of case: 'withdraw' an application, 'cancel' an appointment. */
  applicantStop: string | null;
  /** Where this service is booked again (an appointment the office cancelled links there). */
  bookingPath: string | null;
  /** For an appointment: where and when. */
  appointment: { office: string; kind: string; date: string; start: string; end: string; status: string } | null;
}

export type LookupResult =
  | ({ ok: true } & CaseProgress)
  | { ok: false; reason: 'format'; problem: TrackingNumberProblem }
  | { ok: false; reason: 'no_match' };

function sameHash(a: string, b: string | null): boolean {
  if (b === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The case behind a tracking number and second factor, or why there is none to show. */
export async function matchingCase(deps: CaseDeps, trackingInput: string, secondFactor: string) {
  const checked = checkTrackingNumber(trackingInput);
  if (!checked.ok) return { ok: false as const, reason: 'format' as const, problem: checked.problem };
  const factor = normaliseSecondFactor(secondFactor);
  // Both hashes and the query happen whatever the answer, so a wrong pair takes as long as an unknown number.
  const idHash = deps.crypto.lookupHash(factor, ID_HASH_CONTEXT);
  const phoneHash = deps.crypto.lookupHash(factor, PHONE_HASH_CONTEXT);
  const stored = await findCaseByTrackingNumber(deps.db, checked.value);
  const idMatches = sameHash(idHash, stored?.applicantIdHash ?? null);
  const phoneMatches = sameHash(phoneHash, stored?.applicantPhoneHash ?? null);
  // The other party of an appointment (asked always, so that every answer takes as long).
  const otherParty = await isPersonOnCase(deps.db, stored?.id ?? '', deps.crypto.lookupHash(factor, PERSON_HASH_CONTEXT));
  if (!stored || !(idMatches || phoneMatches || otherParty)) return { ok: false as const, reason: 'no_match' as const };
  return { ok: true as const, stored };
}

/** A timeline event's input (reason, documents, amount) as text. */
export function eventDetails(inputJson: string | null): Record<string, string> {
  if (!inputJson) return {};
  const parsed = JSON.parse(inputJson) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

/** The applicant-visible view of a stored case: its timeline without internal events. */
export async function progressOf(deps: CaseDeps, stored: StoredCase): Promise<CaseProgress> {
  const service = CASE_SERVICES[stored.service as CaseServiceId];
  const events = await caseTimeline(deps.db, stored.id, 'applicant');
  const request = events.findLast((event) => event.to_state === 'awaiting-documents');
  const appointment = await findAppointmentByCase(deps.db, stored.id);
  return {
    trackingNumber: formatTrackingNumber(stored.trackingNumber),
    service: stored.service,
    state: stored.snapshot.state,
    submittedAt: stored.createdAt,
    timeline: events.map((event) => ({ at: event.at, transition: event.transition, to: event.to_state, details: eventDetails(event.input_json) })),
    deadlines: stored.snapshot.deadlines.filter((d) => !d.stoppedOn).map((d) => ({ key: d.key, dueOn: d.dueOn, paused: Boolean(d.pausedOn) })),
    documentsRequested: stored.snapshot.state === 'awaiting-documents' ? (eventDetails(request?.input_json ?? null)['documents'] ?? null) : null,
    // The workflow definition says whether the applicant may withdraw from this state.
    withdrawable: service ? availableTransitions(service.workflow, stored.snapshot, { kind: 'applicant' }).some((t) => t.name === (service.workflow.applicantStop ?? 'withdraw')) : false,
    applicantStop: service?.workflow.applicantStop ?? null,
    bookingPath: service?.bookingPath ?? null,
    appointment: appointment ? { office: appointment.resource_id, kind: appointment.kind, date: appointment.date, start: appointment.start, end: appointment.end, status: appointment.status } : null,
  };
}

export async function lookupCase(deps: CaseDeps, trackingInput: string, secondFactor: string): Promise<LookupResult> {
  const match = await matchingCase(deps, trackingInput, secondFactor);
  if (!match.ok) return match;
  return { ok: true, ...(await progressOf(deps, match.stored)) };
}

export type WithdrawResult = LookupResult | { ok: false; reason: 'not_withdrawable' | 'changed' };

/** The applicant withdraws a case that has no decision yet; told by SMS, like every step. */
export async function withdrawCase(deps: CaseDeps, trackingInput: string, secondFactor: string, origin: string | null): Promise<WithdrawResult> {
  const match = await matchingCase(deps, trackingInput, secondFactor);
  if (!match.ok) return match;
  const { stored } = match;
  const service = CASE_SERVICES[stored.service as CaseServiceId];
  if (!service) return { ok: false, reason: 'not_withdrawable' };
  const now = deps.now();
  const stop = service.workflow.applicantStop ?? 'withdraw';
  const outcome = applyTransition(service.workflow, stored.snapshot, stop, { kind: 'applicant' }, {}, { today: chinaDate(now), calendar: deps.calendar });
  if (!outcome.ok) return { ok: false, reason: 'not_withdrawable' };
  // The answers were validated when they were stored, and only this portal can decrypt them; they
  // are not validated again (today's rules, such as a moved district, must not block a withdrawal).
  const answers = JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT)) as Parameters<typeof service.applicant>[0];
  const phone = service.applicant(answers).phone;
  try {
    await saveTransition(deps.db, deps.kind, {
      caseId: stored.id,
      expectedVersion: stored.snapshot.version,
      result: outcome.result,
      actor: { kind: 'applicant', id: null, role: null },
      audit: { actorId: null, actorRole: 'applicant', action: `case.${stop}`, origin },
      notification: {
        channel: 'sms',
        template: outcome.result.notify ?? 'case.withdrawn',
        lang: stored.lang,
        recipientEnc: deps.crypto.encrypt(phone, OUTBOX_RECIPIENT_CONTEXT),
        params: { trackingNumber: formatTrackingNumber(stored.trackingNumber) },
      },
      at: now,
      // A cancelled appointment gives its place back in the same transaction.
      alsoInTransaction: (trx) => closeAppointment(trx, stored.id, 'cancelled', true, now),
    });
  } catch (error) {
    if (error instanceof CaseChangedError) return { ok: false, reason: 'changed' };
    throw error;
  }
  const withdrawn = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!withdrawn) throw new Error('a withdrawn case disappeared');
  return { ok: true, ...(await progressOf(deps, withdrawn)) };
}
