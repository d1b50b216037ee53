/**
 * A fee exemption's decision as a family reads it (docs/decisions/065): the decision's reason, each
 * line's item by name with its reason, what is missing to decide, in the reader's language, amounts
 * as money and the district by name. The decision itself holds keys and values only (fee-exemption.ts).
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { dynamicKey, formatYuan, translator } from '../../i18n/index.ts';
import { isBasicService } from './catalogue.ts';
import type { ExemptionDecision, ExemptionReason, Missing } from './fee-exemption.ts';
import { districtName, itemName } from './words.ts';

export interface ExemptionLineText {
  item: string;
  name: string;
  reason: string;
}

export interface ExemptionTexts {
  reason: string;
  lines: ExemptionLineText[];
  /** What to do for each thing missing (a 'cannot-decide'); empty when decided. */
  missing: string[];
}

/** A reason's values said: the district by name, a cap as money. */
function valuesOf(values: ExemptionReason['values'], lang: Locale): Record<string, string | number> {
  const said: Record<string, string | number> = { ...values };
  if (typeof values['district'] === 'string') said['district'] = districtName(values['district'], lang);
  if (typeof values['capFen'] === 'number') said['cap'] = formatYuan(values['capFen'], lang);
  return said;
}

export const reasonText = (reason: ExemptionReason, lang: Locale): string => translator(lang)(dynamicKey`funeral:exemption.reasons.${reason.key}`, valuesOf(reason.values, lang));

export const missingText = (missing: Missing, district: string, lang: Locale): string => translator(lang)(dynamicKey`funeral:exemption.missing.${missing}`, { district: districtName(district, lang) });

/**
 * The decision in `lang`. `optionalName` names a home's optional service (its own list's name); a
 * basic service is named as the law names it.
 */
export function exemptionTexts(decision: ExemptionDecision, lang: Locale, optionalName: (item: string) => string = (item) => item): ExemptionTexts {
  return {
    reason: reasonText(decision.reason, lang),
    lines: decision.lines.map((line) => ({ item: line.item, name: isBasicService(line.item) ? itemName(line.item, lang) : optionalName(line.item), reason: reasonText(line.reason, lang) })),
    missing: decision.outcome === 'cannot-decide' ? decision.missing.map((missing) => missingText(missing, decision.scheme.district, lang)) : [],
  };
}
