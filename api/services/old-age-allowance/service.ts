/**
 * 高龄津贴 (the old-age allowance) as a service of the case core: applied for online through its
 * journey, decided by staff with the district's standard in force proposed beside the case.
 */
import { parseResidentId } from '../../domain/identity/resident-id.ts';
import { draftPolicyOf } from '../../engine/drafts/draft-rules.ts';
import type { CaseService } from '../case-service.ts';
import { builtInApplicationPanel, type DecisionWords } from '../status-panel.ts';
import type { RecordedValues } from '../recorded-values.ts';
import { oldAgeAllowanceApplicationSchema, type OldAgeAllowanceApplication } from './application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from './districts.ts';
import { oldAgeAllowanceJourney } from './journey.ts';
import { allowanceAid } from './decision-aid.ts';
import { proposeAllowance } from './rules.ts';
import { ALLOWANCE_STANDARDS_TABLE, districtStandards } from './standards-table.ts';
import { oldAgeAllowanceWorkflow } from './workflow.ts';

/** Its steps' first month written as a month, on the status page and the workbench. */
const RECORDED_VALUES: RecordedValues = { firstMonth: 'month' };

/**
 * Its decisions on the status page (docs/decisions/050): an approval (the amount a month, in whole
 * yuan, and the first month), a refusal and not accepting are each followed by how to object.
 */
const DECISIONS: DecisionWords = {
  decisions: {
    approve: {
      facts: [
        { field: 'monthlyAmount', label: 'old-age-allowance:case.decision.monthlyAmount', format: 'yuan' },
        { field: 'firstMonth', label: 'old-age-allowance:case.decision.firstMonth', format: 'month' },
      ],
      lead: 'old-age-allowance:case.decision.objectApproved',
    },
    refuse: {},
    'not-accept': {},
  },
  heading: 'old-age-allowance:case.decision.heading',
  objection: { heading: 'old-age-allowance:case.objection.title', paragraphs: ['old-age-allowance:case.objection.review', 'old-age-allowance:case.objection.help'] },
  values: RECORDED_VALUES,
};

export const oldAgeAllowanceService: CaseService<OldAgeAllowanceApplication> = {
  workflow: oldAgeAllowanceWorkflow,
  words: 'old-age-allowance:case',
  statusPanel: builtInApplicationPanel(DECISIONS),
  recordedValues: RECORDED_VALUES,
  drafts: draftPolicyOf(oldAgeAllowanceJourney(OLD_AGE_ALLOWANCE_DISTRICTS), { identityPath: 'elder.idNumber', phonePaths: ['agent.phone', 'elder.phone'] }),
  applyPath: '/apply/old-age-allowance',
  // What its guide states as the 承诺时限, from the workflow's figures (docs/decisions/060).
  timeLimits: [
    { deadline: 'acceptance', stage: 'acceptance' },
    { deadline: 'decision', stage: 'decision' },
  ],
  documentation: {
    summary: 'Apply for the old-age allowance (高龄津贴)',
    description:
      'Body: district, elder {name, idNumber, phone}, optional agent {name, idNumber, phone, relationship}, bank {bankName, accountHolder, accountNumber}, declaration: true. A repeat with the same Idempotency-Key and body gets the first answer again.',
  },
  // The age threshold is the standard's in force: the rule table's, staff's rows included.
  applicationSchema: (today, data) => oldAgeAllowanceApplicationSchema({ today, districts: OLD_AGE_ALLOWANCE_DISTRICTS, standardsOf: (district) => districtStandards(data.rules.rows(ALLOWANCE_STANDARDS_TABLE), district) }),
  applicant: (application) => ({ idNumber: application.elder.idNumber, phone: application.agent?.phone ?? application.elder.phone }),
  recipients: (application) => [application.agent?.phone ?? application.elder.phone],
  office: (application) => OLD_AGE_ALLOWANCE_DISTRICTS.find((d) => d.id === application.district)?.office ?? application.district,
  decisionAid: (application, today, rules) => {
    const district = OLD_AGE_ALLOWANCE_DISTRICTS.find((d) => d.id === application.district);
    const born = parseResidentId(application.elder.idNumber, today);
    if (!district || !born.ok) return undefined;
    // The standards in force come from the rule table (the source file's and any staff set since).
    return allowanceAid(proposeAllowance({ standards: districtStandards(rules.rows(ALLOWANCE_STANDARDS_TABLE), district.id) }, born.id.birthDate, today), district.id, today);
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
