/**
 * 生态安葬奖补 (the eco-burial subsidy) as a service of the case core (docs/decisions/061): applied
 * for online after the burial by the person entitled to the ashes, handled by the district's civil
 * affairs bureau (staff of the 'funeral' service area), one subsidy per deceased, the amount the
 * district's rule table gives for the kind of burial on its day.
 */
import { draftPolicyOf } from '../../engine/drafts/draft-rules.ts';
import { uploadMinimums, uploadPurposes } from '../../engine/journey/journey.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, formatYuan, translator, type Locale } from '../../i18n/index.ts';
import type { AnswerRow, CaseService } from '../case-service.ts';
import type { RecordedValues } from '../recorded-values.ts';
import { builtInApplicationPanel, type DecisionWords } from '../status-panel.ts';
import { ECO_BURIAL_AMOUNTS_TABLE, type SubsidyAmountsValue } from './amounts-table.ts';
import { ecoBurialApplicationSchema, type EcoBurialApplication } from './application.schema.ts';
import { ecoBurialAid } from './decision-aid.ts';
import { ECO_BURIAL_DISTRICTS } from './districts.ts';
import { ecoBurialJourney } from './journey.ts';
import { subsidyFor } from './rules.ts';
import { ecoBurialWorkflow, ENDED_WITHOUT_SUBSIDY, SUBSIDY_SETTING } from './workflow.ts';

/** The amounts' rows as this process reads them: the source file's and any staff set since. */
export const amountRows = (rules: RuleBook): readonly RuleRow<SubsidyAmountsValue>[] => rules.rows(ECO_BURIAL_AMOUNTS_TABLE);

/** Amounts its steps record are kept in fen and written as money, on the status page and the workbench alike. */
const RECORDED_VALUES: RecordedValues = { subsidyFen: 'fen', paidFen: 'fen' };

/** Its decisions on the status page (docs/decisions/050): what was approved and paid, and how to object to any decision. */
const DECISIONS: DecisionWords = {
  decisions: {
    approve: { facts: [{ field: 'subsidyFen', label: 'eco-burial-subsidy:ecoBurialCase.decision.amount', format: 'fen' }], lead: 'eco-burial-subsidy:ecoBurialCase.decision.objectApproved' },
    'record-payment': { facts: [{ field: 'paidFen', label: 'eco-burial-subsidy:ecoBurialCase.decision.paid', format: 'fen' }], lead: 'eco-burial-subsidy:ecoBurialCase.decision.objectApproved' },
    refuse: {},
    'not-accept': {},
  },
  heading: 'eco-burial-subsidy:ecoBurialCase.decision.heading',
  objection: { heading: 'eco-burial-subsidy:ecoBurialCase.objection.title', paragraphs: ['eco-burial-subsidy:ecoBurialCase.objection.review', 'eco-burial-subsidy:ecoBurialCase.objection.help'] },
  values: RECORDED_VALUES,
};

const F = 'eco-burial-subsidy:fields';

/** The answers as the check page and the workbench show them; the kind with what the rules give for it, so the applicant sees the amount before sending. */
function answerRows(application: EcoBurialApplication, lang: Locale, rules: RuleBook): AnswerRow[] {
  const t = translator(lang);
  const { district, kind, buriedOn } = application.burial;
  const rule = subsidyFor(amountRows(rules), district, kind, buriedOn);
  const kindName = t(dynamicKey`eco-burial-subsidy:ecoBurial.kind.${kind}`);
  return [
    { label: `${F}.deceased.name`, value: application.deceased.name },
    { label: `${F}.deceased.idNumber`, value: application.deceased.idNumber, personal: 'id' },
    { label: `${F}.deceased.diedOn`, value: application.deceased.diedOn, format: 'date' },
    { label: `${F}.deceased.deathCertificateNumber`, value: application.deceased.deathCertificateNumber, personal: 'id' },
    { label: `${F}.burial.district`, value: `eco-burial-subsidy:ecoBurial.district.${district}`, valueKey: true },
    {
      label: `${F}.burial.kind`,
      value: rule.funded ? t('eco-burial-subsidy:ecoBurial.kindWithAmount', { kind: kindName, amount: formatYuan(rule.amountFen, lang) }) : t('eco-burial-subsidy:ecoBurial.kindNotFunded', { kind: kindName }),
    },
    { label: `${F}.burial.buriedOn`, value: buriedOn, format: 'date' },
    { label: `${F}.burial.place`, value: application.burial.place },
    { label: `${F}.claimant.name`, value: application.claimant.name },
    { label: `${F}.claimant.idNumber`, value: application.claimant.idNumber, personal: 'id' },
    { label: `${F}.claimant.phone`, value: application.claimant.phone, personal: 'phone' },
    { label: `${F}.claimant.relationship`, value: `eco-burial-subsidy:ecoBurial.relationship.${application.claimant.relationship}`, valueKey: true },
    { label: `${F}.account.bankName`, value: application.account.bankName },
    { label: `${F}.account.holder`, value: application.account.holder },
    { label: `${F}.account.number`, value: application.account.number, personal: 'account' },
  ];
}

export const ecoBurialService: CaseService<EcoBurialApplication> = {
  workflow: ecoBurialWorkflow,
  words: 'eco-burial-subsidy:ecoBurialCase',
  statusPanel: builtInApplicationPanel(DECISIONS),
  recordedValues: RECORDED_VALUES,
  applyPath: '/apply/eco-burial-subsidy',
  documentation: {
    summary: 'Apply for the eco-burial subsidy (生态安葬奖补)',
    description:
      'Body: deceased {name, idNumber, diedOn, deathCertificateNumber}, burial {district, kind (tree|flower|lawn|scattering|sea|degradable-urn|columbarium), buriedOn, place}, claimant {name, idNumber, phone, relationship}, account {bankName, holder (the claimant), number}, pledge: true. Days as YYYY-MM-DD (or as people type them). A kind the district does not fund on the burial day, and a second application for the same deceased while another stands, are refused 422 next to their field. The cremation certificate comes as a file of the draft named by Draft-Reference. A repeat with the same Idempotency-Key and body gets the first answer again.',
  },
  applicationSchema: (today, data) => ecoBurialApplicationSchema({ today, rows: amountRows(data.rules) }),
  applicant: (application) => ({ idNumber: application.claimant.idNumber, phone: application.claimant.phone }),
  recipients: (application) => [application.claimant.phone],
  office: (application) => ECO_BURIAL_DISTRICTS.find((district) => district.id === application.burial.district)?.office ?? application.burial.district,
  answerRows: (application, lang, data) => answerRows(application, lang, data.rules),
  uploads: uploadPurposes(ecoBurialJourney),
  uploadsNeeded: uploadMinimums(ecoBurialJourney),
  drafts: draftPolicyOf(ecoBurialJourney, { identityPath: 'claimant.idNumber', phonePaths: ['claimant.phone'] }),
  // What the rules give is the most an approval or a payment may be (the workflow's inputLimits).
  settings: (application, _day, rules) => {
    const rule = subsidyFor(amountRows(rules), application.burial.district, application.burial.kind, application.burial.buriedOn);
    return { [SUBSIDY_SETTING]: { value: String(rule.funded ? rule.amountFen : 0), basis: rule.row?.basis ?? null, effectiveFrom: rule.row?.effectiveFrom ?? null } };
  },
  decisionAid: (application, today, rules) => ecoBurialAid(application, amountRows(rules), today),
  // One subsidy per deceased (docs/decisions/061): a case that ended without one frees the way for another application.
  oncePer: { key: (application) => application.deceased.idNumber, field: ['deceased', 'idNumber'], message: 'eco-burial-subsidy:errors.ecoBurial.alreadyApplied', releasedIn: ENDED_WITHOUT_SUBSIDY },
};
