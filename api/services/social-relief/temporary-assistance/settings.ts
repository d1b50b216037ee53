/** 临时救助's settings for one case (CaseService.settings), with its two caps: the lead wires this into service.ts. */
export { temporaryCaseSettings as temporaryAssistanceSettings } from '../case-settings.ts';
