/**
 * How many working days an office has to answer a bad rating (好差评, docs/decisions/053), as an
 * effective-dated rule table (docs/decisions/030) keyed by office. 国办发〔2019〕51号 asks that bad
 * ratings be verified, put right and answered within a set time and leaves the time to each place;
 * the demonstration's rows say 5 working days, and an office with no row in force gets the same
 * default. A system admin adds a row from a day on at /staff/rules, with its basis.
 */
import { z } from 'zod';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { DEFAULT_FOLLOW_UP_WORKING_DAYS } from '../domain/ratings/ratings.ts';
import type { RuleBook } from '../engine/rules/live-rules.ts';
import { rowOn, sourceRow, type RuleTable } from '../engine/rules/rule-table.ts';
import { dynamicKey, resources, translator } from '../i18n/index.ts';

export const FollowUpSettingsSchema = z.strictObject({
  workingDays: z.number({ error: 'errors.ratings.workingDays' }).int('errors.ratings.workingDays').min(1, 'errors.ratings.workingDays').max(30, 'errors.ratings.workingDays'),
});
export type FollowUpSettings = z.output<typeof FollowUpSettingsSchema>;

/** The offices a bureau names (staff.office.<id> in the resources, docs/decisions/024): the keys a row may have. */
export const namedOffices = (): string[] => Object.keys(resources['zh-CN'].common.staff.office);

/** The demonstration's rows: an EXAMPLE, labelled so in its basis. */
const SOURCE_BASIS = '国办发〔2019〕51号（差评限时整改反馈；时限由各地规定，此为示例：5 个工作日）';
const SOURCE_FROM = '2020-01-01';

export const FOLLOW_UP_TABLE: RuleTable<FollowUpSettings> = {
  name: 'ratings.follow-up',
  valueSchema: FollowUpSettingsSchema,
  keys: (lang: Locale) => namedOffices().map((office) => ({ key: office, label: translator(lang)(dynamicKey`staff.office.${office}`) })),
  describe: (value, lang) => translator(lang)('rules.tables.ratings.follow-up.describe', { count: value.workingDays }),
  fields: [{ name: 'workingDays', control: 'text' }],
  toForm: (value) => ({ workingDays: String(value.workingDays) }),
  // Digits as people type them (全角 included); anything else is left for the schema to refuse.
  fromForm: (form) => {
    const typed = (form.workingDays ?? '').normalize('NFKC').trim();
    return { workingDays: /^\d{1,3}$/.test(typed) ? Number(typed) : typed };
  },
  source: () => namedOffices().map((office) => sourceRow({ key: office, value: { workingDays: DEFAULT_FOLLOW_UP_WORKING_DAYS }, effectiveFrom: SOURCE_FROM, basis: SOURCE_BASIS })),
};

/** The working days the office has on `day`: its row in force, else the default. */
export function followUpWorkingDays(rules: RuleBook, office: string, day: string): number {
  return rowOn(rules.rows(FOLLOW_UP_TABLE), office, day)?.value.workingDays ?? DEFAULT_FOLLOW_UP_WORKING_DAYS;
}
