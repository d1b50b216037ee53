/**
 * 临时救助 (temporary assistance) as a service of the case core: the relief application (../application/, docs/decisions/042)
 * with its own parts, decided on its workflow (./workflow.ts).
 */
import { reliefCaseService } from '../application/registration.ts';
import { temporaryAssistanceSettings } from './settings.ts';
import { temporaryAssistanceWorkflow } from './workflow.ts';

export const temporaryAssistanceService = reliefCaseService('temporary', temporaryAssistanceWorkflow, 'social-relief:temporary.case', temporaryAssistanceSettings);
