/**
 * 低保 (the minimum living allowance) as a service of the case core: the relief application (../application/, docs/decisions/042)
 * with its own parts, decided on its workflow (./workflow.ts).
 */
import { reliefCaseService } from '../application/registration.ts';
import { minimumLivingAllowanceSettings } from './settings.ts';
import { minimumLivingAllowanceWorkflow } from './workflow.ts';

export const minimumLivingAllowanceService = reliefCaseService('dibao', minimumLivingAllowanceWorkflow, 'social-relief:dibao.case', minimumLivingAllowanceSettings);
