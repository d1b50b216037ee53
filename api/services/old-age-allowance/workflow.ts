/**
 * 高龄津贴 (old-age allowance) as data: submitted → accepted (受理) or not accepted → reviewed (审核)
 * (with the reviewer's opinion) → approved (审批, with the monthly amount and first month, proposed
 * from the district's standard: rules.ts) or refused; 补正 from any staff stage;
 * withdrawal by the applicant until a decision. Every step the applicant should know of notifies
 * them. Time limits are local settings; these are examples a bureau changes here.
 */
import { z } from 'zod';
import { textLine, textLines } from '../../domain/text.ts';
import { PREVIOUS_STATE, type ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { Documents, Reason } from '../../domain/workflow/step-inputs.ts';

// `control` tells the workbench which form control a field needs; the schema is still the rule.
// What an officer types about the elder or the office's work is `sealed`: encrypted in the case's
// timeline, opened for whoever reads it (the applicant reads a reason and the 补正 list as before:
// docs/decisions/049).
// 审核意见: what the reviewer checked and found, which the approver decides on. Required, as the
// opinion block of the 审批表 is: an approval resting on a bare "reviewed" has no record of what was
// checked (docs/decisions/024). The office's working record, not the applicant's: kept from the
// status page and the texts (`staffOnly`), and sealed at rest.
const Opinion = z.object({ opinion: textLines().trim().min(2).max(500).meta({ control: 'textarea', staffOnly: true, sealed: true }) });
const Approval = z.object({
  monthlyAmount: z.coerce.number({ error: 'errors.workbench.monthlyAmount' }).int('errors.workbench.monthlyAmount').min(1, 'errors.workbench.monthlyAmount').max(10_000, 'errors.workbench.monthlyAmount').meta({ control: 'number' }),
  firstMonth: textLine({ error: 'errors.workbench.firstMonth' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errors.workbench.firstMonth').meta({ control: 'month' }),
});

const STAFF_STAGES = ['submitted', 'accepted', 'reviewed'] as const;

export const oldAgeAllowanceWorkflow: ServiceDefinition = {
  id: 'old-age-allowance',
  serviceArea: 'allowances',
  initialState: 'submitted',
  states: {
    submitted: {},
    accepted: {},
    reviewed: {},
    'awaiting-documents': {},
    'not-accepted': { terminal: true, decided: true },
    approved: { terminal: true, decided: true },
    refused: { terminal: true, decided: true },
    withdrawn: { terminal: true },
  },
  deadlines: {
    acceptance: { workingDays: 5 },
    decision: { workingDays: 20 },
  },
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], stopsDeadlines: ['acceptance'], startsDeadlines: ['decision'], notify: 'case.accepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['submitted'], to: 'not-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['acceptance'], notify: 'case.notAccepted', visibility: 'applicant' },
    { name: 'review', from: ['accepted'], to: 'reviewed', by: ['reviewer'], input: Opinion, notify: 'case.reviewed', visibility: 'applicant' },
    { name: 'approve', from: ['reviewed'], to: 'approved', by: ['approver'], input: Approval, stopsDeadlines: ['decision'], notify: 'case.approved', visibility: 'applicant' },
    { name: 'refuse', from: ['reviewed'], to: 'refused', by: ['approver'], input: Reason, stopsDeadlines: ['decision'], notify: 'case.refused', visibility: 'applicant' },
    { name: 'request-documents', from: STAFF_STAGES, to: 'awaiting-documents', by: ['intake', 'reviewer', 'approver'], input: Documents, pausesClock: true, notify: 'case.documentsRequested', visibility: 'applicant' },
    { name: 'provide-documents', from: ['awaiting-documents'], to: PREVIOUS_STATE, by: ['applicant', 'intake'], resumesClock: true, notify: 'case.documentsReceived', visibility: 'applicant' },
    { name: 'withdraw', from: [...STAFF_STAGES, 'awaiting-documents'], to: 'withdrawn', by: ['applicant'], stopsDeadlines: ['acceptance', 'decision'], notify: 'case.withdrawn', visibility: 'applicant' },
  ],
};
