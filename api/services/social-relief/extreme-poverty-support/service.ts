/**
 * 特困 (extreme poverty support) as a service of the case core: the relief application (../application/, docs/decisions/042)
 * with its own parts, decided on its workflow (./workflow.ts).
 */
import { reliefCaseService } from '../application/registration.ts';
import { extremePovertySupportSettings } from './settings.ts';
import { extremePovertySupportWorkflow } from './workflow.ts';

export const extremePovertySupportService = reliefCaseService('tekun', extremePovertySupportWorkflow, 'social-relief:tekun.case', extremePovertySupportSettings);
