/**
 * A service as a whole, for one that is defined outside api/services and given to a portal when it
 * starts (docs/decisions/029): its case service (the registry's entry), what the generic question
 * pages need of it (site/pages/apply/[service]/), and its own words in each language, its own namespace of the
 * portal's messages. The built-in services are registered in registry.ts and
 * site/lib/journey-services.ts; the only package today is the test-only service under tests/.
 */
import type { z } from 'zod';
import type { FlatAnswers } from '../domain/journey.ts';
import type { JourneyDefinition } from '../engine/journey/journey.ts';
import type { Locale } from '../i18n/index.ts';
import type { WordsRoot } from '../i18n/message-keys.ts';
import type { RegistryOfficeView } from './marriage/routes/marriage.routes.ts';
import type { PortalLocals } from '../server/portal.ts';
import type { AnswerRow, RegisteredCaseService } from './registry.ts';
import type { ServiceData } from './service-data.ts';

/** What a service's page hooks may use of the request (the pages pass Astro.locals.portal): the API in process, the reader's language, today and the moment. */
export type PageCall = Pick<PortalLocals, 'api' | 'lang' | 'today' | 'now'>;

/** What a download may use of the request: the reader's language, the public origin (for links in the file), the offices, and the moment it is made. */
export type DownloadCall = Pick<PortalLocals, 'lang' | 'origin' | 'offices'> & { now: Date };

/** A file the confirmation offers (a receipt, a calendar entry), served as an attachment by the generic pages. */
export interface JourneyDownload {
  body: Uint8Array | string;
  contentType: string;
  filename: string;
}

/** Makes a download from what the draft kept after submission; nothing when the draft holds nothing to make it from. */
export type DownloadMaker = (call: DownloadCall, kept: FlatAnswers, submitted: { trackingNumber: string }) => Promise<JourneyDownload | undefined>;

/** A translated problem on one field of a page (the pages' FieldMessage). */
export interface PageProblem {
  field: string;
  message: string;
}

/** A day of a calendar as the day page kind offers it (places left, full, closed, or when a popular day opens). */
export type DayChoice = { date: string; state: string; placesLeft?: number; releasesAt?: string };
/** A time as the time-slot page kind offers it, with its places left. */
export type SlotChoice = { start: string; end: string; placesLeft: number };
/** A place the office page kind offers, with its details (address, hours, phone, map, access). */
export type OfficeChoice = RegistryOfficeView;

/** The answer of the API to a "create" request (a booking), as the pages read it (site/lib/forms.ts createOnce). */
export type CreateAnswerOf<Body> = { ok: true; body: Body } | { ok: false; status: number; code: string; fields: PageProblem[]; message: string };

/**
 * What the check page's submission came to, as the service reads the API's answer; the generic
 * page maps each kind (docs/decisions/034).
 */
export type SubmitOutcome =
  /** Done: the draft keeps only `keep` (what the confirmation shows) and the tracking number. */
  | { kind: 'submitted'; trackingNumber: string; acceptanceDue: string | null; smsTo: string; keep: Record<string, string> }
  /**
   * An answer no longer holds (a time filled meanwhile, a phone's confirmation lapsed): the draft
   * becomes `answers` (the rest kept) and the reader goes to `step` in change mode, with the
   * registration's notice `notice` (JourneyPages.notices) shown there.
   */
  | { kind: 'ask-again'; step: string; answers: Record<string, string>; notice: string }
  /** Refused: shown on the check page, each message by its answer (or at the button). */
  | { kind: 'refused'; status: number; fields: PageProblem[]; message: string };

/** What a sent draft keeps of a bundle's item whose journey was prefilled (docs/decisions/076): `prefilled.<item>` = yes, for its confirmation to offer continuing it. */
export const PREFILLED = 'prefilled.';

/** The phones a confirm-phones step confirms, read from the answers (the service's journey says who and where they are kept). */
export interface PhoneRules {
  /** The parties whose phones the step confirms (e.g. partyA, partyB). */
  parties(answers: FlatAnswers): string[];
  /** Those whose phone still needs a code typed at `now`. */
  toConfirm(answers: FlatAnswers, now: Date): string[];
  /** A party's phone as the API reads it ('' while missing). */
  phoneOf(answers: FlatAnswers, party: string): string;
  /** Whether a code was sent to the party's phone as it is now. */
  codeSent(answers: FlatAnswers, party: string): boolean;
  /** Whether the party's phone is confirmed at `now`. */
  confirmed(answers: FlatAnswers, party: string, now: Date): boolean;
  /** Whether the party gave another party's phone (confirmed with that one's code). */
  shared(answers: FlatAnswers, party: string): boolean;
  /** The answer keys that keep a code sent and a confirmation, per party. */
  codeSentKey(party: string): string;
  proofKey(party: string): string;
  /** The step where the party's phone is changed. */
  changeStep(party: string): string;
}

/** A part of the confirmation page, after the tracking number (the service's own; the page renders each kind). */
export type ConfirmationBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; testId?: string }
  /** A summary list; a row may carry an office's details (shown under its value). */
  | { kind: 'summary'; rows: { label: string; value: string; testId?: string; lang?: string; office?: OfficeChoice }[] }
  /** A link within the site (localised by the page), a download when `download`. */
  | { kind: 'link'; path: string; text: string; download?: boolean; testId?: string }
  /** A plain form posted to a path within the site (localised by the page): its hidden fields and its one button. */
  | { kind: 'form'; path: string; fields: Readonly<Record<string, string>>; button: string; testId?: string }
  | { kind: 'list'; items: string[]; testId?: string };

/**
 * The booking step kinds' logic (office, day, time slot, confirm phones) and the submission, for a
 * service whose journey has them: lookups and checks through the API, which the generic pages
 * (site/pages/apply/[service]/) call without knowing the service (docs/decisions/034).
 */
export interface BookingPages {
  /** The office page kind's choices, in the reader's language. */
  offices(call: PageCall): Promise<OfficeChoice[]>;
  /** The day page kind's choices: the chosen office's calendar for the answers so far. */
  days(call: PageCall, answers: FlatAnswers): Promise<DayChoice[]>;
  /** The time-slot page kind's choices: the chosen day's times. */
  slots(call: PageCall, answers: FlatAnswers): Promise<SlotChoice[]>;
  /**
   * A step's problems beyond the schema's (the calendar's for a day or time, whether a person may
   * book now, phones not yet confirmed). With `places: false` (going through the answers again),
   * places left and people are the submission's to decide.
   */
  stepProblems(call: PageCall, step: string, answers: FlatAnswers, options: { places: boolean }): Promise<PageProblem[]>;
  /** The confirm-phones step kind's rules. */
  phones?: PhoneRules;
}

/** The submission of a service that is not an application to POST /services/{service}/applications (a booking). */
export interface SubmitHook {
  /** Sends the request under the draft's idempotency key (the page repeats it while the first is in progress). */
  send(call: PageCall, answers: FlatAnswers, key: string): Promise<Response>;
  /** What the API's answer means for the journey. */
  outcome(answer: CreateAnswerOf<unknown>, answers: FlatAnswers): SubmitOutcome;
}

/** What the generic question pages need of a service (site/lib/journey-services.ts, site/lib/journey-pages.ts). */
export interface JourneyPages<Application = unknown> {
  /** Its address (/apply/<service>), the name of its draft, and its name in the registry and the API. */
  service: string;
  journey: JourneyDefinition;
  /**
   * Where the pages' words are, a namespace and a subtree in it (`marriage:booking`, docs/decisions/038):
   * `<messages>.start.*`, `<messages>.step.<step>.title|lead`, `<messages>.hint.<path>`, `<messages>.confirmation.*`,
   * `<messages>.section.<id>`. Its fields' labels are `fields.<path>` in the same namespace (else common's).
   */
  messages: WordsRoot;
  /**
   * A phone to call, shown at the top of every page of the journey as a `tel:` link, from the answers
   * so far (a funeral home's 24-hour line once the family has chosen the home): the words before the
   * number (translated) and the number; none when absent or undefined.
   */
  helpline?(answers: FlatAnswers, data: ServiceData & { today: string }, lang: Locale): { label: string; phone: string } | undefined;
  /** The start page's list of what the applicant needs (`<messages>.start.need.<item>`). */
  startNeeds: readonly string[];
  /** The guide the start page links to. */
  guide: string;
  /** Text shown above a step's questions or files (a declaration's wording, what the government looks up itself), by step: a translation key, or several (one paragraph each). */
  stepText?: Readonly<Record<string, string | readonly string[]>>;
  /** A check box's own label, by field: a translation key. */
  checkboxLabels?: Readonly<Record<string, string>>;
  /** The schema of the application on a day, with the runtime's data (e.g. the offices a booking may name). */
  schema(today: string, data: ServiceData): z.ZodType<Application>;
  /** Fields the pages ask that are not answers of the application, with their own schemas ("are you applying for someone else?"). */
  fieldSchemas: Readonly<Record<string, z.ZodType>>;
  notInSchema: readonly string[];
  /** Paths of the schema that applicationFrom takes from other answers, asked by no step of their own (a community's district). */
  derived?: readonly string[];
  /** The application the schema checks, from the draft's answers. */
  applicationFrom(answers: FlatAnswers): Record<string, unknown>;
  /** `data`: the portal's offices and other per-city data (Astro.locals.portal's). */
  answerRows(application: Application, lang: Locale, data: ServiceData): AnswerRow[];
  /** The phone the confirmation says the text went to. */
  smsTo(application: Application): string;
  /** What the generic submission sends beside the application (a confirmed phone's proof, `phoneProof`: docs/decisions/076), from the answers at `now`. */
  sentWith?(answers: FlatAnswers, now: Date): Record<string, string>;
  /** Its public address when not /apply/<service> (e.g. /book/marriage): every link of its pages, and the site's middleware routes it to the generic pages. */
  path?: string;
  /** When the start page's needs are one paragraph (`<messages>.start.need`) rather than the list, and it has no "what happens after". */
  startNeedParagraph?: boolean;
  /** A field's hint key, when not `<messages>.hint.<path>` (one hint for both people's ID numbers). */
  hintKey?(path: string): string | undefined;
  /** The check page's button (a translation key; default application.submit) and whether it says what sending does (application.submitHint). */
  submitLabel?: string;
  submitHint?: boolean;
  /** Notices a step shows when the query names them (`?<name>=1`), after an `ask-again` outcome: as an error on `field`, or else as a status notice. */
  notices?: Readonly<Record<string, { key: string; field?: string; step: string }>>;
  /** The booking step kinds' logic, for a journey that has them. */
  booking?: BookingPages;
  /** Its submission, when not the generic application route. */
  submit?: SubmitHook;
  /** More the default confirmation says after what happens next (e.g. how to object to a decision): a heading and its paragraphs, translation keys. */
  confirmationMore?: { title: string; paragraphs: readonly string[] };
  /** What its confirmation shows after the tracking number (default: the application's next steps), from what the draft kept; and its "start again" button's key. */
  confirmation?: { blocks(call: PageCall, kept: FlatAnswers): Promise<ConfirmationBlock[]>; again: string };
  /**
   * The files its confirmation offers, by name: served at `<path>/<name>` (site/pages/apply/[service]/download/[name].ts),
   * only to the holder of the submitted draft.
   */
  downloads?: Readonly<Record<string, DownloadMaker>>;
}

/** Messages by language: nested objects of strings, the service's own namespace (never one of the portal's). */
export type MessageTree = { readonly [key: string]: string | MessageTree };

export interface ServicePackage {
  /** The registry's name of the service (also its pages' address and its API path). */
  id: string;
  caseService: RegisteredCaseService;
  pages: JourneyPages;
  /**
   * Its words, by language: its own message namespace, named by its id (docs/decisions/038), so a key
   * of it is written `<id>:<key>`. Besides what its pages use (JourneyPages.messages) and its fields'
   * labels (`fields.<path>`), the staff pages and the status page (site/lib/case-words.ts) name its
   * cases by them, under `caseService.words` (by convention `<id>:case`): `name` (the service),
   * `state.<state>` for every state of its workflow, `event.<transition>` for every transition
   * (and `submit`, the case's first event), `action.<transition>` for every step staff take on
   * the workbench, and `next.<state>` where the status page says what comes next. They are its own,
   * as every service's are, so its `accepted` never collides with another service's.
   * The status page's panel, unless `caseService.statusPanel` gives one, is built from the workflow
   * with these words (docs/decisions/036).
   */
  messages: Readonly<Record<Locale, MessageTree>>;
}

/** A module named by SERVICE_PACKAGES_MODULE exports its packages under this name. */
export interface ServicePackageModule {
  servicePackages: readonly ServicePackage[];
}
