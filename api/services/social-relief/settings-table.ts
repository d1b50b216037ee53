/**
 * Social relief's local rules that are not figures of a household's test, as an effective-dated rule
 * table next to social-relief.standards (docs/decisions/030, 043), keyed by district: who makes the
 * decision (the county bureau, or the 乡镇/街道 where the district delegates it: 社会救助法 第四十四条
 * 第二款), how a name is masked on a public notice (张* or *三), whether a 补正 request stops the
 * clock (the national rules do not say it does, so by default it does not), and the most a township
 * approves of 临时救助 itself (0: it approves none; larger amounts go to the county). A system admin
 * adds a row from a day on at /staff/rules, with its basis.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { NAME_MASKINGS, type NameMasking } from '../../engine/publication/name-masking.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import { rowOn, type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { SOCIAL_RELIEF_DISTRICTS } from './districts.ts';
import { AMOUNT_MESSAGES, formatYuan, MAX_AMOUNT_FEN, parseAmount } from './money.ts';

/** Who makes the decision on a 低保 or 特困 case (审核确认). */
export const DECIDERS = ['county', 'township'] as const;
export type Decider = (typeof DECIDERS)[number];
/** How a public notice masks a name: the given name starred (张*) or the surname (*三): the publication engine's. */
export { NAME_MASKINGS, type NameMasking } from '../../engine/publication/name-masking.ts';
const YES_NO = ['yes', 'no'] as const;

export const ReliefSettingsValueSchema = z.strictObject({
  decider: z.enum(DECIDERS),
  nameMasking: z.enum(NAME_MASKINGS),
  supplementPausesClock: z.boolean(),
  /** The most a township approves of 临时救助 itself, in fen; 0: none (the county decides every case). */
  temporaryTownshipCapFen: z.number({ error: AMOUNT_MESSAGES.notANumber }).int(AMOUNT_MESSAGES.tooManyDecimals).min(0, AMOUNT_MESSAGES.negative).max(MAX_AMOUNT_FEN, AMOUNT_MESSAGES.tooLarge),
});
export type ReliefSettingsValue = z.output<typeof ReliefSettingsValueSchema>;

/** Where no row is in force: the national procedure (the county decides, the clock runs, the township approves nothing itself). */
export const DEFAULT_RELIEF_SETTINGS: ReliefSettingsValue = { decider: 'county', nameMasking: 'surname-star', supplementPausesClock: false, temporaryTownshipCapFen: 0 };

const yuan = (amount: number) => amount * 100;

/** The demonstration's rows: EXAMPLES, labelled so in their basis. */
export const SOCIAL_RELIEF_SOURCE_SETTINGS: readonly { district: string; effectiveFrom: string; basis: string; value: ReliefSettingsValue }[] = [
  {
    // A delegation as 社会救助法 第四十四条第二款 allows, and a township cap after a province's published ¥3,000.
    district: 'demo-district',
    effectiveFrom: '2026-07-01',
    basis: '示例区民政局关于委托街道（乡镇）审核确认最低生活保障和临时救助的公告（示例，2026 年）',
    value: { decider: 'township', nameMasking: 'surname-star', supplementPausesClock: false, temporaryTownshipCapFen: yuan(3000) },
  },
  {
    // The national procedure, with the time an applicant takes to answer a 补正 request left out of the office's time.
    district: 'demo-county',
    effectiveFrom: '2026-01-01',
    basis: '示例县社会救助审核确认工作规程（示例，2025 年）',
    value: { decider: 'county', nameMasking: 'given-star', supplementPausesClock: true, temporaryTownshipCapFen: yuan(1000) },
  },
];

const yuanText = (amount: number): string => (amount % 100 === 0 ? String(amount / 100) : (amount / 100).toFixed(2));
const amountOf = (typed: string | undefined): number => {
  const parsed = parseAmount(typed ?? '');
  return parsed.ok ? parsed.fen : Number.NaN;
};

export const RELIEF_SETTINGS_TABLE: RuleTable<ReliefSettingsValue> = {
  name: 'social-relief.settings',
  valueSchema: ReliefSettingsValueSchema,
  keys: (lang: Locale) => SOCIAL_RELIEF_DISTRICTS.map((district) => ({ key: district.id, label: translator(lang)(dynamicKey`social-relief:relief.district.${district.id}`) })),
  describe: (value, lang) => {
    const t = translator(lang);
    return t('rules.tables.social-relief.settings.describe', {
      decider: t(dynamicKey`rules.tables.social-relief.settings.decider.${value.decider}`),
      masking: t(dynamicKey`rules.tables.social-relief.settings.nameMasking.${value.nameMasking}`),
      clock: t(value.supplementPausesClock ? 'rules.tables.social-relief.settings.clock.yes' : 'rules.tables.social-relief.settings.clock.no'),
      townshipCap: value.temporaryTownshipCapFen === 0 ? t('rules.tables.social-relief.settings.noTownshipCap') : formatYuan(value.temporaryTownshipCapFen, lang),
    });
  },
  fields: [
    { name: 'decider', control: 'select', options: DECIDERS, optionLabel: (option, lang) => translator(lang)(dynamicKey`rules.tables.social-relief.settings.decider.${option}`) },
    { name: 'nameMasking', control: 'select', options: NAME_MASKINGS, optionLabel: (option, lang) => translator(lang)(dynamicKey`rules.tables.social-relief.settings.nameMasking.${option}`) },
    { name: 'supplementPausesClock', control: 'select', options: YES_NO, optionLabel: (option, lang) => translator(lang)(option === 'yes' ? 'rules.tables.social-relief.settings.clock.yes' : 'rules.tables.social-relief.settings.clock.no') },
    { name: 'temporaryTownshipCapFen', control: 'text' },
  ],
  toForm: (value) => ({
    decider: value.decider,
    nameMasking: value.nameMasking,
    supplementPausesClock: value.supplementPausesClock ? 'yes' : 'no',
    temporaryTownshipCapFen: yuanText(value.temporaryTownshipCapFen),
  }),
  fromForm: (form) => ({
    decider: form.decider ?? '',
    nameMasking: form.nameMasking ?? '',
    // Neither option chosen: left out, so the schema says the field is required.
    ...(form.supplementPausesClock === 'yes' || form.supplementPausesClock === 'no' ? { supplementPausesClock: form.supplementPausesClock === 'yes' } : {}),
    temporaryTownshipCapFen: amountOf(form.temporaryTownshipCapFen),
  }),
  source: () => SOCIAL_RELIEF_SOURCE_SETTINGS.map((row) => sourceRow({ key: row.district, value: { ...row.value }, effectiveFrom: row.effectiveFrom, basis: row.basis })),
};

/** How the district's notices mask a name on a day (the engine's masking, docs/decisions/045): its row's, else the default 张*. */
export function nameMaskingOn(rules: RuleBook, district: string, day: string): NameMasking {
  return rowOn(rules.rows(RELIEF_SETTINGS_TABLE), district, day)?.value.nameMasking ?? DEFAULT_RELIEF_SETTINGS.nameMasking;
}
