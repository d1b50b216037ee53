/**
 * The funeral homes as the public reads them on a day (docs/decisions/062): each home whose details
 * are in force, in the reader's language, with the price list in force and the day it took effect,
 * the basic services apart from the optional ones. Pure: the rules and the day are arguments.
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import { rowOn } from '../../engine/rules/rule-table.ts';
import { isNational, type PriceUnit } from './catalogue.ts';
import { FUNERAL_HOMES_TABLE } from './homes-table.ts';
import { FUNERAL_HOMES } from './homes.ts';
import { FUNERAL_PRICE_LISTS_TABLE } from './price-list-table.ts';
import { districtName, homeName, itemName, priceText } from './words.ts';

export interface PriceEntryView {
  /** What a booking names it by. */
  item: string;
  name: string;
  unit: PriceUnit;
  priceFen: number;
  /** The price with its unit, in the reader's language: 240 元/次. */
  price: string;
  note: string | null;
  /** A basic item the province added to the national list (false for the national ones and for optional services). */
  provinceAdded: boolean;
}

export interface PriceListView {
  effectiveFrom: string;
  basis: string;
  example: boolean;
  basic: PriceEntryView[];
  optional: PriceEntryView[];
}

export interface FuneralHomeView {
  id: string;
  name: string;
  district: { id: string; name: string };
  phone: string;
  address: string;
  hours: string;
  example: boolean;
  /** The first day of the details shown, and the notice that set them. */
  detailsFrom: string;
  detailsBasis: string;
  /** The list in force; null before the first one. */
  prices: PriceListView | null;
}

export function funeralHomesOn(rules: RuleBook, day: string, lang: Locale): FuneralHomeView[] {
  const details = rules.rows(FUNERAL_HOMES_TABLE);
  const lists = rules.rows(FUNERAL_PRICE_LISTS_TABLE);
  const text = (both: { 'zh-CN': string; en: string } | undefined) => (both ? both[lang] : null);
  return FUNERAL_HOMES.flatMap((home) => {
    const row = rowOn(details, home.id, day);
    if (!row) return [];
    const list = rowOn(lists, home.id, day);
    return [
      {
        id: home.id,
        name: homeName(home.id, lang),
        district: { id: home.district, name: districtName(home.district, lang) },
        phone: row.value.phone,
        address: lang === 'zh-CN' ? row.value.addressZh : row.value.addressEn,
        hours: lang === 'zh-CN' ? row.value.hoursZh : row.value.hoursEn,
        example: row.value.example,
        detailsFrom: row.effectiveFrom,
        detailsBasis: row.basis,
        prices: list
          ? {
              effectiveFrom: list.effectiveFrom,
              basis: list.basis,
              example: list.value.example,
              basic: list.value.basic.map((entry) => ({
                item: entry.item,
                name: itemName(entry.item, lang),
                unit: entry.unit,
                priceFen: entry.priceFen,
                price: priceText(entry.priceFen, entry.unit, lang),
                note: text(entry.note),
                provinceAdded: !isNational(entry.item),
              })),
              optional: list.value.optional.map((entry) => ({
                item: entry.item,
                name: entry.name[lang],
                unit: entry.unit,
                priceFen: entry.priceFen,
                price: priceText(entry.priceFen, entry.unit, lang),
                note: text(entry.note),
                provinceAdded: false,
              })),
            }
          : null,
      },
    ];
  });
}

export const funeralHomeOn = (rules: RuleBook, id: string, day: string, lang: Locale): FuneralHomeView | undefined => funeralHomesOn(rules, day, lang).find((home) => home.id === id);
