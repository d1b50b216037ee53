/**
 * 公益性公墓 (a public cemetery plot) as a service of the case core (docs/decisions/064): applied for
 * online by a family member of someone who has died, for a plot of a kind a public cemetery has,
 * handled by the district's civil affairs bureau (staff of the 'funeral' service area). Who may
 * apply is the cemetery's residence rule; a plot is sold only against a death or cremation
 * certificate; a kind's plots are counted (`holds`): the last one goes to one case only, and a case
 * that ends without a plot gives its place back. One plot per deceased (`oncePer`).
 */
import { draftPolicyOf } from '../../engine/drafts/draft-rules.ts';
import { uploadPurposes } from '../../engine/journey/journey.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, formatYuan, translator, type Locale } from '../../i18n/index.ts';
import type { AnswerRow, CaseService } from '../case-service.ts';
import { builtInApplicationPanel, type DecisionWords } from '../status-panel.ts';
import { cemeteryApplicationSchema, type CemeteryApplication } from './application.schema.ts';
import { CEMETERIES_TABLE, type CemeteryDetails } from './cemeteries-table.ts';
import { cemetery } from './cemeteries.ts';
import { cemeteryAid } from './decision-aid.ts';
import { cemeteryJourney, uploadsNeededFor } from './journey.ts';
import { placeKey, plotFor, stockKey } from './rules.ts';
import { cemeteryWorkflow, ENDED_WITHOUT_PLOT } from './workflow.ts';

/** The cemeteries' rows as this process reads them: the source file's and any staff set since. */
export const cemeteryRows = (rules: RuleBook): readonly RuleRow<CemeteryDetails>[] => rules.rows(CEMETERIES_TABLE);

const W = 'public-cemetery:cemetery';
const F = 'public-cemetery:fields';

/** Its decisions on the status page (docs/decisions/050): the plot allocated, and how to object to a decision. */
const DECISIONS: DecisionWords = {
  decisions: {
    approve: {},
    allocate: { facts: [{ field: 'plotNumber', label: 'public-cemetery:cemeteryCase.decision.plot' }] },
    refuse: {},
    'not-accept': {},
  },
  heading: 'public-cemetery:cemeteryCase.decision.heading',
  objection: { heading: 'public-cemetery:cemeteryCase.objection.title', paragraphs: ['public-cemetery:cemeteryCase.objection.review', 'public-cemetery:cemeteryCase.objection.help'] },
};

/** The answers as the check page and the workbench show them; the kind with its fee, so the family sees it before sending. */
function answerRows(application: CemeteryApplication, lang: Locale, rules: RuleBook, day: string): AnswerRow[] {
  const t = translator(lang);
  const { cemetery: id, type } = application.plot;
  const plot = plotFor(cemeteryRows(rules), id, type, day);
  const typeName = t(dynamicKey`public-cemetery:cemetery.type.${type}`);
  const yesNo = (answer: boolean) => `${W}.yesNo.${answer ? 'yes' : 'no'}`;
  return [
    { label: `${F}.plot.cemetery`, value: `${W}.name.${id}`, valueKey: true },
    { label: `${F}.plot.type`, value: plot.offered ? t('public-cemetery:cemetery.typeWithFee', { type: typeName, fee: formatYuan(plot.feeFen, lang) }) : typeName },
    { label: `${F}.deceased.name`, value: application.deceased.name },
    { label: `${F}.deceased.idNumber`, value: application.deceased.idNumber, personal: 'id' },
    { label: `${F}.deceased.diedOn`, value: application.deceased.diedOn, format: 'date' },
    { label: `${F}.residence.registeredHere`, value: yesNo(application.residence.registeredHere), valueKey: true },
    ...(application.residence.livedHere === undefined ? [] : [{ label: `${F}.residence.livedHere`, value: yesNo(application.residence.livedHere), valueKey: true }]),
    { label: `${F}.proof.kind`, value: `${W}.proofKind.${application.proof.kind}`, valueKey: true },
    ...(application.proof.deathCertificateNumber === undefined ? [] : [{ label: `${F}.proof.deathCertificateNumber`, value: application.proof.deathCertificateNumber, personal: 'id' as const }]),
    { label: `${F}.family.name`, value: application.family.name },
    { label: `${F}.family.idNumber`, value: application.family.idNumber, personal: 'id' },
    { label: `${F}.family.phone`, value: application.family.phone, personal: 'phone' },
    { label: `${F}.family.relationship`, value: `${W}.relationship.${application.family.relationship}`, valueKey: true },
  ];
}

export const cemeteryService: CaseService<CemeteryApplication> = {
  workflow: cemeteryWorkflow,
  words: 'public-cemetery:cemeteryCase',
  statusPanel: builtInApplicationPanel(DECISIONS),
  applyPath: '/apply/public-cemetery',
  // What its guide states as the 承诺时限, from the workflow's figures (docs/decisions/060).
  timeLimits: [
    { deadline: 'acceptance', stage: 'acceptance' },
    { deadline: 'decision', stage: 'decision' },
  ],
  documentation: {
    summary: 'Apply for a public cemetery plot (公益性公墓)',
    description:
      'Body: plot {cemetery, type (niche|tree|lawn|single-grave|double-grave)}, deceased {name, idNumber, diedOn}, residence {registeredHere, livedHere?}, proof {kind (death-certificate|cremation-certificate), deathCertificateNumber (with death-certificate)}, family {name, idNumber, phone, relationship} (the family member who applies), pledge: true. A cremation certificate, and a residence permit where the deceased lived in the district without its household registration, come as files of the draft named by Draft-Reference. A kind the cemetery does not have, a deceased the residence rule does not cover, no certificate, no plot of the kind left, and a second application for the same deceased while another stands are refused 422 next to their field. A repeat with the same Idempotency-Key and body gets the first answer again.',
  },
  applicationSchema: (today, data) => cemeteryApplicationSchema({ today, rows: cemeteryRows(data.rules) }),
  applicant: (application) => ({ idNumber: application.family.idNumber, phone: application.family.phone }),
  recipients: (application) => [application.family.phone],
  office: (application) => cemetery(application.plot.cemetery)?.office ?? application.plot.cemetery,
  // The fee of the notice in force on the day of death: the answers carry no other day, and the rows read no clock.
  answerRows: (application, lang, data) => answerRows(application, lang, data.rules, application.deceased.diedOn),
  uploads: uploadPurposes(cemeteryJourney),
  uploadsNeededFor,
  drafts: draftPolicyOf(cemeteryJourney, { identityPath: 'family.idNumber', phonePaths: ['family.phone'] }),
  decisionAid: (application, today, rules) => cemeteryAid(application, cemeteryRows(rules), today),
  // The kind's plots are counted: one taken at submission, by the number the rules give today; given back when the case ends without a plot.
  holds: {
    stock: (application, day, rules) => {
      const plot = plotFor(cemeteryRows(rules), application.plot.cemetery, application.plot.type, day);
      return { key: stockKey(application.plot.cemetery, application.plot.type), capacity: plot.offered ? plot.count : 0 };
    },
    field: ['plot', 'type'],
    message: 'public-cemetery:errors.cemetery.noneLeft',
    releasedIn: ENDED_WITHOUT_PLOT,
  },
  // A numbered place goes to one case only: a second allocation of it is refused next to the number (docs/decisions/064).
  stepKeys: { allocate: { key: (application, input) => placeKey(application.plot.cemetery, String(input['plotNumber'] ?? '')), field: 'plotNumber', message: 'public-cemetery:errors.cemeteryWorkflow.plotTaken' } },
  // One plot per deceased: a case that ended without one frees the way for another application.
  oncePer: { key: (application) => application.deceased.idNumber, field: ['deceased', 'idNumber'], message: 'public-cemetery:errors.cemetery.alreadyApplied', releasedIn: ENDED_WITHOUT_PLOT },
};
