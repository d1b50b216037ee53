/**
 * What 高龄津贴's rules say to the approver beside a case (docs/decisions/046): the elder's age on the
 * day, the district's standard for the first month paid with the elder's band marked, and the
 * approval it proposes (rules.ts proposeAllowance). Pure: the day and the standards are given.
 */
import { said, type AidTable, type DecisionAid, type Said } from '../decision-aid.ts';
import { bandRanges, type AllowanceProposal } from './rules.ts';

const words = (key: string, values?: Said['values']): Said => said(`old-age-allowance:aid.${key}`, values);

export function allowanceAid(proposal: AllowanceProposal, district: string, on: string): DecisionAid {
  const districtName = said(`old-age-allowance:application.district.${district}`);
  const { standard, monthlyAmount, firstMonth } = proposal;
  const amount = monthlyAmount === undefined ? undefined : String(monthlyAmount);
  const table: AidTable | undefined = standard && {
    testId: 'aid-standard',
    caption: words('caption', { district: districtName, from: { date: standard.effectiveFrom } }),
    example: standard.example,
    head: [words('ageBand'), words('monthlyAmount')],
    rows: bandRanges(standard).map((band) => ({
      header: band.toAge === null ? words('bandLast', { from: band.fromAge }) : words('band', { from: band.fromAge, to: band.toAge }),
      cells: [words('amount', { amount: band.monthlyAmount })],
      ...(band.fromAge === proposal.band?.fromAge ? { current: words('thisBand') } : {}),
    })),
  };
  return {
    on,
    lead: words('lead', { district: districtName, date: { date: on } }),
    facts: [
      { label: words('age'), value: words('ageValue', { age: proposal.age }), testId: 'aid-age' },
      {
        label: words('proposal'),
        value: amount ? words('proposalValue', { amount, month: { month: firstMonth } }) : words('proposalNoAmount', { month: { month: firstMonth } }),
        testId: 'aid-proposal',
      },
    ],
    tables: table ? [table] : [],
    notes: standard ? (standard.example ? [said('workbench.aid.example', { year: standard.sourceYear })] : []) : [words('noStandard', { district: districtName, month: { month: firstMonth } })],
    proposals: { approve: { ...(amount ? { monthlyAmount: amount } : {}), firstMonth } },
    hints: {
      approve: {
        monthlyAmount: amount ? words('hint.monthlyAmount', { district: districtName, age: proposal.age, amount }) : words('hint.monthlyAmountNone', { district: districtName }),
        firstMonth: words('hint.firstMonth'),
      },
    },
  };
}
