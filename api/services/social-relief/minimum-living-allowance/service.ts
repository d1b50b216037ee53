/**
 * 低保 (the minimum living allowance) as a service of the case core: the relief application (../application/, docs/decisions/042)
 * with its own parts, decided on its workflow (./workflow.ts).
 */
import type { CaseService } from '../../case-service.ts';
import type { ReliefApplication } from '../application/schema.ts';
import { reliefCaseService } from '../application/registration.ts';
import { minimumLivingAllowanceSettings } from './settings.ts';
import { minimumLivingAllowanceWorkflow } from './workflow.ts';

export const minimumLivingAllowanceService = {
  ...reliefCaseService('dibao', minimumLivingAllowanceWorkflow, 'social-relief:dibao.case', minimumLivingAllowanceSettings),
  // What its guide states as the 承诺时限, in the order a case meets them (docs/decisions/060).
  timeLimits: [
    { deadline: 'acceptance', stage: 'acceptance' },
    { deadline: 'investigation-start', stage: 'investigation' },
    { deadline: 'decision', stage: 'decision' },
    { deadline: 'whole', stage: 'decision' },
    { deadline: 'refusal-notice', stage: 'refusal-notice' },
  ],
} satisfies CaseService<ReliefApplication>;
