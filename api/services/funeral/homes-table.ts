/**
 * The funeral homes' details as an effective-dated rule table (docs/decisions/030, 062), keyed by
 * home: the 24-hour phone, the address and the hours, in both languages, each from the day a notice
 * sets. The price list is a table of its own (price-list-table.ts): it changes on another day, by
 * another authority's notice (the price authority's), and its first day is what the public page
 * says the prices are in force from.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { textLine } from '../../domain/text.ts';
import { type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { FUNERAL_HOMES, FUNERAL_SOURCE_DETAILS } from './homes.ts';

/** Digits, with spaces, hyphens or a leading +: what a phone dials once the separators go (0571-88880000). */
const DIALLABLE = /^\+?\d[\d -]{1,18}\d$/;
const Words = (max: number) => textLine().trim().min(1).max(max);

export const HomeDetailsSchema = z.strictObject({
  /** Made up (the demonstration's), shown as an example; details entered by staff are real. */
  example: z.boolean().default(false),
  /** The 24-hour line: first on every page about the home, a tel: link. */
  phone: textLine().trim().regex(DIALLABLE, 'funeral:errors.home.phone'),
  addressZh: Words(120),
  addressEn: Words(240),
  hoursZh: Words(200),
  hoursEn: Words(400),
});
export type HomeDetails = z.output<typeof HomeDetailsSchema>;

const TEXT_FIELDS = ['phone', 'addressZh', 'addressEn', 'hoursZh', 'hoursEn'] as const;

/** A home as staff choose it: its name in the reader's language. */
export const homeKeys = (lang: Locale) => FUNERAL_HOMES.map((home) => ({ key: home.id, label: translator(lang)(dynamicKey`funeral:homes.${home.id}.name`) }));

export const FUNERAL_HOMES_TABLE: RuleTable<HomeDetails> = {
  name: 'funeral.homes',
  valueSchema: HomeDetailsSchema,
  keys: homeKeys,
  describe: (value, lang) => {
    const t = translator(lang);
    const text = t('rules.tables.funeral.homes.describe', { phone: value.phone, address: lang === 'zh-CN' ? value.addressZh : value.addressEn, hours: lang === 'zh-CN' ? value.hoursZh : value.hoursEn });
    return `${text}${value.example ? ` (${t('rules.example')})` : ''}`;
  },
  fields: TEXT_FIELDS.map((name) => ({ name, control: name.startsWith('hours') ? ('textarea' as const) : ('text' as const) })),
  toForm: (value) => Object.fromEntries(TEXT_FIELDS.map((name) => [name, value[name]])),
  fromForm: (form) => Object.fromEntries(TEXT_FIELDS.map((name) => [name, (form[name] ?? '').replace(/\s*\r?\n\s*/g, ' ')])),
  source: () => FUNERAL_SOURCE_DETAILS.map((row) => sourceRow({ key: row.home, value: { ...row.value }, effectiveFrom: row.effectiveFrom, basis: row.basis })),
};
