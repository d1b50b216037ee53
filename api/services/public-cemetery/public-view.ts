/**
 * The public cemeteries as the public reads them on a day (docs/decisions/064): each cemetery whose
 * details are in force, in the reader's language, with who may apply, and each kind of place it has
 * with its fee and how many are left (the rules' number less the places cases hold). Pure: the
 * rules, the day and the counts taken are arguments.
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import { rowOn } from '../../engine/rules/rule-table.ts';
import { dynamicKey, formatYuan, translator } from '../../i18n/index.ts';
import { CEMETERIES_TABLE, plotOffer } from './cemeteries-table.ts';
import { CEMETERIES } from './cemeteries.ts';
import { PLOT_TYPES, type PlotType, type ResidenceRule } from './kinds.ts';
import { plotsLeft, stockKey } from './rules.ts';

export interface PlotTypeView {
  type: PlotType;
  name: string;
  feeFen: number;
  /** The fee in the reader's language (800 元), or "free". */
  fee: string;
  plots: number;
  left: number;
}

export interface CemeteryView {
  id: string;
  name: string;
  district: { id: string; name: string };
  phone: string;
  address: string;
  hours: string;
  residence: { rule: ResidenceRule; text: string };
  example: boolean;
  detailsFrom: string;
  basis: string;
  types: PlotTypeView[];
}

/** The keys of every kind's count, for the caller to read what is taken. */
export const cemeteryStockKeys = (): string[] => CEMETERIES.flatMap((each) => PLOT_TYPES.map((type) => stockKey(each.id, type)));

export function cemeteriesOn(rules: RuleBook, day: string, lang: Locale, taken: ReadonlyMap<string, number>): CemeteryView[] {
  const t = translator(lang);
  const rows = rules.rows(CEMETERIES_TABLE);
  return CEMETERIES.flatMap((each) => {
    const row = rowOn(rows, each.id, day);
    if (!row) return [];
    const value = row.value;
    return [
      {
        id: each.id,
        name: t(dynamicKey`public-cemetery:cemetery.name.${each.id}`),
        district: { id: each.district, name: t(dynamicKey`funeral:districts.${each.district}`) },
        phone: value.phone,
        address: lang === 'zh-CN' ? value.addressZh : value.addressEn,
        hours: lang === 'zh-CN' ? value.hoursZh : value.hoursEn,
        residence: { rule: value.residence, text: t(dynamicKey`public-cemetery:cemetery.residenceRule.${value.residence}`) },
        example: value.example,
        detailsFrom: row.effectiveFrom,
        basis: row.basis,
        types: PLOT_TYPES.flatMap((type) => {
          const offer = plotOffer(value, type);
          if (!offer) return [];
          return [
            {
              type,
              name: t(dynamicKey`public-cemetery:cemetery.type.${type}`),
              feeFen: offer.feeFen,
              fee: offer.feeFen === 0 ? t('public-cemetery:cemeteryPages.free') : formatYuan(offer.feeFen, lang),
              plots: offer.count,
              left: plotsLeft(offer.count, taken.get(stockKey(each.id, type)) ?? 0),
            },
          ];
        }),
      },
    ];
  });
}
