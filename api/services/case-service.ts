/**
 * What a service of the case core is, as its folder registers it (api/services/<service>/service.ts):
 * its workflow, where its words are, its application's schema, how to read the applicant's contact
 * and the answers from an application, and what else it uses of the platform (appointments, uploads,
 * drafts, decision aids, settings, its status panel). The registry (./registry.ts) lists them; the
 * engine and the use cases never name one.
 */
import type { RecordedValues } from './recorded-values.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EvidenceOnRecord } from '../domain/cases/evidence-on-record.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import type { z } from 'zod';
import type { Locale } from '../domain/guides/guide.schema.ts';
import type { TimeLimitDeclaration } from '../domain/guides/time-limits.ts';
import { maskBirthDate, maskDocumentNumber } from '../domain/identity/id-document.ts';
import type { ServiceDefinition } from '../domain/workflow/workflow.ts';
import type { AppointmentEffect } from '../engine/booking/appointment-effect.ts';
import type { DraftPolicy } from '../engine/drafts/draft-rules.ts';
import type { FileLimits } from '../engine/files/upload-policy.ts';
import type { BundleContext, BundleDeclaration, PartStatus } from '../engine/bundles/bundle.ts';
import type { HandoffDeclarations } from '../engine/handoffs/handoff.ts';
import type { PublicFacts } from '../engine/publication/public-entry.ts';
import type { RuleBook } from '../engine/rules/live-rules.ts';
import type { WordsRoot } from '../i18n/message-keys.ts';
import { maskPhone } from '../platform/field-crypto.ts';
import type { DecisionAid } from './decision-aid.ts';
import type { ServiceData } from './service-data.ts';

export type { DecisionAid } from './decision-aid.ts';
import type { StatusPanel } from './status-panel.ts';
import type { CaseRatingView } from '../ratings/rating-view.ts';

export interface ApplicantContact {
  /** The ID number that, with the tracking number, opens the status page. */
  idNumber: string;
  /** The phone that receives notifications (the agent's when there is one) and also opens the status page. */
  phone: string;
}

/**
 * One answer as the workbench and the check-answers page show it. `label` is a translation key;
 * `value` is either text (as entered, or a configured name such as a registry office's, already in
 * the reader's language) or, with `valueKey`, a translation key (a district, a relationship).
 */
export interface AnswerRow {
  label: string;
  value: string;
  valueKey?: boolean;
  /** A personal value (ID number, phone, bank account): masked unless the reader may see it whole. */
  personal?: 'id' | 'phone' | 'account' | 'birth';
  /** `date`: the value is a calendar day (YYYY-MM-DD), which the page writes as its language does. */
  format?: 'date';
}

/** A setting of a service's workflow as in force for one case: its value, and the local text that set it (null: the default). */
export interface SettingInForce {
  value: string;
  basis: string | null;
  effectiveFrom: string | null;
}

export interface CaseService<Application> {
  workflow: ServiceDefinition;
  /**
   * Where its cases' words are (docs/decisions/038): a namespace and a subtree holding `name`,
   * `state.<state>`, `event.<transition>` (and `submit`), `action.<transition>` for the steps staff
   * take, and `next.<state>` for what the applicant is told comes next (site/lib/case-words.ts).
   */
  words: WordsRoot;
  /** `data`: the portal's offices and other per-city data (an appointment names one of its offices). */
  applicationSchema(today: string, data: ServiceData): z.ZodType<Application>;
  applicant(application: Application): ApplicantContact;
  /** The phones every notification of the case goes to: the applicant's, or each party's of an appointment. */
  recipients(application: Application): string[];
  office(application: Application, data: ServiceData): string;
  /** In the reader's language where a value is configured data with a name per language (an office, named by `data`'s). */
  answerRows(application: Application, lang: Locale, data: ServiceData): AnswerRow[];
  /** For a booking service: what each transition does to the case's appointments and people. */
  appointmentEffects?: Readonly<Record<string, AppointmentEffect>>;
  /**
   * For an appointment service: the transitions an office closing a booked day takes, the first open
   * in the case's state (default `cancel-by-office`).
   */
  closureSteps?: readonly string[];
  /** For an appointment service: the site path where it is booked (an appointment the office cancelled links there). */
  bookingPath?: string;
  /** For a service applied for online: the site path of its journey's start page. */
  applyPath?: string;
  /**
   * The deadlines of its workflow its guide states as the 承诺时限 (docs/decisions/060), in the order a
   * case meets them, each with the stage it limits; each one's words are `<words>.timeLimit.<deadline>`.
   * None: its guide keeps its own text (an appointment is booked, not decided).
   */
  timeLimits?: readonly TimeLimitDeclaration[];
  /** For a service applied for online: its operation in the API's document (POST /services/<id>/applications). */
  documentation?: { summary: string; description: string };
  /**
   * For a service whose application takes files: what they may be given for (a draft's upload names
   * one), each with its limits over the file engine's defaults (its journey's `uploadPurposes`).
   */
  uploads?: Readonly<Record<string, Partial<FileLimits>>>;
  /**
   * The limits of the files an applicant gives with a 补正 answer (docs/decisions/039) over the file
   * engine's defaults; they count the case's files together, as those of a draft are counted.
   */
  supplementLimits?: Partial<FileLimits>;
  /** By upload purpose, the files an application needs at least (its journey's `uploadMinimums`): refused at submission below them. */
  uploadsNeeded?: Readonly<Record<string, number>>;
  /**
   * The same for one application, where its answers decide which upload steps it meets (a cremation
   * certificate only for the applicant who chose it as the proof: docs/decisions/064); over `uploadsNeeded`.
   */
  uploadsNeededFor?(application: Application): Readonly<Record<string, number>>;
  /**
   * For a service whose documents the portal may hold itself (the cremation certificate a funeral
   * home recorded on a booking made here: docs/decisions/074): the documents found on the portal's
   * own record, each standing for an upload purpose whose minimum is then 0. Asked at submission
   * with the application, and by the upload and check pages with the answers so far, nested
   * (`deceased.idNumber` → { deceased: { idNumber } }) and unchecked: the service reads only what
   * identifies the record, by its own schema, and finds nothing when that is not all given.
   */
  evidenceOnRecord?(deps: RecordDeps, application: unknown): Promise<readonly EvidenceOnRecord[]>;
  /**
   * For a service gathered in a journey: how long its drafts are kept (its journey decides: `draftPolicyOf`), which
   * answer is the identity asked with a resume code, and which may be a phone to text the code to (docs/decisions/033).
   */
  drafts?: DraftPolicy;
  /** For a service whose decision its rules can propose: what they say on `today` (YYYY-MM-DD), by the rule tables in `rules`. */
  decisionAid?(application: Application, today: string, rules: RuleBook): DecisionAid | undefined;
  /**
   * For a service whose workflow has settings: each one as in force for this case on `day` where it
   * is handled (a divorce's withdrawal rule at its office). Their values are what the transitions'
   * `onlyIf` read; the status page says which applies and on what text.
   */
  settings?(application: Application, day: string, rules: RuleBook, data: ServiceData): Readonly<Record<string, SettingInForce>>;
  /**
   * What the status page shows of a case and offers its applicant (docs/decisions/036): the lookup's
   * answer mapped into the page's view model. None: a panel built from the workflow (defaultStatusPanel).
   */
  statusPanel?: StatusPanel;
  /**
   * How the values its steps record are written wherever a timeline shows them, by field (an amount
   * kept in fen as money, a month, a choice by its name: api/services/recorded-values.ts); any other
   * field is shown as recorded.
   */
  recordedValues?: RecordedValues;
  /**
   * Where the case is handled, when that is not the office staff scope names (a relief case's 乡镇/街道
   * in its district): a translation key the status page says as "handled by".
   */
  handledBy?(application: Application): string;
  /**
   * The hand-offs its transitions send to other systems (`handoff` on a transition), by name: the
   * payload built from the application, the transition that records the answer (docs/decisions/044).
   */
  handoffs?: HandoffDeclarations<Application>;
  /**
   * For a service whose transitions publish (`publishes`: 公示, 公布, docs/decisions/045): the only
   * facts of an application a public notice may show (where it hangs, the name to mask, the
   * household's size) and the locality's masking rule in force on `day` (default 张*).
   */
  publicEntry?(application: Application, day: string, rules: RuleBook): PublicFacts;
  /**
   * For a service that allows one case per something (one eco-burial subsidy per deceased:
   * docs/decisions/061): what an application is for, checked at submission inside its transaction
   * against the cases that hold the same key.
   */
  oncePer?: OncePer<Application>;
  /**
   * For a service whose application takes one of a counted stock (a public cemetery's plot of a
   * type: docs/decisions/064): taken at submission inside its transaction, or the application is
   * refused next to `field`; given back when the case reaches one of `releasedIn`.
   */
  holds?: Holds<Application>;
  /**
   * By transition, what its input names that one case only may have (the numbered place a plot case
   * is allocated: docs/decisions/064): taken in the step's transaction, or the step is refused next to `field`.
   */
  stepKeys?: Readonly<Record<string, StepKey<Application>>>;
  /**
   * The ID numbers of the people a case is about beyond its applicant (a relief household's
   * members), recorded with the case by keyed hash, so that another service reading the portal's
   * own decisions finds a member too (the funeral fee exemption: docs/decisions/065).
   */
  people?(application: Application): readonly string[];
  /**
   * For a bundle (身后一件事: docs/decisions/066): the parts an application fans out into, each a case
   * of another service (or an item applied for later), written in the submission's transaction.
   */
  bundle?: BundleDeclaration<Application>;
  /**
   * For a service whose case is another system's work from the start (a department's part of a
   * bundle): the hand-off (of `handoffs`) its new case sends, written with the case.
   */
  handoffAtSubmission?: string;
  /** A part of a bundle only (docs/decisions/066): made by the bundle's fan-out, never applied for on its own. */
  partOnly?: boolean;
  /**
   * For a service whose cases may carry a claim the applicant makes after submission with a proof,
   * which staff confirm or refuse (a funeral booking's fee exemption: docs/decisions/075): the claim
   * as the status page shows it, or null when the case has none.
   */
  claim?(deps: ClaimReadDeps, caseId: string, application: Application): Promise<CaseClaimView | null>;
  /**
   * For a service whose submission texts a phone that must first be confirmed by a code (docs/decisions/019,
   * 076): the application's phone, the field a refusal is shown next to, and that field's label (a
   * translation key). The proof (POST /phone-codes/confirm) comes beside the application, as `phoneProof`.
   */
  confirmedPhone?: ConfirmedPhone<Application>;
}

/** What a service reads its claim with (CaseService.claim). */
export interface ClaimReadDeps {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  rules?: RuleBook | undefined;
}

/** A claim of the case as its applicant reads it (CaseService.claim, docs/decisions/075). */
export interface CaseClaimView {
  /** What is claimed on: a word of the service (the fee exemption's `relief` or `youfu`). */
  ground: string;
  /** open: waiting for the applicant's proof; sent: with staff; confirmed or refused: decided, once. */
  status: 'open' | 'sent' | 'confirmed' | 'refused';
  /** What confirming waives, or waived, by item (fen): each item with what it was charged. */
  lines: { item: string; chargedFen: number; waivedFen: number }[];
  chargedFen: number;
  waivedFen: number;
  toPayFen: number;
  /** The staff's reason, when refused (their words, for the applicant). */
  refusal: string | null;
  /** While the proof may be sent: the kinds of file, the largest file, how many, and the note's length. */
  proof: { accept: string[]; maxFileBytes: number; maxFiles: number; noteMaxLength: number } | null;
}

/** What a service's `evidenceOnRecord` may read: the portal's records, their sealing, and today (China). */
export interface RecordDeps {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  today: string;
}

export interface ConfirmedPhone<Application> {
  field: string;
  label: string;
  phone(application: Application): string;
}

/**
 * A service's "one case per …" rule: the key an application is for (kept only as a keyed hash), the
 * answer a second application is refused on with its message (a translation key), and the states
 * in which a case no longer holds the key because it ended without the service's benefit
 * (withdrawn, not accepted, refused), so that a new application may then be made.
 */
export interface OncePer<Application> {
  key(application: Application): string;
  field: readonly string[];
  message: string;
  releasedIn: readonly string[];
}

/**
 * A service's counted stock: what an application takes one of (`key`) and how many there are on
 * `day` by the rules (`capacity`); where and with what message an application is refused when none
 * is left; and the states in which a case gives its place back (refused, withdrawn).
 */
export interface Holds<Application> {
  stock(application: Application, day: string, rules: RuleBook): { key: string; capacity: number };
  field: readonly string[];
  message: string;
  releasedIn: readonly string[];
}

/** What a step's input names that one case only may have: its key (from the application and the input), and where and how a clash is said. */
export interface StepKey<Application> {
  key(application: Application, input: Readonly<Record<string, unknown>>): string;
  field: string;
  message: string;
}

/** 1101**********1234, 138****5678, **** **** **** 3333, 1995-**-** */
export function maskAnswer(row: AnswerRow): string {
  if (row.personal === 'id') return maskDocumentNumber(row.value);
  if (row.personal === 'phone') return maskPhone(row.value);
  if (row.personal === 'account') return `**** ${row.value.slice(-4)}`;
  if (row.personal === 'birth') return maskBirthDate(row.value);
  return row.value;
}

/**
 * A service as the core sees it: its application's type is its own business. The application the
 * core hands back was produced by the same service's schema (or decrypted from what it produced),
 * which is what makes the narrowing below sound.
 */
export type RegisteredCaseService = CaseService<unknown>;

export function register<Application>(service: CaseService<Application>): RegisteredCaseService {
  // A guide would state a limit no case is held to: refused when the portal starts, not when a page is read.
  for (const limit of service.timeLimits ?? []) {
    if (!Object.hasOwn(service.workflow.deadlines, limit.deadline)) throw new Error(`service ${service.workflow.id} states a time limit for ${limit.deadline}, which its workflow does not have`);
  }
  const own = (application: unknown) => application as Application;
  const publicEntry = service.publicEntry;
  return {
    workflow: service.workflow,
    words: service.words,
    applicationSchema: service.applicationSchema,
    applicant: (application) => service.applicant(own(application)),
    recipients: (application) => service.recipients(own(application)),
    office: (application, data) => service.office(own(application), data),
    answerRows: (application, lang, data) => service.answerRows(own(application), lang, data),
    ...(service.appointmentEffects ? { appointmentEffects: service.appointmentEffects } : {}),
    ...(service.bookingPath ? { bookingPath: service.bookingPath } : {}),
    ...(service.applyPath ? { applyPath: service.applyPath } : {}),
    ...(service.timeLimits ? { timeLimits: service.timeLimits } : {}),
    ...(service.documentation ? { documentation: service.documentation } : {}),
    ...(service.uploads ? { uploads: service.uploads } : {}),
    ...(service.uploadsNeeded ? { uploadsNeeded: service.uploadsNeeded } : {}),
    ...(service.supplementLimits ? { supplementLimits: service.supplementLimits } : {}),
    ...(service.drafts ? { drafts: service.drafts } : {}),
    ...(service.closureSteps ? { closureSteps: service.closureSteps } : {}),
    ...(service.statusPanel ? { statusPanel: service.statusPanel } : {}),
    ...(service.recordedValues ? { recordedValues: service.recordedValues } : {}),
    ...(service.handoffs
      ? { handoffs: Object.fromEntries(Object.entries(service.handoffs).map(([name, handoff]) => [name, { ...handoff, payload: (application: unknown) => handoff.payload(own(application)) }])) }
      : {}),
    ...(service.decisionAid ? { decisionAid: (application: unknown, today: string, rules: RuleBook) => service.decisionAid?.(own(application), today, rules) } : {}),
    ...(publicEntry ? { publicEntry: (application: unknown, day: string, rules: RuleBook) => publicEntry.call(service, own(application), day, rules) } : {}),
    ...(service.handledBy ? { handledBy: (application: unknown) => service.handledBy?.(own(application)) ?? '' } : {}),
    ...(service.settings ? { settings: (application: unknown, day: string, rules: RuleBook, data: ServiceData) => service.settings?.(own(application), day, rules, data) ?? {} } : {}),
    ...(service.oncePer ? { oncePer: { ...service.oncePer, key: (application: unknown) => service.oncePer?.key(own(application)) ?? '' } } : {}),
    ...(service.evidenceOnRecord ? { evidenceOnRecord: service.evidenceOnRecord } : {}),
    ...(service.uploadsNeededFor ? { uploadsNeededFor: (application: unknown) => service.uploadsNeededFor?.(own(application)) ?? {} } : {}),
    ...(service.holds ? { holds: { ...service.holds, stock: (application: unknown, day: string, rules: RuleBook) => (service.holds as Holds<Application>).stock(own(application), day, rules) } } : {}),
    ...(service.stepKeys
      ? { stepKeys: Object.fromEntries(Object.entries(service.stepKeys).map(([name, step]) => [name, { ...step, key: (application: unknown, input: Readonly<Record<string, unknown>>) => step.key(own(application), input) }])) }
      : {}),
    ...(service.people ? { people: (application: unknown) => service.people?.(own(application)) ?? [] } : {}),
    ...(service.bundle ? { bundle: { items: service.bundle.items, parts: (application: unknown, context?: BundleContext) => service.bundle?.parts(own(application), context) ?? [] } } : {}),
    ...(service.confirmedPhone ? { confirmedPhone: { ...service.confirmedPhone, phone: (application: unknown) => (service.confirmedPhone as ConfirmedPhone<Application>).phone(own(application)) } } : {}),
    ...(service.handoffAtSubmission ? { handoffAtSubmission: service.handoffAtSubmission } : {}),
    ...(service.partOnly ? { partOnly: true } : {}),
    ...(service.claim ? { claim: (deps: ClaimReadDeps, caseId: string, application: unknown) => service.claim?.(deps, caseId, own(application)) ?? Promise.resolve(null) } : {}),
  };
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
  /** Where the case is handled (a translation key: the relief case's 乡镇/街道), or null where the service does not say. */
  handledBy: string | null;
  /** While the case waits for the applicant (补正): what they are asked to provide. */
  documentsRequested: string | null;
  /**
   * While the applicant may answer 补正 online (docs/decisions/039): the kinds of file, the largest
   * file, how many more files the case takes and the note's length, so that a page states the very
   * limits the answer is held to.
   */
  documentsAnswer: { accept: string[]; maxFileBytes: number; maxTotalBytes: number; filesLeft: number; noteMaxLength: number } | null;
  /** The applicant may stop the case now (see applicantStop). */
  withdrawable: boolean;
  /** The applicant's way of stopping the case now, or its first when none is open: 'withdraw' an application, 'cancel' an appointment. */
  applicantStop: string | null;
  /** Where this service is booked again (an appointment the office cancelled links there). */
  bookingPath: string | null;
  /** What else the applicant may do now (move an appointment, book a divorce's second visit, cancel it). */
  applicantActions: string[];
  /** For an appointment: where and when (a divorce's second visit once booked). */
  appointment: AppointmentView | null;
  /** Every visit of the case, first visit first (a divorce has two). */
  appointments: AppointmentView[];
  /** Legal periods running or past (a divorce's cooling-off period and the window for the second visit). */
  periods: { key: string; from: string; to: string }[];
  /** The local rules in force for the case today (a divorce's way of withdrawing online), by setting name. */
  settings: Record<string, SettingInForce>;
  /** 好差评 (docs/decisions/053): whether the finished case may be rated now, its rating, and a bad rating's follow-up. */
  rating: CaseRatingView;
  /** A bundle's parts (docs/decisions/066), in order; empty for any other case. */
  parts: PartProgress[];
  /** A claim the applicant made or may make with a proof (a funeral booking's fee exemption, docs/decisions/075); null for a case without one. */
  claim: CaseClaimView | null;
}

/** A part of a bundle as its status page shows it. */
export interface PartProgress {
  item: string;
  /** The part's own tracking number; null for an item applied for later. */
  trackingNumber: string | null;
  service: string | null;
  state: string | null;
  status: PartStatus;
  /** The department's reason, when it answered that it could not do it. */
  reason: string | null;
  /** Where to apply, for an item applied for later. */
  applyPath: string | null;
  /** An item applied for later whose journey's draft, prefilled from the bundle, may still be continued (docs/decisions/076). */
  prefilled: boolean;
}

export interface AppointmentView {
  office: string;
  kind: string;
  date: string;
  start: string;
  end: string;
  status: string;
  visit: number;
}
