/**
 * 特困 (extreme poverty support) as a service of the case core: the relief application (../application/, docs/decisions/042)
 * with its own parts, decided on its workflow (./workflow.ts).
 */
import type { CaseService } from '../../case-service.ts';
import type { ReliefApplication } from '../application/schema.ts';
import { reliefCaseService } from '../application/registration.ts';
import { extremePovertySupportSettings } from './settings.ts';
import { extremePovertySupportWorkflow } from './workflow.ts';

export const extremePovertySupportService = {
  ...reliefCaseService('tekun', extremePovertySupportWorkflow, 'social-relief:tekun.case', extremePovertySupportSettings),
  // What its guide states as the 承诺时限, in the order a case meets them (docs/decisions/060).
  timeLimits: [
    { deadline: 'acceptance', stage: 'acceptance' },
    { deadline: 'investigation', stage: 'investigation' },
    { deadline: 'decision', stage: 'decision' },
    { deadline: 'refusal-notice', stage: 'refusal-notice' },
  ],
} satisfies CaseService<ReliefApplication>;
