/**
 * The social relief eligibility rule (api/services/social-relief/eligibility.ts, docs/decisions/040),
 * table-driven at its edges: exactly at the standard and a fen either side, zero income, one person,
 * urban and rural, a standard changing on a day, what is not counted and what is deducted, the asset
 * limits exactly at and over, 低保边缘, 刚性支出, 特困 and 临时救助 with 先行救助; and the standards as a
 * rule table whose rows validate.
 */
import { describe, expect, it } from 'vitest';
import { checkNewRow, type RuleRow } from '../../api/engine/rules/rule-table.ts';
import { SOCIAL_RELIEF_DISTRICTS } from '../../api/services/social-relief/districts.ts';
import { assessEligibility, dibaoAmountFen, perHead, type EligibilityInput, type EligibilityResult, type HouseholdMember, type IncomeKind } from '../../api/services/social-relief/eligibility.ts';
import { parseAmount } from '../../api/services/social-relief/money.ts';
import { RELIEF_STANDARDS_TABLE, ReliefStandardValueSchema, type ReliefStandardValue } from '../../api/services/social-relief/standards-table.ts';

const ROWS = RELIEF_STANDARDS_TABLE.source();
/** demo-district from 2026-07-01: urban 1,400, rural 1,250 yuan a person a month; before, 1,330 and 1,170. */
const URBAN = 140_000;
const RURAL = 125_000;
const DAY = '2026-12-10';

const member = (income: number | readonly { kind: IncomeKind; monthlyFen: number }[] = 0, more: Partial<HouseholdMember> = {}): HouseholdMember => ({
  incomes: typeof income === 'number' ? (income > 0 ? [{ kind: 'wages', monthlyFen: income }] : []) : income,
  severelyDisabled: false,
  gravelyIll: false,
  ableToWork: true,
  ...more,
});

const household = (members: HouseholdMember[], more: Partial<Omit<EligibilityInput, 'members'>> = {}): EligibilityInput => ({
  district: 'demo-district',
  area: 'urban',
  day: DAY,
  members: members as [HouseholdMember, ...HouseholdMember[]],
  deductions: { illnessCostsFen: 0, workingCostsFen: 0 },
  rigidSpending: { medicalFen: 0, educationFen: 0 },
  assets: { financialFen: 0, vehicles: [], homes: 1 },
  noSupporterAble: false,
  suddenHardship: false,
  needsHelpNow: false,
  ...more,
});

function assessed(input: EligibilityInput): Extract<EligibilityResult, { status: 'assessed' }> {
  const result = assessEligibility(ROWS, input);
  if (result.status !== 'assessed') throw new Error(`no standard for ${input.district} on ${input.day}`);
  return result;
}

describe('低保 by income per head', () => {
  it.each([
    { why: 'zero income, one person', members: [member(0)], kinds: ['dibao'], amount: URBAN },
    { why: 'one person, a fen under the standard', members: [member(URBAN - 1)], kinds: ['dibao'], amount: 1 },
    { why: 'one person, exactly at the standard', members: [member(URBAN)], kinds: [], amount: null },
    { why: 'one person, a fen over the standard', members: [member(URBAN + 1)], kinds: [], amount: null },
    { why: 'three people, exactly at the standard together', members: [member(URBAN * 3), member(), member()], kinds: [], amount: null },
    { why: 'three people, a fen under together', members: [member(URBAN * 3 - 1), member(), member()], kinds: ['dibao'], amount: 1 },
    { why: 'two earners, (standard − income per head) × members', members: [member(100_000), member(50_000)], kinds: ['dibao'], amount: (URBAN - 75_000) * 2 },
  ])('$why', ({ members, kinds, amount }) => {
    const result = assessed(household(members));
    expect(result.mayBeEligibleFor).toEqual(kinds);
    expect(result.dibaoMonthlyFen).toBe(amount);
    expect(result.reasons).toEqual(kinds.length > 0 ? [] : ['income-at-or-above-standard']);
    // Always with the standard it compared against.
    expect(result.standard).toMatchObject({ dibaoFen: URBAN, effectiveFrom: '2026-07-01', area: 'urban', example: true, sourceYear: 2026 });
    expect(result.standard.basis).toContain('示例');
  });

  it('compares a rural household with the rural standard', () => {
    const income = RURAL + 5000; // over the rural standard, under the urban one
    expect(assessed(household([member(income)], { area: 'urban' })).mayBeEligibleFor).toEqual(['dibao']);
    const rural = assessed(household([member(income)], { area: 'rural' }));
    expect(rural.mayBeEligibleFor).toEqual([]);
    expect(rural.standard).toMatchObject({ area: 'rural', dibaoFen: RURAL });
    expect(assessed(household([member(RURAL - 1)], { area: 'rural' })).dibaoMonthlyFen).toBe(1);
  });

  it('uses the standard in force on the day: the raise counts from its first day', () => {
    const income = 135_000; // above 1,330, below 1,400
    const before = assessed(household([member(income)], { day: '2026-06-30' }));
    expect(before.standard).toMatchObject({ dibaoFen: 133_000, effectiveFrom: '2025-07-01', sourceYear: 2025 });
    expect(before.mayBeEligibleFor).toEqual([]);
    const on = assessed(household([member(income)], { day: '2026-07-01' }));
    expect(on.standard).toMatchObject({ dibaoFen: URBAN, effectiveFrom: '2026-07-01' });
    expect(on.dibaoMonthlyFen).toBe(URBAN - income);
  });

  it('says when a district has no standard on the day, or is not known', () => {
    expect(assessEligibility(ROWS, household([member()], { day: '2025-06-30' }))).toEqual({ status: 'no-standard', district: 'demo-district', day: '2025-06-30' });
    expect(assessEligibility(ROWS, household([member()], { district: 'nowhere' })).status).toBe('no-standard');
  });

  it('reads a staff row over the source file’s from its day', () => {
    const value: ReliefStandardValue = { ...RELIEF_STANDARDS_TABLE.source()[1]!.value, example: false, dibaoUrbanFen: 150_000 };
    const override: RuleRow<ReliefStandardValue> = { key: 'demo-district', value, effectiveFrom: '2027-01-01', basis: '示例区 2027 年通知', origin: 'override', changedBy: 's', changedByName: 'admin', reason: '调整', recordedAt: '2026-12-10T00:00:00Z', savedSeq: 1 };
    expect(assessEligibility([...ROWS, override], household([member(145_000)], { day: '2027-01-01' }))).toMatchObject({ mayBeEligibleFor: ['dibao'], dibaoMonthlyFen: 5000, standard: { basis: '示例区 2027 年通知', example: false } });
  });
});

describe('what is counted, left out and deducted', () => {
  it.each<{ kind: IncomeKind; counted: boolean }>([
    { kind: 'wages', counted: true },
    { kind: 'business', counted: true },
    { kind: 'property', counted: true },
    { kind: 'transfer', counted: true },
    { kind: 'special-care', counted: false },
    { kind: 'family-planning', counted: false },
    { kind: 'scholarship', counted: false },
    { kind: 'bravery-award', counted: false },
    { kind: 'social-assistance', counted: false },
    // demo-district leaves the basic pension out…
    { kind: 'basic-pension', counted: false },
  ])('$kind is counted: $counted', ({ kind, counted }) => {
    const result = assessed(household([member([{ kind, monthlyFen: 200_000 }])]));
    expect(result.countedIncomeFen).toBe(counted ? 200_000 : 0);
    expect(result.notCountedIncomeFen).toBe(counted ? 0 : 200_000);
    expect(result.mayBeEligibleFor).toEqual(counted ? [] : ['dibao']);
  });

  it('counts the basic pension where the district says so', () => {
    // …demo-county counts it (urban standard 900 yuan there).
    const result = assessed(household([member([{ kind: 'basic-pension', monthlyFen: 20_000 }, { kind: 'wages', monthlyFen: 70_000 }])], { district: 'demo-county' }));
    expect(result.countedIncomeFen).toBe(90_000);
    expect(result.mayBeEligibleFor).toEqual([]);
  });

  it('deducts the costs of illness and of working, never below zero', () => {
    const deducted = assessed(household([member(URBAN + 10_000)], { deductions: { illnessCostsFen: 6000, workingCostsFen: 4001 } }));
    expect(deducted).toMatchObject({ countedIncomeFen: URBAN + 10_000, deductionsFen: 10_001, netIncomeFen: URBAN - 1, mayBeEligibleFor: ['dibao'], dibaoMonthlyFen: 1 });
    expect(assessed(household([member(1000)], { deductions: { illnessCostsFen: 5000, workingCostsFen: 0 } }))).toMatchObject({ netIncomeFen: 0, dibaoMonthlyFen: URBAN });
  });

  it.each([
    { net: 100, members: 3, perHead: 33 },
    { net: 101, members: 2, perHead: 51, why: 'half a fen rounds up' },
    { net: 5, members: 2, perHead: 3 },
    { net: 7, members: 3, perHead: 2 },
    { net: 0, members: 4, perHead: 0 },
  ])('shows income per head $net ÷ $members as $perHead fen (half up)', ({ net, members, perHead: expected }) => {
    expect(perHead(net, members)).toBe(expected);
  });

  it('decides on the totals, so rounding the income per head never moves the decision or the amount', () => {
    // 3 × 1,400 − 0.01 yuan: per head 1,399.99666… (shown 1,400.00 after rounding) is still below the standard.
    const result = assessed(household([member(URBAN * 3 - 1), member(), member()]));
    expect(result.incomePerHeadFen).toBe(URBAN);
    expect(result.mayBeEligibleFor).toEqual(['dibao']);
    expect(result.dibaoMonthlyFen).toBe(1);
    expect(dibaoAmountFen(URBAN, URBAN * 3 + 5, 3)).toBe(0);
  });

  it('takes amounts as typed (全角 digits, 万, commas) through the money field', () => {
    const typed = (text: string) => {
      const parsed = parseAmount(text);
      if (!parsed.ok) throw new Error(text);
      return parsed.fen;
    };
    const result = assessed(household([member(typed('１，３９９．９９')), member(typed('0.1万'))]));
    // 1,399.99 + 1,000 yuan for two: 1,199.995 a head, below 1,400.
    expect(result).toMatchObject({ netIncomeFen: 239_999, dibaoMonthlyFen: URBAN * 2 - 239_999 });
  });
});

describe('asset limits (demo-district: financial assets 24 months of the standard a head, no vehicle, one home)', () => {
  const limit = 24 * URBAN;
  it.each([
    { why: 'financial assets exactly at the limit for one', assets: { financialFen: limit, vehicles: [], homes: 1 }, reasons: [] },
    { why: 'a fen over for one', assets: { financialFen: limit + 1, vehicles: [], homes: 1 }, reasons: ['financial-assets-over-limit'] },
    { why: 'a car where none is allowed', assets: { financialFen: 0, vehicles: [{ valueFen: 1 }], homes: 1 }, reasons: ['vehicles-over-limit'] },
    { why: 'two homes', assets: { financialFen: 0, vehicles: [], homes: 2 }, reasons: ['homes-over-limit'] },
    { why: 'no home', assets: { financialFen: 0, vehicles: [], homes: 0 }, reasons: [] },
  ])('$why', ({ assets, reasons }) => {
    const result = assessed(household([member(0)], { assets }));
    expect(result.reasons).toEqual(reasons);
    expect(result.mayBeEligibleFor).toEqual(reasons.length === 0 ? ['dibao'] : []);
    expect(result.dibaoMonthlyFen).toBe(reasons.length === 0 ? URBAN : null);
  });

  it('scales the financial limit by the household’s size', () => {
    expect(assessed(household([member(), member()], { assets: { financialFen: 2 * limit, vehicles: [], homes: 1 } })).reasons).toEqual([]);
    expect(assessed(household([member(), member()], { assets: { financialFen: 2 * limit + 1, vehicles: [], homes: 1 } })).reasons).toEqual(['financial-assets-over-limit']);
  });

  it.each([
    { value: 3_000_000, reasons: [] },
    { value: 3_000_001, reasons: ['vehicles-over-limit'] },
  ])('demo-county allows vehicles worth up to 30,000 yuan in all: $value fen', ({ value, reasons }) => {
    expect(assessed(household([member()], { district: 'demo-county', assets: { financialFen: 0, vehicles: [{ valueFen: value - 1 }, { valueFen: 1 }], homes: 1 } })).reasons).toEqual(reasons);
  });

  it('gives every reason at once, the income first', () => {
    expect(assessed(household([member(URBAN * 2)], { assets: { financialFen: limit + 1, vehicles: [{ valueFen: 1 }], homes: 3 } })).reasons).toEqual([
      'income-at-or-above-standard',
      'financial-assets-over-limit',
      'vehicles-over-limit',
      'homes-over-limit',
    ]);
  });
});

describe('低保边缘, 刚性支出, 特困 and 临时救助', () => {
  const marginalLine = URBAN * 1.5;
  it.each([
    { income: URBAN, band: 'marginal' },
    { income: marginalLine - 1, band: 'marginal' },
    { income: marginalLine, band: 'above' },
  ])('income $income fen a head is $band (line: 1.5 × the standard, strictly below)', ({ income, band }) => {
    const result = assessed(household([member(income)]));
    expect(result.band).toBe(band);
    expect(result.mayBeEligibleFor).toEqual([]);
    expect(result.memberMayApplyAlone).toBe(false);
  });

  it('lets a severely disabled or gravely ill member of a 低保边缘 household apply alone (第二十一条)', () => {
    for (const more of [{ severelyDisabled: true }, { gravelyIll: true }]) {
      const result = assessed(household([member(URBAN * 2), member(0, more)]));
      expect(result).toMatchObject({ band: 'marginal', memberMayApplyAlone: true, mayBeEligibleFor: ['dibao'], dibaoMonthlyFen: null });
    }
    expect(assessed(household([member(URBAN * 2), member(0, { severelyDisabled: true })], { assets: { financialFen: 0, vehicles: [], homes: 2 } })).memberMayApplyAlone).toBe(false);
  });

  it.each([
    { why: 'spending at half the income', medical: 112_500, education: 0, band: 'rigid-spending', kinds: ['temporary'] },
    { why: 'spending a fen short of half', medical: 112_499, education: 0, band: 'above', kinds: [] },
    { why: 'school and medical costs together', medical: 50_000, education: 62_500, band: 'rigid-spending', kinds: ['temporary'] },
  ])('刚性支出困难 above the 边缘 line and below twice the standard: $why', ({ medical, education, band, kinds }) => {
    // 2,250 yuan a month for one: above 1.5 × 1,400 = 2,100, below 2 × 1,400.
    const result = assessed(household([member(225_000)], { rigidSpending: { medicalFen: medical, educationFen: education } }));
    expect(result.band).toBe(band);
    expect(result.mayBeEligibleFor).toEqual(kinds);
  });

  it('is not 刚性支出 at twice the standard, however large the spending', () => {
    expect(assessed(household([member(URBAN * 2)], { rigidSpending: { medicalFen: URBAN * 2, educationFen: 0 } })).band).toBe('above');
  });

  it('gives 特困 instead of 低保 to people unable to work with no one able to support them', () => {
    const alone = member(0, { ableToWork: false });
    expect(assessed(household([alone], { noSupporterAble: true }))).toMatchObject({ mayBeEligibleFor: ['tekun'], standard: { tekunFen: 182_000 } });
    expect(assessed(household([alone], { noSupporterAble: false })).mayBeEligibleFor).toEqual(['dibao']);
    expect(assessed(household([member(0)], { noSupporterAble: true })).mayBeEligibleFor).toEqual(['dibao']);
    expect(assessed(household([member(URBAN, { ableToWork: false })], { noSupporterAble: true })).mayBeEligibleFor).toEqual([]);
  });

  it('offers 临时救助 after a sudden hardship whatever the income, and 先行救助 up to the district’s cap when help is needed now', () => {
    const sudden = assessed(household([member(URBAN * 3)], { suddenHardship: true, needsHelpNow: true, assets: { financialFen: 0, vehicles: [], homes: 2 } }));
    expect(sudden).toMatchObject({ mayBeEligibleFor: ['temporary'], advanceCapFen: 300_000 });
    expect(assessed(household([member(0)], { suddenHardship: true, needsHelpNow: false }))).toMatchObject({ mayBeEligibleFor: ['dibao', 'temporary'], advanceCapFen: null });
    expect(assessed(household([member(0)], { district: 'demo-county', suddenHardship: true, needsHelpNow: true })).advanceCapFen).toBe(200_000);
    expect(assessed(household([member(0)], { needsHelpNow: true })).advanceCapFen).toBeNull();
  });
});

describe('the standards as a rule table', () => {
  it('has rows for every demo district, each passing its schema and labelled an example with its source year', () => {
    const rows = RELIEF_STANDARDS_TABLE.source();
    expect(new Set(rows.map((row) => row.key))).toEqual(new Set(SOCIAL_RELIEF_DISTRICTS.map((district) => district.id)));
    for (const row of rows) {
      expect(ReliefStandardValueSchema.parse(row.value)).toEqual(row.value);
      expect(row.value.example).toBe(true);
      expect(row.basis).toContain(String(row.value.sourceYear));
      expect(row.value.tekunUrbanFen).toBeGreaterThanOrEqual(row.value.dibaoUrbanFen);
      expect(row.value.tekunRuralFen).toBeGreaterThanOrEqual(row.value.dibaoRuralFen);
    }
  });

  it('reads the plain form in yuan, as leniently as applicants type, and gives back what it read', () => {
    const [first] = RELIEF_STANDARDS_TABLE.source();
    const form = RELIEF_STANDARDS_TABLE.toForm(first!.value);
    expect(form).toMatchObject({ dibaoUrbanFen: '1330', vehicleLimitFen: '0', marginalPercent: '150', excludeBasicPension: 'yes', sourceYear: '2025' });
    // A row staff enter is a real notice's, not an example.
    expect(RELIEF_STANDARDS_TABLE.valueSchema.parse(RELIEF_STANDARDS_TABLE.fromForm(form))).toEqual({ ...first!.value, example: false });
    const typed = RELIEF_STANDARDS_TABLE.fromForm({ ...form, dibaoUrbanFen: '１，４５０．５', advanceCapFen: '0.3万', excludeBasicPension: 'no' });
    expect(typed).toMatchObject({ dibaoUrbanFen: 145_050, advanceCapFen: 300_000, excludeBasicPension: false });
  });

  it('refuses a bad row at each field', () => {
    const [first] = RELIEF_STANDARDS_TABLE.source();
    const form = RELIEF_STANDARDS_TABLE.toForm(first!.value);
    const value = RELIEF_STANDARDS_TABLE.fromForm({ ...form, dibaoUrbanFen: 'abc', dibaoRuralFen: '0', marginalPercent: '90', excludeBasicPension: '' });
    const checked = checkNewRow(RELIEF_STANDARDS_TABLE, { key: 'demo-county', effectiveFrom: '2027-07-01', value: value as Record<string, unknown>, basis: '通知', reason: '调整' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.issues.map((issue) => issue.path.join('.'))).toEqual(['value.dibaoUrbanFen', 'value.dibaoRuralFen', 'value.marginalPercent', 'value.excludeBasicPension']);
  });

  it('describes a value in one line in both languages, with its amounts in yuan', () => {
    const [, raised] = RELIEF_STANDARDS_TABLE.source();
    expect(RELIEF_STANDARDS_TABLE.describe(raised!.value, 'zh-CN')).toContain('城镇 1,400 元、农村 1,250 元');
    expect(RELIEF_STANDARDS_TABLE.describe(raised!.value, 'en')).toContain('town ¥1,400, countryside ¥1,250');
    expect(RELIEF_STANDARDS_TABLE.keys('en').map((key) => key.label)).toEqual(['Example District', 'Example County']);
  });
});
