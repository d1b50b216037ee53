/**
 * PLACEHOLDER until the relief workflows land (issue 14): submitted → accepted or not accepted,
 * withdrawal before a decision. Replaced by the statutory workflow.
 */
import { z } from 'zod';
import { textLines } from '../../../domain/text.ts';
import type { ServiceDefinition } from '../../../domain/workflow/workflow.ts';

const Reason = z.object({ reason: textLines().trim().min(2).max(500).meta({ control: 'textarea' }) });

export const extremePovertySupportWorkflow: ServiceDefinition = {
  id: 'extreme-poverty-support',
  serviceArea: 'relief',
  initialState: 'submitted',
  states: { submitted: {}, accepted: {}, 'not-accepted': { terminal: true, decided: true }, withdrawn: { terminal: true } },
  deadlines: { acceptance: { workingDays: 5 } },
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], stopsDeadlines: ['acceptance'], notify: 'case.accepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['submitted'], to: 'not-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['acceptance'], notify: 'case.notAccepted', visibility: 'applicant' },
    { name: 'withdraw', from: ['submitted', 'accepted'], to: 'withdrawn', by: ['applicant'], stopsDeadlines: ['acceptance'], notify: 'case.withdrawn', visibility: 'applicant' },
  ],
};
