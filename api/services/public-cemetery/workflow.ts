/**
 * The public cemetery plot as data on the workflow engine (docs/decisions/064): 受理 → 审核 → 分配 → 完成.
 *
 * submitted → accepted (受理, by the district's intake clerk) or not accepted (with reasons) →
 * approved (审核, by a reviewer: the residence rule and the certificate checked; the opinion is the
 * office's record) or refused (with reasons) → allocated (分配, by an approver: the specific plot,
 * as the cemetery numbers it) → completed (完成: the burial agreement signed and the fee, if any,
 * paid). 补正 from both stages before the decision, pausing the clocks; withdrawal by the applicant
 * until a plot is allocated. The plot kind's count was taken at submission (service.ts `holds`);
 * it is given back when the case ends without a plot: not accepted, refused or withdrawn.
 *
 * Time limits in working days are local settings (time-limits.ts).
 */
import { z } from 'zod';
import { textLine, textLines } from '../../domain/text.ts';
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { ENDED_WITHOUT_IT, RECEIVED_AND_REVIEWED_STATES, receivedAndReviewed } from '../funeral/received-and-reviewed.ts';
import { CEMETERY_DEADLINES } from './time-limits.ts';

/** 审核: what the reviewer checked (the office's record: kept from the applicant, sealed at rest). */
const Approval = z.object({ opinion: textLines().trim().min(2).max(500).meta({ control: 'textarea', staffOnly: true, sealed: true }) });
/** 分配: the plot as the cemetery numbers it (区、排、号), which the family is told. */
const Allocation = z.object({ plotNumber: textLine({ error: 'public-cemetery:errors.cemeteryWorkflow.plotNumber' }).trim().min(1, 'public-cemetery:errors.cemeteryWorkflow.plotNumber').max(40, 'public-cemetery:errors.cemeteryWorkflow.plotNumber').meta({ control: 'text' }) });

// Withdrawn until a plot is allocated: an approved plot not yet numbered may still be given back.
const steps = receivedAndReviewed({ startedOnAcceptance: ['decision'], allDeadlines: Object.keys(CEMETERY_DEADLINES), alsoWithdrawableFrom: ['approved'] });

export const cemeteryWorkflow: ServiceDefinition = {
  id: 'public-cemetery',
  serviceArea: 'funeral',
  initialState: 'submitted',
  states: { ...RECEIVED_AND_REVIEWED_STATES, allocated: { decided: true }, completed: { terminal: true, decided: true } },
  deadlines: CEMETERY_DEADLINES,
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    ...steps.reception,
    { name: 'approve', from: ['accepted'], to: 'approved', by: ['reviewer'], input: Approval, stopsDeadlines: ['decision'], startsDeadlines: ['allocation'], notify: 'case.plotApproved', visibility: 'applicant' },
    steps.refusal,
    { name: 'allocate', from: ['approved'], to: 'allocated', by: ['approver'], input: Allocation, stopsDeadlines: ['allocation'], notify: 'case.plotAllocated', visibility: 'applicant' },
    { name: 'complete', from: ['allocated'], to: 'completed', by: ['intake', 'approver'], visibility: 'applicant' },
    steps.withdrawal,
  ],
};

/** The states in which a case no longer holds a plot (or the way to another application for the same deceased): it ended without one. */
export const ENDED_WITHOUT_PLOT = ENDED_WITHOUT_IT;
