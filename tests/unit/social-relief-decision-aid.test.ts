/**
 * What the relief rules say beside a case (api/services/social-relief/decision-aid.ts, docs/decisions/046):
 * the household's income per head against the standard in force, the amount each service's rule
 * proposes and where it pre-fills the decisions, the tables, and the personal values left as text for
 * the workbench to mask.
 */
import { describe, expect, it } from 'vitest';
import { sourceRuleBook, type RuleBook } from '../../api/engine/rules/live-rules.ts';
import { RELIEF_APPLICATION_SCHEMAS, type ReliefApplication, type ReliefApplicationKind } from '../../api/services/social-relief/application/schema.ts';
import { eligibilityInputOf, reliefDecisionAid, yuanInput } from '../../api/services/social-relief/decision-aid.ts';
import type { DecisionAid } from '../../api/services/decision-aid.ts';
import { reliefApplication } from '../support/relief-applications.ts';

const TODAY = '2026-12-06';
const RULES = sourceRuleBook();
/** The API's body, loosely typed for a test to change a figure in it. */
type Body = { area: Record<string, string>; household: { incomes: Record<string, string> }[]; assets: Record<string, string | number> };
const application = (kind: ReliefApplicationKind, change: (body: Body) => void = () => {}): ReliefApplication => {
  const body = reliefApplication(kind, 1);
  change(body as unknown as Body);
  return RELIEF_APPLICATION_SCHEMAS[kind](TODAY).parse(body);
};
const fact = (aid: DecisionAid | undefined, testId: string) => aid?.facts.find((candidate) => candidate.testId === testId)?.value;

describe('the relief decision aid', () => {
  it('compares a 低保 household’s income per head with the district’s urban standard in force, and proposes the difference times the members', () => {
    // Wages 800 and 0.03万 (300) counted: 1,100 a month for two; the district's urban standard from 1 July 2026 is 1,400.
    const aid = reliefDecisionAid('dibao', application('dibao'), TODAY, RULES);
    expect(fact(aid, 'aid-members')).toEqual({ key: 'social-relief:caseAid.membersValue', values: { members: 2 } });
    expect(fact(aid, 'aid-income-per-head')).toEqual({ key: 'social-relief:caseAid.money', values: { amount: { fen: 55_000 } } });
    expect(fact(aid, 'aid-band')).toMatchObject({ key: 'social-relief:relief.band.below-standard' });
    expect(fact(aid, 'aid-may-dibao')).toEqual({ key: 'social-relief:relief.kind.dibao' });
    expect(aid?.proposals).toEqual({
      'give-opinion': { amountFen: '1700' },
      'start-notice': { amountFen: '1700' },
      approve: { amountFen: '1700', firstMonth: '2027-01' },
    });
    const standard = aid?.tables.find((table) => table.testId === 'aid-standard');
    expect(standard?.caption).toMatchObject({ values: { area: { key: 'social-relief:relief.area.urban' }, from: { date: '2026-07-01' } } });
    expect(standard?.example).toBe(true);
    expect(standard?.rows[0]).toMatchObject({ cells: [{ values: { amount: { fen: 55_000 } } }, { values: { amount: { fen: 140_000 } } }], current: { key: 'social-relief:caseAid.standard.below' } });
    // The members by name (text the workbench shows as entered), their circumstances in words.
    expect(aid?.tables.find((table) => table.testId === 'aid-household')?.rows.map((row) => row.header)).toEqual([{ text: '王秀兰' }, { text: '王小宝' }]);
  });

  it('says why not, all at once, and proposes nothing when the income is at the standard and the savings over the limit', () => {
    const aid = reliefDecisionAid(
      'dibao',
      application('dibao', (body) => {
        // Exactly at the standard: 2,800 for two. Savings over 24 months of the standard for two (67,200).
        body.household[0]!.incomes = { wages: '2800' };
        body.assets.deposits = '7万';
      }),
      TODAY,
      RULES,
    );
    expect(fact(aid, 'aid-may-none')).toEqual({ key: 'social-relief:caseAid.none' });
    expect(aid?.facts.filter((candidate) => candidate.testId?.startsWith('aid-reason-')).map((candidate) => candidate.testId)).toEqual(['aid-reason-income-at-or-above-standard', 'aid-reason-financial-assets-over-limit']);
    expect(aid?.proposals).toEqual({});
    expect(aid?.hints).toEqual({});
  });

  it('reads a village as rural, and leaves out of the income what is never counted', () => {
    const aid = reliefDecisionAid(
      'dibao',
      application('dibao', (body) => {
        body.area = { district: 'demo-county', township: 'qingshan-township', community: 'qingshan-village' };
        body.household[0]!.incomes = { wages: '500', scholarship: '200' };
      }),
      TODAY,
      RULES,
    );
    expect(aid?.tables[0]?.caption).toMatchObject({ values: { area: { key: 'social-relief:relief.area.rural' } } });
    expect(fact(aid, 'aid-net-income')).toMatchObject({ values: { counted: { fen: 50_000 }, notCounted: { fen: 20_000 }, net: { fen: 50_000 } } });
    const incomes = aid?.tables.find((table) => table.testId === 'aid-incomes');
    expect(incomes?.rows.map((row) => [row.header, row.cells[1]])).toEqual([
      [{ key: 'social-relief:relief.incomeKind.wages' }, { key: 'social-relief:caseAid.incomes.yes' }],
      [{ key: 'social-relief:relief.incomeKind.scholarship' }, { key: 'social-relief:caseAid.incomes.no' }],
    ]);
  });

  it('proposes the 特困 basic-living standard where no one in the household can work and no supporter is able', () => {
    const tekun = application('tekun');
    expect(eligibilityInputOf('tekun', tekun, TODAY)?.members.every((member) => !member.ableToWork)).toBe(true);
    const aid = reliefDecisionAid('tekun', tekun, TODAY, RULES);
    expect(fact(aid, 'aid-may-tekun')).toEqual({ key: 'social-relief:relief.kind.tekun' });
    expect(aid?.proposals['approve']).toEqual({ amountFen: '1820', firstMonth: '2027-01' });
  });

  it('gives 临时救助 the cap of help at once when it is needed now, and proposes no amount (the need decides it)', () => {
    const aid = reliefDecisionAid('temporary', application('temporary'), TODAY, RULES);
    expect(fact(aid, 'aid-advance-cap')).toEqual({ key: 'social-relief:caseAid.money', values: { amount: { fen: 300_000 } } });
    expect(fact(aid, 'aid-may-temporary')).toEqual({ key: 'social-relief:relief.kind.temporary' });
    expect(aid?.proposals).toEqual({});
  });

  it('says so when the district has no standard for the day, with the household still shown', () => {
    const none: RuleBook = { rows: () => [] };
    const aid = reliefDecisionAid('dibao', application('dibao'), TODAY, none);
    expect(aid?.notes).toEqual([{ key: 'social-relief:caseAid.noStandard', values: { district: { key: 'social-relief:relief.district.demo-district' } } }]);
    expect(aid?.tables.map((table) => table.testId)).toEqual(['aid-household']);
    expect(aid?.proposals).toEqual({});
  });

  it.each([
    [170_000, '1700'],
    [170_050, '1700.50'],
    [5, '0.05'],
  ])('writes %i fen as the decision field takes it: %s', (fen, typed) => {
    expect(yuanInput(fen)).toBe(typed);
  });
});
