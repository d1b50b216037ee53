/**
 * 临时救助 (temporary assistance) as a service of the case core: the relief application (../application/, docs/decisions/042)
 * with its own parts, decided on its workflow (./workflow.ts).
 */
import type { CaseService } from '../../case-service.ts';
import type { ReliefApplication } from '../application/schema.ts';
import { reliefCaseService } from '../application/registration.ts';
import { temporaryAssistanceSettings } from './settings.ts';
import { temporaryAssistanceWorkflow } from './workflow.ts';

export const temporaryAssistanceService = {
  ...reliefCaseService('temporary', temporaryAssistanceWorkflow, 'social-relief:temporary.case', temporaryAssistanceSettings),
  // What its guide states as the 承诺时限 (docs/decisions/060). The paperwork after help given at once is the office's own record, not the applicant's wait.
  timeLimits: [
    { deadline: 'acceptance', stage: 'acceptance' },
    { deadline: 'decision', stage: 'decision' },
    { deadline: 'refusal-notice', stage: 'refusal-notice' },
  ],
} satisfies CaseService<ReliefApplication>;
