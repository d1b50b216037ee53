/**
 * A funeral home's public price list (docs/decisions/062), as the law wants it read: the basic
 * services (the national list and the province's additions) apart from the optional ones, one item
 * an entry with one price in one unit, and nothing charged or booked that is not on it.
 *
 * The rules a list must meet, each a refusal a person can act on (its message names the entry):
 * - no bundles: an entry is one item (its own id, one price), an item appears once, and an optional
 *   service is not named as a package (套餐, 一条龙, "A + B");
 * - a list that prices cremation (a home that cremates) lists every item of the national list;
 * - an optional service may not be sold under a basic service's id or name, in either language;
 * - prices are whole fen, never negative (0: free, e.g. an eco-burial the bureau pays for);
 * - a basic item a province added is listed only by a home of that province (`problemsForProvince`).
 *
 * Pure: the day is an argument; rows come from the rule table (price-list-table.ts).
 */
import { z } from 'zod';
import { rowOn, type RuleRow } from '../../engine/rules/rule-table.ts';
import { textLine } from '../../domain/text.ts';
import { dynamicKey, LOCALES, translator } from '../../i18n/index.ts';
import { BASIC_SERVICES, basicServicesOf, isBasicService, NATIONAL_BASIC_SERVICES, PRICE_UNITS, type BasicService, type PriceUnit } from './catalogue.ts';

/** The most one item may cost, in fen (¥100,000): above it, a digit was typed twice. */
export const MAX_PRICE_FEN = 10_000_000;
export const MAX_BASIC_ENTRIES = 40;
export const MAX_OPTIONAL_ENTRIES = 60;

const PriceFen = z.number().int().min(0).max(MAX_PRICE_FEN);
const Words = (max: number) => textLine().trim().min(1).max(max);
/** A text people read, in both languages (a home's own words: its data, as a registry office's address is). */
export const BilingualTextSchema = z.strictObject({ 'zh-CN': Words(100), en: Words(200) });
export type BilingualText = z.output<typeof BilingualTextSchema>;

/** An optional service's id on its home's list: what a booking names it by. */
const OptionalItemId = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/);

export const BasicEntrySchema = z.strictObject({
  item: z.enum(BASIC_SERVICES),
  unit: z.enum(PRICE_UNITS),
  priceFen: PriceFen,
  note: BilingualTextSchema.optional(),
});
export type BasicEntry = z.output<typeof BasicEntrySchema>;

export const OptionalEntrySchema = z.strictObject({
  item: OptionalItemId,
  name: BilingualTextSchema,
  unit: z.enum(PRICE_UNITS),
  priceFen: PriceFen,
  note: BilingualTextSchema.optional(),
});
export type OptionalEntry = z.output<typeof OptionalEntrySchema>;

/** Each problem's message, in the `funeral` namespace; each names the entry (its place in its list, from 1). */
const MESSAGES = {
  basicRequired: 'funeral:errors.priceList.basicRequired',
  unknownBasic: 'funeral:errors.priceList.unknownBasic',
  notInProvince: 'funeral:errors.priceList.notInProvince',
  unit: 'funeral:errors.priceList.unit',
  price: 'funeral:errors.priceList.price',
  note: 'funeral:errors.priceList.note',
  malformed: 'funeral:errors.priceList.malformed',
  duplicate: 'funeral:errors.priceList.duplicate',
  duplicateOptional: 'funeral:errors.priceList.duplicateOptional',
  missingNational: 'funeral:errors.priceList.missingNational',
  optionalId: 'funeral:errors.priceList.optionalId',
  optionalName: 'funeral:errors.priceList.optionalName',
  reusesBasic: 'funeral:errors.priceList.reusesBasic',
  bundle: 'funeral:errors.priceList.bundle',
} as const;
export type PriceListProblem = keyof typeof MESSAGES;

/** A name as compared: width, case, spaces and punctuation set aside (“遗体 火化”, “Cremation.” are the law's names). */
const comparable = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

/** The names of every basic item in every language, as compared. */
function basicNames(): Map<string, BasicService> {
  const names = new Map<string, BasicService>();
  for (const lang of LOCALES) for (const item of BASIC_SERVICES) names.set(comparable(translator(lang)(dynamicKey`funeral:catalogue.${item}`)), item);
  return names;
}

/** Words that sell several services as one (a package), in either language; and "A + B", "A & B". */
const BUNDLE_WORDS = ['套餐', '礼包', '一条龙', '全包', '打包', '一站式', 'package', 'bundle', 'combo'];
const looksBundled = (name: string) => {
  const text = name.normalize('NFKC').toLowerCase();
  return BUNDLE_WORDS.some((word) => text.includes(word)) || /[+&]/.test(text);
};

/** Which of an entry's fields a failed parse names first: the problem said about it. */
function fieldProblem(error: z.ZodError, byField: Readonly<Record<string, PriceListProblem>>): PriceListProblem {
  const field = String(error.issues[0]?.path[0] ?? '');
  return byField[field] ?? 'malformed';
}

interface Issue {
  list: 'basic' | 'optional';
  index?: number;
  problem: PriceListProblem;
  params?: Record<string, string | number>;
}

/** Every problem of a list as sent (entries not yet known to be well formed), in the order of the lists. */
export function priceListIssues(value: { basic: readonly unknown[]; optional: readonly unknown[] }): Issue[] {
  const issues: Issue[] = [];
  const basicItems: string[] = [];
  if (value.basic.length === 0) issues.push({ list: 'basic', problem: 'basicRequired' });
  value.basic.forEach((raw, index) => {
    const entry = index + 1;
    const parsed = BasicEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const problem = fieldProblem(parsed.error, { item: 'unknownBasic', unit: 'unit', priceFen: 'price', note: 'note' });
      const item = z.looseObject({ item: z.string() }).safeParse(raw);
      issues.push({ list: 'basic', index, problem, params: { entry, item: item.success ? item.data.item : '' } });
      return;
    }
    if (basicItems.includes(parsed.data.item)) issues.push({ list: 'basic', index, problem: 'duplicate', params: { entry, item: parsed.data.item } });
    basicItems.push(parsed.data.item);
  });
  // A home that cremates offers the whole national list; one that does not (a 殡仪服务站) lists what it offers.
  const missing = NATIONAL_BASIC_SERVICES.find((item) => !basicItems.includes(item));
  if (basicItems.includes('cremation') && missing) issues.push({ list: 'basic', problem: 'missingNational', params: { item: missing } });

  const names = basicNames();
  const optionalIds: string[] = [];
  const optionalNames: string[] = [];
  value.optional.forEach((raw, index) => {
    const entry = index + 1;
    const parsed = OptionalEntrySchema.safeParse(raw);
    if (!parsed.success) {
      issues.push({ list: 'optional', index, problem: fieldProblem(parsed.error, { item: 'optionalId', name: 'optionalName', unit: 'unit', priceFen: 'price', note: 'note' }), params: { entry } });
      return;
    }
    const { item, name } = parsed.data;
    const reused = isBasicService(item) ? item : (names.get(comparable(name['zh-CN'])) ?? names.get(comparable(name.en)));
    if (reused) issues.push({ list: 'optional', index, problem: 'reusesBasic', params: { entry, item: reused } });
    else if (looksBundled(name['zh-CN']) || looksBundled(name.en)) issues.push({ list: 'optional', index, problem: 'bundle', params: { entry, name: name['zh-CN'] } });
    else if (optionalIds.includes(item) || optionalNames.includes(comparable(name['zh-CN']))) issues.push({ list: 'optional', index, problem: 'duplicateOptional', params: { entry, name: name['zh-CN'] } });
    optionalIds.push(item);
    optionalNames.push(comparable(name['zh-CN']));
  });
  return issues;
}

/**
 * A price list, checked whole: a rule table's value (price-list-table.ts). Its entries are read as
 * they come and checked one by one, so that each problem names its entry; once they pass, they are
 * the typed entries.
 */
export const PriceListValueSchema = z
  .strictObject({
    /** Made-up prices (the demonstration's), shown as examples; a list entered by staff is real. */
    example: z.boolean().default(false),
    basic: z.array(z.unknown()).max(MAX_BASIC_ENTRIES),
    optional: z.array(z.unknown()).max(MAX_OPTIONAL_ENTRIES).default([]),
  })
  .superRefine((value, context) => {
    for (const issue of priceListIssues(value)) {
      context.addIssue({ code: 'custom', path: issue.index === undefined ? [issue.list] : [issue.list, issue.index], message: MESSAGES[issue.problem], params: issue.params ?? {} });
    }
  })
  .transform(({ example, basic, optional }) => ({
    example,
    basic: basic.map((entry) => BasicEntrySchema.parse(entry)),
    optional: optional.map((entry) => OptionalEntrySchema.parse(entry)),
  }));
export type PriceListValue = z.output<typeof PriceListValueSchema>;

/** The problems of a list for a home in `province`: a basic item another province added is not this home's to list. */
export function problemsForProvince(value: PriceListValue, province: string | undefined): { path: (string | number)[]; message: string; params: Record<string, string | number> }[] {
  const allowed = basicServicesOf(province);
  return value.basic.flatMap((entry, index) =>
    allowed.includes(entry.item) ? [] : [{ path: ['basic', index], message: MESSAGES.notInProvince, params: { entry: index + 1, item: entry.item } }],
  );
}

/** One item of a home's list as a booking reads it: its kind, price and unit, and the list it comes from (the day it took effect). */
export interface PricedItem {
  kind: 'basic' | 'optional';
  item: string;
  unit: PriceUnit;
  priceFen: number;
  listFrom: string;
}

/** The price of `item` at `home` on `day`: from the home's list in force that day; undefined when the item is not on it (or no list is in force). */
export function priceOf(rows: readonly RuleRow<PriceListValue>[], home: string, item: string, day: string): PricedItem | undefined {
  const list = rowOn(rows, home, day);
  if (!list) return undefined;
  const basic = list.value.basic.find((entry) => entry.item === item);
  if (basic) return { kind: 'basic', item, unit: basic.unit, priceFen: basic.priceFen, listFrom: list.effectiveFrom };
  const optional = list.value.optional.find((entry) => entry.item === item);
  return optional ? { kind: 'optional', item, unit: optional.unit, priceFen: optional.priceFen, listFrom: list.effectiveFrom } : undefined;
}

/** Whether `item` can be booked (and so charged) at `home` on `day`: only an item on its price list in force. */
export const isBookable = (rows: readonly RuleRow<PriceListValue>[], home: string, item: string, day: string): boolean => priceOf(rows, home, item, day) !== undefined;
