import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HolidayYearSchema, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import {
  applyTransition,
  availableTransitions,
  deadlineStatus,
  definitionProblems,
  sealedFields,
  staffOnlyFields,
  startDeadlines,
  type Actor,
  type CaseSnapshot,
  type Clock,
  type StaffRole,
} from '../../api/domain/workflow/workflow.ts';
import { oldAgeAllowanceWorkflow as workflow } from '../../api/services/old-age-allowance/workflow.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const on = (today: string): Clock => ({ today, calendar });
const staff = (role: StaffRole, scope: Partial<{ offices: string[]; serviceAreas: string[] }> = {}): Actor => ({
  kind: 'staff',
  staffId: `${role}-1`,
  roles: [role],
  offices: scope.offices ?? ['district-a'],
  serviceAreas: scope.serviceAreas ?? ['allowances'],
});
const applicant: Actor = { kind: 'applicant' };

function submittedOn(today: string): CaseSnapshot {
  return { state: 'submitted', version: 1, office: 'district-a', deadlines: startDeadlines(workflow, workflow.initialDeadlines ?? [], on(today)) };
}

function take(snapshot: CaseSnapshot, name: string, actor: Actor, input: unknown, today: string): CaseSnapshot {
  const outcome = applyTransition(workflow, snapshot, name, actor, input, on(today));
  if (!outcome.ok) throw new Error(`${name} refused: ${outcome.refusal.code}`);
  return outcome.result.snapshot;
}

describe('the old-age allowance workflow definition', () => {
  it('is consistent: every state, deadline and transition it names exists', () => {
    expect(definitionProblems(workflow)).toEqual([]);
  });

  it('asks the reviewer for an opinion (审核意见) that is the office’s record only, kept from the applicant', () => {
    const transition = (name: string) => workflow.transitions.find((t) => t.name === name);
    expect(staffOnlyFields(transition('review'))).toEqual(['opinion']);
    expect(staffOnlyFields(transition('approve'))).toEqual([]);
    expect(staffOnlyFields(transition('accept'))).toEqual([]);
    const accepted = take(submittedOn('2026-11-02'), 'accept', staff('intake'), {}, '2026-11-02');
    const outcome = applyTransition(workflow, accepted, 'review', staff('reviewer'), {}, on('2026-11-03'));
    expect(outcome.ok ? 'reviewed' : outcome.refusal.code).toBe('invalid_input');
  });

  it('seals what an officer types (the opinion, a reason, the 补正 list) in the timeline, and nothing the texts show as figures', () => {
    const transition = (name: string) => workflow.transitions.find((t) => t.name === name);
    expect(sealedFields(transition('review'))).toEqual(['opinion']);
    expect(sealedFields(transition('request-documents'))).toEqual(['documents']);
    expect(sealedFields(transition('refuse'))).toEqual(['reason']);
    expect(sealedFields(transition('not-accept'))).toEqual(['reason']);
    expect(sealedFields(transition('approve'))).toEqual([]);
    // A refusal's reason is sealed at rest, not hidden: the applicant still reads it.
    expect(staffOnlyFields(transition('refuse'))).toEqual([]);
  });

  it('is checked: a definition naming an unknown state is reported', () => {
    const broken = { ...workflow, transitions: [...workflow.transitions, { name: 'x', from: ['nowhere'], to: 'approved', by: ['approver'] as const, visibility: 'internal' as const }] };
    expect(definitionProblems(broken)).toContain('x: from nowhere is not a state');
  });
});

describe('applying a transition', () => {
  it('takes a case from submission to approval, each step by its role, notifying the applicant', () => {
    let snapshot = submittedOn('2026-11-02');
    expect(snapshot.deadlines).toEqual([{ key: 'acceptance', startedOn: '2026-11-02', dueOn: '2026-11-09' }]);
    snapshot = take(snapshot, 'accept', staff('intake'), {}, '2026-11-03');
    snapshot = take(snapshot, 'review', staff('reviewer'), { opinion: '经审核，符合申领条件，同意上报审批。' }, '2026-11-10');
    const outcome = applyTransition(workflow, snapshot, 'approve', staff('approver'), { monthlyAmount: '100', firstMonth: '2026-12' }, on('2026-11-12'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.snapshot).toMatchObject({ state: 'approved', version: 4 });
    expect(outcome.result.event).toEqual({ transition: 'approve', from: 'reviewed', to: 'approved', visibility: 'applicant', input: { monthlyAmount: 100, firstMonth: '2026-12' } });
    expect(outcome.result.notify).toBe('case.approved');
    expect(outcome.result.snapshot.deadlines).toEqual([
      { key: 'acceptance', startedOn: '2026-11-02', dueOn: '2026-11-09', stoppedOn: '2026-11-03' },
      { key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-01', stoppedOn: '2026-11-12' },
    ]);
  });

  it('refuses a transition from the wrong state, whoever asks', () => {
    const outcome = applyTransition(workflow, submittedOn('2026-11-02'), 'approve', staff('approver'), { monthlyAmount: 100, firstMonth: '2026-12' }, on('2026-11-02'));
    expect(outcome).toEqual({ ok: false, refusal: { code: 'wrong_state', state: 'submitted' } });
  });

  it('refuses a role that may not take it, and an applicant acting as staff', () => {
    expect(applyTransition(workflow, submittedOn('2026-11-02'), 'accept', staff('reviewer'), {}, on('2026-11-02'))).toEqual({ ok: false, refusal: { code: 'not_permitted' } });
    expect(applyTransition(workflow, submittedOn('2026-11-02'), 'accept', applicant, {}, on('2026-11-02'))).toEqual({ ok: false, refusal: { code: 'not_permitted' } });
  });

  it('refuses staff of another office or service area', () => {
    expect(applyTransition(workflow, submittedOn('2026-11-02'), 'accept', staff('intake', { offices: ['district-b'] }), {}, on('2026-11-02'))).toEqual({ ok: false, refusal: { code: 'out_of_scope' } });
    expect(applyTransition(workflow, submittedOn('2026-11-02'), 'accept', staff('intake', { serviceAreas: ['marriage'] }), {}, on('2026-11-02'))).toEqual({ ok: false, refusal: { code: 'out_of_scope' } });
  });

  it('requires the fields a transition needs, such as a reason for refusing', () => {
    const outcome = applyTransition(workflow, submittedOn('2026-11-02'), 'not-accept', staff('intake'), { reason: '' }, on('2026-11-02'));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.refusal.code).toBe('invalid_input');
  });

  it('refuses an unknown transition', () => {
    expect(applyTransition(workflow, submittedOn('2026-11-02'), 'teleport', staff('system-admin'), {}, on('2026-11-02'))).toEqual({ ok: false, refusal: { code: 'unknown_transition' } });
  });

  it('never leaves a terminal state', () => {
    const refused = take(take(take(submittedOn('2026-11-02'), 'accept', staff('intake'), {}, '2026-11-02'), 'review', staff('reviewer'), { opinion: '经审核，符合申领条件' }, '2026-11-03'), 'refuse', staff('approver'), { reason: '未达到年龄' }, '2026-11-04');
    for (const t of workflow.transitions) {
      expect(applyTransition(workflow, refused, t.name, staff('system-admin'), {}, on('2026-11-05')).ok, t.name).toBe(false);
    }
    expect(applyTransition(workflow, refused, 'withdraw', applicant, {}, on('2026-11-05')).ok).toBe(false);
  });
});

describe('the clock pause for 补正', () => {
  it('stops the deadline while the applicant gathers documents and returns the case to its stage', () => {
    let snapshot = take(submittedOn('2026-11-02'), 'accept', staff('intake'), {}, '2026-11-03');
    expect(snapshot.deadlines.find((d) => d.key === 'decision')?.dueOn).toBe('2026-12-01');
    snapshot = take(snapshot, 'request-documents', staff('intake'), { documents: '银行卡复印件' }, '2026-11-05');
    expect(snapshot.state).toBe('awaiting-documents');
    expect(deadlineStatus(snapshot.deadlines.find((d) => d.key === 'decision')!, on('2026-12-20'))).toBe('paused');
    // Five working days later (6–12 November) the applicant answers: the due date moves five working days on.
    snapshot = take(snapshot, 'provide-documents', applicant, {}, '2026-11-12');
    expect(snapshot.state).toBe('accepted');
    expect(snapshot.deadlines.find((d) => d.key === 'decision')).toEqual({ key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-08' });
  });
});

describe('what a staff member may do now', () => {
  it('is only the transitions of their role from the current state', () => {
    const snapshot = submittedOn('2026-11-02');
    expect(availableTransitions(workflow, snapshot, staff('intake'), '2026-11-02').map((t) => t.name)).toEqual(['accept', 'not-accept', 'request-documents']);
    expect(availableTransitions(workflow, snapshot, staff('approver'), '2026-11-02').map((t) => t.name)).toEqual(['request-documents']);
    expect(availableTransitions(workflow, snapshot, staff('intake', { offices: ['elsewhere'] }), '2026-11-02')).toEqual([]);
  });
});

describe('deadline status', () => {
  it('is computed from today: on time, due soon, overdue', () => {
    const [deadline] = submittedOn('2026-11-02').deadlines;
    if (!deadline) throw new Error('no deadline');
    expect(deadlineStatus(deadline, on('2026-11-02'))).toBe('on-time');
    expect(deadlineStatus(deadline, on('2026-11-05'))).toBe('due-soon');
    expect(deadlineStatus(deadline, on('2026-11-10'))).toBe('overdue');
  });
});
