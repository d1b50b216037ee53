/**
 * The settings a relief case's transitions read (workflow-parts.ts's RELIEF_SETTING), as in force for
 * one case on a day (CaseService.settings, docs/decisions/043): the district's local rules from the
 * rule tables (social-relief.settings; for 临时救助 also social-relief.standards' 先行救助 cap), and
 * what the application itself says (a close relative of a case worker or a committee member, which
 * calls for the county's own visit). Pure: the day and the rules are given. The service folders
 * export one function each for their service.ts.
 */
import { rowOn } from '../../engine/rules/rule-table.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import type { SettingInForce } from '../case-service.ts';
import { DEFAULT_RELIEF_SETTINGS, RELIEF_SETTINGS_TABLE } from './settings-table.ts';
import { RELIEF_STANDARDS_TABLE } from './standards-table.ts';
import { RELIEF_SETTING } from './workflow-parts.ts';

/** What the settings need of an application (helper APPLICATIONS' schema has these paths: contracts). */
export interface ReliefCaseFacts {
  /** Where the household lives (for 临时救助: where the hardship happened). */
  area: { district: string };
  closeRelative?: 'yes' | 'no';
}

const fromDefault = (value: string): SettingInForce => ({ value, basis: null, effectiveFrom: null });
const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');

/** 低保 and 特困: who decides, whether 补正 stops the clock, and the close-relative flag. */
export function reliefCaseSettings(application: ReliefCaseFacts, day: string, rules: RuleBook): Record<string, SettingInForce> {
  const row = rowOn(rules.rows(RELIEF_SETTINGS_TABLE), application.area.district, day);
  const value = row?.value ?? DEFAULT_RELIEF_SETTINGS;
  const set = (text: string): SettingInForce => (row ? { value: text, basis: row.basis, effectiveFrom: row.effectiveFrom } : fromDefault(text));
  return {
    [RELIEF_SETTING.decider]: set(value.decider),
    [RELIEF_SETTING.supplementPausesClock]: set(yesNo(value.supplementPausesClock)),
    // The household's own declaration: no local text sets it.
    [RELIEF_SETTING.closeRelative]: fromDefault(application.closeRelative === 'yes' ? 'yes' : 'no'),
  };
}

/** 临时救助: the same, with the 先行救助 cap (the standards row) and the township's own approval cap (the settings row), in fen. */
export function temporaryCaseSettings(application: ReliefCaseFacts, day: string, rules: RuleBook): Record<string, SettingInForce> {
  const settingsRow = rowOn(rules.rows(RELIEF_SETTINGS_TABLE), application.area.district, day);
  const standardsRow = rowOn(rules.rows(RELIEF_STANDARDS_TABLE), application.area.district, day);
  const townshipCap = settingsRow?.value.temporaryTownshipCapFen ?? DEFAULT_RELIEF_SETTINGS.temporaryTownshipCapFen;
  const fromSettings = (text: string): SettingInForce => (settingsRow ? { value: text, basis: settingsRow.basis, effectiveFrom: settingsRow.effectiveFrom } : fromDefault(text));
  return {
    ...reliefCaseSettings(application, day, rules),
    // No standard in force: no cap, so nothing is granted at once by the portal's check (the office asks the county).
    [RELIEF_SETTING.advanceCap]: standardsRow ? { value: String(standardsRow.value.advanceCapFen), basis: standardsRow.basis, effectiveFrom: standardsRow.effectiveFrom } : fromDefault('0'),
    [RELIEF_SETTING.townshipApproves]: fromSettings(yesNo(townshipCap > 0)),
    [RELIEF_SETTING.townshipCap]: fromSettings(String(townshipCap)),
  };
}
