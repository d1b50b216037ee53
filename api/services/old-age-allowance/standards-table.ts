/**
 * 高龄津贴's district standards as an effective-dated rule table (docs/decisions/030): keyed by
 * district, each value a notice's amounts by age band. The source rows are districts.ts's; a system
 * admin sets a raise from its first day on the staff pages, and the approval's proposal
 * (registry.ts `decisionAid`) reads the standard in force through the table.
 */
import { z } from 'zod';
import { effectiveRows, type RuleRow, type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS, type AllowanceStandard } from './districts.ts';

export const AllowanceStandardValueSchema = z.strictObject({
  sourceYear: z.number().int().min(2000).max(2100),
  /** Made-up figures (the demonstration's); a notice entered by staff is real. */
  example: z.boolean().default(false),
  bands: z
    .array(z.strictObject({ fromAge: z.number().int().min(50).max(130), monthlyAmount: z.number().int().min(0).max(100_000) }))
    .min(1, 'errors.rules.bands')
    .max(12, 'errors.rules.bands')
    .refine((bands) => new Set(bands.map((band) => band.fromAge)).size === bands.length, 'errors.rules.bands'),
});
export type AllowanceStandardValue = z.output<typeof AllowanceStandardValueSchema>;

/** "80 50" (or "80: 50", "80，50"): a band's starting age and amount; anything else fails the schema as not a number. */
function bandOfLine(line: string): { fromAge: number; monthlyAmount: number } {
  const [age = '', amount = ''] = line.trim().split(/[\s,，:：]+/);
  return { fromAge: /^\d+$/.test(age) ? Number(age) : Number.NaN, monthlyAmount: /^\d+$/.test(amount) ? Number(amount) : Number.NaN };
}

export const ALLOWANCE_STANDARDS_TABLE: RuleTable<AllowanceStandardValue> = {
  name: 'old-age-allowance.standards',
  valueSchema: AllowanceStandardValueSchema,
  keys: (lang: Locale) => OLD_AGE_ALLOWANCE_DISTRICTS.map((district) => ({ key: district.id, label: translator(lang)(dynamicKey`old-age-allowance:application.district.${district.id}`) })),
  describe: (value, lang) => {
    const t = translator(lang);
    const bands = [...value.bands].sort((a, b) => a.fromAge - b.fromAge).map((band) => t('rules.tables.old-age-allowance.standards.band', { from: band.fromAge, amount: band.monthlyAmount }));
    return `${bands.join(t('punctuation.inlineList'))}${value.example ? ` (${t('rules.example')})` : ''}`;
  },
  fields: [
    { name: 'bands', control: 'textarea' },
    { name: 'sourceYear', control: 'text' },
  ],
  toForm: (value) => ({ bands: value.bands.map((band) => `${band.fromAge} ${band.monthlyAmount}`).join('\n'), sourceYear: String(value.sourceYear) }),
  fromForm: (form) => ({
    bands: (form.bands ?? '')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map(bandOfLine),
    sourceYear: /^\d{4}$/.test((form.sourceYear ?? '').trim()) ? Number(form.sourceYear?.trim()) : Number.NaN,
  }),
  source: () =>
    OLD_AGE_ALLOWANCE_DISTRICTS.flatMap((district) =>
      district.standards.map((standard) =>
        sourceRow({
          key: district.id,
          value: { sourceYear: standard.sourceYear, example: standard.example, bands: standard.bands.map((band) => ({ ...band })) },
          effectiveFrom: standard.effectiveFrom,
          basis: standard.basis ?? String(standard.sourceYear),
        }),
      ),
    ),
};

/** A district's standards as the proposal reads them (rules.ts), from the table's rows that count. */
export function districtStandards(rows: readonly RuleRow<AllowanceStandardValue>[], district: string): AllowanceStandard[] {
  return effectiveRows(rows, district).map((row) => ({ effectiveFrom: row.effectiveFrom, basis: row.basis, ...row.value }));
}
