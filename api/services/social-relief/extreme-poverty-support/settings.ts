/** 特困's settings for one case (CaseService.settings): the lead wires this into service.ts. */
export { reliefCaseSettings as extremePovertySupportSettings } from '../case-settings.ts';
