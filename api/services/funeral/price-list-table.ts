/**
 * The funeral homes' public price lists as an effective-dated rule table (docs/decisions/030, 062),
 * keyed by home: each row a whole list, from the day the price authority's notice sets it, with the
 * notice as its basis. A list is replaced whole, never item by item, because that is how it is
 * published and how a home must display it, and because its rules (the national list complete where
 * the home cremates, no optional service under a basic one's name) are rules of the whole list.
 *
 * Staff type a list as lines, one entry a line, the parts split by "|" (the form's hints say so):
 *   basic:    item | unit | price [| 中文说明 | English note]         e.g. cremation | per-time | 240 | 普通火化炉 | Standard cremator
 *   optional: id | 中文名称 | English name | unit | price [| 中文说明 | English note]
 * An item or a unit may also be written by its Chinese name (遗体火化, 次); a price is yuan.
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { BASIC_SERVICES, type PriceUnit } from './catalogue.ts';
import { homeKeys } from './homes-table.ts';
import { FUNERAL_SOURCE_PRICE_LISTS, provinceOfHome } from './homes.ts';
import { type BasicEntry, type OptionalEntry, type PriceListValue, PriceListValueSchema, problemsForProvince } from './price-list.ts';
import { itemName, priceText } from './words.ts';

/** The units as staff may also write them, in Chinese. */
const UNIT_WORDS: Readonly<Record<string, PriceUnit>> = { 次: 'per-time', 天: 'per-day', 日: 'per-day', 公里: 'per-km', 年: 'per-year', 小时: 'per-hour', 个: 'per-piece', 件: 'per-piece' };

const parts = (line: string) => line.split(/\s*[|｜]\s*/).map((part) => part.trim());
const linesOf = (text: string | undefined) => (text ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');

/** Yuan as typed (240, 240.5, ¥1,500, 240元) in whole fen; anything else is not a number, and the list's check says so. */
function fenOf(typed: string | undefined): number {
  const text = (typed ?? '').normalize('NFKC').replace(/[\s,¥]|元$/g, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return Number.NaN;
  const [whole = '0', cents = ''] = text.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

const unitOf = (typed: string | undefined) => {
  const text = (typed ?? '').normalize('NFKC').trim();
  return UNIT_WORDS[text.replace(/^[元/每]+/, '')] ?? text;
};

/** A basic item by its id or its Chinese name. */
function basicItemOf(typed: string | undefined): string {
  const text = (typed ?? '').normalize('NFKC').trim();
  const t = translator('zh-CN');
  return BASIC_SERVICES.find((item) => item === text || t(dynamicKey`funeral:catalogue.${item}`) === text) ?? text;
}

const noteOf = (zh: string | undefined, en: string | undefined) => (zh || en ? { note: { 'zh-CN': zh ?? '', en: en ?? '' } } : {});

const basicLine = (line: string) => {
  const [item, unit, price, noteZh, noteEn] = parts(line);
  return { item: basicItemOf(item), unit: unitOf(unit), priceFen: fenOf(price), ...noteOf(noteZh, noteEn) };
};
const optionalLine = (line: string) => {
  const [item, nameZh, nameEn, unit, price, noteZh, noteEn] = parts(line);
  return { item: item ?? '', name: { 'zh-CN': nameZh ?? '', en: nameEn ?? '' }, unit: unitOf(unit), priceFen: fenOf(price), ...noteOf(noteZh, noteEn) };
};

const yuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
const noteText = (entry: { note?: { 'zh-CN': string; en: string } | undefined }) => (entry.note ? ` | ${entry.note['zh-CN']} | ${entry.note.en}` : '');
const basicText = (entry: BasicEntry) => `${entry.item} | ${entry.unit} | ${yuanText(entry.priceFen)}${noteText(entry)}`;
const optionalText = (entry: OptionalEntry) => `${entry.item} | ${entry.name['zh-CN']} | ${entry.name.en} | ${entry.unit} | ${yuanText(entry.priceFen)}${noteText(entry)}`;

function describe(value: PriceListValue, lang: Locale): string {
  const t = translator(lang);
  const list = (entries: readonly { name: string; priceFen: number; unit: PriceUnit }[]) => entries.map((entry) => `${entry.name} ${priceText(entry.priceFen, entry.unit, lang)}`).join(t('punctuation.inlineList'));
  const text = t('rules.tables.funeral.price-lists.describe', {
    basic: list(value.basic.map((entry) => ({ ...entry, name: itemName(entry.item, lang) }))),
    optional: value.optional.length > 0 ? list(value.optional.map((entry) => ({ ...entry, name: lang === 'zh-CN' ? entry.name['zh-CN'] : entry.name.en }))) : t('rules.tables.funeral.price-lists.noOptional'),
  });
  return `${text}${value.example ? ` (${t('rules.example')})` : ''}`;
}

export const FUNERAL_PRICE_LISTS_TABLE: RuleTable<PriceListValue> = {
  name: 'funeral.price-lists',
  valueSchema: PriceListValueSchema,
  keys: homeKeys,
  describe,
  fields: [
    { name: 'basic', control: 'textarea' },
    { name: 'optional', control: 'textarea' },
  ],
  toForm: (value) => ({ basic: value.basic.map(basicText).join('\n'), optional: value.optional.map(optionalText).join('\n') }),
  fromForm: (form) => ({ basic: linesOf(form.basic).map(basicLine), optional: linesOf(form.optional).map(optionalLine) }),
  source: () =>
    FUNERAL_SOURCE_PRICE_LISTS.map((row) =>
      sourceRow({ key: row.home, value: { ...row.value, basic: row.value.basic.map((entry) => ({ ...entry })), optional: row.value.optional.map((entry) => ({ ...entry })) }, effectiveFrom: row.effectiveFrom, basis: row.basis }),
    ),
  checkForKey: (key, value) => problemsForProvince(value, provinceOfHome(key)),
};
