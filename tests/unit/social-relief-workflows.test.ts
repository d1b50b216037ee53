/**
 * The statutory relief workflows (docs/decisions/043): every transition allowed and refused by
 * state and role, the time limits' due days on the 2026 calendar, the notice period ending, an
 * objection sending the case back, who decides, the clock under 补正, 30 → 45 working days, the
 * county's own visit of a flagged household, 先行救助 within and over the cap, the hearing before a
 * cut or stop; the settings each case reads, the settings table, and the words in both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar, HolidayYearSchema } from '../../api/domain/calendar/working-days.ts';
import {
  applyTransition,
  availableTransitions,
  definitionProblems,
  startDeadlines,
  sealedFields, staffOnlyFields,
  transitionFields,
  type Actor,
  type CaseSnapshot,
  type ServiceDefinition,
  type StaffRole,
  type TransitionRefusal,
} from '../../api/domain/workflow/workflow.ts';
import { checkNewRow, type RuleRow, type RuleTable } from '../../api/engine/rules/rule-table.ts';
import { sourceRuleBook, type RuleBook } from '../../api/engine/rules/live-rules.ts';
import { keyFrom, translator } from '../../api/i18n/index.ts';
import { reliefCaseSettings, temporaryCaseSettings } from '../../api/services/social-relief/case-settings.ts';
import { selfCareLevel, type SelfCareAssessment } from '../../api/services/social-relief/extreme-poverty-support/self-care.ts';
import { extremePovertySupportWorkflow as tekun } from '../../api/services/social-relief/extreme-poverty-support/workflow.ts';
import { minimumLivingAllowanceWorkflow as dibao } from '../../api/services/social-relief/minimum-living-allowance/workflow.ts';
import { RELIEF_SETTINGS_TABLE, type ReliefSettingsValue } from '../../api/services/social-relief/settings-table.ts';
import { temporaryAssistanceWorkflow as temporary } from '../../api/services/social-relief/temporary-assistance/workflow.ts';
import { firstMonthAfter } from '../../api/services/social-relief/workflow-parts.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const staff = (role: StaffRole): Actor => ({ kind: 'staff', staffId: `${role}-1`, roles: [role], offices: ['demo-district'], serviceAreas: ['relief'] });
const applicant: Actor = { kind: 'applicant' };
const system: Actor = { kind: 'system' };

const VISIT = { firstInvestigator: '李明', secondInvestigator: '王芳', findings: '两人入户，家中无劳动力，收入如申报。' };
const CHECK = { result: 'within-limits', summary: '收入和存款均在规定范围内' };
const REASON = { reason: '情况属实，符合规定' };

/** A case of `workflow` submitted on `day`, with the settings in force for it (re-applied after every step, as the use case reads them). */
function submitted(workflow: ServiceDefinition, day: string, settings: Record<string, string> = {}): CaseSnapshot {
  return { state: 'submitted', version: 1, office: 'demo-district', deadlines: startDeadlines(workflow, workflow.initialDeadlines ?? [], { today: day, calendar }), steps: ['submit'], settings };
}

function attempt(workflow: ServiceDefinition, snapshot: CaseSnapshot, name: string, actor: Actor, day: string, input: unknown = {}) {
  return applyTransition(workflow, snapshot, name, actor, input, { today: day, calendar });
}

function take(workflow: ServiceDefinition, snapshot: CaseSnapshot, name: string, actor: Actor, day: string, input: unknown = {}): CaseSnapshot {
  const outcome = attempt(workflow, snapshot, name, actor, day, input);
  if (!outcome.ok) throw new Error(`${name} refused: ${JSON.stringify(outcome.refusal)}`);
  return { ...outcome.result.snapshot, ...(snapshot.settings ? { settings: snapshot.settings } : {}) };
}

const refusal = (outcome: ReturnType<typeof attempt>): TransitionRefusal['code'] | 'ok' => (outcome.ok ? 'ok' : outcome.refusal.code);
const due = (snapshot: CaseSnapshot, key: string) => snapshot.deadlines.find((deadline) => deadline.key === key);

/** A 低保 case taken to the given point on November 2026's working days. */
function dibaoUnderNotice(settings: Record<string, string> = {}): CaseSnapshot {
  let c = submitted(dibao, '2026-10-30', settings);
  c = take(dibao, c, 'accept', staff('intake'), '2026-11-02');
  c = take(dibao, c, 'start-investigation', staff('investigator'), '2026-11-04');
  c = take(dibao, c, 'record-home-visit', staff('investigator'), '2026-11-05', VISIT);
  c = take(dibao, c, 'request-household-check', staff('investigator'), '2026-11-05');
  c = take(dibao, c, 'record-household-check', system, '2026-11-05', CHECK);
  c = take(dibao, c, 'give-opinion', staff('reviewer'), '2026-11-12', { opinion: '建议纳入低保', amountFen: '1,330' });
  return take(dibao, c, 'start-notice', staff('reviewer'), '2026-11-16', { amountFen: '1330' });
}

describe('the three definitions', () => {
  it.each([dibao, tekun, temporary])('$id is consistent, in the relief service area, with the contract’s names', (workflow) => {
    expect(definitionProblems(workflow)).toEqual([]);
    expect(workflow.serviceArea).toBe('relief');
    const names = workflow.transitions.map((t) => t.name);
    for (const name of ['request-household-check', 'record-household-check', 'start-notice', 'record-objection', 'approve', 'withdraw', 'request-documents', 'provide-documents']) expect(names).toContain(name);
    expect(workflow.periods?.['notice']).toEqual({ calendarDays: 7 });
    expect(workflow.transitions.find((t) => t.name === 'record-household-check')).toMatchObject({ to: '@same', from: ['investigating'], by: ['system', 'investigator'] });
    expect(workflow.transitions.find((t) => t.name === 'record-objection')).toMatchObject({ to: '@same', visibility: 'internal' });
  });

  it('gives a reason field to every decision, keeps the office’s working record from the applicant, and seals every text an officer types', () => {
    for (const workflow of [dibao, tekun, temporary]) {
      const named = (name: string) => workflow.transitions.find((t) => t.name === name);
      for (const name of ['not-accept', 'approve', 'refuse', 'reinvestigate']) {
        expect(transitionFields(named(name)!).map((f) => f.name), `${workflow.id} ${name}`).toContain('reason');
        // The applicant reads the reason (not staffOnly), and it is sealed at rest all the same (docs/decisions/049).
        expect(sealedFields(named(name)), `${workflow.id} ${name}`).toEqual(['reason']);
        expect(staffOnlyFields(named(name)), `${workflow.id} ${name}`).toEqual([]);
      }
      expect(sealedFields(named('request-documents'))).toEqual(['documents']);
      expect(staffOnlyFields(named('record-home-visit'))).toEqual(['findings']);
      expect(staffOnlyFields(named('give-opinion'))).toEqual(['opinion']);
      expect(sealedFields(named('give-opinion'))).toEqual(['opinion']);
      expect(sealedFields(named('record-home-visit'))).toEqual(['firstInvestigator', 'secondInvestigator', 'findings']);
      expect(sealedFields(named('record-household-check'))).toEqual(['summary']);
      expect(sealedFields(named('record-county-visit'))).toEqual(['visitors', 'findings']);
      expect(sealedFields(named('record-objection'))).toEqual(['text', 'name', 'contact']);
      // What others say of a household is never the household's to read.
      expect(staffOnlyFields(named('record-objection'))).toEqual(['text', 'name', 'contact']);
      // Amounts, months and choices are what the notices and texts show: never sealed.
      for (const transition of workflow.transitions) for (const field of sealedFields(transition)) expect(['amountFen', 'firstMonth', 'fromMonth', 'result', 'checkedOn', 'heardOn', 'careArrangement'], `${workflow.id} ${transition.name}`).not.toContain(field);
    }
    expect(sealedFields(temporary.transitions.find((t) => t.name === 'grant-advance'))).toEqual(['help']);
    expect(sealedFields(temporary.transitions.find((t) => t.name === 'explain-advance'))).toEqual(['explanation']);
  });
});

describe('低保: the statutory way, step by step', () => {
  it('accepts, with the investigation to start within 3 working days and the whole within 30', () => {
    const c = take(dibao, submitted(dibao, '2026-10-30'), 'accept', staff('intake'), '2026-11-02');
    expect(c.state).toBe('accepted');
    expect(due(c, 'acceptance')?.stoppedOn).toBe('2026-11-02');
    expect(due(c, 'investigation-start')?.dueOn).toBe('2026-11-05');
    expect(due(c, 'whole')?.dueOn).toBe('2026-12-14');
    expect(refusal(attempt(dibao, submitted(dibao, '2026-10-30'), 'accept', staff('investigator'), '2026-11-02'))).toBe('not_permitted');
  });

  it('does not accept, with reasons', () => {
    expect(refusal(attempt(dibao, submitted(dibao, '2026-10-30'), 'not-accept', staff('intake'), '2026-11-02', {}))).toBe('invalid_input');
    expect(take(dibao, submitted(dibao, '2026-10-30'), 'not-accept', staff('intake'), '2026-11-02', { reason: '不在本街道居住' }).state).toBe('not-accepted');
  });

  it('gives the opinion only after the home visit by two and the household check’s answer', () => {
    let c = take(dibao, take(dibao, submitted(dibao, '2026-10-30'), 'accept', staff('intake'), '2026-11-02'), 'start-investigation', staff('investigator'), '2026-11-03');
    expect(due(c, 'investigation-start')?.stoppedOn).toBe('2026-11-03');
    const opinion = { opinion: '建议纳入', amountFen: '500' };
    expect(attempt(dibao, c, 'give-opinion', staff('reviewer'), '2026-11-04', opinion)).toEqual({ ok: false, refusal: { code: 'step_missing', transition: 'record-home-visit' } });
    expect(refusal(attempt(dibao, c, 'record-home-visit', staff('investigator'), '2026-11-04', { ...VISIT, secondInvestigator: '李明' }))).toBe('invalid_input');
    c = take(dibao, c, 'record-home-visit', staff('investigator'), '2026-11-04', VISIT);
    expect(attempt(dibao, c, 'give-opinion', staff('reviewer'), '2026-11-04', opinion)).toEqual({ ok: false, refusal: { code: 'step_missing', transition: 'record-household-check' } });
    expect(refusal(attempt(dibao, c, 'record-household-check', staff('reviewer'), '2026-11-04', CHECK))).toBe('not_permitted');
    c = take(dibao, c, 'record-household-check', staff('investigator'), '2026-11-04', { result: 'over-limits', summary: '存款超过限额', checkedOn: '2026-11-04' });
    c = take(dibao, c, 'request-recheck', staff('investigator'), '2026-11-05', { reason: '家属说明存款是借款' });
    c = take(dibao, c, 'record-household-check', system, '2026-11-06', CHECK);
    expect(c.state).toBe('investigating');
    expect(take(dibao, c, 'give-opinion', staff('reviewer'), '2026-11-09', opinion).state).toBe('opinion-given');
  });

  it('runs the notice for 7 calendar days, takes objections, and refers the file only once it has ended', () => {
    const c = dibaoUnderNotice();
    expect(c.periods).toEqual([{ key: 'notice', from: '2026-11-17', to: '2026-11-23' }]);
    expect(take(dibao, c, 'record-objection', system, '2026-11-18', { text: '他家有一辆车' }).state).toBe('under-notice');
    expect(refusal(attempt(dibao, c, 'refer-to-county', staff('reviewer'), '2026-11-23'))).toBe('outside_period');
    const referred = take(dibao, c, 'refer-to-county', staff('reviewer'), '2026-11-24');
    expect(referred.state).toBe('awaiting-decision');
    // The decision within 10 working days of the file reaching the decider.
    expect(due(referred, 'decision')?.dueOn).toBe('2026-12-08');
  });

  it('sends the case back to investigation on an objection, wanting a new visit and check', () => {
    const back = take(dibao, dibaoUnderNotice(), 'reinvestigate', staff('reviewer'), '2026-11-18', { reason: '异议称家中有车辆，需要重新核实' });
    expect(back.state).toBe('investigating');
    expect(refusal(attempt(dibao, back, 'give-opinion', staff('reviewer'), '2026-11-19', { opinion: '复核', amountFen: '1330' }))).toBe('step_missing');
    expect(refusal(attempt(dibao, dibaoUnderNotice(), 'reinvestigate', staff('intake'), '2026-11-18', { reason: '重新核实情况' }))).toBe('not_permitted');
  });

  it('or to a community review, after which the notice starts again', () => {
    let c = take(dibao, dibaoUnderNotice(), 'start-community-review', staff('reviewer'), '2026-11-18', { reason: '异议需要村（居）评议' });
    c = take(dibao, c, 'record-community-review', staff('reviewer'), '2026-11-20', { findings: '评议认为情况属实' });
    expect(c.state).toBe('opinion-given');
    c = take(dibao, c, 'start-notice', staff('intake'), '2026-11-23', { amountFen: '1330' });
    expect(c.periods).toEqual([{ key: 'notice', from: '2026-11-24', to: '2026-11-30' }]);
  });

  it.each([
    { decider: 'county', open: 'refer-to-county', closed: 'refer-to-township' },
    { decider: 'township', open: 'refer-to-township', closed: 'refer-to-county' },
  ])('goes to the decider the district’s rule names ($decider)', ({ decider, open, closed }) => {
    const c = dibaoUnderNotice({ decider });
    expect(availableTransitions(dibao, c, staff('reviewer'), '2026-11-24').map((t) => t.name)).toContain(open);
    expect(refusal(attempt(dibao, c, closed, staff('reviewer'), '2026-11-24'))).toBe('not_permitted');
    expect(take(dibao, c, open, staff('reviewer'), '2026-11-24').state).toBe('awaiting-decision');
  });

  it('approves with the monthly amount in fen and the first month, by the approver only', () => {
    const c = take(dibao, dibaoUnderNotice(), 'refer-to-county', staff('reviewer'), '2026-11-24');
    const approval = { amountFen: '1,330.50', firstMonth: firstMonthAfter('2026-12-01'), reason: '经审核确认，符合低保条件' };
    expect(refusal(attempt(dibao, c, 'approve', staff('reviewer'), '2026-12-01', approval))).toBe('not_permitted');
    expect(refusal(attempt(dibao, c, 'approve', staff('approver'), '2026-12-01', { ...approval, reason: '' }))).toBe('invalid_input');
    const outcome = attempt(dibao, c, 'approve', staff('approver'), '2026-12-01', approval);
    expect(outcome.ok && outcome.result.event.input).toEqual({ amountFen: 133_050, firstMonth: '2027-01', reason: approval.reason });
    expect(outcome.ok && outcome.result.notify).toBe('case.reliefApproved');
    const approved = take(dibao, c, 'approve', staff('approver'), '2026-12-01', approval);
    expect(approved.state).toBe('approved');
    expect(approved.deadlines.filter((d) => !d.stoppedOn)).toEqual([]);
  });

  it('refuses with written reasons, to be sent within 3 working days, then closes', () => {
    const c = take(dibao, dibaoUnderNotice(), 'refer-to-county', staff('reviewer'), '2026-11-24');
    const refused = take(dibao, c, 'refuse', staff('approver'), '2026-11-26', { reason: '家庭人均收入高于当地低保标准' });
    expect(refused.state).toBe('refused');
    expect(due(refused, 'refusal-notice')?.dueOn).toBe('2026-12-01');
    expect(attempt(dibao, refused, 'withdraw', applicant, '2026-11-27')).toEqual({ ok: false, refusal: { code: 'wrong_state', state: 'refused' } });
    expect(take(dibao, refused, 'deliver-refusal', staff('intake'), '2026-11-27').state).toBe('closed');
  });

  it('lets the applicant withdraw at any step before a decision', () => {
    const c = dibaoUnderNotice();
    const withdrawn = take(dibao, c, 'withdraw', applicant, '2026-11-18');
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.deadlines.filter((d) => !d.stoppedOn)).toEqual([]);
    expect(refusal(attempt(dibao, c, 'withdraw', staff('intake'), '2026-11-18'))).toBe('not_permitted');
  });
});

describe('补正: the list asked for once, and the clock by the district’s rule', () => {
  const documents = { documents: '户口簿复印件\n残疾证复印件' };

  it('keeps the clock running by default, and returns to where the case was', () => {
    const accepted = take(dibao, submitted(dibao, '2026-10-30'), 'accept', staff('intake'), '2026-11-02');
    const asked = take(dibao, accepted, 'request-documents', staff('intake'), '2026-11-03', documents);
    expect(asked).toMatchObject({ state: 'awaiting-documents', previousState: 'accepted' });
    expect(asked.deadlines.some((d) => d.pausedOn)).toBe(false);
    const answered = take(dibao, asked, 'provide-documents', applicant, '2026-11-10');
    expect(answered.state).toBe('accepted');
    expect(due(answered, 'whole')?.dueOn).toBe('2026-12-14');
  });

  it('stops it where the rule says so, adding the days waited back', () => {
    const accepted = take(dibao, submitted(dibao, '2026-10-30', { 'supplement-pauses-clock': 'yes' }), 'accept', staff('intake'), '2026-11-02');
    const asked = take(dibao, accepted, 'request-documents', staff('investigator'), '2026-11-03', documents);
    expect(due(asked, 'whole')?.pausedOn).toBe('2026-11-03');
    const answered = take(dibao, asked, 'provide-documents', applicant, '2026-11-10');
    // Five working days waited (4–6, 9, 10 November).
    expect(due(answered, 'whole')?.dueOn).toBe('2026-12-21');
  });

  it('is asked by the intake clerk or an investigator only, with the list', () => {
    const accepted = take(dibao, submitted(dibao, '2026-10-30'), 'accept', staff('intake'), '2026-11-02');
    expect(refusal(attempt(dibao, accepted, 'request-documents', staff('approver'), '2026-11-03', documents))).toBe('not_permitted');
    expect(refusal(attempt(dibao, accepted, 'request-documents', staff('intake'), '2026-11-03', {}))).toBe('invalid_input');
  });
});

describe('30 working days, 45 in special cases', () => {
  it('extends the whole time limit once, with a reason', () => {
    const c = dibaoUnderNotice();
    expect(refusal(attempt(dibao, c, 'extend-time-limit', staff('reviewer'), '2026-11-18', {}))).toBe('invalid_input');
    const extended = take(dibao, c, 'extend-time-limit', staff('reviewer'), '2026-11-18', { reason: '异议较多，需要补充调查' });
    expect(extended.state).toBe('under-notice');
    // 1 January 2027 is New Year's Day.
    expect(due(extended, 'whole')).toMatchObject({ dueOn: '2027-01-05', extendedOn: '2026-11-18' });
    expect(refusal(attempt(dibao, extended, 'extend-time-limit', staff('approver'), '2026-11-19', { reason: '再次延长的理由' }))).toBe('not_extendable');
  });
});

describe('a household with a close relative of a case worker or committee member', () => {
  it('needs the county’s own visit before a decision, and only then', () => {
    const flagged = take(dibao, dibaoUnderNotice({ 'close-relative': 'yes' }), 'refer-to-county', staff('reviewer'), '2026-11-24');
    const approval = { amountFen: '1330', firstMonth: '2026-12', reason: '符合条件' };
    expect(attempt(dibao, flagged, 'approve', staff('approver'), '2026-11-25', approval)).toEqual({ ok: false, refusal: { code: 'step_missing', transition: 'record-county-visit' } });
    expect(refusal(attempt(dibao, flagged, 'refuse', staff('approver'), '2026-11-25', REASON))).toBe('step_missing');
    const visited = take(dibao, flagged, 'record-county-visit', staff('approver'), '2026-11-25', { visitors: '县民政局 张华、赵强', findings: '情况属实' });
    expect(take(dibao, visited, 'approve', staff('approver'), '2026-11-26', approval).state).toBe('approved');

    const plain = take(dibao, dibaoUnderNotice(), 'refer-to-county', staff('reviewer'), '2026-11-24');
    expect(refusal(attempt(dibao, plain, 'record-county-visit', staff('approver'), '2026-11-25', { visitors: '县民政局', findings: '情况属实' }))).toBe('not_permitted');
    expect(take(dibao, plain, 'approve', staff('approver'), '2026-11-25', approval).state).toBe('approved');
  });
});

describe('a cut or stop of an allowance being paid (第四十八条)', () => {
  const approved = () => take(dibao, take(dibao, dibaoUnderNotice(), 'refer-to-county', staff('reviewer'), '2026-11-24'), 'approve', staff('approver'), '2026-11-25', { amountFen: '1330', firstMonth: '2026-12', reason: '符合条件' });
  const hearing = { heardOn: '2027-03-01', summary: '本人说明已经就业，同意调整' };
  const cut = { amountFen: '600', fromMonth: '2027-04', reason: '家庭成员就业，收入增加' };

  it('needs the recipient heard first, and heard again before a further cut', () => {
    const paid = approved();
    expect(attempt(dibao, paid, 'reduce', staff('approver'), '2027-03-02', cut)).toEqual({ ok: false, refusal: { code: 'step_missing', transition: 'record-hearing' } });
    expect(refusal(attempt(dibao, paid, 'stop', staff('approver'), '2027-03-02', { fromMonth: '2027-04', reason: '收入超过标准' }))).toBe('step_missing');
    const heard = take(dibao, paid, 'record-hearing', staff('investigator'), '2027-03-01', hearing);
    const reduced = take(dibao, heard, 'reduce', staff('approver'), '2027-03-02', cut);
    expect(reduced.state).toBe('approved');
    expect(refusal(attempt(dibao, reduced, 'reduce', staff('approver'), '2027-06-02', cut))).toBe('step_missing');
    const stopped = take(dibao, take(dibao, reduced, 'record-hearing', staff('reviewer'), '2027-06-01', hearing), 'stop', staff('approver'), '2027-06-02', { fromMonth: '2027-07', reason: '收入超过标准' });
    expect(stopped.state).toBe('stopped');
  });

  it('is decided by the approver only', () => {
    const heard = take(dibao, approved(), 'record-hearing', staff('investigator'), '2027-03-01', hearing);
    expect(refusal(attempt(dibao, heard, 'reduce', staff('reviewer'), '2027-03-02', cut))).toBe('not_permitted');
  });
});

describe('特困: its own time limits, the self-care assessment and the care arrangement', () => {
  const assessment: SelfCareAssessment = { eating: 'able', dressing: 'unable', bed: 'unable', toilet: 'able', indoors: 'able', bathing: 'unable' };

  it.each([
    { unable: 0, level: 'full' },
    { unable: 1, level: 'partly-lost' },
    { unable: 3, level: 'partly-lost' },
    { unable: 4, level: 'wholly-lost' },
    { unable: 6, level: 'wholly-lost' },
  ])('a person unable to do $unable of the six items is $level', ({ unable, level }) => {
    const items = ['eating', 'dressing', 'bed', 'toilet', 'indoors', 'bathing'] as const;
    const answers = Object.fromEntries(items.map((item, index) => [item, index < unable ? 'unable' : 'able'])) as SelfCareAssessment;
    expect(selfCareLevel(answers)).toBe(level);
  });

  it('investigates within 15 working days, wants the assessment before the opinion, decides within 15 with the care arrangement', () => {
    let c = take(tekun, submitted(tekun, '2026-10-30'), 'accept', staff('intake'), '2026-11-02');
    expect(due(c, 'investigation')?.dueOn).toBe('2026-11-23');
    c = take(tekun, c, 'start-investigation', staff('investigator'), '2026-11-03');
    c = take(tekun, c, 'record-home-visit', staff('investigator'), '2026-11-04', VISIT);
    c = take(tekun, c, 'record-household-check', system, '2026-11-04', CHECK);
    const opinion = { opinion: '无劳动能力，无法定赡养人', amountFen: '1820' };
    expect(attempt(tekun, c, 'give-opinion', staff('reviewer'), '2026-11-05', opinion)).toEqual({ ok: false, refusal: { code: 'step_missing', transition: 'assess-self-care' } });
    expect(refusal(attempt(tekun, c, 'assess-self-care', staff('investigator'), '2026-11-05', { ...assessment, bathing: 'sometimes' }))).toBe('invalid_input');
    c = take(tekun, c, 'assess-self-care', staff('investigator'), '2026-11-05', assessment);
    c = take(tekun, c, 'give-opinion', staff('reviewer'), '2026-11-06', opinion);
    expect(due(c, 'investigation')?.stoppedOn).toBe('2026-11-06');
    c = take(tekun, c, 'start-notice', staff('reviewer'), '2026-11-09', { amountFen: '1820' });
    c = take(tekun, c, 'refer-to-county', staff('reviewer'), '2026-11-17');
    expect(due(c, 'decision')?.dueOn).toBe('2026-12-08');
    const decision = { amountFen: '1820', firstMonth: '2026-12', reason: '符合特困人员认定条件' };
    expect(refusal(attempt(tekun, c, 'approve', staff('approver'), '2026-11-20', decision))).toBe('invalid_input');
    expect(take(tekun, c, 'approve', staff('approver'), '2026-11-20', { ...decision, careArrangement: 'dispersed' }).state).toBe('approved');
  });
});

describe('临时救助: the ordinary way and 先行救助', () => {
  const caps = { 'advance-cap': '300000', 'township-approves': 'yes', 'township-cap': '300000' };
  const advance = (amountFen: string) => ({ amountFen, help: '送去米面油和 500 元现金' });

  it('grants help at once up to the district’s cap, and not a fen over', () => {
    const c = submitted(temporary, '2026-11-02', caps);
    const over = attempt(temporary, c, 'grant-advance', staff('intake'), '2026-11-02', advance('3000.01'));
    expect(over.ok).toBe(false);
    if (!over.ok && over.refusal.code === 'invalid_input') expect(over.refusal.error.issues).toMatchObject([{ path: ['amountFen'], message: 'errors.workbench.overLimit' }]);
    const granted = take(temporary, c, 'grant-advance', staff('investigator'), '2026-11-02', advance('3000'));
    expect(granted.state).toBe('advance-granted');
    expect(due(granted, 'advance-paperwork')?.dueOn).toBe('2026-11-09');
    expect(refusal(attempt(temporary, c, 'grant-advance', staff('reviewer'), '2026-11-02', advance('100')))).toBe('not_permitted');
  });

  it('grants nothing at once where no cap is in force', () => {
    expect(refusal(attempt(temporary, submitted(temporary, '2026-11-02'), 'grant-advance', staff('intake'), '2026-11-02', advance('1')))).toBe('invalid_input');
  });

  it('records the explanation afterwards, then completes the paperwork: the township approves within its cap', () => {
    let c = take(temporary, submitted(temporary, '2026-11-02', caps), 'grant-advance', staff('intake'), '2026-11-02', advance('800'));
    expect(availableTransitions(temporary, c, staff('intake'), '2026-11-02').map((t) => t.name)).toEqual(['explain-advance']);
    c = take(temporary, c, 'explain-advance', staff('intake'), '2026-11-04', { explanation: '火灾后无处居住，当即送去生活用品' });
    expect(c.state).toBe('investigating');
    expect(due(c, 'advance-paperwork')?.stoppedOn).toBe('2026-11-04');
    c = take(temporary, c, 'give-opinion', staff('reviewer'), '2026-11-05', { opinion: '建议再给予一次性救助', amountFen: '2000' });
    c = take(temporary, c, 'start-notice', staff('reviewer'), '2026-11-06', { amountFen: '2000' });
    expect(refusal(attempt(temporary, c, 'approve-in-township', staff('approver'), '2026-11-16', { amountFen: '3000.01', reason: '符合条件' }))).toBe('invalid_input');
    const approved = take(temporary, c, 'approve-in-township', staff('approver'), '2026-11-16', { amountFen: '2000', reason: '符合临时救助条件' });
    expect(approved.state).toBe('approved');
    expect(take(temporary, approved, 'record-payment', staff('intake'), '2026-11-18').state).toBe('closed');
  });

  it('sends larger amounts, or all where nothing is delegated, to the county', () => {
    const underNotice = (settings: Record<string, string>) => {
      let c = take(temporary, submitted(temporary, '2026-11-02', settings), 'accept', staff('intake'), '2026-11-02');
      c = take(temporary, c, 'start-investigation', staff('investigator'), '2026-11-03');
      c = take(temporary, c, 'give-opinion', staff('reviewer'), '2026-11-05', { opinion: '医疗支出大', amountFen: '8000' });
      return take(temporary, c, 'start-notice', staff('reviewer'), '2026-11-06', { amountFen: '8000' });
    };
    expect(refusal(attempt(temporary, underNotice({}), 'approve-in-township', staff('approver'), '2026-11-16', { amountFen: '100', reason: '符合条件' }))).toBe('not_permitted');
    const referred = take(temporary, underNotice(caps), 'refer-to-county', staff('reviewer'), '2026-11-16');
    expect(take(temporary, referred, 'approve', staff('approver'), '2026-11-20', { amountFen: '8000', reason: '大病支出，符合条件' }).state).toBe('approved');
  });
});

describe('the settings a relief case reads', () => {
  const book = sourceRuleBook();
  const withRows = <V>(table: RuleTable<V>, rows: RuleRow<V>[]): RuleBook => ({ rows: <W>(asked: RuleTable<W>) => (asked.name === table.name ? (rows as unknown as RuleRow<W>[]) : book.rows(asked)) });

  it('come from the district’s row in force, with its basis', () => {
    const settings = reliefCaseSettings({ area: { district: 'demo-district' }, closeRelative: 'no' }, '2026-12-01', book);
    expect(settings['decider']).toMatchObject({ value: 'township', effectiveFrom: '2026-07-01' });
    expect(settings['decider']?.basis).toContain('示例');
    expect(settings['supplement-pauses-clock']?.value).toBe('no');
    expect(settings['close-relative']).toEqual({ value: 'no', basis: null, effectiveFrom: null });
  });

  it('are the national procedure’s before any row, and the household’s own declaration flags the case', () => {
    const settings = reliefCaseSettings({ area: { district: 'demo-district' }, closeRelative: 'yes' }, '2026-06-30', book);
    expect(settings['decider']).toEqual({ value: 'county', basis: null, effectiveFrom: null });
    expect(settings['close-relative']?.value).toBe('yes');
  });

  it('give 临时救助 its caps in fen from the standards and the settings rows', () => {
    const county = temporaryCaseSettings({ area: { district: 'demo-county' } }, '2026-12-01', book);
    expect(county['advance-cap']?.value).toBe('200000');
    expect(county['township-cap']?.value).toBe('100000');
    expect(county['township-approves']?.value).toBe('yes');
    expect(county['supplement-pauses-clock']?.value).toBe('yes');
    const none: ReliefSettingsValue = { decider: 'county', nameMasking: 'surname-star', supplementPausesClock: false, temporaryTownshipCapFen: 0 };
    const undelegated = withRows(RELIEF_SETTINGS_TABLE, [{ key: 'demo-county', value: none, effectiveFrom: '2026-01-01', basis: '规程', origin: 'source', changedBy: null, changedByName: null, reason: null, recordedAt: null, savedSeq: null }]);
    expect(temporaryCaseSettings({ area: { district: 'demo-county' } }, '2026-12-01', undelegated)['township-approves']?.value).toBe('no');
  });

  it('name only settings and values the workflows define', () => {
    for (const [workflow, settings] of [
      [dibao, reliefCaseSettings({ area: { district: 'demo-district' } }, '2026-12-01', book)],
      [tekun, reliefCaseSettings({ area: { district: 'demo-county' } }, '2026-12-01', book)],
      [temporary, temporaryCaseSettings({ area: { district: 'demo-district' } }, '2026-12-01', book)],
    ] as const) {
      for (const [name, setting] of Object.entries(settings)) {
        const spec = workflow.settings?.[name];
        expect(spec, `${workflow.id} ${name}`).toBeDefined();
        if (spec?.values) expect(spec.values).toContain(setting.value);
        else expect(setting.value).toMatch(/^\d+$/);
      }
    }
  });
});

describe('the social-relief.settings table', () => {
  it('has valid example rows for each demo district', () => {
    const rows = RELIEF_SETTINGS_TABLE.source();
    expect(rows.map((row) => row.key).sort()).toEqual(['demo-county', 'demo-district']);
    for (const row of rows) {
      expect(RELIEF_SETTINGS_TABLE.valueSchema.safeParse(row.value).success).toBe(true);
      expect(row.basis).toContain('示例');
    }
  });

  it('reads the plain form back into the value it shows, amounts typed in yuan', () => {
    for (const row of RELIEF_SETTINGS_TABLE.source()) expect(RELIEF_SETTINGS_TABLE.valueSchema.parse(RELIEF_SETTINGS_TABLE.fromForm(RELIEF_SETTINGS_TABLE.toForm(row.value)))).toEqual(row.value);
    expect(RELIEF_SETTINGS_TABLE.fromForm({ decider: 'county', nameMasking: 'given-star', supplementPausesClock: 'yes', temporaryTownshipCapFen: '２,５００' })).toEqual({ decider: 'county', nameMasking: 'given-star', supplementPausesClock: true, temporaryTownshipCapFen: 250_000 });
  });

  it('refuses an unknown decider, a missing choice and an unknown district, each at its field', () => {
    const checked = checkNewRow(RELIEF_SETTINGS_TABLE, { key: 'nowhere', effectiveFrom: '2027-01-01', value: { decider: 'province', nameMasking: 'surname-star', temporaryTownshipCapFen: 0 }, basis: '通知', reason: '调整' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['key', 'value.decider', 'value.supplementPausesClock']);
  });

  it('describes a value in both languages', () => {
    const [row] = RELIEF_SETTINGS_TABLE.source();
    expect(RELIEF_SETTINGS_TABLE.describe(row!.value, 'zh-CN')).toContain('委托乡镇（街道）');
    expect(RELIEF_SETTINGS_TABLE.describe(row!.value, 'en')).toContain('delegated');
  });
});

describe('the words of the three workflows', () => {
  const roots = [
    [dibao, 'social-relief:dibao.case'],
    [tekun, 'social-relief:tekun.case'],
    [temporary, 'social-relief:temporary.case'],
  ] as const;

  it.each(['zh-CN', 'en'] as const)('name every state, event, staff action, next step and field in %s', (lang) => {
    const t = translator(lang);
    const missing: string[] = [];
    const say = (key: string) => {
      if (t(keyFrom(key), { defaultValue: '' }) === '') missing.push(key);
    };
    for (const [workflow, root] of roots) {
      say(`${root}.name`);
      for (const state of Object.keys(workflow.states)) {
        say(`${root}.state.${state}`);
        say(`${root}.next.${state}`);
      }
      for (const transition of ['submit', ...workflow.transitions.map((step) => step.name)]) say(`${root}.event.${transition}`);
      for (const transition of workflow.transitions.filter((step) => step.by.some((who) => who !== 'applicant' && who !== 'system'))) {
        say(`${root}.action.${transition.name}`);
        for (const field of transitionFields(transition)) {
          if (t(keyFrom(`social-relief:fields.${field.name}`), { defaultValue: '' }) === '' && t(keyFrom(`fields.${field.name}`), { defaultValue: '' }) === '') missing.push(`fields.${field.name}`);
          for (const option of field.options ?? []) say(`social-relief:fields.choices.${field.name}.${option}`);
        }
      }
      for (const template of workflow.transitions.flatMap((step) => (step.notify ? [step.notify] : []))) say(`notifications.${template}`);
    }
    say('social-relief:workflow.errors.sameInvestigator');
    expect(missing).toEqual([]);
  });
});
