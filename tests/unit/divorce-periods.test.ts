import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bookingSuspendedUntil } from '../../api/engine/booking/no-show-rule.ts';
import { checkBookable, dayState, ResourceScheduleSchema } from '../../api/engine/booking/schedule.ts';
import { HolidayYearSchema, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { applicantStopNow, applyTransition, availableTransitions, definitionProblems, type Actor, type CaseSnapshot } from '../../api/domain/workflow/workflow.ts';
import { divorceWorkflow, secondVisitWindow } from '../../api/services/marriage/divorce-workflow.ts';
import { marriageAppointmentWorkflow } from '../../api/services/marriage/workflow.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const clerk: Actor = { kind: 'staff', staffId: 'clerk', roles: ['intake'], offices: ['county'], serviceAreas: ['marriage'] };
const applicant: Actor = { kind: 'applicant' };
const system: Actor = { kind: 'system' };

// Steps are taken at noon; the case keeps the moments of its visit (mark-arrived is not possible before its day).
function take(snapshot: CaseSnapshot, name: string, actor: Actor, today: string): CaseSnapshot {
  const outcome = applyTransition(divorceWorkflow, snapshot, name, actor, {}, { today, time: `${today}T12:00`, calendar });
  if (!outcome.ok) throw new Error(`${name} refused: ${outcome.refusal.code}`);
  return { ...outcome.result.snapshot, ...(snapshot.moments ? { moments: snapshot.moments } : {}) };
}
function acceptedOn(day: string): CaseSnapshot {
  const booked: CaseSnapshot = { state: 'booked', version: 1, office: 'county', deadlines: [], moments: { appointmentStart: `${day}T09:00`, appointmentEnd: `${day}T09:30` } };
  return take(take(booked, 'mark-arrived', clerk, day), 'accept', clerk, day);
}
const refusal = (snapshot: CaseSnapshot, name: string, actor: Actor, today: string) => {
  const outcome = applyTransition(divorceWorkflow, snapshot, name, actor, {}, { today, time: `${today}T12:00`, calendar });
  return outcome.ok ? 'allowed' : outcome.refusal.code;
};

describe('the divorce workflow definition', () => {
  it('is consistent, like every service', () => {
    expect(definitionProblems(divorceWorkflow)).toEqual([]);
    expect(definitionProblems(marriageAppointmentWorkflow)).toEqual([]);
  });
});

describe('the cooling-off period and the window for the second visit (Civil Code arts. 1077, 201, 203)', () => {
  it('count 30 days each from the day after acceptance', () => {
    expect(acceptedOn('2026-06-01').periods).toEqual([
      { key: 'cooling-off', from: '2026-06-02', to: '2026-07-01' },
      { key: 'second-visit', from: '2026-07-02', to: '2026-07-31' },
    ]);
  });

  it('end on the next working day when the 30th day is a holiday, and the window then starts the day after', () => {
    // Accepted 1 September: day 30 is 1 October, inside the National Day holiday (1–7 October 2026),
    // so the cooling-off period ends on Thursday 8 October; the window's 30th day, Saturday 7
    // November, moves to Monday 9 November.
    expect(acceptedOn('2026-09-01').periods).toEqual([
      { key: 'cooling-off', from: '2026-09-02', to: '2026-10-08' },
      { key: 'second-visit', from: '2026-10-09', to: '2026-11-09' },
    ]);
  });

  it('end on the next working day when the 30th day is a weekend', () => {
    // Accepted Tuesday 3 November: day 30 of the cooling-off is Thursday 3 December; the window's 30th day, Saturday 2 January 2027, moves to Monday 4 January.
    expect(acceptedOn('2026-11-03').periods?.[1]).toEqual({ key: 'second-visit', from: '2026-12-04', to: '2027-01-04' });
  });

  it('allow withdrawal online until the last day of the cooling-off period, and not after, whichever way the office takes it', () => {
    // By default a request the office confirms; where the province allows it, a withdrawal at once.
    const accepted = acceptedOn('2026-06-01');
    expect(refusal(accepted, 'request-withdrawal', applicant, '2026-07-01')).toBe('allowed');
    expect(applicantStopNow(divorceWorkflow, accepted, '2026-07-01')).toBe('request-withdrawal');
    expect(refusal(accepted, 'request-withdrawal', applicant, '2026-07-02')).toBe('outside_period');
    const immediate: CaseSnapshot = { ...accepted, settings: { withdrawal: 'immediate' } };
    expect(refusal(immediate, 'withdraw', applicant, '2026-07-01')).toBe('allowed');
    expect(applicantStopNow(divorceWorkflow, immediate, '2026-07-01')).toBe('withdraw');
    expect(refusal(immediate, 'withdraw', applicant, '2026-07-02')).toBe('outside_period');
    expect(applicantStopNow(divorceWorkflow, accepted, '2026-07-02')).toBeUndefined();
  });

  it('let the second visit be booked until the window closes, and the application lapse only after it', () => {
    const accepted = acceptedOn('2026-06-01');
    expect(availableTransitions(divorceWorkflow, accepted, applicant, '2026-06-02').map((t) => t.name)).toEqual(['request-withdrawal', 'book-second-visit']);
    expect(availableTransitions(divorceWorkflow, accepted, applicant, '2026-08-01').map((t) => t.name)).toEqual([]);
    expect(refusal(accepted, 'lapse', system, '2026-07-31')).toBe('outside_period');
    expect(take(accepted, 'lapse', system, '2026-08-01').state).toBe('lapsed');
    expect(refusal(accepted, 'lapse', applicant, '2026-08-01')).toBe('not_permitted');
  });

  it('keep their dates through later steps, and give the booking engine the window while the second visit is due', () => {
    const accepted = acceptedOn('2026-06-01');
    expect(secondVisitWindow(accepted)).toEqual({ from: '2026-07-02', to: '2026-07-31' });
    const booked = take(accepted, 'book-second-visit', applicant, '2026-06-10');
    expect(booked.periods).toEqual(accepted.periods);
    expect(secondVisitWindow(booked)).toEqual({ from: '2026-07-02', to: '2026-07-31' });
    // Moving the second visit keeps the case where it is.
    expect(take(booked, 'reschedule', applicant, '2026-06-11').state).toBe('second-booked');
    expect(secondVisitWindow(take(take(booked, 'mark-arrived-second', clerk, '2026-07-02'), 'register', clerk, '2026-07-02'))).toBeUndefined();
  });
});

describe('booking inside a case’s own window', () => {
  const schedule = ResourceScheduleSchema.parse({
    weekly: { '1': [{ from: '09:00', to: '10:00' }], '2': [{ from: '09:00', to: '10:00' }], '3': [{ from: '09:00', to: '10:00' }], '4': [{ from: '09:00', to: '10:00' }], '5': [{ from: '09:00', to: '10:00' }] },
    slotMinutes: 30,
    placesPerSlot: { divorce: 2 },
    window: { minDaysAhead: 1, maxDaysAhead: 30 },
  });
  const clock = { today: '2026-06-01', now: new Date('2026-06-01T02:00:00Z'), calendar };
  const window = { from: '2026-07-02', to: '2026-07-31' };

  it('reaches beyond the office’s usual 30 days ahead, but only inside the window', () => {
    expect(dayState(schedule, '2026-07-02', 'divorce', new Map(), clock).state).toBe('beyond-window');
    expect(dayState(schedule, '2026-07-02', 'divorce', new Map(), clock, window)).toEqual({ state: 'available', placesLeft: 4 });
    expect(dayState(schedule, '2026-07-01', 'divorce', new Map(), clock, window).state).toBe('outside-window');
    expect(checkBookable(schedule, { date: '2026-08-03', start: '09:00' }, 'divorce', clock, window)).toEqual({ ok: false, refusal: 'outside-window' });
    expect(checkBookable(schedule, { date: '2026-07-31', start: '09:30' }, 'divorce', clock, window)).toEqual({ ok: true, capacity: 2, end: '10:00' });
  });

  it('still refuses a closed day inside the window', () => {
    // Saturday 4 July 2026.
    expect(checkBookable(schedule, { date: '2026-07-04', start: '09:00' }, 'divorce', clock, window)).toEqual({ ok: false, refusal: 'closed' });
  });
});

describe('repeated no-shows', () => {
  it('suspend booking for 15 days after the second within 30 days', () => {
    expect(bookingSuspendedUntil(['2026-12-01', '2026-12-10'], '2026-12-11')).toBe('2026-12-25');
    expect(bookingSuspendedUntil(['2026-12-01', '2026-12-10'], '2026-12-25')).toBe('2026-12-25');
    expect(bookingSuspendedUntil(['2026-12-01', '2026-12-10'], '2026-12-26')).toBeUndefined();
  });

  it('do not suspend for one no-show, or two more than 30 days apart', () => {
    expect(bookingSuspendedUntil(['2026-12-01'], '2026-12-02')).toBeUndefined();
    expect(bookingSuspendedUntil(['2026-10-01', '2026-12-01'], '2026-12-02')).toBeUndefined();
    expect(bookingSuspendedUntil(['2026-12-01', '2026-10-01', '2026-12-20'], '2026-12-21')).toBe('2027-01-04');
  });
});
