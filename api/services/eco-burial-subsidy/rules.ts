/**
 * What the eco-burial subsidy's rules give: the amount for a kind of burial in a district, by the
 * notice in force on the burial day (the rule table's row), or that the district does not fund that
 * kind then. Read by the application's schema (a kind not funded is refused at the burial step), the
 * check page, the decision aid and the payment's limit. Pure: the day and the rows are arguments.
 */
import { rowOn, type RuleRow } from '../../engine/rules/rule-table.ts';
import { amountOfKind, type SubsidyAmountsValue } from './amounts-table.ts';
import type { BurialKind } from './kinds.ts';

export type SubsidyRule =
  /** The kind is funded: its amount in fen, and the notice that sets it. */
  | { funded: true; amountFen: number; row: RuleRow<SubsidyAmountsValue> }
  /** No notice in force on the day (`row` undefined), or one that does not fund the kind. */
  | { funded: false; row: RuleRow<SubsidyAmountsValue> | undefined };

/** The subsidy the district's notice in force on `buriedOn` (YYYY-MM-DD) gives for `kind`. */
export function subsidyFor(rows: readonly RuleRow<SubsidyAmountsValue>[], district: string, kind: BurialKind, buriedOn: string): SubsidyRule {
  const row = rowOn(rows, district, buriedOn);
  const amountFen = row ? amountOfKind(row.value, kind) : undefined;
  return row && amountFen !== undefined ? { funded: true, amountFen, row } : { funded: false, row };
}
