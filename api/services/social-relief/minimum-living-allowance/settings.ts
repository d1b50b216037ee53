/** 低保's settings for one case (CaseService.settings): the lead wires this into service.ts. */
export { reliefCaseSettings as minimumLivingAllowanceSettings } from '../case-settings.ts';
