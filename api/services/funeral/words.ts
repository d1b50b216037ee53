/**
 * How the funeral pages and tables say a home, an item and a price in a language (the `funeral`
 * namespace): the law's names for the basic items, the home's own for its optional ones.
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { dynamicKey, formatYuan, translator } from '../../i18n/index.ts';
import type { PriceUnit } from './catalogue.ts';

/** The translation key of a home's name (kept where a name is said later, in the reader's language then). */
export const homeNameKey = (home: string): string => dynamicKey`funeral:homes.${home}.name`;
export const homeName = (home: string, lang: Locale): string => translator(lang)(dynamicKey`funeral:homes.${home}.name`);
export const districtName = (district: string, lang: Locale): string => translator(lang)(dynamicKey`funeral:districts.${district}`);
/** A basic item's name as the law gives it. */
export const itemName = (item: string, lang: Locale): string => translator(lang)(dynamicKey`funeral:catalogue.${item}`);
/** A price with its unit: 240 元/次 / ¥240 each time; 0 is said as free. */
export const priceText = (fen: number, unit: PriceUnit, lang: Locale): string =>
  fen === 0 ? translator(lang)('funeral:units.free') : translator(lang)(dynamicKey`funeral:units.${unit}`, { amount: formatYuan(fen, lang) });
