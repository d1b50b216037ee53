/**
 * Every refusal the API answers, in one table (docs/decisions/027): the use cases return typed
 * refusals (`{ ok: false; reason: … }`), and this table says, for each reason, the HTTP status, the
 * error `code`, the message (an i18n key, or the message made from the refusal's details) and the
 * field it belongs to. Routes answer a refusal with `refuse(c, use, refusal)` and never map one by
 * hand.
 *
 * `Refusals` names each use case's refusals by the domain's own result types, and the table's type
 * is mapped from it: a new reason in a use case's result is a type error here until it has an
 * entry. `refuse` is typed with the statuses of the reasons it may be given, so a route that can
 * answer a refusal whose status its OpenAPI operation does not declare fails the type check too.
 */
import type { ContinueResult } from '../cases/bundle-drafts.ts';
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { ZodError } from 'zod';
import type { BookingResult, CaseCalendarResult, ChooseTimeResult } from '../services/marriage/booking-service.ts';
import type { PersonCheck } from '../services/marriage/booking-eligibility.ts';
import type { RegistryOffice } from '../services/marriage/offices.ts';
import type { HolidayLoadResult } from '../services/marriage/holiday-closures.ts';
import type { CloseDayResult, ClosurePreview, OfficeAccess, SettingsResult } from '../services/marriage/office-admin.ts';
import type { LookupResult, WithdrawResult } from '../cases/case-service.ts';
import type { CaseFileResult } from '../cases/case-files.ts';
import type { SupplementResult } from '../cases/case-supplement.ts';
import type { ActResult, BreakGlassResult, OpenCaseResult, RevealResult } from '../cases/case-work.ts';
import type { ObjectionResult } from '../cases/public-notices.ts';
import type { OpenFollowUpResult, RateResult, ReplyResult, ResolutionResult } from '../ratings/ratings.ts';
import type { DashboardResult } from '../cases/dashboard.ts';
import { secondsUntil } from '../domain/staff/sign-in-throttle.ts';
import { dynamicKey, formatDate, formatDateTime, formatDayWithWeekday, messageNamespaces, translator, type Locale, type MessageKey, type Translate } from '../i18n/index.ts';
import { suspensionMessage } from '../i18n/no-show-suspension.ts';
import type { SignInResult } from '../staff/auth.ts';
import { refusalMessage, type FileRefusal } from '../engine/files/upload-policy.ts';
import type { CreateResult, OpenResult, ResumeResult, SaveForLaterResult } from '../engine/drafts/drafts.ts';
import type { AddRuleRowResult } from '../engine/rules/rule-changes.ts';
import type { DiffResult, UnpublishResult } from '../content/guide-editing.ts';
import type { WithdrawResult as NoticeWithdrawResult } from '../content/notices.ts';
import type { DraftRefusal } from '../engine/editorial/editorial-engine.ts';
import type { ConfirmResult, SendResult } from '../verification/phone-codes.ts';
import type { ExemptionCheckResult } from '../services/funeral/exemption-check.ts';
import type { FuneralBookingResult } from '../services/funeral/booking-service.ts';
import type { ClaimDecisionResult, ClaimFileResult, ClaimReviewResult, SendProofResult } from '../services/funeral/exemption-claim-service.ts';
import type { ApiDeps } from './api-env.ts';
import { errorBody, fieldErrors, requestLocale, type ApiError, type FieldError } from './api-error.ts';

type Refused<Result> = Extract<Result, { ok: false }>;

/** What an editorial refusal says in a kind's own words: the piece not found, no draft open, nothing new to publish. */
export interface EditorialWords {
  notFound: { code: string; message: MessageKey };
  noDraft: MessageKey;
  noChanges: MessageKey;
}
type Party = 'partyA' | 'partyB';

/**
 * The refusals of each use case the routes call, by the name `refuse` takes. Most are the domain's
 * results; a few are made by the route from what only it knows (a rate limit it counts, a year in
 * the address, a lookup that found nothing), and say so.
 */
export interface Refusals {
  /** requireStaff (require-staff.ts): no live session; none of the operation's roles. */
  staff: { reason: 'not_signed_in' } | { reason: 'not_permitted' };
  signIn: Refused<SignInResult>;
  /** The queue answered nothing: the member handles no service's cases (queue.ts). */
  queue: { reason: 'no_queue' };
  caseWork: Refused<OpenCaseResult | BreakGlassResult | RevealResult | ActResult>;
  caseFile: Refused<CaseFileResult>;
  /** A draft's files (draft-files.routes.ts): a file the upload policy refuses, a purpose the service takes no files for, a file the draft does not have. */
  draftFile: { reason: 'refused'; refusal: FileRefusal; purpose: string } | { reason: 'no_such_purpose' } | { reason: 'not_found' };
  /** Too many uploads from one client (counted by the route, in the database). */
  uploadLimit: { reason: 'too_many'; retryAt: string };
  /** An application in progress (api/engine/drafts/drafts.ts, docs/decisions/033). */
  draft: Refused<CreateResult | OpenResult | SaveForLaterResult | ResumeResult>;
  /** An Idempotency-Key used before with another body, or whose first request is still running (idempotency.ts). */
  idempotency: { reason: 'idempotency_key_reused' } | { reason: 'request_in_progress' };
  officeAccess: Refused<OfficeAccess>;
  officeSettings: Refused<SettingsResult>;
  closurePreview: Refused<ClosurePreview>;
  closeDay: Refused<CloseDayResult>;
  /** The member is no clerk of any registry (registriesOf is empty), or the day's office is not one of theirs. */
  officeDay: { reason: 'not_permitted' } | { reason: 'not_found' };
  /** A funeral home's day and the exemption settlement (docs/decisions/072): none of the member's homes, a booking not theirs, an action the booking is not in a state for. */
  homeDay: { reason: 'not_permitted' } | { reason: 'not_found' } | { reason: 'not_possible'; field: string };
  /** The year the address names comes with each refusal: the message says it. */
  holidayYear: (Refused<HolidayLoadResult> | { reason: 'year_mismatch' }) & { year: number };
  /** The generic application route (cases.routes.ts): answers the service's schema refuses, or a service it does not take. */
  application: { reason: 'invalid'; error: ZodError } | { reason: 'no_such_service' } | { reason: 'phone-not-confirmed'; field: string; label: string; problem: 'missing' | 'invalid' };
  /** Too many lookups per client or per tracking number (counted by the route, in the database). */
  lookupLimit: { reason: 'too_many'; retryAt: string };
  lookup: Refused<LookupResult>;
  /** Continuing a bundle's item applied for later (docs/decisions/076): the bundle as a lookup finds it, then its item's prefilled draft. */
  bundleItem: Refused<ContinueResult>;
  withdrawal: Refused<WithdrawResult>;
  /** The applicant's answer to a request for documents (case-supplement.ts, docs/decisions/039). */
  supplement: Refused<SupplementResult>;
  /** Cancelling a divorce's second visit: the same step as a withdrawal, answered as a change of time. */
  secondVisitCancel: Refused<WithdrawResult>;
  caseCalendar: Refused<CaseCalendarResult>;
  chooseTime: Refused<ChooseTimeResult>;
  /** An office's calendar or slots asked of an office that does not exist. */
  registryOffice: { reason: 'no_such_office' };
  /** `too-many`: booking attempts per client (counted by the route). */
  booking: Refused<BookingResult> | { reason: 'too-many' };
  /** The party and office the page asked about come with each refusal: the field and message name them. */
  /** `registry`: the office asked about, as the portal has it (its name and phone in the suspension's words). */
  personCheck: (Refused<PersonCheck> | { reason: 'unknown-office' } | { reason: 'too-many' }) & { party: Party; office: string; registry?: RegistryOffice };
  phoneCodeSend: Refused<SendResult>;
  phoneCodeConfirm: Refused<ConfirmResult>;
  /** Adding a row to a rule table (or reading one): no table of that name, or a key or value the table refuses. */
  ruleTable: Refused<AddRuleRowResult>;
  /** An objection to a public notice (public-notices.ts, docs/decisions/045). */
  objection: Refused<ObjectionResult>;
  /** A guide's draft, or its history, asked for where there is none (guide-editing.ts, docs/decisions/052). */
  guideDraftRead: { reason: 'no_draft' } | { reason: 'guide_not_found' };
  /**
   * A draft of edited content (the editorial engine, docs/decisions/057): opening, saving, a
   * lifecycle step, publishing or discarding it. The kind's words come with each refusal (its
   * route factory adds them), so the refusals that name the kind say a guide or a notice.
   */
  editorialDraft: DraftRefusal & { words: EditorialWords };
  guideUnpublish: Refused<UnpublishResult>;
  guideDiff: Refused<DiffResult>;
  /** An external link check asked for while another process's run holds the lease (link-checks.ts, docs/decisions/058). */
  linkCheckRun: { reason: 'check_running' };
  /** A guide taken off the site: its readers are sent on or told why (getGuide). */
  publishedGuide: { reason: 'unpublished'; redirectTo: string | null; notice: string | null; at: string };
  /** Notices (docs/decisions/056): a new notice refused; a draft not open; a step refused; a withdrawal refused; a public notice gone or withdrawn. */
  noticeRead: { reason: 'no_draft' } | { reason: 'notice_not_found' };
  noticeWithdraw: Refused<NoticeWithdrawResult>;
  publishedNotice: { reason: 'notice_not_found' } | { reason: 'withdrawn'; at: string; note: string | null; lang: Locale };
  /** A funeral home asked for that the portal does not have, or whose details are not yet in force (docs/decisions/062). */
  funeralHome: { reason: 'funeral_home_not_found' };
  /** A public cemetery asked for that the portal does not have, or whose details are not yet in force (docs/decisions/064). */
  cemetery: { reason: 'cemetery_not_found' };
  /** The fee exemption check (docs/decisions/065); `too-many`: checks per client or per phone (counted by the route). */
  feeExemptionCheck: Refused<ExemptionCheckResult> | { reason: 'too-many'; retryAt: string };
  /** A booking of funeral services (docs/decisions/063): each refusal next to its field; a place taken meanwhile is 409. */
  funeralBooking: Refused<FuneralBookingResult> | { reason: 'too-many' };
  /** The family's proof for the fee exemption's manual claim (exemption-claim-service.ts, docs/decisions/075). */
  exemptionProof: Refused<SendProofResult>;
  /** The reviewer's claims: none reviewed (403), another home's or unknown (404), a decision refused. */
  claimReview: Refused<ClaimReviewResult | ClaimFileResult | ClaimDecisionResult> | { reason: 'no_claims' };
  /** Too many objections from one client (counted by the route, in the database). */
  objectionLimit: { reason: 'too_many'; retryAt: string };
  /** The applicant's rating of a finished case, once (api/ratings/ratings.ts, docs/decisions/053). */
  rating: Refused<RateResult>;
  /** The applicant's answer to the office's reply to a bad rating. */
  ratingResolution: Refused<ResolutionResult>;
  /** A bad rating's follow-up, opened or answered by staff. */
  followUp: Refused<OpenFollowUpResult | ReplyResult>;
  /** The bureau dashboard (dashboard.ts, docs/decisions/054): no role that sees figures; a service or office not the member's. */
  dashboard: Refused<DashboardResult>;
}

export type RefusingUse = keyof Refusals;
export type ReasonOf<U extends RefusingUse> = Refusals[U]['reason'];
/** The variants of a use case's refusals that may carry `Reason` (a variant's reason may be a union). */
export type RefusalOf<U extends RefusingUse, Reason> = Refusals[U] extends infer R ? (R extends { reason: infer Own } ? (Reason extends Own ? R : never) : never) : never;

/** A message: an i18n key (said as it is), or the message made from the refusal, in `lang`. */
type Words<R> = MessageKey | ((refusal: R, lang: Locale, t: Translate) => string);

export interface RefusalEntry<R> {
  status: ContentfulStatusCode | ((refusal: R) => ContentfulStatusCode);
  /** The error's `code`, which clients act on. */
  code: string | ((refusal: R) => string);
  message: Words<R>;
  /** The one field the refusal belongs to: its name, its own code (else `code`) and message (else `message`). */
  field?: { name: string | ((refusal: R) => string); code?: string | ((refusal: R) => string); message?: Words<R> };
  /** Several fields (each party's phone, a schema's issues). */
  fields?: (refusal: R, lang: Locale, t: Translate) => FieldError[];
  /** When to try again: answered as Retry-After (seconds). */
  retryAt?: (refusal: R) => string;
  /** What the body carries beside `error` (the appointments a closure would cancel). */
  extra?: (refusal: R) => object;
}

export type RefusalTable = { [U in RefusingUse]: { [Reason in ReasonOf<U>]: RefusalEntry<RefusalOf<U, Reason>> } };

const capitalised = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

// Shared by the use cases that share a reason and answer it alike.
const NOT_PERMITTED = { status: 403, code: 'not_permitted', message: 'errors.workbench.notPermitted' } as const;
const CASE_NOT_FOUND = { status: 404, code: 'case_not_found', message: 'errors.workbench.notFound' } as const;
const NOT_RESCHEDULABLE = { status: 409, code: 'not_reschedulable', message: 'errors.track.notReschedulable' } as const;
const SCHEMA_ISSUES = {
  status: 422,
  code: 'validation_failed',
  message: 'errors.badRequest',
  fields: (refusal: { error: ZodError }, lang: Locale) => fieldErrors(refusal.error, lang),
} as const;
/** A tracking number mistyped (its length, characters or check character), or no case for the pair. */
const fileRefusalText = (refusal: { refusal: FileRefusal; purpose: string }, t: Translate): string => {
  const { key, params } = refusalMessage(refusal.refusal, t(dynamicKey`fields.files.${refusal.purpose}`, { ns: messageNamespaces() }));
  return t(key, params);
};

/** An answer's files as a whole: none chosen, or more than the case takes (the upload policy's message, on the answer's field). */
const answerFilesText = (refusal: { code: 'none' } | FileRefusal, t: Translate): string => {
  if (refusal.code === 'none') return t('errors.track.noFiles');
  const { key, params } = refusalMessage(refusal, t('track.supplement.files'));
  return t(key, params);
};

/** A proof's file refused by the upload policy: its message names the field (and the file, when one is named). */
const proofFileText = (refusal: FileRefusal, t: Translate, name?: string): string => {
  const field = t('funeral:exemption.claim.proofFiles');
  const { key, params } = refusalMessage(refusal, name === undefined ? field : t('track.supplement.fileNamed', { field, name }));
  return t(key, params);
};

const LOOKUP = {
  format: {
    status: 422,
    code: 'validation_failed',
    message: 'errors.badRequest',
    field: { name: 'trackingNumber', code: (refusal: Extract<Refused<LookupResult>, { reason: 'format' }>) => refusal.problem, message: (refusal: Extract<Refused<LookupResult>, { reason: 'format' }>, _lang: Locale, t: Translate) => t(dynamicKey`errors.track.${refusal.problem}`) },
  },
  no_match: { status: 404, code: 'no_matching_application', message: 'errors.track.noMatch' },
} as const;
/** Rate limits whose own message is the generic one (the status's). */
const RATE_LIMITED = (code: string) => ({ status: 429, code, message: 'errors.rateLimited' }) as const;
const NOT_CANCELLABLE = {
  status: 409,
  code: 'not_cancellable',
  message: (refusal: { trackingNumber: string }, _lang: Locale, t: Translate) => t('marriage:errors.officeSchedule.notCancellable', { trackingNumber: refusal.trackingNumber }),
  // The body's shape is the confirmation's (nothing to confirm): a page shows one kind of answer.
  extra: () => ({ affected: [] as never[] }),
} as const;

type SlotRefusal = Extract<Refused<ChooseTimeResult>, { reason: 'slot' }>;
const slotMessage = (refusal: SlotRefusal, lang: Locale, t: Translate) => t(dynamicKey`marriage:errors.marriage.slot.${refusal.refusal}`, refusal.releasesAt ? { releasesAt: formatDateTime(refusal.releasesAt, lang) } : {});
/** A full time is on `start` (another time may have places), a day closed, past or not yet open on `date`. */
const slotField = (refusal: SlotRefusal) => (refusal.refusal === 'full' || refusal.refusal === 'no-such-slot' ? 'start' : 'date');
const slotStatus = (refusal: SlotRefusal) => (refusal.refusal === 'full' ? 409 : 422);

export const REFUSALS = {
  staff: {
    not_signed_in: { status: 401, code: 'not_signed_in', message: 'errors.notSignedIn' },
    not_permitted: NOT_PERMITTED,
  },
  signIn: {
    // The same answer for an unknown name and a wrong password.
    invalid: { status: 401, code: 'invalid_credentials', message: 'staff.signIn.invalid' },
    throttled: { status: 429, code: 'too_many_sign_in_attempts', message: (refusal, lang, t) => t('staff.signIn.throttled', { time: formatDateTime(refusal.retryAt, lang) }), retryAt: (refusal) => refusal.retryAt },
  },
  queue: {
    no_queue: { status: 403, code: 'not_permitted', message: 'errors.workbench.noQueue' },
  },
  caseWork: {
    // A case outside the member's scope is answered like an unknown number.
    not_found: CASE_NOT_FOUND,
    break_glass_required: { status: 403, code: 'break_glass_required', message: 'workbench.breakGlass.required' },
    not_permitted: NOT_PERMITTED,
    changed: { status: 409, code: 'case_changed', message: 'errors.workbench.changed' },
    booked_again: { status: 409, code: 'people_booked_again', message: 'errors.workbench.bookedAgain' },
    not_now: {
      status: 409,
      code: 'not_now',
      message: (refusal, lang, t) =>
        refusal.from ? t('errors.workbench.notYet', { time: formatDateTime(refusal.from, lang) }) : refusal.until ? t('errors.workbench.noLonger', { time: formatDateTime(refusal.until, lang) }) : t('errors.workbench.notNow'),
    },
    invalid_input: SCHEMA_ISSUES,
  },
  idempotency: {
    idempotency_key_reused: { status: 409, code: 'idempotency_key_reused', message: 'errors.idempotency.keyReused' },
    request_in_progress: { status: 409, code: 'request_in_progress', message: 'errors.idempotency.inProgress' },
  },
  caseFile: {
    // A file of another case, an unknown one, or a case out of the member's scope: alike.
    not_found: { status: 404, code: 'file_not_found', message: 'errors.files.notFound' },
    // A break-glass reading does not open the case's whole values, and a file is one.
    not_permitted: NOT_PERMITTED,
  },
  draftFile: {
    // The upload policy's own message, naming the field (its label in the reader's language).
    refused: {
      status: 422,
      code: 'validation_failed',
      message: (refusal, _lang, t) => fileRefusalText(refusal, t),
      field: { name: 'file', code: (refusal) => `file_${refusal.refusal.code}`, message: (refusal, _lang, t) => fileRefusalText(refusal, t) },
    },
    no_such_purpose: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'purpose', code: 'no_such_purpose', message: 'errors.files.noSuchPurpose' } },
    not_found: { status: 404, code: 'file_not_found', message: 'errors.files.draftFileNotFound' },
  },
  draft: {
    // A reference that lapsed, was replaced by a resume, or never was: the same answer, nothing personal.
    not_found: { status: 404, code: 'draft_not_found', message: 'errors.draft.notFound' },
    no_such_service: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'service', code: 'no_such_service', message: 'errors.draft.noSuchService' } },
    identity_missing: { status: 409, code: 'draft_identity_missing', message: 'errors.draft.identityMissing' },
    // Which of the two was wrong is not said; the message goes with the code, the first field.
    no_match: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'code', code: 'no_matching_draft', message: 'errors.draft.noMatch' } },
    too_many: { status: 429, code: 'too_many_resumes', message: (refusal, lang, t) => t('errors.draft.tooMany', { time: formatDateTime(refusal.retryAt, lang) }), retryAt: (refusal) => refusal.retryAt },
  },
  uploadLimit: {
    too_many: { status: 429, code: 'too_many_uploads', message: (refusal, lang, t) => t('errors.files.tooManyUploads', { time: formatDateTime(refusal.retryAt, lang) }), retryAt: (refusal) => refusal.retryAt },
  },
  officeAccess: {
    not_permitted: NOT_PERMITTED,
    // Another admin's office is answered like an unknown one.
    not_found: { status: 404, code: 'not_found', message: 'errors.notFound' },
  },
  officeSettings: {
    slot_length_locked: {
      status: 409,
      code: 'slot_length_locked',
      message: (refusal, _lang, t) => t('marriage:errors.officeSchedule.slotLengthLocked', { count: refusal.futureAppointments }),
      field: { name: 'slotMinutes' },
    },
    sessions_have_appointments: {
      status: 409,
      code: 'sessions_have_appointments',
      message: (refusal, _lang, t) => t('marriage:errors.officeSchedule.sessionsHaveAppointments', { list: refusal.appointments.map((a) => `${a.date} ${a.start}`).join(t('punctuation.listSeparator')) }),
      field: { name: 'weekly' },
    },
  },
  closurePreview: {
    // The date is the address's only input: every issue is the date's.
    invalid: { ...SCHEMA_ISSUES, fields: (refusal, lang) => fieldErrors(refusal.error, lang).map((field) => ({ ...field, field: 'date' })) },
  },
  closeDay: {
    invalid: SCHEMA_ISSUES,
    not_cancellable: NOT_CANCELLABLE,
    needs_confirmation: { status: 409, code: 'closure_needs_confirmation', message: 'marriage:errors.officeSchedule.needsConfirmation', extra: (refusal) => ({ affected: refusal.affected }) },
  },
  officeDay: {
    // The day shows names and documents: only the registry's clerks (docs/access-control.md).
    not_permitted: NOT_PERMITTED,
    not_found: { status: 404, code: 'not_found', message: 'errors.workbench.notFound' },
  },
  homeDay: {
    not_permitted: NOT_PERMITTED,
    not_found: { status: 404, code: 'not_found', message: 'errors.workbench.notFound' },
    not_possible: { status: 409, code: 'not_possible', message: 'funeral:homeDay.errors.notPossible', field: { name: (refusal) => refusal.field } },
  },
  holidayYear: {
    year_mismatch: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'year', code: 'custom', message: 'errors.holidays.yearMismatch' } },
    not_cancellable: NOT_CANCELLABLE,
    needs_confirmation: {
      status: 409,
      code: 'holidays_need_confirmation',
      message: (refusal, _lang, t) => t('errors.holidays.needsConfirmation', { year: refusal.year, count: refusal.affected.length }),
      extra: (refusal) => ({ affected: refusal.affected }),
    },
  },
  application: {
    invalid: SCHEMA_ISSUES,
    no_such_service: { status: 404, code: 'no_such_service', message: 'errors.application.noSuchService' },
    // Next to the phone, as a marriage booking's (docs/decisions/019, 076): no proof, or one that does not hold for it.
    'phone-not-confirmed': {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: {
        name: (refusal) => refusal.field,
        code: (refusal) => (refusal.problem === 'missing' ? 'phone_not_confirmed' : 'phone_proof_invalid'),
        message: (refusal, _lang, t) => capitalised(t(refusal.problem === 'missing' ? 'errors.verification.proofMissing' : 'errors.verification.proofInvalid', { field: t(dynamicKey`${refusal.label}`) })),
      },
    },
  },
  lookupLimit: {
    too_many: { status: 429, code: 'too_many_lookups', message: (refusal, lang, t) => t('errors.track.tooMany', { time: formatDateTime(refusal.retryAt, lang) }), retryAt: (refusal) => refusal.retryAt },
  },
  lookup: LOOKUP,
  bundleItem: {
    ...LOOKUP,
    // None made, lapsed, or already sent: the same answer, nothing said about the draft.
    not_found: { status: 404, code: 'draft_not_found', message: 'errors.draft.notFound' },
  },
  objection: {
    // An unknown entry and an announcement (which takes no objection) alike: nothing said about a case.
    not_found: { status: 404, code: 'notice_not_found', message: 'errors.objection.notFound' },
    ended: { status: 409, code: 'notice_ended', message: (refusal, lang, t) => t('errors.objection.ended', { day: formatDate(refusal.toDay, lang) }) },
    invalid: SCHEMA_ISSUES,
  },
  objectionLimit: {
    too_many: { status: 429, code: 'too_many_objections', message: (refusal, lang, t) => t('errors.objection.tooMany', { time: formatDateTime(refusal.retryAt, lang) }), retryAt: (refusal) => refusal.retryAt },
  },
  rating: {
    ...LOOKUP,
    not_rateable: { status: 409, code: 'not_rateable', message: 'errors.ratings.notRateable' },
    already_rated: { status: 409, code: 'already_rated', message: 'errors.ratings.alreadyRated' },
    invalid: SCHEMA_ISSUES,
  },
  ratingResolution: {
    ...LOOKUP,
    not_answerable: { status: 409, code: 'not_answerable', message: 'errors.ratings.notAnswerable' },
    invalid: SCHEMA_ISSUES,
  },
  followUp: {
    // Another office's or service's follow-up is answered as one that does not exist.
    not_found: { status: 404, code: 'follow_up_not_found', message: 'errors.ratings.notFound' },
    already_replied: { status: 409, code: 'already_replied', message: 'errors.ratings.alreadyReplied' },
    invalid: SCHEMA_ISSUES,
  },
  dashboard: {
    not_permitted: NOT_PERMITTED,
    // An office the member does not see is answered like an unknown one, as office administration does.
    not_found: { status: 404, code: 'not_found', message: 'errors.notFound' },
  },
  withdrawal: {
    ...LOOKUP,
    not_withdrawable: { status: 409, code: 'not_withdrawable', message: 'errors.track.notWithdrawable' },
    changed: { status: 409, code: 'not_withdrawable', message: 'errors.track.notWithdrawable' },
  },
  supplement: {
    ...LOOKUP,
    not_answerable: { status: 409, code: 'not_answerable', message: 'errors.track.notAnswerable' },
    changed: { status: 409, code: 'not_answerable', message: 'errors.track.notAnswerable' },
    invalid: SCHEMA_ISSUES,
    // No file, or more than the case has room for: said on the files' field.
    files: {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: { name: 'files', code: (refusal) => `file_${refusal.refusal.code}`, message: (refusal, _lang, t) => answerFilesText(refusal.refusal, t) },
    },
    // One file refused by the upload policy: its message names the file.
    file: {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: {
        name: 'files',
        code: (refusal) => `file_${refusal.refusal.code}`,
        message: (refusal, _lang, t) => {
          const { key, params } = refusalMessage(refusal.refusal, t('track.supplement.fileNamed', { field: t('track.supplement.files'), name: refusal.name }));
          return t(key, params);
        },
      },
    },
  },
  secondVisitCancel: { ...LOOKUP, not_withdrawable: NOT_RESCHEDULABLE, changed: NOT_RESCHEDULABLE },
  caseCalendar: { ...LOOKUP, not_reschedulable: NOT_RESCHEDULABLE },
  chooseTime: {
    ...LOOKUP,
    not_reschedulable: NOT_RESCHEDULABLE,
    changed: NOT_RESCHEDULABLE,
    slot: { status: slotStatus, code: (refusal) => (refusal.refusal === 'full' ? 'slot_full' : 'validation_failed'), message: slotMessage, field: { name: slotField, code: (refusal) => refusal.refusal } },
  },
  registryOffice: {
    no_such_office: { status: 404, code: 'no_such_office', message: 'errors.notFound' },
  },
  booking: {
    invalid: SCHEMA_ISSUES,
    // A booking names its refusals on the fields; only a full time has a message of its own.
    slot: {
      status: slotStatus,
      code: (refusal) => (refusal.refusal === 'full' ? 'slot_full' : 'validation_failed'),
      message: (refusal, _lang, t) => t(refusal.refusal === 'full' ? 'marriage:errors.marriage.slot.full' : 'errors.badRequest'),
      field: { name: slotField, code: (refusal) => refusal.refusal, message: slotMessage },
    },
    'already-booked': {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: {
        name: (refusal) => `${refusal.party}.idNumber`,
        code: 'already_booked',
        // The same status and field whoever asks; what the appointment is, only to a party of it.
        message: (refusal, lang, t) =>
          refusal.held ? t('marriage:errors.marriage.alreadyBookedVerified', { kind: t(dynamicKey`marriage:marriage.kind.${refusal.held.kind}`), date: formatDayWithWeekday(refusal.held.date, lang) }) : t('marriage:errors.marriage.alreadyBooked'),
      },
    },
    'phone-not-confirmed': {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      fields: (refusal, _lang, t) =>
        refusal.parties.map(({ party, problem }) => {
          const field = `${party}.phone`;
          const message = t(problem === 'missing' ? 'errors.verification.proofMissing' : 'errors.verification.proofInvalid', { field: t(dynamicKey`marriage:fields.${field}`) });
          return { field, code: problem === 'missing' ? 'phone_not_confirmed' : 'phone_proof_invalid', message: capitalised(message) };
        }),
    },
    // Why, until when and whom to call, as the person's page said it (docs/decisions/023).
    suspended: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: (refusal) => `${refusal.party}.idNumber`, code: 'suspended', message: (refusal, lang) => suspensionMessage(lang, refusal.until, refusal.office) } },
    'too-many': RATE_LIMITED('too_many_bookings'),
  },
  personCheck: {
    'unknown-office': { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'office', code: 'invalid_value', message: 'marriage:errors.marriage.officeRequired' } },
    'too-many': RATE_LIMITED('too_many_checks'),
    'invalid-id': {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: { name: (refusal) => `${refusal.party}.idNumber`, code: 'invalid', message: (refusal, _lang, t) => t('errors.field.invalid', { field: t(dynamicKey`marriage:fields.${refusal.party}.idNumber`) }) },
    },
    suspended: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: (refusal) => `${refusal.party}.idNumber`, code: 'suspended', message: (refusal, lang) => suspensionMessage(lang, refusal.until, refusal.registry ?? refusal.office) } },
  },
  phoneCodeSend: {
    'too-many': {
      status: 429,
      code: 'too_many_phone_codes',
      message: (refusal, lang, t) => t(refusal.limit === 'phone' ? 'errors.verification.tooManyForPhone' : 'errors.verification.tooManyFromClient', { time: formatDateTime(refusal.retryAt, lang) }),
      retryAt: (refusal) => refusal.retryAt,
    },
  },
  ruleTable: {
    unknown_table: { status: 404, code: 'rule_table_not_found', message: 'errors.rules.notFound' },
    invalid: SCHEMA_ISSUES,
  },
  funeralHome: {
    funeral_home_not_found: { status: 404, code: 'funeral_home_not_found', message: 'errors.notFound' },
  },
  cemetery: {
    cemetery_not_found: { status: 404, code: 'cemetery_not_found', message: 'errors.notFound' },
  },
  feeExemptionCheck: {
    invalid: SCHEMA_ISSUES,
    'phone-not-confirmed': { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'contact.phoneProof', code: 'phone_not_confirmed', message: 'funeral:exemption.errors.check.phoneProof' } },
    'too-many': { status: 429, code: 'too_many_checks', message: 'funeral:exemption.errors.check.tooMany', retryAt: (refusal) => refusal.retryAt },
  },
  exemptionProof: {
    ...LOOKUP,
    not_claimable: { status: 409, code: 'not_claimable', message: 'funeral:exemption.errors.claim.notClaimable' },
    invalid: SCHEMA_ISSUES,
    files: {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: { name: 'files', code: (refusal) => `file_${refusal.refusal.code}`, message: (refusal, _lang, t) => (refusal.refusal.code === 'none' ? t('funeral:exemption.errors.claim.noFiles') : proofFileText(refusal.refusal, t)) },
    },
    file: {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: { name: 'files', code: (refusal) => `file_${refusal.refusal.code}`, message: (refusal, _lang, t) => proofFileText(refusal.refusal, t, refusal.name) },
    },
  },
  claimReview: {
    not_permitted: { status: 403, code: 'not_permitted', message: 'funeral:exemption.errors.review.notPermitted' },
    no_claims: { status: 403, code: 'not_permitted', message: 'funeral:exemption.errors.review.notPermitted' },
    not_found: { status: 404, code: 'claim_not_found', message: 'funeral:exemption.errors.review.notFound' },
    invalid: SCHEMA_ISSUES,
    decided: { status: 409, code: 'claim_decided', message: 'funeral:exemption.errors.review.decided' },
    changed: { status: 409, code: 'claim_changed', message: 'funeral:exemption.errors.review.changed' },
    not_possible: { status: 409, code: 'not_possible', message: 'funeral:exemption.errors.review.notPossible' },
  },
  funeralBooking: {
    invalid: SCHEMA_ISSUES,
    'phone-not-confirmed': { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'contact.phone', code: 'phone_not_confirmed', message: 'funeral:funeralBooking.errors.phoneProof' } },
    slot: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: (refusal) => refusal.field, code: (refusal) => refusal.refusal, message: (refusal, _lang, t) => t(dynamicKey`funeral:funeralBooking.errors.slot.${refusal.refusal}`) } },
    full: { status: 409, code: 'slot_full', message: 'funeral:funeralBooking.errors.slot.full', field: { name: (refusal) => refusal.field, code: 'full', message: 'funeral:funeralBooking.errors.slot.full' } },
    'already-booked': { status: 409, code: 'already_booked', message: 'funeral:funeralBooking.errors.alreadyBooked', field: { name: 'deceased.idNumber', code: 'already_booked', message: 'funeral:funeralBooking.errors.alreadyBooked' } },
    'too-many': RATE_LIMITED('too_many_bookings'),
  },
  guideDraftRead: {
    no_draft: { status: 404, code: 'no_draft', message: 'errors.guideEditor.noDraft' },
    guide_not_found: { status: 404, code: 'guide_not_found', message: 'errors.guideEditor.guideNotFound' },
  },
  editorialDraft: {
    not_found: { status: 404, code: (refusal) => refusal.words.notFound.code, message: (refusal, _lang, t) => t(refusal.words.notFound.message) },
    no_draft: { status: 404, code: 'no_draft', message: (refusal, _lang, t) => t(refusal.words.noDraft) },
    draft_changed: { status: 409, code: 'draft_changed', message: 'errors.guideEditor.draftChanged', extra: (refusal) => ({ currentVersion: refusal.currentVersion }) },
    wrong_state: { status: 409, code: 'wrong_state', message: (refusal, _lang, t) => t('errors.guideEditor.wrongState', { state: t(dynamicKey`guideEditor.state.${refusal.state}`) }) },
    self_approval: { status: 403, code: 'self_approval', message: 'errors.guideEditor.selfApproval' },
    schedule_in_past: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'at', code: 'schedule_in_past', message: 'errors.guideEditor.scheduleInPast' } },
    no_changes: { status: 409, code: 'no_changes', message: (refusal, _lang, t) => t(refusal.words.noChanges) },
    change_note_required: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'change', code: 'change_note_required', message: 'errors.notices.changeNoteRequired' } },
    // A problem the kind finds beyond the schema (a notice's unknown office or service), on its field.
    content_refused: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: (refusal) => refusal.field, code: (refusal) => refusal.code, message: (refusal, _lang, t) => t(refusal.message) } },
    invalid: SCHEMA_ISSUES,
  },
  guideUnpublish: {
    guide_not_found: { status: 404, code: 'guide_not_found', message: 'errors.guideEditor.guideNotFound' },
    redirect_to_itself: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'redirectTo', code: 'redirect_to_itself', message: 'errors.guideEditor.redirectToItself' } },
    unknown_redirect: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'redirectTo', code: 'unknown_redirect', message: 'errors.guideEditor.unknownRedirect' } },
  },
  guideDiff: {
    guide_not_found: { status: 404, code: 'guide_not_found', message: 'errors.guideEditor.guideNotFound' },
    no_draft: { status: 404, code: 'no_draft', message: 'errors.guideEditor.noDraft' },
    no_such_edition: { status: 404, code: 'no_such_edition', message: 'errors.guideEditor.noSuchEdition' },
  },
  linkCheckRun: {
    check_running: { status: 409, code: 'check_running', message: 'errors.linkChecks.running' },
  },
  noticeRead: {
    no_draft: { status: 404, code: 'no_draft', message: 'errors.notices.noDraft' },
    notice_not_found: { status: 404, code: 'notice_not_found', message: 'errors.notices.notFound' },
  },
  noticeWithdraw: {
    notice_not_found: { status: 404, code: 'notice_not_found', message: 'errors.notices.notFound' },
    already_withdrawn: { status: 409, code: 'already_withdrawn', message: 'errors.notices.alreadyWithdrawn' },
  },
  publishedNotice: {
    notice_not_found: { status: 404, code: 'notice_not_found', message: 'errors.notices.notFound' },
    withdrawn: { status: 410, code: 'notice_withdrawn', message: 'errors.notices.withdrawn', extra: (refusal) => ({ withdrawn: { at: refusal.at, note: refusal.note, lang: refusal.lang } }) },
  },
  publishedGuide: {
    unpublished: { status: 410, code: 'guide_unpublished', message: 'errors.guideEditor.unpublished', extra: (refusal) => ({ unpublished: { redirectTo: refusal.redirectTo, notice: refusal.notice, at: refusal.at } }) },
  },
  phoneCodeConfirm: {
    wrong: {
      status: 422,
      code: 'validation_failed',
      message: 'errors.badRequest',
      field: { name: 'code', code: 'code_wrong', message: (refusal, _lang, t) => (refusal.triesLeft > 0 ? t('errors.verification.wrong', { count: refusal.triesLeft }) : t('errors.verification.wrongLast')) },
    },
    expired: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'code', code: 'code_expired', message: 'errors.verification.expired' } },
    used: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'code', code: 'code_used', message: 'errors.verification.used' } },
    'tries-used-up': { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'code', code: 'code_tries_used_up', message: 'errors.verification.tries-used-up' } },
    none: { status: 422, code: 'validation_failed', message: 'errors.badRequest', field: { name: 'code', code: 'code_none', message: 'errors.verification.none' } },
  },
} as const satisfies RefusalTable;

type Table = typeof REFUSALS;
type EntryOf<U extends RefusingUse, Reason> = Table[U][Reason & keyof Table[U]];
type StatusOf<E> = E extends { status: (...args: never[]) => infer S } ? S : E extends { status: infer S } ? S : never;
type ExtraOf<E> = E extends { extra: (...args: never[]) => infer X } ? X : unknown;
type Answer<Body, Status> = Status extends ContentfulStatusCode ? Response & TypedResponse<JSONParsed<Body>, Status, 'json'> : never;

/** The answer `refuse` gives to `refusal`: each variant with its own status (and body), as the route's operation declares them. */
export type RefusalResponse<U extends RefusingUse, R extends Refusals[U]> = R extends { reason: infer Reason } ? Answer<ApiError & ExtraOf<EntryOf<U, Reason>>, StatusOf<EntryOf<U, Reason>>> : never;

/** What a refusal is answered with, in `lang`: everything but the request's id. */
export interface RefusalAnswer {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  fields?: FieldError[];
  retryAt?: string;
  extra?: object;
}

const say = <R>(words: Words<R>, refusal: R, lang: Locale, t: Translate): string => (typeof words === 'string' ? t(words) : words(refusal, lang, t));
const pick = <R, V>(value: V | ((refusal: R) => V), refusal: R): V => (typeof value === 'function' ? (value as (refusal: R) => V)(refusal) : value);

export function refusalAnswer<U extends RefusingUse>(use: U, refusal: Refusals[U], lang: Locale): RefusalAnswer {
  // One entry per reason (the table's type sees to it); read here as the entry for the whole union.
  const entries = REFUSALS[use] as unknown as Partial<Record<string, RefusalEntry<Refusals[U]>>>;
  const entry = entries[refusal.reason];
  if (!entry) throw new Error(`no refusal entry for ${use}.${refusal.reason}`);
  const t = translator(lang);
  const code = pick(entry.code, refusal);
  const message = say(entry.message, refusal, lang, t);
  const field = entry.field;
  const fields = entry.fields
    ? entry.fields(refusal, lang, t)
    : field
      ? [{ field: pick(field.name, refusal), code: field.code === undefined ? code : pick(field.code, refusal), message: field.message === undefined ? message : say(field.message, refusal, lang, t) }]
      : undefined;
  const retryAt = entry.retryAt?.(refusal);
  const extra = entry.extra?.(refusal);
  return { status: pick(entry.status, refusal), code, message, ...(fields ? { fields } : {}), ...(retryAt ? { retryAt } : {}), ...(extra ? { extra } : {}) };
}

/**
 * Answers already worded, per use, language and refusal: a rush repeats a few refusals thousands of
 * times (a lookup's "no match", a booking's "this time is full"), each worded the same. Only a
 * refusal made of plain values is kept (one carrying an error or an object is worded each time), and
 * at most ANSWERS_KEPT of them, so that refusals naming a time or a count cannot grow it for ever.
 */
const worded = new Map<string, RefusalAnswer>();
const ANSWERS_KEPT = 1_000;

function wordedAnswer<U extends RefusingUse>(use: U, refusal: Refusals[U], lang: Locale): RefusalAnswer {
  if (Object.values(refusal).some((value) => value !== null && typeof value === 'object')) return refusalAnswer(use, refusal, lang);
  const key = `${use}\u0000${lang}\u0000${JSON.stringify(refusal)}`;
  let answer = worded.get(key);
  if (!answer) {
    if (worded.size >= ANSWERS_KEPT) worded.clear();
    answer = deepFreeze(refusalAnswer(use, refusal, lang));
    worded.set(key, answer);
  }
  return answer;
}

/** A kept answer is shared by every request that gets it: nothing may change it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Answers `refusal` of use case `use` as the table says, in the reader's language (with Retry-After when it says when to try again). */
export function refuse<U extends RefusingUse, R extends Refusals[U]>(c: Context, use: U, refusal: R): RefusalResponse<U, R> {
  const answer = wordedAnswer(use, refusal, requestLocale(c));
  if (answer.retryAt) c.header('Retry-After', String(secondsUntil(answer.retryAt, nowOf(c))));
  const response = c.json({ ...errorBody(c, answer.code, answer.message, answer.fields), ...answer.extra }, answer.status);
  // The body and status are the table's entry for this refusal's reason, which is what the type says.
  return response as RefusalResponse<U, R>;
}

/** The API's clock (the app sets its dependencies on every request). */
function nowOf(c: Context): Date {
  const deps: ApiDeps = c.get('deps');
  return deps.now();
}
