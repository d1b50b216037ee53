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
import { PREVIOUS_STATE, type ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { Documents, Reason } from '../../domain/workflow/step-inputs.ts';
import { CEMETERY_DEADLINES } from './time-limits.ts';

/** 审核: what the reviewer checked (the office's record: kept from the applicant, sealed at rest). */
const Approval = z.object({ opinion: textLines().trim().min(2).max(500).meta({ control: 'textarea', staffOnly: true, sealed: true }) });
/** 分配: the plot as the cemetery numbers it (区、排、号), which the family is told. */
const Allocation = z.object({ plotNumber: textLine({ error: 'public-cemetery:errors.cemeteryWorkflow.plotNumber' }).trim().min(1, 'public-cemetery:errors.cemeteryWorkflow.plotNumber').max(40, 'public-cemetery:errors.cemeteryWorkflow.plotNumber').meta({ control: 'text' }) });

const BEFORE_DECISION = ['submitted', 'accepted'] as const;

export const cemeteryWorkflow: ServiceDefinition = {
  id: 'public-cemetery',
  serviceArea: 'funeral',
  initialState: 'submitted',
  states: {
    submitted: {},
    accepted: {},
    'awaiting-documents': {},
    approved: { decided: true },
    allocated: { decided: true },
    completed: { terminal: true, decided: true },
    'not-accepted': { terminal: true, decided: true },
    refused: { terminal: true, decided: true },
    withdrawn: { terminal: true },
  },
  deadlines: CEMETERY_DEADLINES,
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], stopsDeadlines: ['acceptance'], startsDeadlines: ['decision'], notify: 'case.accepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['submitted'], to: 'not-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['acceptance'], notify: 'case.notAccepted', visibility: 'applicant' },
    { name: 'request-documents', from: BEFORE_DECISION, to: 'awaiting-documents', by: ['intake', 'reviewer'], input: Documents, pausesClock: true, notify: 'case.documentsRequested', visibility: 'applicant' },
    { name: 'provide-documents', from: ['awaiting-documents'], to: PREVIOUS_STATE, by: ['applicant', 'intake'], resumesClock: true, notify: 'case.documentsReceived', visibility: 'applicant' },
    { name: 'approve', from: ['accepted'], to: 'approved', by: ['reviewer'], input: Approval, stopsDeadlines: ['decision'], startsDeadlines: ['allocation'], notify: 'case.plotApproved', visibility: 'applicant' },
    { name: 'refuse', from: ['accepted'], to: 'refused', by: ['reviewer'], input: Reason, stopsDeadlines: ['decision'], notify: 'case.refused', visibility: 'applicant' },
    { name: 'allocate', from: ['approved'], to: 'allocated', by: ['approver'], input: Allocation, stopsDeadlines: ['allocation'], notify: 'case.plotAllocated', visibility: 'applicant' },
    { name: 'complete', from: ['allocated'], to: 'completed', by: ['intake', 'approver'], visibility: 'applicant' },
    { name: 'withdraw', from: [...BEFORE_DECISION, 'awaiting-documents', 'approved'], to: 'withdrawn', by: ['applicant'], stopsDeadlines: ['acceptance', 'decision', 'allocation'], notify: 'case.withdrawn', visibility: 'applicant' },
  ],
};

/** The states in which a case no longer holds a plot (or the way to another application for the same deceased): it ended without one. */
export const ENDED_WITHOUT_PLOT = ['not-accepted', 'refused', 'withdrawn'] as const;
