/**
 * Withdrawing a divorce application online during the cooling-off period: by the national procedure
 * (民发〔2020〕116号) a request that the accepting office confirms, unless a local rule in force lets
 * it take effect at once. The rule is effective-dated data per province or office; the workflow
 * chooses between its transitions by the setting (`onlyIf`), with no branch of the engine for it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HolidayYearSchema, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { applicantStopNow, applyTransition, availableTransitions, definitionProblems, type Actor, type CaseSnapshot, type ServiceDefinition } from '../../api/domain/workflow/workflow.ts';
import { divorceAppointmentEffects, divorceWorkflow } from '../../api/services/marriage/divorce-workflow.ts';
import { RegistryOfficesFileSchema, DEMO_REGISTRY_OFFICES } from '../../api/services/marriage/offices.ts';
import { withdrawalRuleOn, WithdrawalRuleSchema, type WithdrawalRule } from '../../api/services/marriage/withdrawal-rules.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const clerk: Actor = { kind: 'staff', staffId: 'clerk', roles: ['intake'], offices: ['county'], serviceAreas: ['marriage'] };
const applicant: Actor = { kind: 'applicant' };
const system: Actor = { kind: 'system' };
const clock = (today: string) => ({ today, time: `${today}T12:00`, calendar });

/** Accepted on 1 June 2026: cooling-off 2 June – 1 July, window 2 – 31 July. */
const accepted: CaseSnapshot = {
  state: 'divorce-accepted',
  version: 3,
  office: 'county',
  deadlines: [],
  periods: [
    { key: 'cooling-off', from: '2026-06-02', to: '2026-07-01' },
    { key: 'second-visit', from: '2026-07-02', to: '2026-07-31' },
  ],
};

function take(snapshot: CaseSnapshot, name: string, actor: Actor, today: string, input: unknown = {}): CaseSnapshot {
  const outcome = applyTransition(divorceWorkflow, snapshot, name, actor, input, clock(today));
  if (!outcome.ok) throw new Error(`${name} refused: ${outcome.refusal.code}`);
  return outcome.result.snapshot;
}
const refusal = (snapshot: CaseSnapshot, name: string, actor: Actor, today: string, input: unknown = {}) => {
  const outcome = applyTransition(divorceWorkflow, snapshot, name, actor, input, clock(today));
  return outcome.ok ? 'allowed' : outcome.refusal.code;
};

describe('the local rule for withdrawing online (effective-dated, per province or office)', () => {
  const rules: WithdrawalRule[] = [
    { province: '33', effectiveFrom: '2027-01-01', mode: 'immediate', basis: '《示例省婚姻登记工作规范》第二十条' },
    { province: '33', effectiveFrom: '2028-01-01', mode: 'office-confirms', basis: '《示例省婚姻登记工作规范（2028 年修订）》' },
    { office: 'pilot-registry', effectiveFrom: '2026-07-01', mode: 'immediate', basis: '示例省民政厅试点通知' },
    { office: 'same-day-registry', effectiveFrom: '2027-01-01', mode: 'office-confirms', basis: '示例市民政局通知' },
  ];
  const table: [string, { id: string; province?: string }, string, string, string | null][] = [
    ['with no rule, the national procedure: the office confirms', { id: 'elsewhere-registry', province: '44' }, '2027-06-01', 'office-confirms', null],
    ['an office without a province follows only its own rules', { id: 'elsewhere-registry' }, '2027-06-01', 'office-confirms', null],
    ['the province’s rule, from its first day', { id: 'any-registry', province: '33' }, '2027-01-01', 'immediate', '《示例省婚姻登记工作规范》第二十条'],
    ['not the day before', { id: 'any-registry', province: '33' }, '2026-12-31', 'office-confirms', null],
    ['a newer rule of the province supersedes the older', { id: 'any-registry', province: '33' }, '2028-01-01', 'office-confirms', '《示例省婚姻登记工作规范（2028 年修订）》'],
    ['an office’s own rule, before the province has one', { id: 'pilot-registry', province: '33' }, '2026-08-01', 'immediate', '示例省民政厅试点通知'],
    ['a newer province rule supersedes an office’s older one', { id: 'pilot-registry', province: '33' }, '2028-02-01', 'office-confirms', '《示例省婚姻登记工作规范（2028 年修订）》'],
    ['on the same day, the office’s own rule', { id: 'same-day-registry', province: '33' }, '2027-03-01', 'office-confirms', '示例市民政局通知'],
  ];
  it.each(table)('%s', (_name, office, day, mode, basis) => {
    expect(withdrawalRuleOn(rules, office, day)).toMatchObject({ mode, basis });
  });

  it('names a province or an office, never both or neither, and says what sets it', () => {
    expect(WithdrawalRuleSchema.safeParse({ effectiveFrom: '2027-01-01', mode: 'immediate', basis: 'x' }).success).toBe(false);
    expect(WithdrawalRuleSchema.safeParse({ province: '33', office: 'a-registry', effectiveFrom: '2027-01-01', mode: 'immediate', basis: 'x' }).success).toBe(false);
    expect(WithdrawalRuleSchema.safeParse({ province: '33', effectiveFrom: '2027-01-01', mode: 'immediate' }).success).toBe(false);
    expect(WithdrawalRuleSchema.safeParse({ province: 'Zhejiang', effectiveFrom: '2027-01-01', mode: 'immediate', basis: 'x' }).success).toBe(false);
    expect(WithdrawalRuleSchema.safeParse({ province: '33', effectiveFrom: '2027-01-01', mode: 'at-once', basis: 'x' }).success).toBe(false);
  });

  it('come with the offices file, where an office’s rule must name an office of the file', () => {
    const offices = DEMO_REGISTRY_OFFICES.map((office) => ({ ...office, province: '33' }));
    const good = RegistryOfficesFileSchema.parse({ offices, withdrawalRules: [{ office: 'demo-county-registry', effectiveFrom: '2027-01-01', mode: 'immediate', basis: 'x' }] });
    expect(good.withdrawalRules).toHaveLength(1);
    expect(good.offices[0]?.province).toBe('33');
    expect(RegistryOfficesFileSchema.parse({ offices }).withdrawalRules).toEqual([]);
    const unknown = RegistryOfficesFileSchema.safeParse({ offices, withdrawalRules: [{ office: 'nowhere-registry', effectiveFrom: '2027-01-01', mode: 'immediate', basis: 'x' }] });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['withdrawalRules.0.office']);
  });
});

describe('the divorce workflow takes the way the setting says', () => {
  it('by default, offers the applicant a request, never the withdrawal at once', () => {
    expect(applicantStopNow(divorceWorkflow, accepted, '2026-06-10')).toBe('request-withdrawal');
    expect(refusal(accepted, 'withdraw', applicant, '2026-06-10')).toBe('not_permitted');
    expect(availableTransitions(divorceWorkflow, accepted, applicant, '2026-06-10').map((t) => t.name)).not.toContain('withdraw');
  });

  it('where the rule allows it, withdraws at once and offers no request', () => {
    const immediate: CaseSnapshot = { ...accepted, settings: { withdrawal: 'immediate' } };
    expect(applicantStopNow(divorceWorkflow, immediate, '2026-06-10')).toBe('withdraw');
    expect(refusal(immediate, 'request-withdrawal', applicant, '2026-06-10')).toBe('not_permitted');
    expect(take(immediate, 'withdraw', applicant, '2026-06-10').state).toBe('withdrawn');
  });

  it('a request waits for the intake clerk, heads the queue with a working day’s target, and is confirmed even after the cooling-off period', () => {
    const requested = take(accepted, 'request-withdrawal', applicant, '2026-06-30');
    expect(requested.state).toBe('withdrawal-requested');
    expect(requested.deadlines).toEqual([{ key: 'withdrawal-confirmation', startedOn: '2026-06-30', dueOn: '2026-07-01' }]);
    // Nothing more for the applicant to do; the applicant cannot confirm their own request.
    expect(applicantStopNow(divorceWorkflow, requested, '2026-06-30')).toBeUndefined();
    expect(refusal(requested, 'confirm-withdrawal', applicant, '2026-06-30')).toBe('not_permitted');
    expect(availableTransitions(divorceWorkflow, requested, clerk, '2026-07-03').map((t) => t.name)).toEqual(['confirm-withdrawal', 'decline-withdrawal']);
    const confirmed = take(requested, 'confirm-withdrawal', clerk, '2026-07-03');
    expect(confirmed.state).toBe('withdrawn');
    expect(confirmed.deadlines).toEqual([{ key: 'withdrawal-confirmation', startedOn: '2026-06-30', dueOn: '2026-07-01', stoppedOn: '2026-07-03' }]);
  });

  it('a request the clerk cannot confirm is declined with the reason, and the application goes on', () => {
    const requested = take(accepted, 'request-withdrawal', applicant, '2026-06-10');
    expect(refusal(requested, 'decline-withdrawal', clerk, '2026-06-11')).toBe('invalid_input');
    const declined = take(requested, 'decline-withdrawal', clerk, '2026-06-11', { reason: '申请人到场说明没有申请撤回' });
    expect(declined.state).toBe('divorce-accepted');
    expect(declined.deadlines[0]?.stoppedOn).toBe('2026-06-11');
  });

  it('a request never confirmed lapses with the application after the window', () => {
    const requested = take(accepted, 'request-withdrawal', applicant, '2026-06-10');
    expect(refusal(requested, 'lapse', system, '2026-07-31')).toBe('outside_period');
    const lapsed = take(requested, 'lapse', system, '2026-08-01');
    expect(lapsed.state).toBe('lapsed');
    expect(lapsed.deadlines[0]?.stoppedOn).toBe('2026-08-01');
  });

  it('a request gives a booked second visit back at once, and frees the couple only when confirmed', () => {
    expect(divorceAppointmentEffects['request-withdrawal']).toEqual({ close: 'cancelled', releasePlace: true });
    expect(divorceAppointmentEffects['confirm-withdrawal']).toMatchObject({ freePeople: true });
    expect(divorceAppointmentEffects['decline-withdrawal']).toBeUndefined();
  });
});

describe('settings in a workflow definition', () => {
  const base: ServiceDefinition = {
    id: 'test',
    serviceArea: 'test',
    initialState: 'open',
    states: { open: {}, closed: { terminal: true } },
    deadlines: {},
    settings: { way: { values: ['a', 'b'], default: 'a' } },
    transitions: [{ name: 'close', from: ['open'], to: 'closed', by: ['applicant'], onlyIf: { setting: 'way', is: 'b' }, visibility: 'applicant' }],
  };
  it('are checked: a condition names a defined setting and one of its values, and a default is a value', () => {
    expect(definitionProblems(base)).toEqual([]);
    expect(definitionProblems({ ...base, transitions: [{ ...base.transitions[0]!, onlyIf: { setting: 'other', is: 'b' } }] })).toEqual(['close: setting other is not defined']);
    expect(definitionProblems({ ...base, transitions: [{ ...base.transitions[0]!, onlyIf: { setting: 'way', is: 'c' } }] })).toEqual(['close: c is not a value of setting way']);
    expect(definitionProblems({ ...base, settings: { way: { values: ['a', 'b'], default: 'c' } } })).toEqual(['setting way: its default c is not one of its values']);
  });

  it('take their default when the case carries none', () => {
    const open: CaseSnapshot = { state: 'open', version: 1, office: 'x', deadlines: [] };
    expect(applyTransition(base, open, 'close', applicant, {}, clock('2026-06-01')).ok).toBe(false);
    expect(applyTransition(base, { ...open, settings: { way: 'b' } }, 'close', applicant, {}, clock('2026-06-01')).ok).toBe(true);
    expect(applyTransition({ ...base, settings: { way: { values: ['a', 'b'], default: 'b' } } }, open, 'close', applicant, {}, clock('2026-06-01')).ok).toBe(true);
  });
});
