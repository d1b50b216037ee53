/**
 * Time conditions on transitions (TransitionDefinition.when), checked by the workflow engine for
 * every service: a no-show only once the appointment's time is over, an arrival not before its day,
 * a no-show undone only on the day it was marked. Table-driven at the edges, to the minute.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appointmentMoments } from '../../api/engine/booking/appointment-moments.ts';
import { HolidayYearSchema, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import {
  applyTransition,
  availableTransitions,
  definitionProblems,
  laterTransitions,
  type Actor,
  type CaseSnapshot,
  type ServiceDefinition,
} from '../../api/domain/workflow/workflow.ts';
import { divorceWorkflow } from '../../api/services/marriage/divorce-workflow.ts';
import { marriageAppointmentWorkflow } from '../../api/services/marriage/workflow.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const clerk: Actor = { kind: 'staff', staffId: 'clerk', roles: ['intake'], offices: ['county'], serviceAreas: ['marriage'] };
const applicant: Actor = { kind: 'applicant' };

/** An appointment on Thursday 10 December 2026, 09:00–09:30. */
const ON_THE_DAY = { appointmentStart: '2026-12-10T09:00', appointmentEnd: '2026-12-10T09:30' };
const booked: CaseSnapshot = { state: 'booked', version: 1, office: 'county', deadlines: [], moments: ON_THE_DAY };
/** Marked not come at 09:45 on the day. */
const missed: CaseSnapshot = { ...booked, state: 'no-show', version: 2, moments: { ...ON_THE_DAY, appointmentMissedAt: '2026-12-10T09:45' } };

const attempt = (workflow: ServiceDefinition, snapshot: CaseSnapshot, name: string, time: string | undefined, input: unknown = {}) => {
  const outcome = applyTransition(workflow, snapshot, name, name.startsWith('undo') ? clerk : name === 'cancel' ? applicant : clerk, input, { today: (time ?? '2026-12-10').slice(0, 10), ...(time ? { time } : {}), calendar });
  return outcome.ok ? { ok: true } : outcome.refusal;
};
const REASON = { reason: '登记员误点，当事人已到场' };

describe.each([
  ['a marriage registration', marriageAppointmentWorkflow],
  ['a divorce’s first visit', divorceWorkflow],
] as const)('the registry clerk’s steps on %s', (_name, workflow) => {
  it.each([
    // The walkthrough's case: marked on 6 December for the 10th.
    ['mark-no-show', booked, '2026-12-06T10:00', { code: 'not_now', from: '2026-12-10T09:30' }],
    ['mark-no-show', booked, '2026-12-10T08:59', { code: 'not_now', from: '2026-12-10T09:30' }],
    // A couple may still come at any time in their slot.
    ['mark-no-show', booked, '2026-12-10T09:00', { code: 'not_now', from: '2026-12-10T09:30' }],
    ['mark-no-show', booked, '2026-12-10T09:29', { code: 'not_now', from: '2026-12-10T09:30' }],
    ['mark-no-show', booked, '2026-12-10T09:30', { ok: true }],
    ['mark-no-show', booked, '2026-12-11T08:00', { ok: true }],
    ['mark-arrived', booked, '2026-12-09T23:59', { code: 'not_now', from: '2026-12-10T00:00' }],
    ['mark-arrived', booked, '2026-12-10T00:00', { ok: true }],
    // Early on the day is fine: the couple is there.
    ['mark-arrived', booked, '2026-12-10T08:40', { ok: true }],
    ['undo-no-show', missed, '2026-12-10T09:46', { ok: true }],
    ['undo-no-show', missed, '2026-12-10T23:59', { ok: true }],
    ['undo-no-show', missed, '2026-12-11T00:00', { code: 'not_now', until: '2026-12-10T23:59' }],
    // Nothing marked missed (the case read without that moment): nothing to undo.
    ['undo-no-show', { ...missed, moments: ON_THE_DAY }, '2026-12-10T10:00', { code: 'not_now' }],
    // A case read without its moments, or a clock without the time of day, allows none of them.
    ['mark-no-show', { ...booked, moments: {} }, '2026-12-11T08:00', { code: 'not_now' }],
    ['mark-no-show', booked, undefined, { code: 'not_now' }],
  ] as const)('%s in %s at %s: %j', (name, snapshot, time, expected) => {
    expect(attempt(workflow, snapshot, name, time, name.startsWith('undo') ? REASON : {})).toEqual(expected);
  });

  it('offers each step only when it is possible, and says when the others will be', () => {
    const offered = (snapshot: CaseSnapshot, time: string) => availableTransitions(workflow, snapshot, clerk, time.slice(0, 10), time).map((t) => t.name);
    const later = (snapshot: CaseSnapshot, time: string) => laterTransitions(workflow, snapshot, clerk, time.slice(0, 10), time).map(({ transition, from }) => [transition.name, from]);
    expect(offered(booked, '2026-12-06T10:00')).toEqual([]);
    expect(later(booked, '2026-12-06T10:00')).toEqual([
      ['mark-arrived', '2026-12-10T00:00'],
      ['mark-no-show', '2026-12-10T09:30'],
    ]);
    expect(offered(booked, '2026-12-10T09:10')).toEqual(['mark-arrived']);
    expect(offered(booked, '2026-12-10T09:30')).toEqual(['mark-arrived', 'mark-no-show']);
    expect(later(booked, '2026-12-10T09:30')).toEqual([]);
    expect(offered(missed, '2026-12-10T16:00')).toEqual(['undo-no-show']);
    expect(offered(missed, '2026-12-11T08:00')).toEqual([]);
    // Not "later" either: the undo's time has passed for good.
    expect(later(missed, '2026-12-11T08:00')).toEqual([]);
  });

  it('undoes a no-show back to booked, with the reason kept, and the couple told', () => {
    const outcome = applyTransition(workflow, missed, 'undo-no-show', clerk, REASON, { today: '2026-12-10', time: '2026-12-10T10:00', calendar });
    expect(outcome.ok && outcome.result.snapshot.state).toBe('booked');
    expect(outcome.ok && outcome.result.event).toMatchObject({ from: 'no-show', to: 'booked', visibility: 'applicant', input: REASON });
    expect(outcome.ok && outcome.result.notify).toBe('case.noShowUndone');
    // Without a reason it is refused on the field.
    expect(attempt(workflow, missed, 'undo-no-show', '2026-12-10T10:00', {})).toMatchObject({ code: 'invalid_input' });
    // Only the registry clerk undoes it, never the applicant.
    expect(applyTransition(workflow, missed, 'undo-no-show', applicant, REASON, { today: '2026-12-10', time: '2026-12-10T10:00', calendar })).toEqual({ ok: false, refusal: { code: 'not_permitted' } });
  });
});

describe('a divorce’s second visit', () => {
  const secondBooked: CaseSnapshot = { state: 'second-booked', version: 5, office: 'county', deadlines: [], moments: { appointmentStart: '2027-01-12T14:00', appointmentEnd: '2027-01-12T14:30' } };
  const secondMissed: CaseSnapshot = { ...secondBooked, state: 'divorce-accepted', version: 6, moments: { ...secondBooked.moments, appointmentMissedAt: '2027-01-12T16:50' } };

  it.each([
    ['mark-no-show-second', secondBooked, '2027-01-12T14:29', { code: 'not_now', from: '2027-01-12T14:30' }],
    ['mark-no-show-second', secondBooked, '2027-01-12T14:30', { ok: true }],
    ['mark-arrived-second', secondBooked, '2027-01-11T17:00', { code: 'not_now', from: '2027-01-12T00:00' }],
    ['mark-arrived-second', secondBooked, '2027-01-12T13:55', { ok: true }],
    ['undo-no-show-second', secondMissed, '2027-01-12T17:00', { ok: true }],
    ['undo-no-show-second', secondMissed, '2027-01-13T09:00', { code: 'not_now', until: '2027-01-12T23:59' }],
    // Accepted at the first visit (its visit completed, none missed): there is no no-show to undo.
    ['undo-no-show-second', { ...secondMissed, moments: secondBooked.moments }, '2027-01-12T17:00', { code: 'not_now' }],
  ] as const)('%s in %s at %s: %j', (name, snapshot, time, expected) => {
    expect(attempt(divorceWorkflow, snapshot, name, time, name.startsWith('undo') ? REASON : {})).toEqual(expected);
  });

  it('undone, is booked again', () => {
    const outcome = applyTransition(divorceWorkflow, secondMissed, 'undo-no-show-second', clerk, REASON, { today: '2027-01-12', time: '2027-01-12T17:00', calendar });
    expect(outcome.ok && outcome.result.snapshot.state).toBe('second-booked');
    expect(outcome.ok && outcome.result.notify).toBe('case.secondVisitNoShowUndone');
  });
});

describe('time conditions in a service definition', () => {
  it('name only moments the service’s cases carry', () => {
    expect(definitionProblems(marriageAppointmentWorkflow)).toEqual([]);
    expect(definitionProblems(divorceWorkflow)).toEqual([]);
    const { moments: _moments, ...withoutMoments } = marriageAppointmentWorkflow;
    expect(definitionProblems(withoutMoments)).toContain('mark-no-show: moment appointmentEnd is not one the case carries');
  });

  it('leave transitions without one as they were, whatever the clock says', () => {
    expect(attempt(marriageAppointmentWorkflow, { ...booked, moments: {} }, 'cancel', undefined)).toEqual({ ok: true });
  });
});

describe('the moments an appointment gives its case', () => {
  it.each([
    ['booked', { date: '2026-12-10', start: '09:00', end: '09:30', status: 'active', updatedAt: '2026-11-25T02:00:00.000Z' }, ON_THE_DAY],
    // Marked missed at 01:45 UTC, 09:45 in China.
    ['missed', { date: '2026-12-10', start: '09:00', end: '09:30', status: 'no-show', updatedAt: '2026-12-10T01:45:30.000Z' }, { ...ON_THE_DAY, appointmentMissedAt: '2026-12-10T09:45' }],
    // Marked at 15:30 UTC, which is 23:30 on the 10th in China: the day that counts is China's.
    ['missed late', { date: '2026-12-10', start: '09:00', end: '09:30', status: 'no-show', updatedAt: '2026-12-10T15:30:00.000Z' }, { ...ON_THE_DAY, appointmentMissedAt: '2026-12-10T23:30' }],
    ['none', undefined, {}],
  ] as const)('%s', (_name, appointment, expected) => {
    expect(appointmentMoments(appointment)).toEqual(expected);
  });
});
