/**
 * The social relief eligibility rule (issue 14; docs/decisions/040): what a household's answers say
 * it may be eligible for, against the district's standard in force on the day. The self-check uses
 * it (never as a barrier: anyone may apply whatever it says), and later the staff case page, beside
 * the findings. Pure: the standard's rows and the day are arguments; every amount is whole fen.
 *
 * The order of the tests, as the 社会救助法 sets out the kinds of help:
 * 1. Income counted (第十六条, 第十七条; 最低生活保障审核确认办法 (民发〔2021〕57号) on what counts):
 *    wages + net business + net property + net transfer income of every member living together.
 *    Not counted: 优抚 payments, family-planning rewards and support, scholarships and student aid,
 *    bravery awards, social assistance received, and — where the district's standard says so — the
 *    basic pension (excluded nationally 2021–2025; now each district's setting).
 *    Deducted: the rigid costs of a member's disability or illness (self-paid), and the costs of
 *    working (travel, social insurance paid). Net income never falls below zero.
 * 2. 低保 (第十六条–第十九条): income per head below the 低保 standard (urban or rural, by where the
 *    household lives) and assets within the district's limits. Amount: (standard − income per head)
 *    × members.
 * 3. 特困 (第二十条 and 特困人员认定办法, 民发〔2021〕43号): unable to work, income below the 低保
 *    standard, assets within the limits, and no one bound to support them who is able to; supported
 *    at the 特困 basic-living standard.
 * 4. 低保边缘 (第二十一条): income per head at or above the standard but below the district's multiple
 *    of it, assets within the limits; a severely disabled or gravely ill member of such a household may
 *    apply for 低保 alone (单人保).
 * 5. 刚性支出困难 (第二十二条): above both lines but below the district's ceiling, with medical and
 *    education spending taking at least the district's share of the household's counted income:
 *    targeted medical and education help, not 低保.
 * 6. 临时救助 (第三十六条–第三十八条): a sudden hardship (accident, fire, a grave illness) or rigid
 *    spending the household cannot meet; urgent cases get 先行救助 up to the district's cap
 *    (第五十条). No asset test here: an emergency is helped first and checked after.
 *
 * Rounding: no decision rounds. "Income per head below the standard" is tested on whole fen as
 * net income < standard × members (the same as dividing, with nothing lost), and the 低保 amount
 * (standard − income per head) × members is worked out as standard × members − net income, which
 * is that product exactly. The income per head shown is net income ÷ members rounded half up to the
 * fen (四舍五入, as amounts in yuan are); it is for reading, never for deciding.
 */
import { rowOn, type RuleRow } from '../../engine/rules/rule-table.ts';
import type { ReliefStandardValue } from './standards-table.ts';

/** 工资性、经营净、财产净、转移净收入 (counted), and the kinds the rules leave out. */
export const INCOME_KINDS = ['wages', 'business', 'property', 'transfer', 'basic-pension', 'special-care', 'family-planning', 'scholarship', 'bravery-award', 'social-assistance'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

/** The kinds never counted (最低生活保障审核确认办法 and the 社会救助法's rules on income); the basic pension depends on the district. */
export const NEVER_COUNTED: ReadonlySet<IncomeKind> = new Set<IncomeKind>(['special-care', 'family-planning', 'scholarship', 'bravery-award', 'social-assistance']);

export type Area = 'urban' | 'rural';

export interface HouseholdMember {
  /** Each of the member's incomes, per month, in fen (a kind may appear more than once: two jobs). */
  incomes: readonly { kind: IncomeKind; monthlyFen: number }[];
  /** 重度残疾 (grade 1 or 2). */
  severelyDisabled: boolean;
  /** 重病: a grave illness (the district's list). */
  gravelyIll: boolean;
  /** Whether the member can work (特困: 无劳动能力). */
  ableToWork: boolean;
}

export interface EligibilityInput {
  district: string;
  area: Area;
  /** YYYY-MM-DD: the standard in force that day is used. */
  day: string;
  /** Everyone living together (共同生活的家庭成员), the applicant included: at least one. */
  members: readonly [HouseholdMember, ...HouseholdMember[]];
  /** Per month, in fen, for the whole household. */
  deductions: { illnessCostsFen: number; workingCostsFen: number };
  /** Medical (self-paid) and education spending per month, in fen: the 刚性支出 test. */
  rigidSpending: { medicalFen: number; educationFen: number };
  assets: {
    /** Deposits, cash, securities, insurance's cash value and other financial assets, in fen, the household's total. */
    financialFen: number;
    /** The value of each motor vehicle counted (a disabled person's mobility vehicle is not), in fen. */
    vehicles: readonly { valueFen: number }[];
    /** Homes the household owns. */
    homes: number;
  };
  /** 特困: no one bound by law to support them, or none able to. */
  noSupporterAble: boolean;
  /** 临时救助: a sudden hardship (accident, fire, a grave illness…) has left the household unable to meet basic needs. */
  suddenHardship: boolean;
  /** …and help is needed at once (先行救助). */
  needsHelpNow: boolean;
}

/** Kinds of help the household may be eligible for. */
export type ReliefKind = 'dibao' | 'tekun' | 'temporary';

/** Where the household's income puts it. */
export type IncomeBand = 'below-standard' | 'marginal' | 'rigid-spending' | 'above';

/** Why the household probably cannot have 低保 (each a code the pages name in both languages). */
export type ReasonCode = 'income-at-or-above-standard' | 'financial-assets-over-limit' | 'vehicles-over-limit' | 'homes-over-limit';

/** The standard a household was compared against: its figure, first day and basis, so that the reader sees it. */
export interface StandardUsed {
  area: Area;
  dibaoFen: number;
  tekunFen: number;
  marginalPercent: number;
  effectiveFrom: string;
  basis: string;
  sourceYear: number;
  example: boolean;
}

export type EligibilityResult =
  | { status: 'no-standard'; district: string; day: string }
  | {
      status: 'assessed';
      /**
       * May be eligible for: 特困 instead of 低保 where its conditions are met (a person supported as
       * 特困 is not also paid 低保), 临时救助 alongside either. Empty: probably not (see `reasons`).
       */
      mayBeEligibleFor: ReliefKind[];
      band: IncomeBand;
      /** Why the household probably cannot have 低保, in the order the tests run; empty when it may. */
      reasons: ReasonCode[];
      standard: StandardUsed;
      members: number;
      /** Monthly, fen: counted income, what was left out of it, the deductions, and the net income the test reads. */
      countedIncomeFen: number;
      notCountedIncomeFen: number;
      deductionsFen: number;
      netIncomeFen: number;
      /** Net income ÷ members, rounded half up to the fen: for reading only. */
      incomePerHeadFen: number;
      /** The 低保 amount a month, fen, when 低保 may be given to the household: (standard − income per head) × members. */
      dibaoMonthlyFen: number | null;
      /** A 低保边缘 household with a severely disabled or gravely ill member: that member may apply for 低保 alone (第二十一条). */
      memberMayApplyAlone: boolean;
      /** Urgent 临时救助: a township officer may grant help at once, up to this cap (第五十条); null otherwise. */
      advanceCapFen: number | null;
    };

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Whole fen ÷ a whole number, rounded half up (the numbers are never negative). */
export function perHead(totalFen: number, members: number): number {
  return Math.floor((2 * totalFen + members) / (2 * members));
}

function counts(kind: IncomeKind, standard: ReliefStandardValue): boolean {
  if (NEVER_COUNTED.has(kind)) return false;
  return !(kind === 'basic-pension' && standard.excludeBasicPension);
}

/** The asset tests, each a reason when over: exactly at a limit is within it. */
export function assetReasons(input: Pick<EligibilityInput, 'assets' | 'members'>, standard: ReliefStandardValue, dibaoFen: number): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  if (input.assets.financialFen > input.members.length * standard.depositMonths * dibaoFen) reasons.push('financial-assets-over-limit');
  const vehiclesValue = sum(input.assets.vehicles.map((vehicle) => vehicle.valueFen));
  if ((standard.vehicleLimitFen === 0 && input.assets.vehicles.length > 0) || vehiclesValue > standard.vehicleLimitFen) reasons.push('vehicles-over-limit');
  if (input.assets.homes > standard.homesLimit) reasons.push('homes-over-limit');
  return reasons;
}

/** The standard's row for a district on a day: the one rule tables give (rowOn). */
export function standardRowOn(rows: readonly RuleRow<ReliefStandardValue>[], district: string, day: string): RuleRow<ReliefStandardValue> | undefined {
  return rowOn(rows, district, day);
}

export function assessEligibility(rows: readonly RuleRow<ReliefStandardValue>[], input: EligibilityInput): EligibilityResult {
  const row = standardRowOn(rows, input.district, input.day);
  if (!row) return { status: 'no-standard', district: input.district, day: input.day };
  const standard = row.value;
  const dibaoFen = input.area === 'urban' ? standard.dibaoUrbanFen : standard.dibaoRuralFen;
  const tekunFen = input.area === 'urban' ? standard.tekunUrbanFen : standard.tekunRuralFen;
  const members = input.members.length;

  const incomes = input.members.flatMap((member) => member.incomes);
  const countedIncomeFen = sum(incomes.filter((income) => counts(income.kind, standard)).map((income) => income.monthlyFen));
  const notCountedIncomeFen = sum(incomes.filter((income) => !counts(income.kind, standard)).map((income) => income.monthlyFen));
  const deductionsFen = input.deductions.illnessCostsFen + input.deductions.workingCostsFen;
  const netIncomeFen = Math.max(0, countedIncomeFen - deductionsFen);

  // Per head below a line, on whole fen without dividing: net < line × members (lines in per cent: × 100 both sides).
  const belowPercentOf = (percent: number) => netIncomeFen * 100 < dibaoFen * percent * members;
  const rigidSpendingFen = input.rigidSpending.medicalFen + input.rigidSpending.educationFen;
  const band: IncomeBand = belowPercentOf(100)
    ? 'below-standard'
    : belowPercentOf(standard.marginalPercent)
      ? 'marginal'
      : belowPercentOf(standard.rigidIncomePercent) && rigidSpendingFen > 0 && rigidSpendingFen * 100 >= countedIncomeFen * standard.rigidSpendingPercent
        ? 'rigid-spending'
        : 'above';

  const assets = assetReasons(input, standard, dibaoFen);
  const reasons: ReasonCode[] = [...(band === 'below-standard' ? [] : ['income-at-or-above-standard' as const]), ...assets];
  const dibao = band === 'below-standard' && assets.length === 0;
  const tekun = dibao && input.noSupporterAble && input.members.every((member) => !member.ableToWork);
  const temporary = input.suddenHardship || (band === 'rigid-spending' && assets.length === 0);
  const memberMayApplyAlone = band === 'marginal' && assets.length === 0 && input.members.some((member) => member.severelyDisabled || member.gravelyIll);

  const mayBeEligibleFor: ReliefKind[] = [...(tekun ? ['tekun' as const] : dibao || memberMayApplyAlone ? ['dibao' as const] : []), ...(temporary ? ['temporary' as const] : [])];
  return {
    status: 'assessed',
    mayBeEligibleFor,
    band,
    reasons,
    standard: { area: input.area, dibaoFen, tekunFen, marginalPercent: standard.marginalPercent, effectiveFrom: row.effectiveFrom, basis: row.basis, sourceYear: standard.sourceYear, example: standard.example },
    members,
    countedIncomeFen,
    notCountedIncomeFen,
    deductionsFen,
    netIncomeFen,
    incomePerHeadFen: perHead(netIncomeFen, members),
    dibaoMonthlyFen: dibao ? dibaoAmountFen(dibaoFen, netIncomeFen, members) : null,
    memberMayApplyAlone,
    advanceCapFen: input.suddenHardship && input.needsHelpNow ? standard.advanceCapFen : null,
  };
}

/**
 * The 低保 amount a month, fen: (standard − income per head) × members, computed as standard ×
 * members − net income, which is that product exactly whatever the division would round to. Never
 * below zero (a household at the standard gets nothing).
 */
export function dibaoAmountFen(standardFen: number, netIncomeFen: number, members: number): number {
  return Math.max(0, standardFen * members - netIncomeFen);
}
