/**
 * What the public cemetery's rules say (docs/decisions/064), pure: the day, the rows and the count
 * taken are arguments. Who may apply (the residence rule of the cemetery in force), what a kind of
 * plot costs and how many there are (its notice in force), how many are left, and the key the case
 * core counts a kind's plots under.
 */
import { rowOn, type RuleRow } from '../../engine/rules/rule-table.ts';
import { plotOffer, type CemeteryDetails } from './cemeteries-table.ts';
import type { PlotType, ResidenceRule } from './kinds.ts';

/** Where the deceased belonged, as the family answers: registered (户籍) in the cemetery's district, or living there with a 居住证. */
export interface Residence {
  registeredHere: boolean;
  livedHere?: boolean | undefined;
}

/** Whether the residence rule lets the family apply for the deceased, and whether proof of residence is then needed. */
export function residenceAllows(rule: ResidenceRule, residence: Residence): { allowed: boolean; proofNeeded: boolean } {
  if (residence.registeredHere) return { allowed: true, proofNeeded: false };
  if (rule === 'registered-or-resident' && residence.livedHere === true) return { allowed: true, proofNeeded: true };
  return { allowed: false, proofNeeded: false };
}

export type PlotRule =
  /** The cemetery has the kind on the day: its fee (fen), how many plots there are, and the notice. */
  | { offered: true; feeFen: number; count: number; row: RuleRow<CemeteryDetails> }
  /** No details in force on the day (`row` undefined), or a notice without the kind. */
  | { offered: false; row: RuleRow<CemeteryDetails> | undefined };

export function plotFor(rows: readonly RuleRow<CemeteryDetails>[], cemetery: string, type: PlotType, day: string): PlotRule {
  const row = rowOn(rows, cemetery, day);
  const offer = row ? plotOffer(row.value, type) : undefined;
  return row && offer ? { offered: true, feeFen: offer.feeFen, count: offer.count, row } : { offered: false, row };
}

/** Plots left of a kind: never below zero, also when a notice lowered the number under what is held. */
export const plotsLeft = (count: number, taken: number): number => Math.max(0, count - Math.max(0, taken));

/** The key the case core counts a cemetery's plots of a kind under (api/db/case-stock.repo.ts). */
export const stockKey = (cemetery: string, type: PlotType): string => `public-cemetery:${cemetery}:${type}`;

/** A numbered place of a cemetery as one key, however it was typed (全角, spaces, case): A区 3排 12号 and a区3排12号 are one place. */
export const placeKey = (cemetery: string, plotNumber: string): string => `${cemetery}:${plotNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase()}`;
