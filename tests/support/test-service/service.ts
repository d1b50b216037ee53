/**
 * A service that exists only in the tests (issue 13, docs/decisions/029, 031): a short household
 * grant with a task list (four sections, each after the one before), an "add another" of household
 * members (one to three), an upload of a proof of income (at least one file) and a declaration, run by the generic pages and the generic application
 * route without a page file or an engine branch of its own. The HTML tier's servers load it through
 * SERVICE_PACKAGES_MODULE (refused in production); in-process tests pass `servicePackages` to the
 * test runtime. No production code names it.
 */
import { z } from 'zod';
import { draftPolicyOf } from '../../../api/engine/drafts/draft-rules.ts';
import { nestAnswers, answersOnRoute, uploadMinimums, uploadPurposes, type JourneyDefinition } from '../../../api/engine/journey/journey.ts';
import type { FlatAnswers } from '../../../api/domain/journey.ts';
import { SAME_STATE, type ServiceDefinition } from '../../../api/domain/workflow/workflow.ts';
import { ObjectionInput } from '../../../api/engine/publication/objection.ts';
import { textLine } from '../../../api/domain/text.ts';
import { registerCaseService, type AnswerRow } from '../../../api/services/registry.ts';
import type { ServicePackage } from '../../../api/services/service-package.ts';
import { AmountSchema } from '../../../api/services/social-relief/money.ts';
import { en, zhCN } from './messages.ts';

export const TEST_SERVICE = 'test-household-grant';
const RELATIONSHIPS = ['spouse', 'child', 'parent'] as const;

export const testHouseholdSchema = () =>
  z.object({
    person: z.object({
      name: textLine().trim().min(1).max(50),
      idNumber: textLine().regex(/^\d{17}[\dX]$/, `${TEST_SERVICE}:errors.testHousehold.idNumber`),
      phone: textLine().regex(/^1\d{10}$/, `${TEST_SERVICE}:errors.testHousehold.phone`),
    }),
    household: z
      .array(z.object({ name: textLine().trim().min(1).max(50), relationship: z.enum(RELATIONSHIPS, { error: `${TEST_SERVICE}:errors.testHousehold.relationship` }) }))
      .min(1, `${TEST_SERVICE}:errors.testHousehold.householdMin`)
      .max(3, `${TEST_SERVICE}:errors.testHousehold.householdMax`),
    declaration: z.literal(true, { error: `${TEST_SERVICE}:errors.testHousehold.declaration` }),
  });
export type TestHouseholdApplication = z.infer<ReturnType<typeof testHouseholdSchema>>;

export const testHouseholdJourney: JourneyDefinition = {
  service: TEST_SERVICE,
  sections: [{ id: 'about-you' }, { id: 'household', after: ['about-you'] }, { id: 'documents', after: ['household'] }, { id: 'declaration', after: ['documents'] }],
  collections: {
    household: {
      path: 'household',
      min: 1,
      max: 3,
      fields: [
        { path: 'name', control: 'text', autocomplete: 'off' },
        { path: 'relationship', control: 'radios', options: RELATIONSHIPS.map((value) => ({ value, label: `${TEST_SERVICE}:testHousehold.relationship.${value}` })) },
      ],
    },
  },
  steps: [
    {
      step: 'about-you',
      section: 'about-you',
      fields: [
        { path: 'person.name', control: 'text', autocomplete: 'name' },
        { path: 'person.idNumber', control: 'text', autocomplete: 'off', width: 'medium' },
        { path: 'person.phone', control: 'text', autocomplete: 'tel', inputmode: 'tel', width: 'medium' },
      ],
    },
    { step: 'household', section: 'household', kind: 'add-another', collection: 'household', fields: [] },
    // Small limits, so that the tests reach them: PDF or image, 2 MB a file, 3 files.
    { step: 'income-proof', section: 'documents', kind: 'upload', fields: [], upload: { purpose: 'incomeProof', min: 1, limits: { maxFileBytes: 2 * 1024 * 1024, maxFiles: 3 } } },
    { step: 'declaration', section: 'declaration', fields: [{ path: 'declaration', control: 'checkbox' }] },
  ],
};

/** The name of its hand-off (docs/decisions/044): a household check sent to another system. */
export const TEST_HANDOFF = 'test-check';

/** A check's answer, as the checking system gives it and as an investigator enters it by hand. */
export const TestCheckResultSchema = z.object({
  result: z.enum(['within-limits', 'over-limits', 'refused', 'failed']),
  summary: textLine().trim().min(1).max(500).meta({ control: 'textarea' }),
  // A form sends an empty field when nothing was entered.
  checkedOn: z.preprocess((value) => (value === '' ? undefined : value), z.iso.date().optional()),
});

/** Where the test service's notices hang: a village of the relief areas, in its office's county (docs/decisions/045). */
export const TEST_NOTICE_PLACE = 'shuikou-village';

// Typed in yuan as staff type amounts, kept in fen (the relief services' field).
const Amount = z.object({ amountFen: AmountSchema });

/**
 * submitted → accepted by intake; while submitted, an investigator asks for the household check (a
 * hand-off, docs/decisions/044) and its answer is recorded by the system, or by hand; then, as a
 * relief case goes (docs/decisions/045), an investigator puts the proposal under public notice (公示,
 * 7 calendar days, objections taken by the system from the public form or by the investigator), and
 * an approver approves it, which announces it (公布).
 */
export const testHouseholdWorkflow: ServiceDefinition = {
  id: TEST_SERVICE,
  serviceArea: 'allowances',
  initialState: 'submitted',
  states: { submitted: {}, accepted: { decided: true }, 'under-notice': { decided: true }, approved: { terminal: true, decided: true } },
  deadlines: {},
  periods: { notice: { calendarDays: 7 } },
  transitions: [
    { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], notify: 'case.accepted', visibility: 'applicant' },
    { name: 'request-household-check', from: ['submitted'], to: '@same', by: ['investigator'], handoff: TEST_HANDOFF, visibility: 'internal' },
    { name: 'record-household-check', from: ['submitted'], to: '@same', by: ['system', 'investigator'], input: TestCheckResultSchema, visibility: 'internal' },
    { name: 'start-notice', from: ['accepted'], to: 'under-notice', by: ['investigator'], input: Amount, startsPeriods: ['notice'], publishes: { list: 'notice', period: 'notice', objection: 'record-objection' }, visibility: 'applicant' },
    { name: 'record-objection', from: ['under-notice'], to: SAME_STATE, by: ['system', 'investigator'], input: ObjectionInput, untilEndOf: 'notice', visibility: 'internal' },
    { name: 'approve', from: ['under-notice'], to: 'approved', by: ['approver'], input: Amount, publishes: { list: 'announcement' }, visibility: 'applicant' },
  ],
};

function applicationFrom(answers: FlatAnswers): Record<string, unknown> {
  const { declaration, ...asked } = answersOnRoute(testHouseholdJourney, answers);
  const application = nestAnswers(testHouseholdJourney, asked);
  if (declaration !== undefined) application['declaration'] = declaration === 'yes';
  return application;
}

const answerRows = (application: TestHouseholdApplication): AnswerRow[] => [
  { label: `${TEST_SERVICE}:fields.person.name`, value: application.person.name },
  { label: `${TEST_SERVICE}:fields.person.idNumber`, value: application.person.idNumber, personal: 'id' },
  { label: `${TEST_SERVICE}:fields.person.phone`, value: application.person.phone, personal: 'phone' },
  ...application.household.map((member) => ({ label: `${TEST_SERVICE}:fields.household.name`, value: member.name })),
];

export const testHouseholdPackage: ServicePackage = {
  id: TEST_SERVICE,
  caseService: registerCaseService<TestHouseholdApplication>({
    workflow: testHouseholdWorkflow,
    words: `${TEST_SERVICE}:case`,
    applyPath: `/apply/${TEST_SERVICE}`,
    applicationSchema: () => testHouseholdSchema(),
    applicant: (application) => ({ idNumber: application.person.idNumber, phone: application.person.phone }),
    recipients: (application) => [application.person.phone],
    office: () => 'demo-county',
    answerRows,
    uploads: uploadPurposes(testHouseholdJourney),
    uploadsNeeded: uploadMinimums(testHouseholdJourney),
    drafts: draftPolicyOf(testHouseholdJourney, { identityPath: 'person.idNumber', phonePaths: ['person.phone'] }),
    handoffs: {
      [TEST_HANDOFF]: {
        // Only what a checking system needs: who is in the household, and that they agreed to the check.
        payload: (application) => ({
          values: { authorised: application.declaration },
          lists: {
            members: [
              { relationship: 'self', name: application.person.name, idNumber: application.person.idNumber },
              ...application.household.map((member) => ({ relationship: member.relationship, name: member.name })),
            ],
          },
        }),
        records: 'record-household-check',
        failed: ({ attempts }) => ({ result: 'failed', summary: `no answer after ${attempts} attempts` }),
        simulate: (_payload, reply, today) =>
          reply === 'refusal' ? { result: 'refused', summary: 'test receiver: refused', checkedOn: today } : { result: 'within-limits', summary: 'test receiver: within limits', checkedOn: today },
      },
    },
    // The applicant and the members they added; the locality's masking is the default (张*).
    publicEntry: (application) => ({ place: TEST_NOTICE_PLACE, name: application.person.name, householdSize: 1 + application.household.length }),
  }),
  pages: {
    service: TEST_SERVICE,
    journey: testHouseholdJourney,
    messages: `${TEST_SERVICE}:testHousehold`,
    startNeeds: ['id', 'household'],
    guide: 'old-age-allowance',
    stepText: { declaration: `${TEST_SERVICE}:testHousehold.declarationText` },
    checkboxLabels: { declaration: `${TEST_SERVICE}:testHousehold.declarationAgree` },
    schema: () => testHouseholdSchema(),
    fieldSchemas: {},
    notInSchema: [],
    applicationFrom,
    answerRows: (application) => answerRows(application as TestHouseholdApplication),
    smsTo: (application) => (application as TestHouseholdApplication).person.phone,
  },
  messages: { 'zh-CN': zhCN, en },
};

export const servicePackages: readonly ServicePackage[] = [testHouseholdPackage];
