/**
 * 身后一件事 (the after-death bundle, docs/decisions/066) as a service of the case core: one form by
 * the family's agent, which fans out at submission into one part per item ticked (parts.ts; the
 * engine's api/engine/bundles). Handled by the district's civil affairs bureau (staff of the
 * 'funeral' area), where the departments' hand-offs are followed up.
 */
import { draftPolicyOf } from '../../engine/drafts/draft-rules.ts';
import type { AnswerRow, CaseService } from '../case-service.ts';
import { afterDeathApplicationSchema, type AfterDeathApplication } from './application.schema.ts';
import { afterDeathJourney } from './journey.ts';
import { AFTER_DEATH_OFFICE } from './office.ts';
import { afterDeathParts } from './parts.ts';
import { afterDeathPanel } from './status-panel.ts';
import { afterDeathWorkflow } from './workflow.ts';

const F = 'after-death:fields';
const W = 'after-death:afterDeath';

/** The answers as the check page and the workbench show them: personal values masked unless the reader may see them whole. */
export function afterDeathRows(application: AfterDeathApplication): AnswerRow[] {
  const { handler, deceased, account } = application;
  return [
    { label: `${F}.handler.name`, value: handler.name },
    { label: `${F}.handler.sex`, value: `${W}.sex.${handler.sex}`, valueKey: true },
    { label: `${F}.handler.idNumber`, value: handler.idNumber, personal: 'id' },
    { label: `${F}.handler.phone`, value: handler.phone, personal: 'phone' },
    { label: `${F}.handler.relationship`, value: `${W}.relationship.${handler.relationship}`, valueKey: true },
    { label: `${F}.handler.address`, value: handler.address },
    { label: `${F}.deceased.name`, value: deceased.name },
    { label: `${F}.deceased.sex`, value: `${W}.sex.${deceased.sex}`, valueKey: true },
    { label: `${F}.deceased.idNumber`, value: deceased.idNumber, personal: 'id' },
    { label: `${F}.deceased.diedOn`, value: deceased.diedOn, format: 'date' },
    { label: `${F}.deceased.deathCertificateNumber`, value: deceased.deathCertificateNumber, personal: 'id' },
    ...application.items.map((item): AnswerRow => ({ label: `${F}.items.${item}`, value: `${W}.ticked`, valueKey: true })),
    ...(deceased.socialSecurityCardNumber ? [{ label: `${F}.deceased.socialSecurityCardNumber`, value: deceased.socialSecurityCardNumber, personal: 'id' as const }] : []),
    ...(account
      ? [
          { label: `${F}.account.bankName`, value: account.bankName },
          { label: `${F}.account.holder`, value: account.holder },
          { label: `${F}.account.number`, value: account.number, personal: 'account' as const },
        ]
      : []),
  ];
}

export const afterDeathService: CaseService<AfterDeathApplication> = {
  workflow: afterDeathWorkflow,
  words: 'after-death:afterDeathCase',
  statusPanel: afterDeathPanel,
  applyPath: '/apply/after-death',
  documentation: {
    summary: 'Apply for 身后一件事, the after-death bundle',
    description:
      'Body: phoneProof (POST /phone-codes/confirm, for handler.phone: refused 422 on handler.phone without it), handler (the agent, 经办人) {name, sex (male|female), idNumber, phone, relationship, address}, deceased {name, sex, idNumber, diedOn, deathCertificateNumber, socialSecurityCardNumber (when medical insurance, the pension account or survivors’ benefits are ticked)}, account {bankName, holder, number} (when an item pays out: medical insurance, pension account, survivors’ benefits, housing fund), items: a list of household-deregistration, driving-licence, medical-insurance, pension-account, survivor-benefits, housing-fund, allowance-stop, eco-burial-subsidy, funeral-booking, cemetery-plot. The answer names every part with its own tracking number (an item applied for later has none: its journey’s draft is prefilled from the bundle instead, `prefilled`), all made in one transaction with the bundle. Each department receives only what its item needs.',
  },
  applicationSchema: (today) => afterDeathApplicationSchema(today),
  applicant: (application) => ({ idNumber: application.handler.idNumber, phone: application.handler.phone }),
  recipients: (application) => [application.handler.phone],
  office: () => AFTER_DEATH_OFFICE,
  answerRows: (application) => afterDeathRows(application),
  drafts: draftPolicyOf(afterDeathJourney, { identityPath: 'handler.idNumber', phonePaths: ['handler.phone'] }),
  bundle: { items: 'after-death:afterDeath.item', parts: afterDeathParts },
  // The handler's phone is texted the bundle's number: confirmed by a code first, the proof beside the application (docs/decisions/076).
  confirmedPhone: { field: 'handler.phone', label: `${F}.handler.phone`, phone: (application) => application.handler.phone },
  // The deceased is one of the people the bundle is about (docs/decisions/065).
  people: (application) => [application.deceased.idNumber],
};
