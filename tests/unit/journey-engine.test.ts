/**
 * The journey engine (api/engine/journey, docs/decisions/028) on a journey of its own made for the
 * test: a household application with a task list, an add-another of household members and a
 * conditional step. What every journey gets from it: the route (steps asked by conditions over the
 * answers asked before them), back and next, no jumping ahead, saving a page (stale answers and
 * those of pages no longer asked dropped), change mode from the check page, the application's
 * nested answers, add another, the task list's statuses, and the contract check's findings.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addItem, changeItem, collectionState, itemsOf, removeItem } from '../../api/engine/journey/add-another.ts';
import { journeyProblems, satisfiable, schemaPaths } from '../../api/engine/journey/contract.ts';
import {
  afterSaving,
  answersOnRoute,
  CHECK,
  firstUnanswered,
  mayOpen,
  nestAnswers,
  nextStepOf,
  previousStepOf,
  routeOf,
  saveStep,
  settleAnswers,
  stepAsking,
  type CollectionDefinition,
  type JourneyDefinition,
} from '../../api/engine/journey/journey.ts';
import { readyToCheck, taskList } from '../../api/engine/journey/task-list.ts';

type Step = 'applicant' | 'has-income' | 'income' | 'household' | 'declaration';

const members: CollectionDefinition = {
  path: 'household',
  fields: [
    { path: 'name', control: 'text' },
    { path: 'relationship', control: 'radios', options: [{ value: 'spouse', label: 'r.spouse' }, { value: 'child', label: 'r.child' }] },
  ],
  min: 1,
  max: 3,
};

const journey: JourneyDefinition<Step> = {
  service: 'test-household',
  steps: [
    { step: 'applicant', section: 'about-you', fields: [{ path: 'applicant.name', control: 'text' }, { path: 'applicant.phone', control: 'text', optional: true }] },
    { step: 'has-income', section: 'money', fields: [{ path: 'hasIncome', control: 'radios', options: [{ value: 'yes', label: 'y' }, { value: 'no', label: 'n' }] }] },
    { step: 'income', section: 'money', when: { field: 'hasIncome', is: 'yes' }, fields: [{ path: 'income.monthly', control: 'text' }] },
    { step: 'household', kind: 'add-another', section: 'household', collection: 'members', fields: [] },
    { step: 'declaration', section: 'declare', fields: [{ path: 'declaration', control: 'checkbox' }] },
  ],
  collections: { members },
  sections: [{ id: 'about-you' }, { id: 'money' }, { id: 'household' }, { id: 'declare', after: ['about-you', 'money', 'household'] }],
  invalidates: { hasIncome: ['income'] },
};

const ids = (steps: readonly { step: string }[]) => steps.map((step) => step.step);
const whole = { 'applicant.name': '王芳', hasIncome: 'yes', 'income.monthly': '800', 'household.0.name': '李明', 'household.0.relationship': 'spouse', declaration: 'yes' };

describe('the journey engine', () => {
  it('asks a step only when its condition holds over the answers asked before it', () => {
    expect(ids(routeOf(journey, { hasIncome: 'no' }))).toEqual(['applicant', 'has-income', 'household', 'declaration']);
    expect(ids(routeOf(journey, { hasIncome: 'yes' }))).toEqual(['applicant', 'has-income', 'income', 'household', 'declaration']);
    // An answer of a step not asked does not steer: a condition on a skipped step's field never holds.
    const gated: JourneyDefinition = { ...journey, steps: [...journey.steps, { step: 'after-income', when: { field: 'income.monthly', answered: true }, fields: [] }] };
    expect(ids(routeOf(gated, { hasIncome: 'no', 'income.monthly': '800' }))).not.toContain('after-income');
    expect(ids(routeOf(gated, { hasIncome: 'yes', 'income.monthly': '800' }))).toContain('after-income');
  });

  it('gives the next and previous steps on the route, the check page after the last', () => {
    expect(nextStepOf(journey, 'has-income', { hasIncome: 'no' })).toBe('household');
    expect(nextStepOf(journey, 'has-income', { hasIncome: 'yes' })).toBe('income');
    expect(nextStepOf(journey, 'declaration', {})).toBe(CHECK);
    expect(previousStepOf(journey, 'household', { hasIncome: 'no' })).toBe('has-income');
    expect(previousStepOf(journey, 'applicant', {})).toBeUndefined();
    expect(previousStepOf(journey, CHECK, {})).toBe('declaration');
  });

  it('resumes at the first unanswered step, and opens no step beyond it (no jumping ahead by address)', () => {
    expect(firstUnanswered(journey, { 'applicant.name': '王芳' })).toBe('has-income');
    // An optional field does not hold a step open; an add-another step needs its minimum.
    expect(firstUnanswered(journey, { 'applicant.name': '王芳', hasIncome: 'no' })).toBe('household');
    expect(firstUnanswered(journey, whole)).toBe(CHECK);
    expect(mayOpen(journey, 'has-income', { 'applicant.name': '王芳' })).toBe(true);
    expect(mayOpen(journey, 'household', { 'applicant.name': '王芳' })).toBe(false);
    expect(mayOpen(journey, 'income', { ...whole, hasIncome: 'no' })).toBe(false);
    expect(mayOpen(journey, CHECK, whole)).toBe(true);
    expect(mayOpen(journey, CHECK, { ...whole, declaration: '' })).toBe(false);
  });

  it('saves a page: an unticked box is no longer answered, answers made stale and those of steps no longer asked are dropped, other kept values stay', () => {
    expect(saveStep(journey, 'declaration', whole, {})).not.toHaveProperty('declaration');
    const noIncome = saveStep(journey, 'has-income', { ...whole, 'codeSent.x': 'kept' }, { hasIncome: 'no' });
    expect(noIncome).not.toHaveProperty(['income.monthly']);
    expect(noIncome).toMatchObject({ hasIncome: 'no', 'codeSent.x': 'kept', 'household.0.name': '李明' });
    // The same answer again changes nothing.
    expect(saveStep(journey, 'has-income', whole, { hasIncome: 'yes' })).toEqual(whole);
  });

  it('compares answers as the journey says when deciding what a change makes stale', () => {
    const withPhone: JourneyDefinition<Step> = { ...journey, invalidates: { 'applicant.phone': ['proof'] }, sameAnswer: { 'applicant.phone': (value) => value.replace(/\s/g, '') } };
    const before = { ...whole, 'applicant.phone': '13900000001', proof: 'p' };
    expect(settleAnswers(withPhone, before, { ...before, 'applicant.phone': '139 0000 0001' })).toHaveProperty('proof', 'p');
    expect(settleAnswers(withPhone, before, { ...before, 'applicant.phone': '13900000002' })).not.toHaveProperty('proof');
  });

  it('returns a change from the check page to the check page, unless the change put an unanswered step on the route', () => {
    expect(afterSaving(journey, 'has-income', whole)).toEqual({ step: 'income', changing: false });
    expect(afterSaving(journey, 'applicant', whole, { changing: true })).toEqual({ step: CHECK, changing: false });
    const nowYes = saveStep(journey, 'has-income', { ...whole, hasIncome: 'no', 'income.monthly': '' }, { hasIncome: 'yes' });
    expect(afterSaving(journey, 'has-income', nowYes, { changing: true })).toEqual({ step: 'income', changing: true });
  });

  it('makes the application from the answers of the steps asked, lists nested, and finds the step asking for an answer', () => {
    const answers = { ...whole, hasIncome: 'no', 'household.1.name': '李小明', 'household.1.relationship': 'child', stray: 'x' };
    const asked = answersOnRoute(journey, answers);
    expect(asked).not.toHaveProperty(['income.monthly']);
    expect(asked).not.toHaveProperty('stray');
    expect(nestAnswers(journey, asked)).toEqual({
      applicant: { name: '王芳' },
      hasIncome: 'no',
      household: [
        { name: '李明', relationship: 'spouse' },
        { name: '李小明', relationship: 'child' },
      ],
      declaration: 'yes',
    });
    expect(stepAsking(journey, 'household.1.name', answers)).toBe('household');
    expect(stepAsking(journey, 'applicant', answers)).toBe('applicant');
    expect(stepAsking(journey, 'income.monthly', answers)).toBeUndefined();
  });
});

describe('add another', () => {
  const start = { 'applicant.name': '王芳' };
  it('adds up to the maximum, changes and removes an item, moving those after it down', () => {
    let answers: Record<string, string> = start;
    for (const name of ['甲', '乙', '丙']) {
      const added = addItem(members, answers, { name, relationship: 'child', stray: 'not kept' });
      if (!added.ok) throw new Error(added.reason);
      answers = added.answers;
    }
    expect(addItem(members, answers, { name: '丁' })).toEqual({ ok: false, reason: 'at-most' });
    expect(collectionState(members, answers)).toEqual({ count: 3, mayAdd: false, enough: true });
    expect(answers).not.toHaveProperty(['household.0.stray']);
    const changed = changeItem(members, answers, 1, { name: '乙二', relationship: 'spouse' });
    if (!changed.ok) throw new Error(changed.reason);
    expect(itemsOf(members, changed.answers)[1]).toEqual({ name: '乙二', relationship: 'spouse' });
    const removed = removeItem(members, changed.answers, 0);
    if (!removed.ok) throw new Error(removed.reason);
    expect(itemsOf(members, removed.answers)).toEqual([
      { name: '乙二', relationship: 'spouse' },
      { name: '丙', relationship: 'child' },
    ]);
    expect(removed.answers).toMatchObject(start);
    expect(removeItem(members, removed.answers, 5)).toEqual({ ok: false, reason: 'no-such-item' });
  });

  it('leaves its step unanswered below the minimum', () => {
    const one = addItem(members, start, { name: '甲', relationship: 'child' });
    if (!one.ok) throw new Error(one.reason);
    const none = removeItem(members, one.answers, 0);
    if (!none.ok) throw new Error(none.reason);
    expect(collectionState(members, none.answers)).toEqual({ count: 0, mayAdd: true, enough: false });
    expect(firstUnanswered(journey, { ...none.answers, hasIncome: 'no' })).toBe('household');
  });
});

describe('the task list', () => {
  it('says of each section: not started, in progress, completed, or cannot start yet; the check page only when all are completed', () => {
    const status = (answers: Record<string, string>, problems?: Set<string>) => Object.fromEntries(taskList(journey, answers, problems).map((section) => [section.id, [section.status, section.step]]));
    expect(status({})).toEqual({
      'about-you': ['not-started', 'applicant'],
      money: ['not-started', 'has-income'],
      household: ['not-started', 'household'],
      declare: ['cannot-start', undefined],
    });
    expect(status({ 'applicant.name': '王芳', hasIncome: 'yes' })).toMatchObject({ 'about-you': ['completed', 'applicant'], money: ['in-progress', 'income'] });
    expect(readyToCheck(taskList(journey, whole))).toBe(true);
    // An answer the schema refuses keeps its section open, leading to its step.
    expect(status(whole, new Set(['income.monthly']))).toMatchObject({ money: ['in-progress', 'income'], declare: ['cannot-start', undefined] });
    expect(readyToCheck(taskList(journey, whole, new Set(['household.0.name'])))).toBe(false);
  });
});

describe('the contract check', () => {
  const schema = z.object({
    applicant: z.object({ name: z.string(), phone: z.string().optional() }),
    income: z.object({ monthly: z.string().transform(Number).pipe(z.number()) }).optional(),
    household: z.array(z.object({ name: z.string(), relationship: z.enum(['spouse', 'child']) })).min(1),
    declaration: z.literal(true),
  });
  const labels = new Set(['fields.applicant.name', 'fields.applicant.phone', 'fields.hasIncome', 'y', 'n', 'fields.income.monthly', 'fields.household.name', 'fields.household.relationship', 'r.spouse', 'r.child', 'fields.declaration']);
  const inputs = { schemaPaths: schemaPaths(schema), notInSchema: ['hasIncome'], languages: ['zh-CN', 'en'], hasKey: (_: string, key: string) => labels.has(key) };

  it('reads a schema’s answer paths through optional, transforms and lists', () => {
    expect(schemaPaths(schema).sort()).toEqual(['applicant.name', 'applicant.phone', 'declaration', 'household.*.name', 'household.*.relationship', 'income.monthly'].sort());
  });

  it('finds nothing wrong with a journey that keeps it', () => {
    expect(journeyProblems(journey, inputs)).toEqual([]);
  });

  it('finds a step nobody reaches, a condition on a later answer, an unknown rule, a path no step or two steps ask, a field outside the schema, and a missing label', () => {
    const broken: JourneyDefinition = {
      ...journey,
      steps: [
        { step: 'early', when: { field: 'hasIncome', is: 'yes' }, fields: [] },
        ...journey.steps.filter((step) => step.step !== 'income' && step.step !== 'declaration'),
        { step: 'income', when: { field: 'hasIncome', is: 'ja' }, fields: [{ path: 'income.monthly', control: 'text' }] },
        { step: 'twice', when: { rule: 'nobody-wrote-it' }, fields: [{ path: 'applicant.name', control: 'text' }, { path: 'nickname', control: 'text' }] },
      ],
    };
    const problems = journeyProblems(broken, inputs);
    expect(problems).toContain('step early’s condition reads hasIncome, which no step before it asks');
    expect(problems).toContain('step income can never be reached: no answers make its condition hold');
    expect(problems).toContain('step twice’s condition names rule nobody-wrote-it, which the journey does not define');
    expect(problems).toContain('no step asks for declaration');
    expect(problems).toContain('applicant.name is asked by more than one step: applicant, twice');
    expect(problems).toContain('step twice asks for nickname, which is not in the schema');
    expect(problems).toContain('zh-CN: no label fields.nickname (step twice)');
  });

  it('tries a choice with each option and none, a text with the values compared, another and none', () => {
    const options = new Map([['kind', ['marriage', 'divorce', 'reissue']]]);
    expect(satisfiable({ all: [{ field: 'kind', isNot: 'reissue' }, { field: 'kind', isNot: 'marriage' }] }, options, [])).toBe(true);
    expect(satisfiable({ all: [{ field: 'kind', is: 'reissue' }, { field: 'kind', is: 'marriage' }] }, options, [])).toBe(false);
    expect(satisfiable({ not: { rule: 'r' } }, options, ['r'])).toBe(true);
    expect(satisfiable({ field: 'name', answered: false }, options, [])).toBe(true);
  });
});
