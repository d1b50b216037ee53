/**
 * What each relief service's folder registers, made from the one application (docs/decisions/042):
 * its case service (the registry's entry: schema, applicant, office, answer rows, uploads, drafts)
 * and its pages (JourneyPages: the journey, words, step texts). A service folder names its kind and
 * its workflow; nothing here names a workflow's states.
 */
import { draftPolicyOf } from '../../../engine/drafts/draft-rules.ts';
import { uploadMinimums, uploadPurposes } from '../../../engine/journey/journey.ts';
import type { ServiceDefinition } from '../../../domain/workflow/workflow.ts';
import type { WordsRoot } from '../../../i18n/message-keys.ts';
import type { RuleBook } from '../../../engine/rules/live-rules.ts';
import type { CaseService, SettingInForce } from '../../case-service.ts';
import { defaultStatusPanel } from '../../status-panel.ts';
import { reliefDecisionAid } from '../decision-aid.ts';
import { householdCheckHandoff } from '../household-check.ts';
import { reliefPublicFacts } from '../public-entry.ts';
import { RELIEF_RECORDED_VALUES, reliefDecisions } from '../status-panel.ts';
import { nameMaskingOn } from '../settings-table.ts';
import { HOUSEHOLD_CHECK } from '../workflow-parts.ts';
import type { JourneyPages } from '../../service-package.ts';
import { SOCIAL_RELIEF_DISTRICTS } from '../districts.ts';
import { reliefAnswerRows } from './answers.ts';
import { DERIVED_PATHS, RELIEF_SERVICE_IDS, reliefApplicationFrom, reliefJourney } from './journey.ts';
import { RELIEF_APPLICATION_SCHEMAS, type ReliefApplication, type ReliefApplicationKind } from './schema.ts';

const W = 'social-relief:application';

const DOCUMENTATION: Record<ReliefApplicationKind, { summary: string; description: string }> = {
  dibao: { summary: 'Apply for the minimum living allowance (最低生活保障, 低保)', description: '' },
  tekun: { summary: 'Apply for extreme poverty support (特困人员救助供养)', description: '' },
  temporary: { summary: 'Apply for temporary assistance (临时救助)', description: '' },
};

const BODY =
  'Body: area {district, township, community} (ids of the relief areas; for 临时救助 where the emergency happened), applicant {name, idNumber, phone}, household [{relationship ("self" first: the applicant), name, idNumber, occupation, disability, health, incomes {<kind>: amount}, authorisation (true for every member aged 18 or over)}], assets {housing, vehicles, deposits, securities, insurance, other}, closeRelative "yes"|"no", commitment: true';
const OWN_PART: Record<ReliefApplicationKind, string> = {
  dibao: '',
  tekun: ', support {ableToWork, supporters}',
  temporary: ', situation {what, description, happenedOn, needsHelpNow}',
};

/** The district's office handles the case (staff scope); an unknown district never reaches here (the schema refuses it). */
export const reliefOffice = (application: ReliefApplication): string => SOCIAL_RELIEF_DISTRICTS.find((district) => district.id === application.area.district)?.office ?? application.area.district;

/** A relief service's settings for one case (case-settings.ts): its district's local rules on the day, and the application's close-relative flag. */
export type ReliefSettingsOf = (application: ReliefApplication, day: string, rules: RuleBook) => Record<string, SettingInForce>;

export function reliefCaseService(kind: ReliefApplicationKind, workflow: ServiceDefinition, words: WordsRoot, settings: ReliefSettingsOf): CaseService<ReliefApplication> {
  const journey = reliefJourney(kind);
  const schema = RELIEF_APPLICATION_SCHEMAS[kind];
  return {
    workflow,
    words,
    applyPath: `/apply/${RELIEF_SERVICE_IDS[kind]}`,
    documentation: {
      summary: DOCUMENTATION[kind].summary,
      description: `${BODY}${OWN_PART[kind]}. Amounts are typed as people type them (全角 digits, commas, 万) or JSON numbers of yuan, and kept as integer fen. A repeat with the same Idempotency-Key and body gets the first answer again.`,
    },
    applicationSchema: (today) => schema(today),
    applicant: (application) => ({ idNumber: application.applicant.idNumber, phone: application.applicant.phone }),
    recipients: (application) => [application.applicant.phone],
    // Every member is the household's: a decision for it is each member's (the funeral fee exemption reads it: docs/decisions/065).
    people: (application) => application.household.map((member) => member.idNumber),
    office: reliefOffice,
    // The 乡镇/街道 accepts and investigates the case (社会救助法 第三十七条): the applicant is told which.
    handledBy: (application) => `social-relief:relief.township.${application.area.township}`,
    answerRows: (application, lang) => reliefAnswerRows(application, lang),
    uploads: uploadPurposes(journey),
    uploadsNeeded: uploadMinimums(journey),
    drafts: draftPolicyOf(journey, { identityPath: 'applicant.idNumber', phonePaths: ['applicant.phone'] }),
    settings: (application, day, rules) => settings(application, day, rules),
    // The household's income per head against the district's standard, and the amount it gives (docs/decisions/046).
    decisionAid: (application, today, rules) => reliefDecisionAid(kind, application, today, rules),
    // The 核对 system's check, asked for by the investigator (docs/decisions/044).
    handoffs: { [HOUSEHOLD_CHECK]: householdCheckHandoff },
    // Only the community, the name (masked as the district sets it) and the household's size are ever public (docs/decisions/045).
    publicEntry: (application, day, rules) => reliefPublicFacts(application, nameMaskingOn(rules, application.area.district, day)),
    // The workflow's panel, with what each decision decided and how to object to it (docs/decisions/050).
    statusPanel: defaultStatusPanel(workflow, reliefDecisions(kind)),
    // Amounts kept in fen written as money, months as months, on the status page and the workbench alike.
    recordedValues: RELIEF_RECORDED_VALUES,
  };
}

/** The step texts: what the government looks up itself (above the first documents step), the commitment's full text. (The authorisation's full text is its field's hint, in each member's item.) */
const STEP_TEXT = {
  'income-documents': [`${W}.form.lookedUp`, `${W}.form.lookedUpList`, `${W}.form.documentsLater`],
  commitment: [`${W}.form.commitmentText.truth`, `${W}.form.commitmentText.check`, `${W}.form.commitmentText.change`, `${W}.form.commitmentText.false`],
} as const;

export function reliefPages(kind: ReliefApplicationKind): JourneyPages<ReliefApplication> {
  const journey = reliefJourney(kind);
  const schema = RELIEF_APPLICATION_SCHEMAS[kind];
  return {
    service: RELIEF_SERVICE_IDS[kind],
    journey,
    messages: `${W}.${kind}`,
    startNeeds: ['id', 'household', 'income', 'phone'],
    guide: RELIEF_SERVICE_IDS[kind],
    stepText: STEP_TEXT,
    checkboxLabels: { commitment: `${W}.form.commitmentAgree`, 'household.authorisation': `${W}.form.authorisationAgree` },
    schema: (today) => schema(today),
    fieldSchemas: {},
    notInSchema: [],
    derived: DERIVED_PATHS,
    applicationFrom: reliefApplicationFrom(journey),
    answerRows: (application, lang) => reliefAnswerRows(application, lang),
    smsTo: (application) => application.applicant.phone,
    confirmationMore: { title: `${W}.form.object.title`, paragraphs: [`${W}.form.object.review`, `${W}.form.object.help`] },
  };
}
