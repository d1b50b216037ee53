/**
 * The eco-burial subsidy as data on the workflow engine: 受理 → 审核 → 发放.
 *
 * submitted → accepted (受理, by the district's intake clerk) or not accepted (with reasons) →
 * approved (审核, by a reviewer: the amount, at most what the rules give for the kind in the district
 * on the burial day, and the reviewer's opinion) or refused (with reasons) → paid (发放: the amount
 * paid, at most the same). 补正 from either stage before the decision, answered online or at the
 * counter; withdrawal by the applicant until the decision. Approving and refusing are decisions the
 * applicant may challenge (the status page says how, with the law's periods).
 *
 * Time limits in working days are local settings (time-limits.ts): 5 to accept, 20 to decide, and
 * payment within 60 of acceptance.
 */
import { z } from 'zod';
import { textLines } from '../../domain/text.ts';
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { ENDED_WITHOUT_IT, RECEIVED_AND_REVIEWED_STATES, receivedAndReviewed } from '../funeral/received-and-reviewed.ts';
import { positiveAmount } from '../social-relief/workflow-parts.ts';
import { ECO_BURIAL_DEADLINES } from './time-limits.ts';

/** The setting that carries, for a case, what the rules give (fen): the most an approval or a payment may be (`inputLimits`). */
export const SUBSIDY_SETTING = 'subsidy-amount';

/** 审核: the amount approved and what the reviewer checked (the office's record: kept from the applicant, sealed at rest). */
const Approval = z.object({
  subsidyFen: positiveAmount(),
  opinion: textLines().trim().min(2).max(500).meta({ control: 'textarea', staffOnly: true, sealed: true }),
});
/** 发放: the amount paid to the applicant's account. */
const Payment = z.object({ paidFen: positiveAmount() });

const steps = receivedAndReviewed({ startedOnAcceptance: ['decision', 'payment'], allDeadlines: Object.keys(ECO_BURIAL_DEADLINES) });

export const ecoBurialWorkflow: ServiceDefinition = {
  id: 'eco-burial-subsidy',
  serviceArea: 'funeral',
  initialState: 'submitted',
  states: { ...RECEIVED_AND_REVIEWED_STATES, paid: { terminal: true, decided: true } },
  deadlines: ECO_BURIAL_DEADLINES,
  settings: { [SUBSIDY_SETTING]: { default: '0' } },
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    ...steps.reception,
    {
      name: 'approve',
      from: ['accepted'],
      to: 'approved',
      by: ['reviewer'],
      input: Approval,
      inputLimits: [{ field: 'subsidyFen', atMost: SUBSIDY_SETTING }],
      stopsDeadlines: ['decision'],
      notify: 'case.subsidyApproved',
      visibility: 'applicant',
    },
    steps.refusal,
    { name: 'record-payment', from: ['approved'], to: 'paid', by: ['approver'], input: Payment, inputLimits: [{ field: 'paidFen', atMost: SUBSIDY_SETTING }], stopsDeadlines: ['payment'], notify: 'case.subsidyPaid', visibility: 'applicant' },
    steps.withdrawal,
  ],
};

/** The states in which a case no longer stands in the way of another application for the same deceased: it ended without a subsidy. */
export const ENDED_WITHOUT_SUBSIDY = ENDED_WITHOUT_IT;
