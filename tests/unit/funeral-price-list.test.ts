/**
 * Funeral homes' public price lists (docs/decisions/062): the national list of basic services and a
 * province's additions, the rules a list must meet (no bundles, the whole national list where the
 * home cremates, no optional service under a basic one's name, prices whole fen and not negative,
 * a province's additions for its own homes only), each refusal naming its entry in both languages;
 * the staff form's lines; the price of an item on a day, and what is bookable; the homes as the
 * public reads them on a day.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkNewRow, sourceRow, type RuleRow } from '../../api/engine/rules/rule-table.ts';
import { sourceRuleBook } from '../../api/engine/rules/live-rules.ts';
import { fieldErrors } from '../../api/http/api-error.ts';
import { translator } from '../../api/i18n/index.ts';
import { basicServicesOf, NATIONAL_BASIC_SERVICES } from '../../api/services/funeral/catalogue.ts';
import { FUNERAL_HOMES_TABLE } from '../../api/services/funeral/homes-table.ts';
import { FUNERAL_HOMES, FUNERAL_SOURCE_PRICE_LISTS } from '../../api/services/funeral/homes.ts';
import { isBookable, priceListIssues, priceOf, PriceListValueSchema, problemsForProvince, type PriceListValue, type PriceListProblem } from '../../api/services/funeral/price-list.ts';
import { FUNERAL_PRICE_LISTS_TABLE } from '../../api/services/funeral/price-list-table.ts';
import { funeralHomeOn, funeralHomesOn } from '../../api/services/funeral/public-view.ts';

const basic = (item: string, priceFen = 10_000, unit = 'per-time') => ({ item, unit, priceFen });
const optional = (item: string, zh: string, en: string, priceFen = 10_000) => ({ item, name: { 'zh-CN': zh, en }, unit: 'per-time', priceFen });
const NATIONAL = NATIONAL_BASIC_SERVICES.map((item) => basic(item));

describe('the catalogue', () => {
  it('is the national list in the law’s order and words, each named in both languages', () => {
    const zh = translator('zh-CN');
    const en = translator('en');
    expect(NATIONAL_BASIC_SERVICES.map((item) => zh(`funeral:catalogue.${item}` as never))).toEqual(['遗体接运', '遗体暂存', '遗体告别', '遗体火化', '骨灰寄存', '生态安葬', '骨灰格位安葬']);
    for (const item of basicServicesOf('99')) expect(en(`funeral:catalogue.${item}` as never)).not.toBe(`catalogue.${item}`);
  });

  it('adds a province’s items for that province only', () => {
    expect(basicServicesOf('99')).toEqual([...NATIONAL_BASIC_SERVICES, 'body-disinfection', 'basic-urn']);
    expect(basicServicesOf('33')).toEqual(NATIONAL_BASIC_SERVICES);
    expect(basicServicesOf(undefined)).toEqual(NATIONAL_BASIC_SERVICES);
  });
});

describe('a price list’s rules', () => {
  const problems = (value: { basic: unknown[]; optional?: unknown[] }) => priceListIssues({ basic: value.basic, optional: value.optional ?? [] }).map((issue) => issue.problem);

  it.each<{ why: string; basic: unknown[]; optional?: unknown[]; expected: PriceListProblem[] }>([
    { why: 'a home that does not cremate lists what it offers', basic: [basic('body-transport'), basic('body-storage', 5000, 'per-day')], expected: [] },
    { why: 'a home that cremates lists the whole national list', basic: NATIONAL, expected: [] },
    { why: 'a basic service may be free', basic: [basic('eco-burial', 0)], expected: [] },
    { why: 'a list with no basic service', basic: [], expected: ['basicRequired'] },
    { why: 'cremation without the rest of the national list', basic: [basic('cremation'), basic('body-transport')], expected: ['missingNational'] },
    { why: 'the national list short of one item', basic: NATIONAL.filter((entry) => entry.item !== 'niche-burial'), expected: ['missingNational'] },
    { why: 'an item that is on no list', basic: [basic('premium-cremation')], expected: ['unknownBasic'] },
    { why: 'an item twice (two prices for one service)', basic: [basic('farewell'), basic('farewell', 20_000)], expected: ['duplicate'] },
    { why: 'a negative price', basic: [basic('farewell', -1)], expected: ['price'] },
    { why: 'a fraction of a fen', basic: [basic('farewell', 10.5)], expected: ['price'] },
    { why: 'a price that is not a number', basic: [basic('farewell', Number.NaN)], expected: ['price'] },
    { why: 'a price past ¥100,000', basic: [basic('farewell', 10_000_001)], expected: ['price'] },
    { why: 'a unit that is not one of the list’s', basic: [basic('farewell', 100, 'per-bundle')], expected: ['unit'] },
    { why: 'a note in one language only', basic: [{ ...basic('farewell'), note: { 'zh-CN': '30 分钟', en: '' } }], expected: ['note'] },
    { why: 'an entry naming two items (a bundle)', basic: [{ ...basic('farewell'), also: 'cremation' }], expected: ['malformed'] },
    { why: 'an optional service', basic: [basic('farewell')], optional: [optional('embalming', '遗体防腐', 'Embalming')], expected: [] },
    { why: 'an optional service under a basic id', basic: [basic('farewell')], optional: [optional('cremation', '高档火化', 'Premium cremation')], expected: ['reusesBasic'] },
    { why: 'an optional service under a basic Chinese name', basic: [basic('farewell')], optional: [optional('special', '遗体火化', 'Special')], expected: ['reusesBasic'] },
    { why: 'an optional service under a basic name, spaced and in full-width', basic: [basic('farewell')], optional: [optional('special', '遗体 火化', 'Special')], expected: ['reusesBasic'] },
    { why: 'an optional service under a basic English name', basic: [basic('farewell')], optional: [optional('special', '特别服务', 'cremation.')], expected: ['reusesBasic'] },
    { why: 'an optional service under a province’s added name', basic: [basic('farewell')], optional: [optional('urn', '简易骨灰盒', 'Urn')], expected: ['reusesBasic'] },
    { why: 'an optional package (套餐)', basic: [basic('farewell')], optional: [optional('gold', '告别火化套餐', 'Gold service')], expected: ['bundle'] },
    { why: 'an optional “A + B”', basic: [basic('farewell')], optional: [optional('pair', '整容和鲜花', 'Make-up + flowers')], expected: ['bundle'] },
    { why: 'an optional “一条龙” service', basic: [basic('farewell')], optional: [optional('all', '一条龙服务', 'Full service')], expected: ['bundle'] },
    { why: 'an optional service twice', basic: [basic('farewell')], optional: [optional('embalming', '遗体防腐', 'Embalming'), optional('embalming', '防腐', 'Preserving')], expected: ['duplicateOptional'] },
    { why: 'an optional id that is not a slug', basic: [basic('farewell')], optional: [optional('Embalming!', '遗体防腐', 'Embalming')], expected: ['optionalId'] },
    { why: 'an optional service without its English name', basic: [basic('farewell')], optional: [optional('embalming', '遗体防腐', '')], expected: ['optionalName'] },
    { why: 'an optional service with a negative price', basic: [basic('farewell')], optional: [optional('embalming', '遗体防腐', 'Embalming', -100)], expected: ['price'] },
  ])('$why: $expected', ({ basic: entries, optional: extras, expected }) => {
    expect(problems({ basic: entries, ...(extras ? { optional: extras } : {}) })).toEqual(expected);
  });

  it('lists a province’s added items only for a home of that province', () => {
    const value = PriceListValueSchema.parse({ basic: [basic('body-transport'), basic('basic-urn', 100, 'per-piece')] });
    expect(problemsForProvince(value, '99')).toEqual([]);
    expect(problemsForProvince(value, '33')).toEqual([expect.objectContaining({ path: ['basic', 1], message: 'funeral:errors.priceList.notInProvince' })]);
  });

  it('names the entry and the item in each language', () => {
    const parsed = PriceListValueSchema.safeParse({ basic: [basic('cremation'), basic('farewell')], optional: [optional('x1', '高档套餐', 'Package')] });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrors(parsed.error, 'zh-CN').map((error) => [error.field, error.message])).toEqual([
      ['basic', '提供火化的殡仪馆要列出国家清单上的全部基本殡葬服务，还缺少“遗体接运”'],
      ['optional.0', '第 1 项“高档套餐”像是套餐。每项只能是一项服务、一个价格，不能捆绑销售'],
    ]);
    expect(fieldErrors(parsed.error, 'en')[0]?.message).toBe('A funeral home that cremates must list every basic service of the national list: “Transporting the body” is missing');
  });

  it('holds for the demonstration’s lists, each for its home', () => {
    for (const row of FUNERAL_PRICE_LISTS_TABLE.source()) {
      expect(checkNewRow(FUNERAL_PRICE_LISTS_TABLE, { key: row.key, effectiveFrom: row.effectiveFrom, value: { ...row.value }, basis: row.basis, reason: '示例' })).toMatchObject({ ok: true });
    }
    for (const row of FUNERAL_HOMES_TABLE.source()) {
      expect(checkNewRow(FUNERAL_HOMES_TABLE, { key: row.key, effectiveFrom: row.effectiveFrom, value: { ...row.value }, basis: row.basis, reason: '示例' })).toMatchObject({ ok: true });
    }
    expect(FUNERAL_SOURCE_PRICE_LISTS.map((row) => row.home).sort()).toEqual(FUNERAL_HOMES.map((home) => home.id).sort());
  });
});

describe('the staff form’s lines', () => {
  it('reads an item or unit by its Chinese name, a price in yuan, and a note in both languages', () => {
    const value = FUNERAL_PRICE_LISTS_TABLE.fromForm({
      basic: '遗体火化 | 次 | ¥240 | 普通火化炉 | Standard cremator\n\nbody-storage|per-day|50.5\n',
      optional: 'embalming ｜ 遗体防腐 ｜ Embalming ｜ 元/次 ｜ 1,300',
    });
    expect(value).toEqual({
      basic: [
        { item: 'cremation', unit: 'per-time', priceFen: 24_000, note: { 'zh-CN': '普通火化炉', en: 'Standard cremator' } },
        { item: 'body-storage', unit: 'per-day', priceFen: 5050 },
      ],
      optional: [{ item: 'embalming', name: { 'zh-CN': '遗体防腐', en: 'Embalming' }, unit: 'per-time', priceFen: 130_000 }],
    });
  });

  it('gives back each demonstration list as it was written', () => {
    for (const row of FUNERAL_PRICE_LISTS_TABLE.source()) {
      const again = PriceListValueSchema.parse({ ...z.record(z.string(), z.unknown()).parse(FUNERAL_PRICE_LISTS_TABLE.fromForm(FUNERAL_PRICE_LISTS_TABLE.toForm(row.value))), example: row.value.example });
      expect(again).toEqual(row.value);
    }
  });

  it('turns a price that is not an amount into a refusal next to its field', () => {
    const checked = checkNewRow(FUNERAL_PRICE_LISTS_TABLE, { key: 'demo-county-funeral-station', effectiveFrom: '2027-01-01', value: FUNERAL_PRICE_LISTS_TABLE.fromForm({ basic: 'farewell | 次 | 两百', optional: '' }) as Record<string, unknown>, basis: '通知', reason: '调价' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(fieldErrors(checked.error, 'zh-CN')[0]).toMatchObject({ field: 'value.basic.0', message: '第 1 项的价格应是不小于 0 的金额（元，最多两位小数，不超过 10 万元）' });
  });
});

describe('the price of an item on a day', () => {
  const list = (cremationFen: number, extra: unknown[] = []): PriceListValue => PriceListValueSchema.parse({ basic: NATIONAL.map((entry) => (entry.item === 'cremation' ? { ...entry, priceFen: cremationFen } : entry)), optional: extra });
  const HOME = 'demo-district-funeral-home';
  const rows: RuleRow<PriceListValue>[] = [
    sourceRow({ key: HOME, effectiveFrom: '2026-03-30', basis: 'A', value: list(24_000, [optional('embalming', '遗体防腐', 'Embalming', 30_000)]) }),
    sourceRow({ key: HOME, effectiveFrom: '2027-01-01', basis: 'B', value: list(26_000) }),
  ];

  it.each([
    { day: '2026-03-29', price: undefined, why: 'before the first list' },
    { day: '2026-03-30', price: 24_000, why: 'the first list’s first day' },
    { day: '2026-12-31', price: 24_000, why: 'the day before the next list' },
    { day: '2027-01-01', price: 26_000, why: 'the next list’s first day' },
  ])('is $price on $day ($why)', ({ day, price }) => {
    expect(priceOf(rows, HOME, 'cremation', day)?.priceFen).toBe(price);
  });

  it('says which list a price comes from, and whether the item is basic or optional', () => {
    expect(priceOf(rows, HOME, 'cremation', '2026-06-01')).toEqual({ kind: 'basic', item: 'cremation', unit: 'per-time', priceFen: 24_000, listFrom: '2026-03-30' });
    expect(priceOf(rows, HOME, 'embalming', '2026-06-01')).toEqual({ kind: 'optional', item: 'embalming', unit: 'per-time', priceFen: 30_000, listFrom: '2026-03-30' });
  });

  it('books only what the list in force has: an optional service the next list drops, another home, an item on no list', () => {
    expect(isBookable(rows, HOME, 'embalming', '2026-12-31')).toBe(true);
    expect(isBookable(rows, HOME, 'embalming', '2027-01-01')).toBe(false);
    expect(isBookable(rows, 'demo-county-funeral-station', 'cremation', '2027-01-01')).toBe(false);
    expect(isBookable(rows, HOME, 'premium-cremation', '2027-01-01')).toBe(false);
  });
});

describe('the homes as the public reads them', () => {
  const book = sourceRuleBook();

  it('shows each home from its details’ first day, and its prices from the list’s', () => {
    expect(funeralHomesOn(book, '2025-12-31', 'zh-CN')).toEqual([]);
    const early = funeralHomesOn(book, '2026-02-01', 'zh-CN');
    expect(early.map((home) => home.id)).toEqual(['demo-district-funeral-home', 'demo-county-funeral-station']);
    expect(early.every((home) => home.prices === null)).toBe(true);
    const home = funeralHomeOn(book, 'demo-district-funeral-home', '2026-12-12', 'en');
    expect(home).toMatchObject({ name: 'Demo District Funeral Home', phone: '0000-12345678', district: { name: 'Demo District' }, example: true, prices: { effectiveFrom: '2026-03-30' } });
    expect(home?.prices?.basic.find((entry) => entry.item === 'cremation')).toMatchObject({ name: 'Cremation', price: '¥240 each time', provinceAdded: false });
    expect(home?.prices?.basic.find((entry) => entry.item === 'basic-urn')).toMatchObject({ provinceAdded: true });
    expect(home?.prices?.basic.find((entry) => entry.item === 'eco-burial')?.price).toBe('Free');
    expect(funeralHomeOn(book, 'demo-district-funeral-home', '2026-12-12', 'zh-CN')?.prices?.optional[0]).toMatchObject({ name: '遗体防腐', price: '300 元/次' });
    expect(funeralHomeOn(book, 'nowhere', '2026-12-12', 'zh-CN')).toBeUndefined();
  });
});
