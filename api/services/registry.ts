/**
 * The services of the case core, as data. Adding a service means adding an entry here (its
 * workflow, its application schema, and how to read the applicant's contact from an application),
 * its form pages and its guide — no engine code.
 */
import type { FileLimits } from '../engine/files/upload-policy.ts';
import { draftPolicyOf, type DraftPolicy } from '../engine/drafts/draft-rules.ts';
import { oldAgeAllowanceJourney } from './old-age-allowance/journey.ts';
import { BOOKING_JOURNEY } from './marriage/journey.ts';
import type { z } from 'zod';
import type { AppointmentEffect } from '../engine/booking/appointment-effect.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import type { ServiceDefinition } from '../domain/workflow/workflow.ts';
import { maskBirthDate, maskDocumentNumber } from '../domain/identity/id-document.ts';
import { maskPhone } from '../platform/field-crypto.ts';
import { oldAgeAllowanceApplicationSchema, type OldAgeAllowanceApplication } from './old-age-allowance/application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from './old-age-allowance/districts.ts';
import { bandRanges, proposeAllowance } from './old-age-allowance/rules.ts';
import { parseResidentId } from '../domain/identity/resident-id.ts';
import { oldAgeAllowanceWorkflow } from './old-age-allowance/workflow.ts';
import { marriageAppointmentSchema, type MarriageAppointment } from './marriage/appointment.schema.ts';
import { divorceAppointmentEffects, divorceWorkflow, WITHDRAWAL_SETTING } from './marriage/divorce-workflow.ts';
import { officeName, type MarriageKind } from './marriage/offices.ts';
import type { ServiceData } from './service-data.ts';
import { withdrawalRuleOn } from './marriage/withdrawal-rules.ts';
import { WITHDRAWAL_RULES_TABLE, withdrawalRulesOf } from './marriage/withdrawal-table.ts';
import type { RuleBook } from '../engine/rules/live-rules.ts';
import type { WordsRoot } from '../i18n/message-keys.ts';
import { ALLOWANCE_STANDARDS_TABLE, districtStandards } from './old-age-allowance/standards-table.ts';
import { marriageAppointmentEffects, marriageAppointmentWorkflow } from './marriage/workflow.ts';
import { appointmentStatusPanel, divorceStatusPanel } from './marriage/status-panel.ts';
import { builtInApplicationPanel, type StatusPanel } from './status-panel.ts';

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

/**
 * What a service's rules say to the members deciding a case, beside the case (高龄津贴: the elder's
 * age on the day, the district's amounts by age band that apply, and the approval they give:
 * old-age-allowance/rules.ts). `proposals` pre-fills a transition's fields; the member may change
 * them, and the transition's schema still checks what is sent.
 */
export interface DecisionAid {
  /** The day the age and the proposals are for: today, the decision day (YYYY-MM-DD). */
  on: string;
  /** The applicant's age on that day, in whole years. */
  age: number;
  /** The district whose standard applies (named in the i18n resources: application.district.<id>). */
  district: string;
  /** The standard that applies, or null when the district has none for the first month paid. */
  standard: {
    effectiveFrom: string;
    sourceYear: number;
    /** Figures made up for the demonstration, shown as examples. */
    example: boolean;
    /** Youngest first; `toAge` null for the last band. */
    bands: { fromAge: number; toAge: number | null; monthlyAmount: number }[];
  } | null;
  /** The band the age falls in (its `fromAge`), or null when below every band. */
  bandFrom: number | null;
  /** By transition, by field: { approve: { monthlyAmount: '60', firstMonth: '2027-01' } }. */
  proposals: Record<string, Record<string, string>>;
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
}

/** 1101**********1234, 138****5678, **** **** **** 3333, 1995-**-** */
export function maskAnswer(row: AnswerRow): string {
  if (row.personal === 'id') return maskDocumentNumber(row.value);
  if (row.personal === 'phone') return maskPhone(row.value);
  if (row.personal === 'account') return `**** ${row.value.slice(-4)}`;
  if (row.personal === 'birth') return maskBirthDate(row.value);
  return row.value;
}

const oldAgeAllowance: CaseService<OldAgeAllowanceApplication> = {
  workflow: oldAgeAllowanceWorkflow,
  words: 'old-age-allowance:case',
  statusPanel: builtInApplicationPanel,
  drafts: draftPolicyOf(oldAgeAllowanceJourney(OLD_AGE_ALLOWANCE_DISTRICTS), { identityPath: 'elder.idNumber', phonePaths: ['agent.phone', 'elder.phone'] }),
  applyPath: '/apply/old-age-allowance',
  documentation: {
    summary: 'Apply for the old-age allowance (高龄津贴)',
    description:
      'Body: district, elder {name, idNumber, phone}, optional agent {name, idNumber, phone, relationship}, bank {bankName, accountHolder, accountNumber}, declaration: true. A repeat with the same Idempotency-Key and body gets the first answer again.',
  },
  applicationSchema: (today) => oldAgeAllowanceApplicationSchema({ today, districts: OLD_AGE_ALLOWANCE_DISTRICTS }),
  applicant: (application) => ({ idNumber: application.elder.idNumber, phone: application.agent?.phone ?? application.elder.phone }),
  recipients: (application) => [application.agent?.phone ?? application.elder.phone],
  office: (application) => OLD_AGE_ALLOWANCE_DISTRICTS.find((d) => d.id === application.district)?.office ?? application.district,
  decisionAid: (application, today, rules) => {
    const district = OLD_AGE_ALLOWANCE_DISTRICTS.find((d) => d.id === application.district);
    const born = parseResidentId(application.elder.idNumber, today);
    if (!district || !born.ok) return undefined;
    // The standards in force come from the rule table (the source file's and any staff set since).
    const proposal = proposeAllowance({ standards: districtStandards(rules.rows(ALLOWANCE_STANDARDS_TABLE), district.id) }, born.id.birthDate, today);
    const { standard } = proposal;
    return {
      on: today,
      age: proposal.age,
      district: district.id,
      standard: standard ? { effectiveFrom: standard.effectiveFrom, sourceYear: standard.sourceYear, example: standard.example, bands: bandRanges(standard) } : null,
      bandFrom: proposal.band?.fromAge ?? null,
      proposals: { approve: { ...(proposal.monthlyAmount === undefined ? {} : { monthlyAmount: String(proposal.monthlyAmount) }), firstMonth: proposal.firstMonth } },
    };
  },
  answerRows: (application) => [
    { label: 'old-age-allowance:fields.district', value: `old-age-allowance:application.district.${application.district}`, valueKey: true },
    { label: 'old-age-allowance:fields.elder.name', value: application.elder.name },
    { label: 'old-age-allowance:fields.elder.idNumber', value: application.elder.idNumber, personal: 'id' },
    { label: 'old-age-allowance:fields.elder.phone', value: application.elder.phone, personal: 'phone' },
    ...(application.agent
      ? [
          { label: 'old-age-allowance:fields.agent.name', value: application.agent.name },
          { label: 'old-age-allowance:fields.agent.idNumber', value: application.agent.idNumber, personal: 'id' as const },
          { label: 'old-age-allowance:fields.agent.phone', value: application.agent.phone, personal: 'phone' as const },
          { label: 'old-age-allowance:fields.agent.relationship', value: `old-age-allowance:application.relationship.${application.agent.relationship}`, valueKey: true },
        ]
      : [{ label: 'old-age-allowance:fields.hasAgent', value: 'old-age-allowance:application.hasAgent.no', valueKey: true }]),
    { label: 'old-age-allowance:fields.bank.bankName', value: application.bank.bankName },
    { label: 'old-age-allowance:fields.bank.accountHolder', value: application.bank.accountHolder },
    { label: 'old-age-allowance:fields.bank.accountNumber', value: application.bank.accountNumber, personal: 'account' },
  ],
};

const partyRows = (key: 'partyA' | 'partyB', party: MarriageAppointment['partyA']): AnswerRow[] => [
  { label: `marriage:fields.${key}.name`, value: party.name },
  // Appointments booked before document types were asked hold a resident ID number.
  { label: `marriage:fields.${key}.idType`, value: `marriage:identity.document.${party.idType ?? 'resident-id'}`, valueKey: true },
  { label: `marriage:fields.${key}.idNumber`, value: party.idNumber, personal: 'id' },
  ...(party.birthDate ? [{ label: `marriage:fields.${key}.birthDate`, value: party.birthDate, personal: 'birth' as const }] : []),
  ...(party.sex ? [{ label: `marriage:fields.${key}.sex`, value: `marriage:identity.sex.${party.sex}`, valueKey: true }] : []),
  { label: `marriage:fields.${key}.phone`, value: party.phone, personal: 'phone' },
];

const appointmentOf = (workflow: ServiceDefinition, words: WordsRoot, appointmentEffects: Readonly<Record<string, AppointmentEffect>>, closureSteps: readonly string[], statusPanel: StatusPanel): CaseService<MarriageAppointment> => ({
  workflow,
  words,
  statusPanel,
  appointmentEffects,
  closureSteps,
  bookingPath: '/book/marriage',
  drafts: draftPolicyOf(BOOKING_JOURNEY, { identityPath: 'partyA.idNumber', phonePaths: ['partyA.phone'] }),
  applicationSchema: (today, data) => marriageAppointmentSchema({ today, offices: data.offices }),
  // Either party's ID number opens the status page (the second's through the appointment's people).
  applicant: (appointment) => ({ idNumber: appointment.partyA.idNumber, phone: appointment.partyA.phone }),
  // Both parties come, so both are told (a divorce's acceptance, withdrawal or lapse concerns each of them).
  recipients: (appointment) => [...new Set([appointment.partyA.phone, ...(appointment.partyB ? [appointment.partyB.phone] : [])])],
  office: (appointment, data) => data.offices.get(appointment.office)?.office ?? appointment.office,
  answerRows: (appointment, lang, data) => [
    { label: 'marriage:fields.kind', value: `marriage:marriage.kind.${appointment.kind}`, valueKey: true },
    { label: 'marriage:fields.office', value: officeName(data.offices, appointment.office, lang) },
    { label: 'marriage:fields.date', value: appointment.date, format: 'date' },
    { label: 'marriage:fields.start', value: appointment.start },
    ...partyRows('partyA', appointment.partyA),
    ...(appointment.partyB ? partyRows('partyB', appointment.partyB) : []),
  ],
});

/**
 * A service as the core sees it: its application's type is its own business. The application the
 * core hands back was produced by the same service's schema (or decrypted from what it produced),
 * which is what makes the narrowing below sound.
 */
export type RegisteredCaseService = CaseService<unknown>;

function register<Application>(service: CaseService<Application>): RegisteredCaseService {
  const own = (application: unknown) => application as Application;
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
    ...(service.documentation ? { documentation: service.documentation } : {}),
    ...(service.uploads ? { uploads: service.uploads } : {}),
    ...(service.uploadsNeeded ? { uploadsNeeded: service.uploadsNeeded } : {}),
    ...(service.supplementLimits ? { supplementLimits: service.supplementLimits } : {}),
    ...(service.drafts ? { drafts: service.drafts } : {}),
    ...(service.closureSteps ? { closureSteps: service.closureSteps } : {}),
    ...(service.statusPanel ? { statusPanel: service.statusPanel } : {}),
    ...(service.decisionAid ? { decisionAid: (application: unknown, today: string, rules: RuleBook) => service.decisionAid?.(own(application), today, rules) } : {}),
    ...(service.settings ? { settings: (application: unknown, day: string, rules: RuleBook, data: ServiceData) => service.settings?.(own(application), day, rules, data) ?? {} } : {}),
  };
}

export const CASE_SERVICES = {
  'old-age-allowance': register(oldAgeAllowance),
  'marriage-appointment': register(appointmentOf(marriageAppointmentWorkflow, 'marriage:appointmentCase', marriageAppointmentEffects, ['cancel-by-office'], appointmentStatusPanel)),
  'divorce-registration': register({
    ...appointmentOf(divorceWorkflow, 'marriage:divorceCase', divorceAppointmentEffects, ['cancel-by-office', 'second-visit-cancelled-by-office'], divorceStatusPanel),
    // How a party withdraws online: the rule in force at the office that accepted the application.
    settings: (appointment, day, rules, data) => {
      const rule = withdrawalRuleOn(withdrawalRulesOf(rules.rows(WITHDRAWAL_RULES_TABLE)), { id: appointment.office, province: data.offices.get(appointment.office)?.province }, day);
      return { [WITHDRAWAL_SETTING]: { value: rule.mode, basis: rule.basis, effectiveFrom: rule.effectiveFrom } };
    },
  }),
} as const satisfies Record<string, RegisteredCaseService>;
export type CaseServiceId = keyof typeof CASE_SERVICES;
export const CASE_SERVICE_IDS = Object.keys(CASE_SERVICES) as CaseServiceId[];

/**
 * What this portal really offers online at a site path: 'apply' where a service's application
 * journey starts, 'book' where an appointment service is booked, nothing elsewhere. A guide's
 * "apply online" or "book online" label comes from here, never from what the guide's text claims.
 */
export type OnlineChannel = 'apply' | 'book';

export function onlineChannelAt(path: string | undefined): OnlineChannel | undefined {
  if (!path) return undefined;
  const services: readonly RegisteredCaseService[] = Object.values(CASE_SERVICES);
  if (services.some((service) => service.applyPath === path)) return 'apply';
  if (services.some((service) => service.bookingPath === path)) return 'book';
  return undefined;
}

/**
 * The services whose cases a registry office's day lists (api/services/marriage/office-day.ts): marriage
 * registration's bookings, by their nature built in. A member handling one of them has that page.
 */
export const REGISTRY_DAY_SERVICES: readonly CaseServiceId[] = ['marriage-appointment', 'divorce-registration'];

/** The case service that books a kind of marriage business: a divorce is its own, two-visit service. */
export function marriageServiceOf(kind: MarriageKind): 'marriage-appointment' | 'divorce-registration' {
  return kind === 'divorce' ? 'divorce-registration' : 'marriage-appointment';
}

/**
 * The services one portal runs: the built-in ones (CASE_SERVICES) and any given to it at start
 * (createPortal's `services`: a service defined outside api/services, such as the test-only one in
 * tests/support/test-service, which production never loads). Read by the generic application route
 * and the use cases that take it in their dependencies (docs/decisions/029).
 */
export interface ServiceRegistry {
  get(id: string): RegisteredCaseService | undefined;
  readonly ids: readonly string[];
}

export function serviceRegistry(extra: Readonly<Record<string, RegisteredCaseService>> = {}): ServiceRegistry {
  const all: Record<string, RegisteredCaseService> = { ...CASE_SERVICES };
  for (const [id, service] of Object.entries(extra)) {
    // A second definition under a built-in name would silently change how existing cases are handled.
    if (Object.hasOwn(all, id)) throw new Error(`service ${id} is registered twice`);
    all[id] = service;
  }
  return { get: (id) => (Object.hasOwn(all, id) ? all[id] : undefined), ids: Object.keys(all) };
}

export const BUILT_IN_SERVICES: ServiceRegistry = serviceRegistry();

/** A service defined outside this file, typed by its own application, as the registry holds it. */
export const registerCaseService = register;

/** Whether a service's cases start as an application sent to the generic route (not a booking, whose case takes a time slot). */
export const isAppliedOnline = (service: RegisteredCaseService): boolean => service.appointmentEffects === undefined;
