/**
 * What the eco-burial subsidy's rules say beside a case (docs/decisions/046): the amount the
 * district's notice in force on the burial day gives for the kind (or that it funds none), the
 * notice's amounts for every kind it funds, with this case's kind marked, and the approval and
 * payment it proposes. Pure: the rows are given; the burial day, not today, decides the notice.
 */
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { said, type AidRow, type DecisionAid, type Said } from '../decision-aid.ts';
import { amountOfKind, type SubsidyAmountsValue } from './amounts-table.ts';
import type { EcoBurialApplication } from './application.schema.ts';
import { BURIAL_KINDS } from './kinds.ts';
import { subsidyFor } from './rules.ts';

const words = (key: string, values?: Said['values']): Said => said(`eco-burial-subsidy:ecoBurialAid.${key}`, values);
const yuanInput = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

export function ecoBurialAid(application: EcoBurialApplication, rows: readonly RuleRow<SubsidyAmountsValue>[], today: string): DecisionAid {
  const { district, kind, buriedOn } = application.burial;
  const districtName = said(`eco-burial-subsidy:ecoBurial.district.${district}`);
  const kindName = said(`eco-burial-subsidy:ecoBurial.kind.${kind}`);
  const rule = subsidyFor(rows, district, kind, buriedOn);
  const notice = rule.row;
  const rowsOfNotice: AidRow[] = notice
    ? BURIAL_KINDS.flatMap((each) => {
        const fen = amountOfKind(notice.value, each);
        return fen === undefined ? [] : [{ header: said(`eco-burial-subsidy:ecoBurial.kind.${each}`), cells: [words('money', { amount: { fen } })], ...(each === kind ? { current: words('thisKind') } : {}) }];
      })
    : [];
  const proposed = rule.funded ? rule.amountFen : undefined;
  return {
    on: today,
    lead: words('lead', { district: districtName, date: { date: buriedOn } }),
    facts: [
      { label: words('kind'), value: kindName, testId: 'aid-kind' },
      { label: words('buriedOn'), value: words('date', { date: { date: buriedOn } }), testId: 'aid-buried-on' },
      { label: words('amount'), value: proposed === undefined ? words('notFunded', { district: districtName, kind: kindName }) : words('money', { amount: { fen: proposed } }), testId: 'aid-amount' },
    ],
    tables: notice
      ? [{ testId: 'aid-amounts', caption: words('caption', { district: districtName, from: { date: notice.effectiveFrom } }), example: notice.value.example, head: [words('kindHead'), words('amountHead')], rows: rowsOfNotice }]
      : [],
    notes: [...(notice ? [words('basis', { basis: notice.basis })] : [words('noNotice', { district: districtName })]), ...(notice?.value.example ? [said('workbench.aid.example', { year: notice.value.sourceYear })] : [])],
    proposals: proposed === undefined ? {} : { approve: { subsidyFen: yuanInput(proposed) }, 'record-payment': { paidFen: yuanInput(proposed) } },
    hints:
      proposed === undefined
        ? { approve: { subsidyFen: words('hint.none') } }
        : { approve: { subsidyFen: words('hint.amount', { amount: { fen: proposed } }) }, 'record-payment': { paidFen: words('hint.paid', { amount: { fen: proposed } }) } },
  };
}
