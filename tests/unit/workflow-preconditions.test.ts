/**
 * The workflow engine's generic parts added for the relief workflows (docs/decisions/043), on a
 * made-up service no production code names: a step required first (since another, where a setting
 * says so), a pause that depends on a setting, a deadline extended once, an input bounded by a
 * figure setting, radios from an enum, and the definition's checks of each.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWorkingDayCalendar, HolidayYearSchema } from '../../api/domain/calendar/working-days.ts';
import {
  applyTransition,
  availableTransitions,
  definitionProblems,
  PREVIOUS_STATE,
  startDeadlines,
  transitionFields,
  type Actor,
  type CaseSnapshot,
  type ServiceDefinition,
} from '../../api/domain/workflow/workflow.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const clock = (today: string) => ({ today, calendar });
const clerk: Actor = { kind: 'staff', staffId: 's-1', roles: ['intake'], offices: ['o'], serviceAreas: ['test'] };

const service: ServiceDefinition = {
  id: 'made-up',
  serviceArea: 'test',
  initialState: 'open',
  states: { open: {}, waiting: {}, done: { terminal: true } },
  deadlines: { whole: { workingDays: 30, extendableTo: 45 } },
  settings: { pause: { values: ['yes', 'no'], default: 'no' }, flagged: { values: ['yes', 'no'], default: 'no' }, cap: { default: '0' } },
  transitions: [
    { name: 'hear', from: ['open'], to: '@same', by: ['intake'], visibility: 'internal' },
    { name: 'visit', from: ['open'], to: '@same', by: ['intake'], visibility: 'internal' },
    { name: 'cut', from: ['open'], to: '@same', by: ['intake'], requires: [{ transition: 'hear', since: ['cut'] }], visibility: 'applicant' },
    { name: 'finish', from: ['open'], to: 'done', by: ['intake'], requires: [{ transition: 'visit', where: { setting: 'flagged', is: 'yes' } }], visibility: 'applicant' },
    { name: 'ask', from: ['open'], to: 'waiting', by: ['intake'], pausesClock: { setting: 'pause', is: 'yes' }, visibility: 'applicant' },
    { name: 'answer', from: ['waiting'], to: PREVIOUS_STATE, by: ['intake'], resumesClock: true, visibility: 'applicant' },
    { name: 'extend', from: ['open', 'waiting'], to: '@same', by: ['intake'], extendsDeadline: 'whole', visibility: 'applicant' },
    {
      name: 'grant',
      from: ['open'],
      to: '@same',
      by: ['intake'],
      input: z.object({ amount: z.number().int(), kind: z.enum(['cash', 'goods']).meta({ control: 'radios' }) }),
      inputLimits: [{ field: 'amount', atMost: 'cap' }],
      visibility: 'applicant',
    },
  ],
};

const opened = (extra: Partial<CaseSnapshot> = {}): CaseSnapshot => ({ state: 'open', version: 1, office: 'o', deadlines: startDeadlines(service, ['whole'], clock('2026-11-02')), steps: ['submit'], ...extra });
const take = (snapshot: CaseSnapshot, name: string, today = '2026-11-02', input: unknown = {}) => applyTransition(service, snapshot, name, clerk, input, clock(today));
const after = (snapshot: CaseSnapshot, ...names: string[]) =>
  names.reduce((current, name) => {
    const outcome = take(current, name);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.refusal.code}`);
    return { ...outcome.result.snapshot, ...(current.settings ? { settings: current.settings } : {}) };
  }, snapshot);

describe('a step required first', () => {
  it('refuses the transition until the step is taken, naming it, and offers it only then', () => {
    expect(take(opened(), 'cut')).toEqual({ ok: false, refusal: { code: 'step_missing', transition: 'hear' } });
    expect(availableTransitions(service, opened(), clerk, '2026-11-02').map((t) => t.name)).not.toContain('cut');
    const heard = after(opened(), 'hear');
    expect(heard.steps).toEqual(['submit', 'hear']);
    expect(take(heard, 'cut').ok).toBe(true);
    expect(availableTransitions(service, heard, clerk, '2026-11-02').map((t) => t.name)).toContain('cut');
  });

  it('wants it again after each of the transitions named in `since`', () => {
    const cutOnce = after(opened(), 'hear', 'cut');
    expect(take(cutOnce, 'cut')).toMatchObject({ ok: false, refusal: { code: 'step_missing' } });
    expect(take(after(cutOnce, 'hear'), 'cut').ok).toBe(true);
  });

  it('applies only where its setting has the value', () => {
    expect(take(opened(), 'finish').ok).toBe(true);
    const flagged = opened({ settings: { flagged: 'yes' } });
    expect(take(flagged, 'finish')).toEqual({ ok: false, refusal: { code: 'step_missing', transition: 'visit' } });
    expect(take(after(flagged, 'visit'), 'finish').ok).toBe(true);
  });

  it('is missing on a case read without its steps', () => {
    const { steps: _none, ...withoutSteps } = opened();
    expect(take(withoutSteps, 'cut')).toMatchObject({ ok: false, refusal: { code: 'step_missing' } });
  });
});

describe('a pause that depends on a setting', () => {
  it('keeps the clock running where the setting says no, and still returns to the state it left', () => {
    const asked = after(opened(), 'ask');
    expect(asked).toMatchObject({ state: 'waiting', previousState: 'open' });
    expect(asked.deadlines[0]?.pausedOn).toBeUndefined();
    expect(after(asked, 'answer')).toMatchObject({ state: 'open', deadlines: [{ dueOn: '2026-12-14' }] });
  });

  it('stops it where the setting says yes, and adds the days back on the answer', () => {
    const asked = after(opened({ settings: { pause: 'yes' } }), 'ask');
    expect(asked.deadlines[0]?.pausedOn).toBe('2026-11-02');
    const outcome = take(asked, 'answer', '2026-11-09');
    // Five working days waited (3–6 and 9 November): due five working days later than 14 December.
    expect(outcome.ok && outcome.result.snapshot.deadlines[0]).toMatchObject({ dueOn: '2026-12-21' });
  });
});

describe('a deadline extended', () => {
  it('moves the due day to its extendable working days from the start, once', () => {
    const extended = after(opened(), 'extend');
    // 30 working days from 2 November 2026 end on 14 December; 45 on 5 January 2027 (1 January is New Year's Day).
    expect(opened().deadlines[0]?.dueOn).toBe('2026-12-14');
    expect(extended.deadlines[0]).toMatchObject({ dueOn: '2027-01-05', extendedOn: '2026-11-02' });
    expect(take(extended, 'extend')).toEqual({ ok: false, refusal: { code: 'not_extendable', deadline: 'whole' } });
    expect(availableTransitions(service, extended, clerk, '2026-11-02').map((t) => t.name)).not.toContain('extend');
  });

  it('is not possible once the deadline has stopped', () => {
    const stopped = opened({ deadlines: [{ key: 'whole', startedOn: '2026-11-02', dueOn: '2026-12-14', stoppedOn: '2026-11-20' }] });
    expect(take(stopped, 'extend')).toMatchObject({ ok: false, refusal: { code: 'not_extendable' } });
  });
});

describe('an input bounded by a figure setting', () => {
  it.each([
    { cap: '300000', amount: 300_000, ok: true, why: 'exactly at the cap' },
    { cap: '300000', amount: 300_001, ok: false, why: 'a fen over' },
    { cap: undefined, amount: 1, ok: false, why: 'no cap in force: the default 0' },
  ])('$why', ({ cap, amount, ok }) => {
    const outcome = take(opened(cap ? { settings: { cap } } : {}), 'grant', '2026-11-02', { amount, kind: 'cash' });
    expect(outcome.ok).toBe(ok);
    if (!outcome.ok) {
      expect(outcome.refusal.code).toBe('invalid_input');
      if (outcome.refusal.code === 'invalid_input') expect(outcome.refusal.error.issues).toMatchObject([{ path: ['amount'], message: 'errors.workbench.overLimit' }]);
    }
  });

  it('asks an enum field as radios with its values', () => {
    expect(transitionFields(service.transitions.find((t) => t.name === 'grant')!)).toEqual([
      { name: 'amount', control: 'text' },
      { name: 'kind', control: 'radios', options: ['cash', 'goods'] },
    ]);
  });
});

describe('the definition’s checks of these parts', () => {
  it('finds none in a sound definition', () => {
    expect(definitionProblems(service)).toEqual([]);
  });

  it('names a required step, a condition, an extension and a limit that do not fit', () => {
    const broken: ServiceDefinition = {
      ...service,
      deadlines: { whole: { workingDays: 30, extendableTo: 30 }, other: { workingDays: 5 } },
      settings: { ...service.settings, cap: { default: 'many' } },
      transitions: [
        { name: 'a', from: ['open'], to: '@same', by: ['intake'], requires: [{ transition: 'nowhere', where: { setting: 'flagged', is: 'maybe' } }], visibility: 'internal' },
        { name: 'b', from: ['open'], to: '@same', by: ['intake'], pausesClock: { setting: 'unknown', is: 'yes' }, extendsDeadline: 'other', inputLimits: [{ field: 'x', atMost: 'pause' }], visibility: 'internal' },
      ],
    };
    expect(definitionProblems(broken)).toEqual([
      'a: maybe is not a value of setting flagged',
      'a: requires nowhere, which is not a transition',
      'b: setting unknown is not defined',
      'b: deadline other is not extendable',
      'b: setting pause is a choice, not a figure',
      'b: limits x, which is not an input field',
      'setting cap: its default many is not one of its values',
      'deadline whole: extendable to 30, not more than its 30 working days',
    ]);
  });
});
