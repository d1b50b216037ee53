/**
 * Publication as an engine part (docs/decisions/045): how a name is masked on a notice (table-driven,
 * both settings), the entry a publishing transition makes (only the publishable facts, the notice's
 * days from the case's period, an announcement's from the day taken), and the definition checks.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { applyTransition, definitionProblems, sealedFields, staffOnlyFields, type ServiceDefinition } from '../../api/domain/workflow/workflow.ts';
import { maskName, type NameMasking } from '../../api/engine/publication/name-masking.ts';
import { ObjectionInput } from '../../api/engine/publication/objection.ts';
import { isUp, PUBLICATION_DAYS, publicEntryOf } from '../../api/engine/publication/public-entry.ts';
import { reliefPublicFacts } from '../../api/services/social-relief/public-entry.ts';
import { testHouseholdWorkflow } from '../support/test-service/service.ts';

describe('maskName', () => {
  const cases: [name: string, masking: NameMasking, shown: string][] = [
    // Two characters: one-character surname, one-character given name.
    ['张三', 'surname-star', '张*'],
    ['张三', 'given-star', '*三'],
    // Three characters: the stars never tell the given name's length.
    ['王小明', 'surname-star', '王*'],
    ['王小明', 'given-star', '*小明'],
    // Compound surnames (复姓) with a name of three characters or more.
    ['欧阳娜娜', 'surname-star', '欧阳*'],
    ['欧阳娜娜', 'given-star', '*娜娜'],
    ['司马光', 'surname-star', '司马*'],
    ['诸葛亮', 'given-star', '*亮'],
    // Two characters that could start a compound surname are a surname and a given name.
    ['欧阳', 'surname-star', '欧*'],
    ['欧阳', 'given-star', '*阳'],
    // A transcribed name in parts: no surname to keep, only a first or last character.
    ['阿依古丽·买买提', 'surname-star', '阿*'],
    ['阿依古丽·买买提', 'given-star', '*提'],
    ['迪丽热巴.迪力木拉提', 'surname-star', '迪*'],
    // Latin script.
    ['John Smith', 'surname-star', 'J*'],
    ['John Smith', 'given-star', '*h'],
    ['Zhang', 'surname-star', 'Z*'],
    // Spaces and full-width letters as typed.
    ['  张三  ', 'surname-star', '张*'],
    ['ＪＯＨＮ', 'surname-star', 'J*'],
    // Nothing left to show of a single character.
    ['张', 'surname-star', '*'],
    ['', 'given-star', '*'],
  ];
  it.each(cases)('%s (%s) → %s', (name, masking, shown) => {
    expect(maskName(name, masking)).toBe(shown);
  });

  it('masks as 张* when no setting is given', () => {
    expect(maskName('李四')).toBe('李*');
  });
});

const calendar = createWorkingDayCalendar([]);
const facts = { place: 'heping-community', name: '王小明', householdSize: 3 };

describe('publicEntryOf', () => {
  const startNotice = testHouseholdWorkflow.transitions.find((t) => t.name === 'start-notice');
  const approve = testHouseholdWorkflow.transitions.find((t) => t.name === 'approve');
  if (!startNotice || !approve) throw new Error('the test service publishes');

  it('makes a notice of the publishable facts only, masked, up from today to the last day of the period the transition started', () => {
    const outcome = applyTransition(testHouseholdWorkflow, { state: 'accepted', version: 2, office: 'demo-county', deadlines: [] }, 'start-notice', { kind: 'staff', staffId: 's', roles: ['investigator'], offices: ['demo-county'], serviceAreas: ['allowances'] }, { amountFen: '1234' }, { today: '2026-12-07', calendar });
    if (!outcome.ok) throw new Error(outcome.refusal.code);
    const period = outcome.result.snapshot.periods?.find((p) => p.key === 'notice');
    expect(period).toEqual({ key: 'notice', from: '2026-12-08', to: '2026-12-14' });
    const entry = publicEntryOf('test-household-grant', startNotice, facts, outcome.result.event.input, outcome.result.snapshot, '2026-12-07');
    expect(entry).toEqual({
      list: 'notice',
      place: 'heping-community',
      maskedName: '王*',
      householdSize: 3,
      kind: 'test-household-grant',
      amountFen: 123_400,
      fromDay: '2026-12-07',
      toDay: '2026-12-14',
      objection: 'record-objection',
    });
    // Nothing whole of the person goes in.
    expect(JSON.stringify(entry)).not.toContain('小明');
  });

  it('masks by the locality’s setting when the service gives one', () => {
    const entry = publicEntryOf('k', approve, { ...facts, masking: 'given-star' }, { amountFen: 1 }, {}, '2026-12-07');
    expect(entry).toMatchObject({ maskedName: '*小明' });
  });

  it('announces from the day taken, for PUBLICATION_DAYS days unless the transition says, and takes no objection', () => {
    expect(publicEntryOf('k', approve, facts, { amountFen: 50_000 }, {}, '2026-12-20')).toMatchObject({ list: 'announcement', fromDay: '2026-12-20', toDay: '2027-01-18', objection: null });
    expect(PUBLICATION_DAYS).toBe(30);
    expect(publicEntryOf('k', { publishes: { list: 'announcement', days: 1 } }, facts, {}, {}, '2026-12-20')).toMatchObject({ fromDay: '2026-12-20', toDay: '2026-12-20', amountFen: null });
  });

  it('says when the case lacks the notice’s period, and publishes nothing for a transition without `publishes`', () => {
    expect(publicEntryOf('k', startNotice, facts, { amountFen: 1 }, { periods: [] }, '2026-12-07')).toBe('no_period');
    expect(publicEntryOf('k', {}, facts, { amountFen: 1 }, {}, '2026-12-07')).toBeUndefined();
  });

  it.each([
    ['2026-12-06', false],
    ['2026-12-07', true],
    ['2026-12-14', true],
    ['2026-12-15', false],
  ])('an entry from 7 to 14 December is up on %s: %s', (day, up) => {
    expect(isUp({ fromDay: '2026-12-07', toDay: '2026-12-14' }, day)).toBe(up);
  });
});

describe('a relief application’s publishable facts', () => {
  it('are its community, the applicant’s name and the household’s size (the applicant is member 0), nothing else', () => {
    const application = { area: { district: 'demo-district', township: 'dongcheng-street', community: 'heping-community' }, applicant: { name: '张三', idNumber: '110101199001011234', phone: '13800000000' }, household: [{ relationship: 'self' }, { relationship: 'child' }] };
    expect(reliefPublicFacts(application)).toEqual({ place: 'heping-community', name: '张三', householdSize: 2, masking: 'surname-star' });
    expect(reliefPublicFacts(application, 'given-star').masking).toBe('given-star');
  });
});

describe('publishing in a definition', () => {
  const base: ServiceDefinition = {
    id: 'x',
    serviceArea: 'relief',
    initialState: 'a',
    states: { a: {}, b: {} },
    deadlines: {},
    periods: { notice: { calendarDays: 7 } },
    transitions: [
      { name: 'start-notice', from: ['a'], to: 'b', by: ['investigator'], startsPeriods: ['notice'], publishes: { list: 'notice', period: 'notice', objection: 'record-objection' }, visibility: 'applicant' },
      { name: 'record-objection', from: ['b'], to: '@same', by: ['system'], input: ObjectionInput, visibility: 'internal' },
    ],
  };

  it('has no problem in the test service or a well-formed definition', () => {
    expect(definitionProblems(testHouseholdWorkflow)).toEqual([]);
    expect(definitionProblems(base)).toEqual([]);
  });

  it('names a notice for a period the transition does not start, and an objection the system may not take', () => {
    const [start, objection] = base.transitions;
    if (!start || !objection) throw new Error('two transitions');
    expect(definitionProblems({ ...base, transitions: [{ ...start, startsPeriods: [] }, objection] })).toEqual(['start-notice: publishes for period notice, which it does not start']);
    expect(definitionProblems({ ...base, transitions: [start, { ...objection, by: ['investigator'] }] })).toEqual(['start-notice: objection record-objection is not a transition the system may take']);
    expect(definitionProblems({ ...base, transitions: [{ ...start, publishes: { list: 'notice', period: 'other' } }, objection] })).toEqual(['start-notice: publishes for period other, which is not defined']);
  });

  it('seals every field of an objection, and keeps each for staff', () => {
    expect(sealedFields(base.transitions[1])).toEqual(['text', 'name', 'contact']);
    expect(staffOnlyFields(base.transitions[1])).toEqual(['text', 'name', 'contact']);
    expect(sealedFields(base.transitions[0])).toEqual([]);
  });

  it('takes an objection’s text, and a name and contact only if given', () => {
    expect(ObjectionInput.safeParse({ text: '  他家有两套房  ' }).data).toEqual({ text: '他家有两套房' });
    expect(ObjectionInput.safeParse({ text: '   ' }).success).toBe(false);
    expect(ObjectionInput.safeParse({ text: 'x', name: 'a\u202eb' }).success).toBe(false);
    expect(ObjectionInput.safeParse({ text: 'x'.repeat(2001) }).success).toBe(false);
  });
});
