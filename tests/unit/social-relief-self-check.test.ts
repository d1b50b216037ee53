/**
 * The social relief self-check (api/services/social-relief/self-check/, docs/decisions/041): its
 * answers, as the pages keep them (flat strings), through its one schema into the eligibility rule's
 * input, table-driven at the edges issue 14 names (exactly at the standard, zero income, one person,
 * 全角 digits, 万, commas, blank amounts), the journey's route (the vehicle and supporter questions
 * only when they matter), and the result's view model: what it shows for a few households, always the
 * standard compared against and the links to apply.
 */
import { describe, expect, it } from 'vitest';
import { nestAnswers, routeOf } from '../../api/engine/journey/journey.ts';
import { sourceRuleBook } from '../../api/engine/rules/live-rules.ts';
import { translator } from '../../api/i18n/index.ts';
import { selfCheckJourney } from '../../api/services/social-relief/self-check/journey.ts';
import { eligibilityInputOf } from '../../api/services/social-relief/self-check/rule-input.ts';
import { SelfCheckAnswersSchema } from '../../api/services/social-relief/self-check/schema.ts';
import { socialReliefSelfCheck } from '../../api/services/social-relief/self-check/tool.ts';
import type { ToolMessage, ToolResult } from '../../api/engine/tools/tool.ts';

const DAY = '2026-12-10';
/** demo-district, urban, from 2026-07-01: ¥1,400 a person a month. */
const URBAN_YUAN = 1400;

const base = (more: Record<string, string> = {}): Record<string, string> => ({
  district: 'demo-district',
  area: 'urban',
  'members.0.who': '我',
  'members.0.health': 'none',
  'members.0.work': 'yes',
  'assets.vehicles': 'none',
  'assets.homes': '1',
  hardship: 'no',
  ...more,
});

const parse = (answers: Record<string, string>) => SelfCheckAnswersSchema.safeParse(nestAnswers(selfCheckJourney, answers));
const inputOf = (answers: Record<string, string>) => {
  const parsed = parse(answers);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return eligibilityInputOf(parsed.data, DAY);
};
const resultOf = (answers: Record<string, string>, lang: 'zh-CN' | 'en' = 'zh-CN'): ToolResult => {
  const parsed = parse(answers);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return socialReliefSelfCheck.result(parsed.data, { rules: sourceRuleBook(), today: DAY, lang });
};
const say = (message: ToolMessage, lang: 'zh-CN' | 'en' = 'zh-CN') => translator(lang)(message.key as never, message.params ?? {});
const section = (result: ToolResult, id: string) => result.sections.find((candidate) => candidate.id === id);

describe('the answers as the rule reads them', () => {
  it.each([
    ['a plain figure', '1330', 133_000],
    ['全角 digits', '１３３０', 133_000],
    ['thousands commas', '1,330.50', 133_050],
    ['万', '1.2万', 1_200_000],
    ['a ¥ sign and 元', '¥1330元', 133_000],
    ['zero', '0', 0],
    ['left blank', '', 0],
  ])('wages typed as %s (%s) are %i fen', (_, typed, fen) => {
    const input = inputOf(base({ 'members.0.wages': typed }));
    expect(input.members[0].incomes.reduce((total, income) => total + income.monthlyFen, 0)).toBe(fen);
  });

  it('gives each amount its income kind, the costs as deductions and spending, the assets, and the hardship', () => {
    const input = inputOf(
      base({
        'members.0.wages': '1000',
        'members.0.pension': '200',
        'members.0.exempt': '300',
        'members.1.who': '母亲',
        'members.1.health': 'gravely-ill',
        'members.1.work': 'no',
        'members.1.transfer': '500',
        'costs.illness': '100',
        'costs.working': '50',
        'costs.medical': '400',
        'costs.education': '300',
        'assets.financial': '2万',
        'assets.vehicles': 'some',
        'assets.vehicleValue': '30,000',
        'assets.homes': '2',
        hardship: 'yes',
        helpNow: 'yes',
      }),
    );
    expect(input.members).toEqual([
      { incomes: [{ kind: 'wages', monthlyFen: 100_000 }, { kind: 'basic-pension', monthlyFen: 20_000 }, { kind: 'social-assistance', monthlyFen: 30_000 }], severelyDisabled: false, gravelyIll: false, ableToWork: true },
      { incomes: [{ kind: 'transfer', monthlyFen: 50_000 }], severelyDisabled: false, gravelyIll: true, ableToWork: false },
    ]);
    expect(input.deductions).toEqual({ illnessCostsFen: 10_000, workingCostsFen: 5_000 });
    expect(input.rigidSpending).toEqual({ medicalFen: 40_000, educationFen: 30_000 });
    expect(input.assets).toEqual({ financialFen: 2_000_000, vehicles: [{ valueFen: 3_000_000 }], homes: 2 });
    expect([input.suddenHardship, input.needsHelpNow, input.noSupporterAble]).toEqual([true, true, false]);
  });

  it.each([
    ['none-able', true],
    ['unsure', true],
    ['able', false],
  ])('reads "%s" about supporters as nobody able: %s', (supporter, none) => {
    expect(inputOf(base({ 'members.0.work': 'no', supporter })).noSupporterAble).toBe(none);
  });

  it.each([
    ['an amount that is not one', { 'members.0.wages': 'abc' }, ['members', 0, 'wages'], 'social-relief:errors.amount.notANumber'],
    ['a negative amount', { 'costs.medical': '-5' }, ['costs', 'medical'], 'social-relief:errors.amount.negative'],
    ['a decimal comma', { 'assets.financial': '12,50' }, ['assets', 'financial'], 'social-relief:errors.amount.notANumber'],
    ['a vehicle with no value', { 'assets.vehicles': 'some' }, ['assets', 'vehicleValue'], 'social-relief:errors.amount.empty'],
    ['no district', { district: '' }, ['district'], 'social-relief:selfCheck.errors.choose'],
    ['nobody named', { 'members.0.who': ' ' }, ['members', 0, 'who'], 'social-relief:selfCheck.errors.who'],
  ])('refuses %s with its message on its field', (_, more, path, message) => {
    const parsed = parse(base(more));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((issue) => issue.path.join('.') === path.join('.'))?.message).toBe(message);
  });

  it('refuses an amount typed longer than any amount is', () => {
    expect(parse(base({ 'members.0.wages': '1'.repeat(21) })).error?.issues[0]?.code).toBe('too_big');
  });
});

describe('the route', () => {
  const steps = (answers: Record<string, string>) => routeOf(selfCheckJourney, answers).map((step) => step.step);

  it('asks a vehicle’s value only when there is one, about supporters only when nobody can work, and "right now" only after a sudden hardship', () => {
    expect(steps(base())).toEqual(['where', 'members', 'costs', 'assets', 'hardship']);
    expect(steps(base({ 'assets.vehicles': 'some', 'members.0.work': 'no', hardship: 'yes' }))).toEqual(['where', 'members', 'costs', 'assets', 'vehicle-value', 'support', 'hardship', 'help-now']);
    // One member who can work among two: no supporter question.
    expect(steps(base({ 'members.0.work': 'no', 'members.1.who': '儿子', 'members.1.work': 'yes' }))).not.toContain('support');
  });
});

describe('the result', () => {
  it.each([
    ['a one-person household with no income', {}, ['dibao']],
    ['exactly at the standard', { 'members.0.wages': String(URBAN_YUAN) }, []],
    ['a fen below the standard', { 'members.0.wages': `${URBAN_YUAN - 1}.99` }, ['dibao']],
    ['two people at the standard each, in 万', { 'members.0.wages': '0.28万', 'members.1.who': '妻子', 'members.1.health': 'none', 'members.1.work': 'yes' }, []],
    ['a sudden hardship with high income', { 'members.0.wages': '9,000', hardship: 'yes', helpNow: 'yes' }, ['temporary']],
  ])('%s: may be eligible for %j', (_, more, kinds) => {
    const result = resultOf(base(more));
    const outcome = section(result, 'outcome');
    expect(outcome?.list?.map((item) => item.key.split('.').at(-1)) ?? []).toEqual(kinds);
    // Always the standard compared against, its day and basis, marked an example; always the three ways to apply.
    const standard = section(result, 'standard');
    expect(standard?.facts?.map((fact) => say(fact.value))).toEqual(expect.arrayContaining(['1,400 元', '2026年7月1日']));
    expect(standard?.facts?.[0]?.example).toBe(true);
    expect(section(result, 'apply')?.links?.map((link) => link.path)).toEqual(['/apply/minimum-living-allowance', '/apply/extreme-poverty-support', '/apply/temporary-assistance']);
  });

  it('says "probably not" with every reason, and the income per head it worked out', () => {
    const result = resultOf(base({ 'members.0.wages': '3000', 'assets.financial': '10万', 'assets.vehicles': 'some', 'assets.vehicleValue': '5万', 'assets.homes': '2' }));
    expect(say(result.lead)).toContain('可能暂时不符合');
    expect(section(result, 'reasons')?.list?.map((reason) => say(reason))).toEqual(['家庭人均收入不低于当地低保标准', '存款等金融资产超过当地规定的限额', '拥有的机动车超过当地规定', '拥有的住房超过当地规定']);
    expect(section(result, 'income')?.facts?.map((fact) => say(fact.value, 'en'))).toEqual(['1', '3,000 元', '0 元', '0 元', '3,000 元', '3,000 元']);
  });

  it('names a 低保边缘 household and its line, and the 刚性支出 household’s targeted help', () => {
    const marginal = resultOf(base({ 'members.0.wages': '1800' }));
    expect(say(marginal.lead)).toContain('低保边缘家庭');
    expect(say(section(marginal, 'marginal')?.paragraphs?.[0] ?? { key: '' })).toContain('2,100 元');
    const rigid = resultOf(base({ 'members.0.wages': '2500', 'costs.medical': '1500' }));
    expect(section(rigid, 'outcome')?.paragraphs?.map((paragraph) => paragraph.key.split('.').at(-1))).toEqual(['rigid', 'temporary']);
  });

  it('estimates the 低保 amount and the 先行救助 cap in English', () => {
    const result = resultOf(base({ 'members.0.wages': '1000', hardship: 'yes', helpNow: 'yes' }), 'en');
    expect(say(result.lead, 'en')).toBe('From what you told us, your household may be able to get: minimum living allowance (低保), temporary assistance (临时救助).'.replace('minimum living allowance (低保)', say({ key: 'social-relief:relief.kind.dibao' }, 'en')).replace('temporary assistance (临时救助)', say({ key: 'social-relief:relief.kind.temporary' }, 'en')));
    const paragraphs = section(result, 'outcome')?.paragraphs?.map((paragraph) => say(paragraph, 'en')) ?? [];
    expect(paragraphs[0]).toContain('¥400');
    expect(paragraphs[1]).toContain('¥3,000');
  });
});
