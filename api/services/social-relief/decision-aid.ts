/**
 * What the relief rules say beside a case (docs/decisions/046), for the investigator, the reviewer
 * and the approver: the household as a table (each member's circumstances and monthly income, counted
 * or not), the assets against the district's limits, and the household's income per head against
 * the district's standard in force today, with what the rule (eligibility.ts) makes of it and the
 * amount it gives, proposed for the opinion, the notice and the approval. Computed from the answers
 * the household gave; the investigation's findings decide. Pure: the day and the rules are given.
 */
import { monthAfter } from '../../domain/calendar/working-days.ts';
import { communityOf } from './areas.ts';
import { said, type AidRow, type AidTable, type DecisionAid, type Said } from '../decision-aid.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import { INCOME_KINDS, NEVER_COUNTED, assessEligibility, standardRowOn, type EligibilityInput, type HouseholdMember as RuleMember } from './eligibility.ts';
import { incomesOf, type HouseholdMember, type ReliefApplication, type ReliefApplicationKind } from './application/schema.ts';
import { RELIEF_STANDARDS_TABLE } from './standards-table.ts';

const A = 'social-relief:caseAid';
const words = (key: string, values?: Said['values']): Said => said(`${A}.${key}`, values);
const fen = (amount: number) => ({ fen: amount });

const SEVERE = new Set<HouseholdMember['disability']>(['grade-1', 'grade-2']);
const NOT_OF_WORKING_LIFE = new Set<HouseholdMember['occupation']>(['student', 'preschool', 'retired']);

/** An amount as a decision's field takes it (typed yuan: 460, 460.5). */
export const yuanInput = (amount: number): string => (amount % 100 === 0 ? String(amount / 100) : (amount / 100).toFixed(2));


/** The rule's input from the answers: what the household declared, nothing the office found yet (no deductions claimed online). */
export function eligibilityInputOf(kind: ReliefApplicationKind, application: ReliefApplication, day: string): EligibilityInput | undefined {
  const community = communityOf(application.area.community);
  const [first, ...rest] = application.household.map(
    (member): RuleMember => ({
      incomes: incomesOf(member),
      severelyDisabled: SEVERE.has(member.disability),
      gravelyIll: member.health === 'grave',
      // 特困's own answer for the applicant; otherwise what the member's circumstances suggest.
      ableToWork: kind === 'tekun' && member.relationship === 'self' ? application.support?.ableToWork === 'yes' : !SEVERE.has(member.disability) && member.health !== 'grave' && !NOT_OF_WORKING_LIFE.has(member.occupation),
    }),
  );
  if (!community || !first) return undefined;
  const { assets } = application;
  return {
    district: application.area.district,
    area: community.kind === 'village' ? 'rural' : 'urban',
    day,
    members: [first, ...rest],
    deductions: { illnessCostsFen: 0, workingCostsFen: 0 },
    rigidSpending: { medicalFen: 0, educationFen: 0 },
    assets: {
      financialFen: assets.deposits + assets.securities + assets.insurance + assets.other,
      vehicles: assets.vehicles > 0 ? [{ valueFen: assets.vehicles }] : [],
      homes: assets.housing === 'none' ? 0 : assets.housing === 'one' ? 1 : 2,
    },
    noSupporterAble: application.support ? application.support.supporters !== 'able' : false,
    suddenHardship: application.situation !== undefined,
    needsHelpNow: application.situation?.needsHelpNow === 'yes',
  };
}

function householdTable(application: ReliefApplication): AidTable {
  return {
    testId: 'aid-household',
    caption: words('household.caption', { members: application.household.length }),
    head: [words('household.member'), words('household.circumstances'), words('household.income')],
    rows: application.household.map(
      (member, index): AidRow => ({
        header: { text: member.name },
        cells: [
          said(`${A}.household.circumstancesValue`, {
            who: index === 0 ? said('social-relief:application.form.householdSelf') : said(`social-relief:application.form.relationship.${member.relationship}`),
            occupation: said(`social-relief:application.form.occupation.${member.occupation}`),
            disability: said(`social-relief:application.form.disability.${member.disability}`),
            health: said(`social-relief:application.form.health.${member.health}`),
          }),
          words('money', { amount: fen(incomesOf(member).reduce((total, income) => total + income.monthlyFen, 0)) }),
        ],
      }),
    ),
  };
}

function incomeTable(application: ReliefApplication, counted: (kind: (typeof INCOME_KINDS)[number]) => boolean): AidTable {
  const totals = INCOME_KINDS.map((kind) => ({ kind, total: application.household.reduce((sum, member) => sum + (member.incomes[kind] ?? 0), 0) })).filter((line) => line.total > 0);
  return {
    testId: 'aid-incomes',
    caption: words('incomes.caption'),
    head: [words('incomes.kind'), words('incomes.monthly'), words('incomes.counted')],
    rows: totals.map((line) => ({
      header: said(`social-relief:relief.incomeKind.${line.kind}`),
      cells: [words('money', { amount: fen(line.total) }), words(counted(line.kind) ? 'incomes.yes' : 'incomes.no')],
    })),
  };
}

export function reliefDecisionAid(kind: ReliefApplicationKind, application: ReliefApplication, today: string, rules: RuleBook): DecisionAid | undefined {
  const input = eligibilityInputOf(kind, application, today);
  if (!input) return undefined;
  const rows = rules.rows(RELIEF_STANDARDS_TABLE);
  const assessed = assessEligibility(rows, input);
  const district = said(`social-relief:relief.district.${application.area.district}`);
  const lead = words('lead', { district, date: { date: today } });
  if (assessed.status === 'no-standard') {
    return { on: today, lead, facts: [], tables: [householdTable(application)], notes: [words('noStandard', { district })], proposals: {}, hints: {} };
  }
  const row = standardRowOn(rows, input.district, today);
  const standard = row?.value;
  const { dibaoFen, tekunFen } = assessed.standard;
  const counted = (incomeKind: (typeof INCOME_KINDS)[number]) => !NEVER_COUNTED.has(incomeKind) && !(incomeKind === 'basic-pension' && standard?.excludeBasicPension);
  const financialLimit = standard ? assessed.members * standard.depositMonths * dibaoFen : 0;
  // What this service's rule proposes: 低保's difference to the standard, 特困's basic-living standard for the person, 临时救助 nothing (its amount is the need's).
  const proposed = kind === 'dibao' ? assessed.dibaoMonthlyFen : kind === 'tekun' && assessed.mayBeEligibleFor.includes('tekun') ? tekunFen : null;
  const standardCaption = words('standard.caption', { district, area: said(`social-relief:relief.area.${assessed.standard.area}`), from: { date: assessed.standard.effectiveFrom } });
  const standardTable: AidTable = {
    testId: 'aid-standard',
    caption: standardCaption,
    example: assessed.standard.example,
    head: [words('standard.item'), words('standard.household'), words('standard.line')],
    rows: [
      { header: words('standard.incomePerHead'), cells: [words('money', { amount: fen(assessed.incomePerHeadFen) }), words('money', { amount: fen(kind === 'tekun' ? tekunFen : dibaoFen) })], current: assessed.band === 'below-standard' ? words('standard.below') : words('standard.notBelow') },
      { header: words('standard.financial'), cells: [words('money', { amount: fen(input.assets.financialFen) }), words('money', { amount: fen(financialLimit) })] },
      { header: words('standard.vehicles'), cells: [words('money', { amount: fen(application.assets.vehicles) }), standard && standard.vehicleLimitFen > 0 ? words('money', { amount: fen(standard.vehicleLimitFen) }) : words('standard.noVehicle')] },
      { header: words('standard.homes'), cells: [said(`social-relief:application.form.housing.${application.assets.housing}`), words('standard.homesLimit', { homes: standard?.homesLimit ?? 0 })] },
    ],
  };
  const kindWords = (relief: string) => said(`social-relief:relief.kind.${relief}`);
  return {
    on: today,
    lead,
    facts: [
      { label: words('members'), value: words('membersValue', { members: assessed.members }), testId: 'aid-members' },
      { label: words('netIncome'), value: words('netIncomeValue', { counted: fen(assessed.countedIncomeFen), notCounted: fen(assessed.notCountedIncomeFen), net: fen(assessed.netIncomeFen) }), testId: 'aid-net-income' },
      { label: words('incomePerHead'), value: words('money', { amount: fen(assessed.incomePerHeadFen) }), testId: 'aid-income-per-head' },
      { label: words('band'), value: said(`social-relief:relief.band.${assessed.band}`, { percent: assessed.standard.marginalPercent }), testId: 'aid-band' },
      ...(assessed.mayBeEligibleFor.length > 0
        ? assessed.mayBeEligibleFor.map((relief) => ({ label: words('mayBeEligible'), value: kindWords(relief), testId: `aid-may-${relief}` }))
        : [{ label: words('mayBeEligible'), value: words('none'), testId: 'aid-may-none' }]),
      ...assessed.reasons.map((reason) => ({ label: words('reason'), value: said(`social-relief:relief.reason.${reason}`), testId: `aid-reason-${reason}` })),
      ...(proposed !== null ? [{ label: words('proposal'), value: words('proposalValue', { amount: fen(proposed), month: { month: monthAfter(today) } }), testId: 'aid-proposal' }] : []),
      ...(assessed.advanceCapFen !== null ? [{ label: words('advanceCap'), value: words('money', { amount: fen(assessed.advanceCapFen) }), testId: 'aid-advance-cap' }] : []),
    ],
    tables: [standardTable, householdTable(application), incomeTable(application, counted)],
    notes: [words('fromAnswers'), ...(assessed.standard.example ? [said('workbench.aid.example', { year: assessed.standard.sourceYear })] : [])],
    proposals:
      proposed === null
        ? {}
        : {
            'give-opinion': { amountFen: yuanInput(proposed) },
            'start-notice': { amountFen: yuanInput(proposed) },
            approve: { amountFen: yuanInput(proposed), firstMonth: monthAfter(today) },
          },
    hints: proposed === null ? {} : { approve: { amountFen: words('hint.amount', { amount: fen(proposed) }), firstMonth: words('hint.firstMonth') } },
  };
}
