/**
 * Applying and checking progress: the use cases between the HTTP routes and the data layer.
 * Personal data is encrypted before it is stored; the status lookup compares keyed hashes, and
 * answers a wrong second factor exactly as it answers an unknown tracking number.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z, ZodError } from 'zod';
import { textLine } from '../domain/text.ts';
import { appointmentsOfCase, applyAppointmentEffect, latestAppointmentTimes } from '../db/booking.repo.ts';
import { moveDraftFiles } from '../engine/files/files.ts';
import { markDraftSubmitted } from '../db/drafts.repo.ts';
import { prefilledDraft, submittedDraft } from '../engine/drafts/drafts.ts';
import { applicantTimeline, CaseChangedError, caseTimeline, claimOnceKey, findCaseByTrackingNumber, findCaseForLookup, recordSubmission, saveTransition, type NewCase, type QueuedNotification, type SaveTransition, type StoredCase } from '../db/cases.repo.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { ownerFiles } from '../db/files.repo.ts';
import { recordCasePeople } from '../db/case-people.repo.ts';
import { recordCaseEvidence } from '../db/case-evidence.repo.ts';
import { evidenceForPurposes, filesNeededBeside, type EvidenceOnRecord } from '../domain/cases/evidence-on-record.ts';
import { claimStepKey, releaseStock, takeStock } from '../db/case-stock.repo.ts';
import { filesLeft, SUPPLEMENT_NOTE_MAX, SUPPLEMENT_SEALED_DETAILS, SUPPLEMENT_TRANSITION, supplementLimits } from '../domain/cases/supplement.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { appointmentMoments } from '../engine/booking/appointment-moments.ts';
import { HANDOFF_ANSWER_CONTEXT, writeHandoffs } from '../engine/handoffs/queue.ts';
import { PART_ANSWER, partStatus } from '../engine/bundles/bundle.ts';
import { writeBundleParts, type FanOutDeps, type WrittenPart } from '../engine/bundles/fan-out.ts';
import type { BundleContext } from '../engine/bundles/bundle.ts';
import { proofHeldFor } from '../verification/phone-codes.ts';
import { partsOfBundle } from '../db/case-parts.repo.ts';
import { stepIncrements } from '../domain/cases/case-figures.ts';
import { chinaDate, chinaMinute } from '../domain/calendar/china-time.ts';
import { normaliseResidentId } from '../domain/identity/resident-id.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import { checkTrackingNumber, formatTrackingNumber, newTrackingNumber, type TrackingNumberProblem } from '../domain/cases/tracking-number.ts';
import { applicantStopNow, applyTransition, availableTransitions, sealedFields, staffOnlyFields, startDeadlines, type CaseSnapshot, type TransitionResult } from '../domain/workflow/workflow.ts';
import { insertPublicEntry, removeNoticesOfCase } from '../db/public-entries.repo.ts';
import { publicEntryOf } from '../engine/publication/public-entry.ts';
import type { Locale } from '../i18n/index.ts';
import { OUTBOX_RECIPIENT_CONTEXT, OUTBOX_SECRET_PARAM_CONTEXT } from '../notifications/delivery.ts';
import { FieldDecryptionError, maskPhone, type FieldCrypto } from '../platform/field-crypto.ts';
import { BUILT_IN_SERVICES, isAppliedOnline, type RegisteredCaseService, type ServiceRegistry, type SettingInForce } from '../services/registry.ts';
import { sourceRuleBook, type RuleBook } from '../engine/rules/live-rules.ts';
import type { RegistryOffices } from '../services/marriage/offices.ts';
import { serviceDataOf } from '../services/service-data.ts';
import { caseRatingView } from '../ratings/rating-view.ts';
import { finishesCase } from '../domain/ratings/ratings.ts';

// The contexts personal data of cases is encrypted and hashed under: their own module, so that a
// service's record finder (funeral/cremation-record.ts) reads them without importing the case core.
export { ANSWERS_CONTEXT, EVIDENCE_CONTEXT, ID_HASH_CONTEXT, ONCE_KEY_CONTEXT, PERSON_HASH_CONTEXT, PHONE_HASH_CONTEXT } from './crypto-contexts.ts';
import { ANSWERS_CONTEXT, EVIDENCE_CONTEXT, ID_HASH_CONTEXT, ONCE_KEY_CONTEXT, PERSON_HASH_CONTEXT, PHONE_HASH_CONTEXT } from './crypto-contexts.ts';

export interface CaseDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  now: () => Date;
  randomBytes: (size: number) => Uint8Array;
  /** The services this portal runs; absent: the built-in ones (a sweep or a seed started outside a portal). */
  services?: ServiceRegistry;
  /** The rule tables settings read (docs/decisions/030); absent: their source files' rows alone (a seed run outside a portal). */
  rules?: RuleBook;
  /** The portal's registry offices (docs/decisions/035); absent: the demo offices (a seed run outside a portal). */
  offices?: RegistryOffices;
}

/** The service a stored case or a request names, among those the portal runs. */
const serviceOf = (deps: Pick<CaseDeps, 'services'>, id: string): RegisteredCaseService | undefined => (deps.services ?? BUILT_IN_SERVICES).get(id);

export type SubmitResult =
  | { ok: true; trackingNumber: string; state: string; deadlines: { key: string; dueOn: string }[]; parts?: WrittenPart[] }
  | { ok: false; reason: 'invalid'; error: ZodError }
  /** The service's `confirmedPhone` has no proof beside the application (`missing`), or one that does not hold for that phone now (`invalid`): docs/decisions/076. */
  | { ok: false; reason: 'phone-not-confirmed'; field: string; label: string; problem: 'missing' | 'invalid' }
  /** No service of that name, or one whose cases start as a booking, not an application. */
  | { ok: false; reason: 'no_such_service' };

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

/**
 * The files an application lacks, as issues on `files.<purpose>` (the field the pages show them
 * next to): a purpose needs at least its minimum of the draft's files. The pages ask for them
 * step by step; an API client that sends none, or no draft, is refused the same way.
 */
async function filesMissing(deps: CaseDeps, needed: Readonly<Record<string, number>>, draftKey: string | undefined): Promise<ZodError | undefined> {
  const purposes = Object.entries(needed).filter(([, min]) => min > 0);
  if (purposes.length === 0) return undefined;
  const given = draftKey === undefined ? [] : await ownerFiles(deps.db, { kind: 'draft', id: draftKey });
  const issues = purposes
    .filter(([purpose, min]) => given.filter((file) => file.purpose === purpose).length < min)
    .map(([purpose, min]) => ({ code: 'custom' as const, path: ['files', purpose], message: 'errors.files.tooFew', params: { count: min }, input: undefined }));
  return issues.length > 0 ? new ZodError(issues) : undefined;
}

/**
 * `draftKey`: the draft the application was gathered in (the pages' sealed draft, docs/decisions/031);
 * its files become the case's, and its answers give way to what the confirmation shows, in the submission's transaction.
 */
/**
 * @param keep writes the answer under the request's Idempotency-Key in the submission's own
 *   transaction (http/idempotency.ts), so that a retry after a cut connection gets that answer
 */
export async function submitApplication(deps: CaseDeps, serviceId: string, input: unknown, lang: Locale, draftKey?: string, keep?: (trx: Transaction<Database>, answer: unknown) => Promise<void>): Promise<SubmitResult> {
  const service = serviceOf(deps, serviceId);
  if (!service || !isAppliedOnline(service)) return { ok: false, reason: 'no_such_service' };
  const now = deps.now();
  const today = chinaDate(now);
  const data = serviceDataOf(deps);
  const parsed = service.applicationSchema(today, data).safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  // The phone the submission texts, confirmed by a code (docs/decisions/019, 076): two reads, before anything is written.
  const confirmed = service.confirmedPhone;
  let confirmedPhone: BundleContext['confirmedPhone'];
  if (confirmed) {
    // A proof that is no short line of text (a NUL, a control character) is bad input on its own field.
    const sent = ProofBeside.safeParse(input);
    if (!sent.success) return { ok: false, reason: 'invalid', error: sent.error };
    const proof = sent.data.phoneProof?.trim() || undefined;
    const phone = confirmed.phone(parsed.data);
    const held = proof === undefined ? undefined : await proofHeldFor(deps, proof, phone);
    if (!held) return { ok: false, reason: 'phone-not-confirmed', field: confirmed.field, label: confirmed.label, problem: proof === undefined ? 'missing' : 'invalid' };
    if (proof !== undefined) confirmedPhone = { phone, proof, expiresAt: held.expiresAt };
  }
  // A document the portal holds itself needs no file (docs/decisions/074); looked for again here, whatever the pages said.
  const evidence = await evidenceOnRecord(deps, service, parsed.data, today);
  const missing = await filesMissing(deps, filesNeededBeside(service.uploadsNeededFor?.(parsed.data) ?? service.uploadsNeeded ?? {}, evidence), draftKey);
  if (missing) return { ok: false, reason: 'invalid', error: missing };
  const contact = service.applicant(parsed.data);
  const snapshot: CaseSnapshot = {
    state: service.workflow.initialState,
    version: 1,
    office: service.office(parsed.data, data),
    deadlines: startDeadlines(service.workflow, service.workflow.initialDeadlines ?? [], { today, calendar: deps.calendar }),
  };
  const once = service.oncePer;
  const onceKeyHash = once ? deps.crypto.lookupHash(once.key(parsed.data), ONCE_KEY_CONTEXT) : undefined;
  const personHashes = casePersonHashes(deps, service, parsed.data);
  const bundleParts = service.bundle?.parts(parsed.data, confirmedPhone ? { confirmedPhone } : {}) ?? [];
  // What the application takes one of (docs/decisions/064), with how many there are today by the rules.
  const holds = service.holds;
  const stock = holds?.stock(parsed.data, today, data.rules);
  try {
    return await withNewTrackingNumber(deps.randomBytes, async (trackingNumber) => {
      let parts: WrittenPart[] | undefined;
      await recordSubmission(deps.db, newCaseRecord(deps, { trackingNumber, service: serviceId, lang, contact, answers: parsed.data, snapshot, at: now }), {
        channel: 'sms',
        template: 'case.submitted',
        lang,
        recipientEnc: deps.crypto.encrypt(contact.phone, OUTBOX_RECIPIENT_CONTEXT),
        params: { trackingNumber: formatTrackingNumber(trackingNumber) },
      }, async (trx, caseId) => {
        // Each step below writes only what this service and submission have (a no-op otherwise), in the case's transaction.
        // One case per key (docs/decisions/061): taken with the case, or the whole submission undone.
        if (once && onceKeyHash !== undefined && !(await claimOnceKey(trx, { service: serviceId, keyHash: onceKeyHash, caseId, releasedIn: once.releasedIn }))) throw new OnceKeyTakenError();
        // One of a counted stock (a plot): one conditional update, or the whole submission undone.
        if (stock && !(await takeStock(trx, { ...stock, caseId }))) throw new StockTakenError();
        // Who the case is about, found again by another service (docs/decisions/065).
        await recordCasePeople(trx, caseId, personHashes);
        // Where each document on record was found, sealed, for the staff who handle the case.
        await recordCaseEvidence(trx, caseId, evidence.map((found) => ({ purpose: found.purpose, referenceEnc: deps.crypto.encrypt(JSON.stringify({ trackingNumber: found.trackingNumber, place: found.place }), EVIDENCE_CONTEXT) })), now);
        // A bundle's parts are written with it, or none of it is (docs/decisions/066).
        if (service.bundle) parts = await writeBundleParts(trx, fanOutDeps(deps, lang, now), { caseId, contact, lang, at: now, today, draftKey }, bundleParts);
        // The answer the API gives, kept with what it answers for.
        await keep?.(trx, submittedAnswer(trackingNumber, snapshot, parts));
        if (draftKey === undefined) return;
        await moveDraftFiles(trx, deps.kind, draftKey, caseId);
        // The draft becomes the case with the same commit, or stays when the submission fails: its answers
        // give way to what the confirmation shows (docs/decisions/033).
        const acceptanceDue = snapshot.deadlines.find((deadline) => deadline.key === 'acceptance')?.dueOn ?? null;
        await markDraftSubmitted(trx, draftKey, submittedDraft(deps, { trackingNumber: formatTrackingNumber(trackingNumber), acceptanceDue, smsTo: maskPhone(contact.phone) }, now));
      });
      return { ok: true, ...submittedAnswer(trackingNumber, snapshot, parts) };
    });
  } catch (error) {
    // Refused as an answer of the application, next to the field it is about (the deceased's ID number).
    if (error instanceof OnceKeyTakenError && once) return { ok: false, reason: 'invalid', error: new ZodError([{ code: 'custom', path: [...once.field], message: once.message, input: undefined }]) };
    if (error instanceof StockTakenError && holds) return { ok: false, reason: 'invalid', error: new ZodError([{ code: 'custom', path: [...holds.field], message: holds.message, input: undefined }]) };
    throw error;
  }
}

/**
 * The documents the service finds on the portal's own record for an application, or for the answers
 * so far (the pages ask before the rest is answered), only for purposes it takes files for.
 */
export async function evidenceOnRecord(deps: Pick<CaseDeps, 'db' | 'crypto'>, service: RegisteredCaseService, application: unknown, today: string): Promise<EvidenceOnRecord[]> {
  if (!service.evidenceOnRecord) return [];
  return evidenceForPurposes(await service.evidenceOnRecord({ db: deps.db, crypto: deps.crypto, today }, application), Object.keys(service.uploads ?? {}));
}

/** What a submission answers: its number, state and deadlines, and a bundle's parts. */
function submittedAnswer(trackingNumber: string, snapshot: CaseSnapshot, parts: WrittenPart[] | undefined) {
  return { trackingNumber: formatTrackingNumber(trackingNumber), state: snapshot.state, deadlines: snapshot.deadlines.map(({ key, dueOn }) => ({ key, dueOn })), ...(parts ? { parts } : {}) };
}

/** What the fan-out of a bundle's parts uses of the case core: the registry, the data, and the same sealing of answers as any case's. */
function fanOutDeps(deps: CaseDeps, lang: Locale, at: Date): FanOutDeps {
  return {
    kind: deps.kind,
    crypto: deps.crypto,
    calendar: deps.calendar,
    randomBytes: deps.randomBytes,
    service: (id) => serviceOf(deps, id),
    data: serviceDataOf(deps),
    record: (input) => newCaseRecord(deps, { ...input, lang, at }),
    personHashes: (service, application) => casePersonHashes(deps, service, application),
    prefilledDraft: (service, answers) => prefilledDraft({ crypto: deps.crypto, services: deps.services ?? BUILT_IN_SERVICES }, service, { ...answers }, at),
  };
}

/** The proof beside an application of a service with a `confirmedPhone` (POST /phone-codes/confirm's), as sent. */
const ProofBeside = z.object({ phoneProof: textLine().max(100).optional() });

/** A bundle's parts as its status page shows them (docs/decisions/066): each part's state, and a department's answer read as done, refused or still pending. */
async function partsProgress(deps: CaseDeps, service: RegisteredCaseService | undefined, stored: StoredCase, answers: CaseAnswers): Promise<PartProgress[]> {
  if (!service?.bundle) return [];
  const declared = service.bundle.parts(answers());
  return (await partsOfBundle(deps.db, stored.id, deps.now())).map((row) => {
    const later = declared.find((part) => part.item === row.item && part.kind === 'later');
    const answer = row.handoff?.answerEnc ? (JSON.parse(deps.crypto.decrypt(row.handoff.answerEnc, HANDOFF_ANSWER_CONTEXT)) as Record<string, unknown>) : undefined;
    const said = (field: string): string | null => (typeof answer?.[field] === 'string' ? answer[field] : null);
    const partService = row.service ? serviceOf(deps, row.service) : undefined;
    const terminalDone = Boolean(row.state && partService?.workflow.states[row.state]?.terminal && partService.workflow.states[row.state]?.decided);
    const status = partStatus({ kind: row.partCaseId ? 'case' : 'later', state: row.state, terminalDone, handoff: row.handoff ? { status: row.handoff.status, outcome: said(PART_ANSWER.outcome) } : null });
    return {
      item: row.item,
      trackingNumber: row.trackingNumber ? formatTrackingNumber(row.trackingNumber) : null,
      service: row.service,
      state: row.state,
      status,
      reason: status === 'refused' ? said(PART_ANSWER.note) : null,
      applyPath: later?.kind === 'later' ? later.applyPath : null,
      prefilled: row.draftOpen,
    };
  });
}

/** The keyed hashes of the people a case is about (a service's `people`), as the booking hashes people: of the normalised number. */
export function casePersonHashes(deps: Pick<CaseDeps, 'crypto'>, service: Pick<RegisteredCaseService, 'people'>, application: unknown): string[] {
  return (service.people?.(application) ?? []).map((idNumber) => deps.crypto.lookupHash(normaliseResidentId(idNumber), PERSON_HASH_CONTEXT));
}

/** Another case holds the application's "once per …" key (docs/decisions/061); its message never says "unique", so the tracking number's retry leaves it alone. */
class OnceKeyTakenError extends Error {
  constructor() {
    super('another case holds this once-per key');
  }
}

/** Another case has what a step names (docs/decisions/064): the step is refused next to `field`, with `message`. */
export class StepKeyTakenError extends Error {
  readonly field: string;
  /** The translation key of what the member is told. */
  readonly messageKey: string;
  constructor(field: string, messageKey: string) {
    super('another case has what this step names');
    this.field = field;
    this.messageKey = messageKey;
  }
}

/** None of the stock the application takes is left (docs/decisions/064); its message never says "unique", so the tracking number's retry leaves it alone. */
class StockTakenError extends Error {
  constructor() {
    super('none of this stock is left');
  }
}

import type { AppointmentView, CaseProgress, PartProgress } from '../services/case-service.ts';

export type { AppointmentView, CaseProgress, PartProgress };

/**
 * A notification's dates from the case's periods ({{coolingOffEnds}}, {{windowFrom}}, {{windowTo}}):
 * the message that accepts a divorce tells both parties when they may withdraw and when to come back.
 */
export function periodParams(snapshot: CaseSnapshot): Record<string, string> {
  const [coolingOff, window] = snapshot.periods ?? [];
  return {
    ...(coolingOff ? { coolingOffEnds: coolingOff.to } : {}),
    ...(window ? { windowFrom: window.from, windowTo: window.to } : {}),
  };
}

export type LookupResult =
  | ({ ok: true } & CaseProgress)
  | { ok: false; reason: 'format'; problem: TrackingNumberProblem }
  | { ok: false; reason: 'no_match' };

function sameHash(a: string, b: string | null): boolean {
  if (b === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * A case's answers, decrypted and parsed on the first read and kept for the next: a status lookup
 * reads them up to five times (whose phones, who handles it, the settings, the parts, the claim),
 * and each read was a decryption and a JSON parse. The readers only read them.
 */
export type CaseAnswers = () => unknown;

export function caseAnswers(crypto: FieldCrypto, answersEnc: string): CaseAnswers {
  let opened: { answers: unknown } | undefined;
  return () => (opened ??= { answers: JSON.parse(crypto.decrypt(answersEnc, ANSWERS_CONTEXT)) }).answers;
}

/** Stand-in answers decrypted when there is no case, so that an unknown number costs what a known one does. */
const standIns = new WeakMap<FieldCrypto, string>();
function standInAnswers(crypto: FieldCrypto): string {
  let sealed = standIns.get(crypto);
  if (!sealed) standIns.set(crypto, (sealed = crypto.encrypt('{}', ANSWERS_CONTEXT)));
  return sealed;
}

/**
 * Whether a phone (normalised, as its keyed hash) is one the case's messages go to: each party's of
 * an appointment, both of whom were texted and may track it. The answers are decrypted for every
 * lookup of a known number, matched or not, and a stand-in for an unknown one.
 */
function isRecipientPhone(deps: Pick<CaseDeps, 'crypto' | 'services'>, stored: StoredCase | undefined, answers: unknown, phoneHash: string): boolean {
  const service = stored ? serviceOf(deps, stored.service) : undefined;
  if (!service) return false;
  return service.recipients(answers).some((phone) => sameHash(phoneHash, deps.crypto.lookupHash(normaliseSecondFactor(phone), PHONE_HASH_CONTEXT)));
}

/** The case behind a tracking number and second factor, or why there is none to show. */
export async function matchingCase(deps: CaseDeps, trackingInput: string, secondFactor: string) {
  const checked = checkTrackingNumber(trackingInput);
  if (!checked.ok) return { ok: false as const, reason: 'format' as const, problem: checked.problem };
  const factor = normaliseSecondFactor(secondFactor);
  // Both hashes and the query happen whatever the answer, so a wrong pair takes as long as an unknown number.
  const idHash = deps.crypto.lookupHash(factor, ID_HASH_CONTEXT);
  const phoneHash = deps.crypto.lookupHash(factor, PHONE_HASH_CONTEXT);
  // The case and whether the other party of an appointment asks (by ID number): one statement, run
  // whole for an unknown number too (findCaseForLookup).
  const { stored, personOnCase: otherParty } = await findCaseForLookup(deps.db, checked.value, deps.crypto.lookupHash(factor, PERSON_HASH_CONTEXT));
  const idMatches = sameHash(idHash, stored?.applicantIdHash ?? null);
  const phoneMatches = sameHash(phoneHash, stored?.applicantPhoneHash ?? null);
  // Decrypted here whatever the answer (a stand-in's for an unknown number), and kept for the answer's readers.
  const answers = caseAnswers(deps.crypto, stored?.answersEnc ?? standInAnswers(deps.crypto));
  // The other party of an appointment by phone (asked always, so that every answer takes as long).
  const otherPhone = isRecipientPhone(deps, stored, answers(), phoneHash);
  if (!stored || !(idMatches || phoneMatches || otherParty || otherPhone)) return { ok: false as const, reason: 'no_match' as const };
  return { ok: true as const, stored, answers };
}

/**
 * The case with the moments its workflow's time conditions read (an appointment's start and end,
 * when it was marked missed), for a service that names any; as stored otherwise.
 */
export async function withMoments(deps: Pick<CaseDeps, 'db' | 'services'>, stored: StoredCase): Promise<StoredCase> {
  const service = serviceOf(deps, stored.service);
  if (!service?.workflow.moments?.length) return stored;
  return { ...stored, snapshot: { ...stored.snapshot, moments: appointmentMoments(await latestAppointmentTimes(deps.db, stored.id)) } };
}

/** The case with the transitions it has taken (its timeline's events), for a service whose transitions require earlier steps. */
export async function withSteps(deps: Pick<CaseDeps, 'db' | 'services'>, stored: StoredCase): Promise<StoredCase> {
  const service = serviceOf(deps, stored.service);
  if (!service?.workflow.transitions.some((transition) => transition.requires?.length)) return stored;
  const events = await caseTimeline(deps.db, stored.id);
  return { ...stored, snapshot: { ...stored.snapshot, steps: events.map((event) => event.transition) } };
}

/** The settings in force for the case on `day` (a divorce's withdrawal rule at its office), for a service that has any. */
function settingsInForce(deps: Pick<CaseDeps, 'crypto' | 'services' | 'rules' | 'offices'>, stored: StoredCase, day: string, answers: CaseAnswers = caseAnswers(deps.crypto, stored.answersEnc)): Record<string, SettingInForce> {
  const service = serviceOf(deps, stored.service);
  if (!service?.settings) return {};
  return { ...service.settings(answers(), day, deps.rules ?? sourceRuleBook(), serviceDataOf(deps)) };
}

/** The case with the values of the settings its workflow's transitions read (`onlyIf`), as in force on `day`. */
export function withSettings(deps: Pick<CaseDeps, 'crypto' | 'services' | 'rules' | 'offices'>, stored: StoredCase, day: string): StoredCase {
  const settings = settingsInForce(deps, stored, day);
  if (Object.keys(settings).length === 0) return stored;
  return { ...stored, snapshot: { ...stored.snapshot, settings: Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting.value])) } };
}

/** The encryption context of a timeline event's sealed fields (eventSealedFields: a 补正 list, a reason, an opinion, an objection). */
export const EVENT_INPUT_CONTEXT = 'case_events.input';

/**
 * The fields sealed in a transition's timeline event: its input's (meta `sealed`) and, for the
 * applicant's 补正 answer (which has no input of its own), the note and the files' names it records.
 */
export function eventSealedFields(service: Pick<RegisteredCaseService, 'workflow'> | undefined, transition: string): string[] {
  const definition = service?.workflow.transitions.find((t) => t.name === transition);
  return [...sealedFields(definition), ...(transition === SUPPLEMENT_TRANSITION ? SUPPLEMENT_SEALED_DETAILS : [])];
}

/** A detail as the views show it: a list (a 补正 answer's files by name) reads as one line; names rarely hold a semicolon. */
const detailText = (value: unknown): string => (Array.isArray(value) ? value.map(String).join('; ') : String(value));

/**
 * A step's input as its event stores it: each sealed field encrypted (docs/decisions/045, 049), as
 * the line the views show (a list joined), which is all any reader makes of it.
 */
export function sealEventInput(crypto: FieldCrypto, service: Pick<RegisteredCaseService, 'workflow'>, transition: string, input: unknown): unknown {
  const sealed = eventSealedFields(service, transition);
  if (sealed.length === 0 || !input || typeof input !== 'object') return input;
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, sealed.includes(key) && value !== undefined ? sealedDetail(crypto, value) : value]));
}

/** One detail sealed as an event stores it. */
export const sealedDetail = (crypto: FieldCrypto, value: unknown): string => crypto.encrypt(detailText(value), EVENT_INPUT_CONTEXT);

/** Whether a stored detail is sealed: it opens with the portal's key (nothing else does). */
export function isSealedValue(crypto: FieldCrypto, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    crypto.decrypt(value, EVENT_INPUT_CONTEXT);
    return true;
  } catch (error) {
    if (error instanceof FieldDecryptionError) return false;
    throw error;
  }
}

/**
 * A sealed field's value opened. One that does not open with the portal's key was stored before its
 * field was sealed (the start's re-seal, event-seals.ts, seals it; an older process may still write
 * one during a rolling deploy): it is shown as stored rather than failing the whole page.
 */
export function openSealedValue(crypto: FieldCrypto, value: string): string {
  try {
    return crypto.decrypt(value, EVENT_INPUT_CONTEXT);
  } catch (error) {
    if (error instanceof FieldDecryptionError) return value;
    throw error;
  }
}

/** An event's details with its sealed fields opened: for staff who handle the case. */
export function openedDetails(crypto: FieldCrypto, service: Pick<RegisteredCaseService, 'workflow'> | undefined, transition: string, inputJson: string | null): Record<string, string> {
  const sealed = eventSealedFields(service, transition);
  const details = eventDetails(inputJson);
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, sealed.includes(key) ? openSealedValue(crypto, value) : value]));
}

/** A timeline event's input (reason, documents, amount) as text, sealed fields as stored. */
export function eventDetails(inputJson: string | null): Record<string, string> {
  if (!inputJson) return {};
  const parsed = JSON.parse(inputJson) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, detailText(value)]));
}

/**
 * An event's input as the applicant may read it: without the office's working record (a reviewer's
 * opinion) or what others wrote about the case (an objection), both `staffOnly`; what was sealed
 * only to be kept encrypted (a refusal's reason, the 补正 list) opened, as the page showed it before.
 */
export function applicantDetails(crypto: FieldCrypto, service: Pick<RegisteredCaseService, 'workflow'> | undefined, transition: string, inputJson: string | null): Record<string, string> {
  const hidden = staffOnlyFields(service?.workflow.transitions.find((t) => t.name === transition));
  return Object.fromEntries(Object.entries(openedDetails(crypto, service, transition, inputJson)).filter(([key]) => !hidden.includes(key)));
}

/**
 * The applicant-visible view of a stored case: its timeline without internal events. `answers`:
 * the case's answers as the caller already opened them (matchingCase), if it did.
 */
export async function progressOf(deps: CaseDeps, stored: StoredCase, answers: CaseAnswers = caseAnswers(deps.crypto, stored.answersEnc)): Promise<CaseProgress> {
  const service = serviceOf(deps, stored.service);
  const events = await applicantTimeline(deps.db, stored.id);
  const request = events.findLast((event) => event.to_state === 'awaiting-documents');
  const rows = await appointmentsOfCase(deps.db, stored.id);
  const appointments: AppointmentView[] = rows.map((row) => ({
    office: row.resource_id,
    kind: row.kind,
    date: row.date,
    start: row.start,
    end: row.end,
    status: row.status,
    visit: Number(row.visit),
  }));
  const now = deps.now();
  const today = chinaDate(now);
  const time = chinaMinute(now);
  // The latest visit's moments, for the time conditions of what the applicant may do.
  const latest = rows.at(-1);
  const settings = settingsInForce(deps, stored, today, answers);
  const snapshot = {
    ...(service?.workflow.moments?.length
      ? { ...stored.snapshot, moments: appointmentMoments(latest ? { date: latest.date, start: latest.start, end: latest.end, status: latest.status, updatedAt: latest.updated_at } : undefined) }
      : stored.snapshot),
    // The local rules in force today choose between transitions (a withdrawal request or one made at once).
    settings: Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting.value])),
  };
  const stop = service ? applicantStopNow(service.workflow, snapshot, today, time) : undefined;
  const open = service ? availableTransitions(service.workflow, snapshot, { kind: 'applicant' }, today, time).map((t) => t.name) : [];
  return {
    trackingNumber: formatTrackingNumber(stored.trackingNumber),
    service: stored.service,
    state: stored.snapshot.state,
    submittedAt: stored.createdAt,
    timeline: events.map((event) => ({ at: event.at, transition: event.transition, to: event.to_state, details: applicantDetails(deps.crypto, service, event.transition, event.input_json) })),
    deadlines: stored.snapshot.deadlines.filter((d) => !d.stoppedOn).map((d) => ({ key: d.key, dueOn: d.dueOn, paused: Boolean(d.pausedOn) })),
    handledBy: service?.handledBy ? service.handledBy(answers()) || null : null,
    documentsRequested: stored.snapshot.state === 'awaiting-documents' && request ? (applicantDetails(deps.crypto, service, request.transition, request.input_json)['documents'] ?? null) : null,
    documentsAnswer: service && open.includes(SUPPLEMENT_TRANSITION) ? await documentsAnswerOf(deps, service, stored.id) : null,
    // The workflow definition says whether, and how, the applicant may stop the case today.
    withdrawable: stop !== undefined,
    applicantStop: stop ?? service?.workflow.applicantStops?.[0] ?? null,
    applicantActions: open.filter((name) => name !== stop),
    appointment: appointments.at(-1) ?? null,
    appointments,
    periods: [...(stored.snapshot.periods ?? [])],
    bookingPath: service?.bookingPath ?? null,
    settings,
    rating: await caseRatingView(deps, stored.id, service?.workflow, stored.snapshot.state),
    parts: await partsProgress(deps, service, stored, answers),
    claim: service?.claim ? await service.claim(deps, stored.id, answers()) : null,
  };
}

/** What an answer to 补正 may carry on this case now. */
async function documentsAnswerOf(deps: CaseDeps, service: RegisteredCaseService, caseId: string): Promise<NonNullable<CaseProgress['documentsAnswer']>> {
  const limits = supplementLimits(service.supplementLimits);
  const given = (await ownerFiles(deps.db, { kind: 'case', id: caseId })).length;
  return { accept: [...limits.accept], maxFileBytes: limits.maxFileBytes, maxTotalBytes: limits.maxTotalBytes, filesLeft: filesLeft(limits, given), noteMaxLength: SUPPLEMENT_NOTE_MAX };
}

export async function lookupCase(deps: CaseDeps, trackingInput: string, secondFactor: string): Promise<LookupResult> {
  const match = await matchingCase(deps, trackingInput, secondFactor);
  if (!match.ok) return match;
  return { ok: true, ...(await progressOf(deps, match.stored, match.answers)) };
}

export type WithdrawResult = LookupResult | { ok: false; reason: 'not_withdrawable' | 'changed' };

/**
 * A step's text messages: one to each of the case's recipients (the applicant, or both parties of an
 * appointment), in the case's language, with the tracking number, the case's period dates and `params`.
 * The answers were validated when they were stored, and only this portal can decrypt them; they are
 * not validated again (today's rules, such as a moved district, must not block a step).
 */
export function caseNotifications(deps: Pick<CaseDeps, 'crypto'>, service: RegisteredCaseService, stored: StoredCase, template: string, params: Record<string, string>, snapshot: CaseSnapshot = stored.snapshot): QueuedNotification[] {
  const answers: unknown = JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT));
  return service.recipients(answers).map((phone) => ({
    channel: 'sms',
    template,
    lang: stored.lang,
    recipientEnc: deps.crypto.encrypt(phone, OUTBOX_RECIPIENT_CONTEXT),
    params: { trackingNumber: formatTrackingNumber(stored.trackingNumber), ...periodParams(snapshot), ...params },
  }));
}

/**
 * A step's text parameters from its input: what the applicant may read (no `staffOnly` field), each
 * sealed one (a refusal's reason, the 补正 list) as a secret parameter `<name>Enc`, encrypted, so
 * that the outbox keeps it sealed too until the text is rendered to be sent (docs/decisions/049).
 */
export function stepParams(crypto: FieldCrypto, service: Pick<RegisteredCaseService, 'workflow'>, transition: string, input: unknown): Record<string, string> {
  if (!input || typeof input !== 'object') return {};
  const hidden = staffOnlyFields(service.workflow.transitions.find((t) => t.name === transition));
  const sealed = eventSealedFields(service, transition);
  return Object.fromEntries(
    Object.entries(input)
      .filter(([key, value]) => !hidden.includes(key) && value !== undefined)
      .map(([key, value]) => (sealed.includes(key) ? [`${key}Enc`, crypto.encrypt(detailText(value), OUTBOX_SECRET_PARAM_CONTEXT)] : [key, String(value)])),
  );
}

/** The text inviting the applicant to rate a finished case on the status page (好差评, docs/decisions/053). */
export const RATING_INVITATION = 'case.ratingInvited';

/** Who takes a step, as the timeline and the audit log record them. */
export interface StepTaker {
  kind: 'applicant' | 'staff' | 'system';
  id: string | null;
  role: string | null;
}

/**
 * What a step publishes (docs/decisions/045), in its transaction: a case that moves to another state
 * takes its notice down (its proposal was decided, sent back or withdrawn), and a transition that
 * `publishes` writes its entry, of the facts its service gives, masked.
 */
async function publishStep(trx: Transaction<Database>, deps: Pick<CaseDeps, 'crypto' | 'rules'>, service: RegisteredCaseService, stored: StoredCase, result: TransitionResult, at: Date): Promise<void> {
  const workflow = service.workflow;
  if (!workflow.transitions.some((t) => t.publishes)) return;
  if (result.event.from !== result.event.to) await removeNoticesOfCase(trx, stored.id);
  const transition = workflow.transitions.find((t) => t.name === result.event.transition);
  if (!transition?.publishes) return;
  if (!service.publicEntry) throw new Error(`${workflow.id}: ${transition.name} publishes, but the service gives no publicEntry`);
  const today = chinaDate(at);
  const application: unknown = JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT));
  const entry = publicEntryOf(stored.service, transition, service.publicEntry(application, today, deps.rules ?? sourceRuleBook()), result.event.input, result.snapshot, today);
  if (entry === 'no_period') throw new Error(`${workflow.id}: ${transition.name} publishes for a period the case does not have`);
  if (entry) await insertPublicEntry(trx, stored.id, entry, at);
}

/**
 * A step checked by the workflow engine, as it is saved in one transaction: the case's new state
 * and timeline event (its sealed fields encrypted), the audit entry, the text messages to the case's
 * recipients (with `params`), what the step does to the case's appointments and people (a place
 * given back, people freed) and what it publishes (a notice written or taken down).
 */
export function stepToSave(
  deps: Pick<CaseDeps, 'crypto' | 'rules' | 'calendar'>,
  service: RegisteredCaseService,
  stored: StoredCase,
  result: TransitionResult,
  by: StepTaker,
  options: { at: Date; origin: string | null; details?: Record<string, string>; params?: Record<string, string>; andThen?: (trx: Transaction<Database>) => Promise<void> },
): SaveTransition {
  const effect = service.appointmentEffects?.[result.event.transition];
  const transition = service.workflow.transitions.find((t) => t.name === result.event.transition);
  return {
    caseId: stored.id,
    expectedVersion: stored.snapshot.version,
    result: { ...result, event: { ...result.event, input: sealEventInput(deps.crypto, service, result.event.transition, result.event.input) } },
    actor: by,
    audit: { actorId: by.id, actorRole: by.kind === 'staff' ? by.role : by.kind, action: `case.${result.event.transition}`, origin: options.origin, ...(options.details ? { details: options.details } : {}) },
    notifications: [
      ...(result.notify ? caseNotifications(deps, service, stored, result.notify, options.params ?? {}, result.snapshot) : []),
      // The step that finishes the case (a decision that stands, an appointment done) invites its applicant to rate it (docs/decisions/053).
      ...(finishesCase(service.workflow, result.event.from, result.snapshot.state) ? caseNotifications(deps, service, stored, RATING_INVITATION, {}, result.snapshot) : []),
    ],
    at: options.at,
    figures: (enteredAt) =>
      stepIncrements({ service: stored.service, office: stored.snapshot.office, states: service.workflow.states, calendar: deps.calendar, from: result.event.from, to: result.event.to, enteredAt, at: options.at }),
    alsoInTransaction: async (trx) => {
      await options.andThen?.(trx);
      if (effect) await applyAppointmentEffect(trx, stored.id, effect, options.at);
      // A case that ends without what it held (refused, withdrawn) gives it back with the step (docs/decisions/064).
      if (service.holds?.releasedIn.includes(result.snapshot.state)) await releaseStock(trx, stored.id);
      // What the step names that one case only may have (a numbered place): taken with the step, or the step undone.
      const stepKey = service.stepKeys?.[result.event.transition];
      if (stepKey) {
        const input = (result.event.input ?? {}) as Readonly<Record<string, unknown>>;
        const application: unknown = JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT));
        if (!(await claimStepKey(trx, { service: stored.service, key: stepKey.key(application, input), caseId: stored.id }))) throw new StepKeyTakenError(stepKey.field, stepKey.message);
      }
      // A request to another system goes with the step that sends it, or not at all (docs/decisions/044).
      await writeHandoffs(trx, { crypto: deps.crypto, service, caseId: stored.id, application: () => JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT)) as unknown, at: options.at }, transition, by.kind !== 'system');
      await publishStep(trx, deps, service, stored, result, options.at);
    },
  };
}

/** The applicant withdraws a case that has no decision yet, or cancels an appointment; told by SMS, like every step. */
export async function withdrawCase(deps: CaseDeps, trackingInput: string, secondFactor: string, origin: string | null): Promise<WithdrawResult> {
  return takeApplicantStep(deps, trackingInput, secondFactor, 'stop', origin);
}

/**
 * The applicant takes a step of their case from the status page: `'stop'` (withdraw or cancel,
 * whichever the case offers today) or a named transition such as cancelling a divorce's second visit.
 */
export async function takeApplicantStep(deps: CaseDeps, trackingInput: string, secondFactor: string, step: string, origin: string | null): Promise<WithdrawResult> {
  const match = await matchingCase(deps, trackingInput, secondFactor);
  if (!match.ok) return match;
  const service = serviceOf(deps, match.stored.service);
  if (!service) return { ok: false, reason: 'not_withdrawable' };
  const now = deps.now();
  const today = chinaDate(now);
  const time = chinaMinute(now);
  // The moments and the local rules in force today that the workflow's conditions read.
  const stored = withSettings(deps, await withMoments(deps, match.stored), today);
  const stop = step === 'stop' ? applicantStopNow(service.workflow, stored.snapshot, today, time) : step;
  if (!stop) return { ok: false, reason: 'not_withdrawable' };
  const outcome = applyTransition(service.workflow, stored.snapshot, stop, { kind: 'applicant' }, {}, { today, time, calendar: deps.calendar });
  if (!outcome.ok) return { ok: false, reason: 'not_withdrawable' };
  try {
    // A cancelled appointment gives its place back in the same transaction.
    await saveTransition(deps.db, deps.kind, stepToSave(deps, service, stored, outcome.result, { kind: 'applicant', id: null, role: null }, { at: now, origin }));
  } catch (error) {
    if (error instanceof CaseChangedError) return { ok: false, reason: 'changed' };
    throw error;
  }
  const withdrawn = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!withdrawn) throw new Error('a withdrawn case disappeared');
  return { ok: true, ...(await progressOf(deps, withdrawn)) };
}
