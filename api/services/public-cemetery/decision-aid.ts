/**
 * What the public cemetery's rules say beside a case (docs/decisions/046, 064): the cemetery's
 * residence rule and how the family answered it, the plot kind with its fee and how many the
 * cemetery has, and the proof the plot is sold against. Pure: the rows are given; today decides
 * the notice (the plot was taken on the submission's day by the same rule).
 */
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { said, type DecisionAid, type Said } from '../decision-aid.ts';
import type { CemeteryApplication } from './application.schema.ts';
import type { CemeteryDetails } from './cemeteries-table.ts';
import { plotFor, residenceAllows } from './rules.ts';
import { rowOn } from '../../engine/rules/rule-table.ts';

const words = (key: string, values?: Said['values']): Said => said(`public-cemetery:cemeteryAid.${key}`, values);

export function cemeteryAid(application: CemeteryApplication, rows: readonly RuleRow<CemeteryDetails>[], today: string): DecisionAid {
  const { cemetery, type } = application.plot;
  const name = said(`public-cemetery:cemetery.name.${cemetery}`);
  const typeName = said(`public-cemetery:cemetery.type.${type}`);
  const details = rowOn(rows, cemetery, today);
  const plot = plotFor(rows, cemetery, type, today);
  const rule = details?.value.residence ?? 'registered';
  const residence = residenceAllows(rule, application.residence);
  return {
    on: today,
    lead: words('lead', { cemetery: name }),
    facts: [
      { label: words('type'), value: typeName, testId: 'aid-plot-type' },
      { label: words('fee'), value: plot.offered ? words('money', { amount: { fen: plot.feeFen } }) : words('notOffered'), testId: 'aid-fee' },
      { label: words('plots'), value: plot.offered ? words('count', { count: plot.count }) : words('notOffered'), testId: 'aid-plots' },
      { label: words('rule'), value: said(`public-cemetery:cemetery.residenceRule.${rule}`), testId: 'aid-rule' },
      { label: words('residence'), value: words(residence.allowed ? (residence.proofNeeded ? 'resident' : 'registered') : 'notAllowed'), testId: 'aid-residence' },
      { label: words('proof'), value: said(`public-cemetery:cemetery.proofKind.${application.proof.kind}`), testId: 'aid-proof' },
    ],
    tables: [],
    notes: [...(details ? [words('basis', { basis: details.basis })] : []), ...(details?.value.example ? [said('workbench.aid.example', { year: Number(details.effectiveFrom.slice(0, 4)) })] : [])],
    proposals: {},
    hints: {},
  };
}
