/**
 * The funeral fee exemption (惠民殡葬) as an effective-dated rule table (docs/decisions/030, 065),
 * keyed by the district whose scheme applies (the district where the funeral is arranged): each row
 * one notice's scheme, read on the day of death (fee-exemption.ts).
 *
 * Who is exempt and up to how much is set by each province or city (殡葬管理条例, revised 2026):
 * - `all-residents`: every deceased registered in the district (户籍) has the covered basic items
 *   waived, up to a cap per deceased; the groups below are exempt under the same cap whether
 *   registered there or not (an unidentified body has no registration);
 * - `targeted`: only the groups, the covered items in full, or up to a cap where the notice sets one.
 * The groups are at least the regulation's: 低保 and 特困 households, 优抚 families (重点优抚对象)
 * and unidentified bodies; a row naming fewer is refused. Only the basic services of the national
 * or the province's list can be covered (catalogue.ts): an optional service is never waived.
 *
 * A row also lists the 6-digit region codes (GB/T 2260) whose resident ID numbers are read as the
 * district's registration: the code is where the number was issued, so it is a presumption the
 * family's own answer overrides, and a district merged into another (行政区划调整) adds its codes by
 * a new row from the merger's day.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, formatYuan, translator } from '../../i18n/index.ts';
import { parseAmount } from '../social-relief/money.ts';
import { BASIC_SERVICES } from './catalogue.ts';
import { FUNERAL_DISTRICTS } from './homes.ts';
import { itemName } from './words.ts';

export const FEE_EXEMPTIONS_TABLE_NAME = 'funeral.fee-exemptions';

export const EXEMPTION_SCHEMES = ['all-residents', 'targeted'] as const;
export type ExemptionScheme = (typeof EXEMPTION_SCHEMES)[number];

/** The groups a scheme exempts: 低保, 特困, 优抚 families, unidentified bodies. */
export const EXEMPTION_GROUPS = ['dibao', 'tekun', 'youfu', 'unidentified'] as const;
export type ExemptionGroup = (typeof EXEMPTION_GROUPS)[number];
/** The groups the regulation exempts at least, wherever the scheme is narrower than all residents. */
export const REQUIRED_GROUPS: readonly ExemptionGroup[] = EXEMPTION_GROUPS;

/** The largest cap per deceased, in fen (¥100,000): above it, a digit was typed twice. */
export const MAX_CAP_FEN = 10_000_000;

const E = 'funeral:exemption.errors.table';

export const FeeExemptionValueSchema = z
  .strictObject({
    /** Made up (the demonstration's), shown as an example; a scheme entered by staff is real. */
    example: z.boolean().default(false),
    scheme: z.enum(EXEMPTION_SCHEMES, { error: `${E}.scheme` }),
    /** The most waived per deceased, fen; null: no cap (the covered items in full: a targeted scheme only). */
    capFen: z.number({ error: `${E}.cap` }).int(`${E}.cap`).min(1, `${E}.cap`).max(MAX_CAP_FEN, `${E}.cap`).nullable(),
    groups: z.array(z.enum(EXEMPTION_GROUPS, { error: `${E}.group` })).max(20, `${E}.duplicate`),
    items: z.array(z.enum(BASIC_SERVICES, { error: `${E}.item` }), { error: `${E}.itemsRequired` }).min(1, `${E}.itemsRequired`).max(60, `${E}.duplicate`),
    regionCodes: z.array(z.string().regex(/^\d{6}$/, `${E}.regionCode`)).max(60),
  })
  .superRefine((value, context) => {
    if (value.scheme === 'all-residents' && value.capFen === null) context.addIssue({ code: 'custom', path: ['capFen'], message: `${E}.capRequired` });
    if (value.scheme === 'all-residents' && value.regionCodes.length === 0) context.addIssue({ code: 'custom', path: ['regionCodes'], message: `${E}.regionCodesRequired` });
    const missing = REQUIRED_GROUPS.filter((group) => !value.groups.includes(group));
    if (missing.length > 0) context.addIssue({ code: 'custom', path: ['groups'], message: `${E}.groupsRequired` });
    if (new Set(value.groups).size !== value.groups.length) context.addIssue({ code: 'custom', path: ['groups'], message: `${E}.duplicate` });
    if (new Set(value.items).size !== value.items.length) context.addIssue({ code: 'custom', path: ['items'], message: `${E}.duplicate` });
  });
export type FeeExemptionValue = z.output<typeof FeeExemptionValueSchema>;

/** One notice's scheme for a district, from its first day: the source rows. */
export interface SourceExemption {
  district: string;
  effectiveFrom: string;
  basis: string;
  value: FeeExemptionValue;
}

const yuan = (amount: number) => amount * 100;

/**
 * The demonstration's schemes, EXAMPLES in figures and codes (110101 is the region of the demo
 * cases' made-up ID numbers). The district: targeted until the revised regulation took effect, then
 * all residents up to ¥1,600 per deceased (DOMAIN.md: caps of ¥1,500–1,800 are usual). The county:
 * targeted, the covered items in full.
 */
export const FEE_EXEMPTION_SOURCE_ROWS: readonly SourceExemption[] = [
  {
    district: 'demo-district',
    effectiveFrom: '2024-01-01',
    basis: '示例区困难群众基本殡葬服务费用减免办法（示例，2023 年）',
    value: { example: true, scheme: 'targeted', capFen: null, groups: [...EXEMPTION_GROUPS], items: ['body-transport', 'body-storage', 'cremation', 'ashes-storage'], regionCodes: ['110101'] },
  },
  {
    district: 'demo-district',
    effectiveFrom: '2026-03-30',
    basis: '示例区关于全面实行惠民殡葬政策的通知（示例，2026 年）',
    value: {
      example: true,
      scheme: 'all-residents',
      capFen: yuan(1600),
      groups: [...EXEMPTION_GROUPS],
      items: ['body-transport', 'body-storage', 'farewell', 'cremation', 'ashes-storage', 'body-disinfection', 'basic-urn'],
      regionCodes: ['110101'],
    },
  },
  {
    district: 'demo-county',
    effectiveFrom: '2026-03-30',
    basis: '示例县困难群众基本殡葬服务费用减免实施细则（示例，2026 年）',
    value: { example: true, scheme: 'targeted', capFen: null, groups: [...EXEMPTION_GROUPS], items: ['body-transport', 'body-storage', 'farewell', 'cremation', 'ashes-storage', 'basic-urn'], regionCodes: [] },
  },
];

/** Staff may write a group or an item by its Chinese name as well as its id. */
const GROUP_WORDS: Readonly<Record<string, ExemptionGroup>> = { 低保: 'dibao', 特困: 'tekun', 优抚: 'youfu', 无名遗体: 'unidentified', 无主遗体: 'unidentified' };
const listOf = (typed: string | undefined) =>
  (typed ?? '')
    .normalize('NFKC')
    .split(/[\s,，、;；]+/)
    .filter((part) => part !== '');
function itemOf(typed: string): string {
  const t = translator('zh-CN');
  return BASIC_SERVICES.find((item) => item === typed || t(dynamicKey`funeral:catalogue.${item}`) === typed) ?? typed;
}
/** Blank: no cap. Anything else typed is yuan, or NaN for the schema to refuse next to the field. */
function typedCap(typed: string | undefined): number | null {
  if ((typed ?? '').trim() === '') return null;
  const parsed = parseAmount(typed ?? '');
  return parsed.ok ? parsed.fen : Number.NaN;
}
const yuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

export const groupName = (group: ExemptionGroup, lang: Locale) => translator(lang)(dynamicKey`funeral:exemption.groups.${group}`);

function describe(value: FeeExemptionValue, lang: Locale): string {
  const t = translator(lang);
  const text = t('rules.tables.funeral.fee-exemptions.describe', {
    scheme: t(dynamicKey`funeral:exemption.schemes.${value.scheme}`),
    cap: value.capFen === null ? t('rules.tables.funeral.fee-exemptions.noCap') : formatYuan(value.capFen, lang),
    groups: value.groups.map((group) => groupName(group, lang)).join(t('punctuation.inlineList')),
    items: value.items.map((item) => itemName(item, lang)).join(t('punctuation.inlineList')),
  });
  return `${text}${value.example ? ` (${t('rules.example')})` : ''}`;
}

export const FEE_EXEMPTIONS_TABLE: RuleTable<FeeExemptionValue> = {
  name: FEE_EXEMPTIONS_TABLE_NAME,
  valueSchema: FeeExemptionValueSchema,
  keys: (lang) => FUNERAL_DISTRICTS.map((district) => ({ key: district.id, label: translator(lang)(dynamicKey`funeral:districts.${district.id}`) })),
  describe,
  fields: [
    { name: 'scheme', control: 'select', options: EXEMPTION_SCHEMES, optionLabel: (option, lang) => translator(lang)(dynamicKey`funeral:exemption.schemes.${option}`) },
    { name: 'capFen', control: 'text' },
    { name: 'groups', control: 'text' },
    { name: 'items', control: 'textarea' },
    { name: 'regionCodes', control: 'text' },
  ],
  toForm: (value) => ({
    scheme: value.scheme,
    capFen: value.capFen === null ? '' : yuanText(value.capFen),
    groups: value.groups.join(', '),
    items: value.items.join(', '),
    regionCodes: value.regionCodes.join(', '),
  }),
  fromForm: (form) => ({
    scheme: form.scheme ?? '',
    capFen: typedCap(form.capFen),
    groups: listOf(form.groups).map((typed) => GROUP_WORDS[typed] ?? typed),
    items: listOf(form.items).map(itemOf),
    regionCodes: listOf(form.regionCodes),
  }),
  source: () => FEE_EXEMPTION_SOURCE_ROWS.map((row) => sourceRow({ key: row.district, value: { ...row.value, groups: [...row.value.groups], items: [...row.value.items], regionCodes: [...row.value.regionCodes] }, effectiveFrom: row.effectiveFrom, basis: row.basis })),
};
