/**
 * Social relief's standards as an effective-dated rule table (docs/decisions/030, 040): keyed by
 * district, each value one notice's figures — the 低保 standards (urban and rural, per person per
 * month), the 特困 basic-living standards, the 低保边缘 line, the asset limits, the 刚性支出 test's two
 * figures, whether the basic pension is counted, and the 先行救助 cap. Amounts are whole fen; staff
 * type them in yuan, as leniently as applicants do (money.ts). The eligibility rule (eligibility.ts)
 * reads the row in force on the day it is asked about.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { SOCIAL_RELIEF_DISTRICTS, SOCIAL_RELIEF_SOURCE_STANDARDS } from './districts.ts';
import { AMOUNT_MESSAGES, formatYuan, MAX_AMOUNT_FEN, parseAmount } from './money.ts';

const fen = (least = 0) =>
  z
    .number({ error: AMOUNT_MESSAGES.notANumber })
    .int(AMOUNT_MESSAGES.tooManyDecimals)
    .min(least, least > 0 ? 'social-relief:errors.amount.zeroStandard' : AMOUNT_MESSAGES.negative)
    .max(MAX_AMOUNT_FEN, AMOUNT_MESSAGES.tooLarge);
/** A standard a household is compared against: at least a fen, since a zero standard would make no household eligible by mistake. */
const standardFen = () => fen(1);
const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const ReliefStandardValueSchema = z.strictObject({
  /** The year of the notice the figures come from. */
  sourceYear: whole(2000, 2100),
  /** Figures made up for the demonstration (shown as examples); a notice entered by staff is real. */
  example: z.boolean().default(false),
  /** 低保 standards, fen per person per month (社会救助法 第十八条: set by the province or the 设区的市). */
  dibaoUrbanFen: standardFen(),
  dibaoRuralFen: standardFen(),
  /** 特困 basic-living standards, fen per person per month: what a person in extreme poverty is supported at. */
  tekunUrbanFen: standardFen(),
  tekunRuralFen: standardFen(),
  /** The 低保边缘 line as a per cent of the 低保 standard (150: income per head below 1.5 times it; 第二十一条, a provincial setting). */
  marginalPercent: whole(100, 300),
  /** Financial assets (deposits, securities, insurance's cash value…) per head may be at most this many months of the 低保 standard. */
  depositMonths: whole(0, 120),
  /** The counted motor vehicles' total value may be at most this, in fen; 0: no counted vehicle at all. */
  vehicleLimitFen: fen(),
  /** The homes a household may own (more is over the limit). */
  homesLimit: whole(0, 10),
  /** 刚性支出困难 (第二十二条): income per head below this per cent of the 低保 standard… */
  rigidIncomePercent: whole(100, 500),
  /** …and rigid spending (medical, education) at least this per cent of the household's counted income. */
  rigidSpendingPercent: whole(1, 100),
  /** Whether the basic pension (城乡居民基础养老金) is left out of income (excluded 2021–2025 nationally; now the district's choice). */
  excludeBasicPension: z.boolean(),
  /** The most a township officer grants at once as 先行救助 (第五十条), in fen. */
  advanceCapFen: fen(),
});
export type ReliefStandardValue = z.output<typeof ReliefStandardValueSchema>;

/** The value's fields as the plain form edits them, in the order it asks them: amounts in yuan, the rest whole numbers. */
const AMOUNT_FIELDS = ['dibaoUrbanFen', 'dibaoRuralFen', 'tekunUrbanFen', 'tekunRuralFen', 'vehicleLimitFen', 'advanceCapFen'] as const;
const NUMBER_FIELDS = ['marginalPercent', 'depositMonths', 'homesLimit', 'rigidIncomePercent', 'rigidSpendingPercent', 'sourceYear'] as const;
const YES_NO = ['yes', 'no'] as const;

const amountOf = (typed: string | undefined): number => {
  const parsed = parseAmount(typed ?? '');
  return parsed.ok ? parsed.fen : Number.NaN;
};
const numberOf = (typed: string | undefined): number => {
  const text = (typed ?? '').normalize('NFKC').trim();
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
};
const yuanText = (amount: number): string => (amount % 100 === 0 ? String(amount / 100) : (amount / 100).toFixed(2));

export const RELIEF_STANDARDS_TABLE: RuleTable<ReliefStandardValue> = {
  name: 'social-relief.standards',
  valueSchema: ReliefStandardValueSchema,
  keys: (lang: Locale) => SOCIAL_RELIEF_DISTRICTS.map((district) => ({ key: district.id, label: translator(lang)(dynamicKey`social-relief:relief.district.${district.id}`) })),
  describe: (value, lang) => {
    const t = translator(lang);
    const text = t('rules.tables.social-relief.standards.describe', {
      dibaoUrban: formatYuan(value.dibaoUrbanFen, lang),
      dibaoRural: formatYuan(value.dibaoRuralFen, lang),
      tekunUrban: formatYuan(value.tekunUrbanFen, lang),
      tekunRural: formatYuan(value.tekunRuralFen, lang),
      marginalPercent: value.marginalPercent,
      depositMonths: value.depositMonths,
      vehicleLimit: value.vehicleLimitFen === 0 ? t('rules.tables.social-relief.standards.noVehicle') : formatYuan(value.vehicleLimitFen, lang),
      homesLimit: value.homesLimit,
      advanceCap: formatYuan(value.advanceCapFen, lang),
      pension: t(value.excludeBasicPension ? 'rules.tables.social-relief.standards.pensionExcluded' : 'rules.tables.social-relief.standards.pensionCounted'),
      rigidIncomePercent: value.rigidIncomePercent,
      rigidSpendingPercent: value.rigidSpendingPercent,
    });
    return `${text}${value.example ? ` (${t('rules.example')})` : ''}`;
  },
  fields: [
    ...AMOUNT_FIELDS.slice(0, 4).map((name) => ({ name, control: 'text' as const })),
    { name: 'marginalPercent', control: 'text' },
    { name: 'depositMonths', control: 'text' },
    { name: 'vehicleLimitFen', control: 'text' },
    { name: 'homesLimit', control: 'text' },
    { name: 'rigidIncomePercent', control: 'text' },
    { name: 'rigidSpendingPercent', control: 'text' },
    { name: 'excludeBasicPension', control: 'select', options: YES_NO, optionLabel: (option, lang) => translator(lang)(option === 'yes' ? 'rules.tables.social-relief.standards.pensionExcluded' : 'rules.tables.social-relief.standards.pensionCounted') },
    { name: 'advanceCapFen', control: 'text' },
    { name: 'sourceYear', control: 'text' },
  ],
  toForm: (value) => ({
    ...Object.fromEntries(AMOUNT_FIELDS.map((name) => [name, yuanText(value[name])])),
    ...Object.fromEntries(NUMBER_FIELDS.map((name) => [name, String(value[name])])),
    excludeBasicPension: value.excludeBasicPension ? 'yes' : 'no',
  }),
  fromForm: (form) => ({
    ...Object.fromEntries(AMOUNT_FIELDS.map((name) => [name, amountOf(form[name])])),
    ...Object.fromEntries(NUMBER_FIELDS.map((name) => [name, numberOf(form[name])])),
    // Neither option chosen: left out, so the schema says the field is required.
    ...(form.excludeBasicPension === 'yes' || form.excludeBasicPension === 'no' ? { excludeBasicPension: form.excludeBasicPension === 'yes' } : {}),
  }),
  source: () =>
    SOCIAL_RELIEF_SOURCE_STANDARDS.map((standard) => sourceRow({ key: standard.district, value: { ...standard.value }, effectiveFrom: standard.effectiveFrom, basis: standard.basis })),
};
