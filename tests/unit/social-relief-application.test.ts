/**
 * The relief application (api/services/social-relief/application, docs/decisions/042): its schema
 * at the edges (amounts typed as people type them, the authorisation required of adults only, the
 * household's size and first member, the 临时救助 situation), the answers → application mapping,
 * and the engine's known first item of a collection.
 */
import { describe, expect, it } from 'vitest';
import { removeItem, mayRemove, addItem } from '../../api/engine/journey/add-another.ts';
import { itemFields } from '../../api/engine/journey/journey.ts';
import { RELIEF_APPLICATION_FIGURES } from '../../api/services/social-relief/application/figures.ts';
import { reliefApplicationFrom, reliefJourney } from '../../api/services/social-relief/application/journey.ts';
import { parseDay } from '../../api/domain/calendar/typed-day.ts';
import { RELIEF_APPLICATION_SCHEMAS, type ReliefApplicationKind } from '../../api/services/social-relief/application/schema.ts';
import { reliefAnswerRows } from '../../api/services/social-relief/application/answers.ts';
import { personId } from '../support/applications.ts';
import { reliefAnswers, reliefApplication } from '../support/relief-applications.ts';

const TODAY = '2026-12-06';
const KINDS: ReliefApplicationKind[] = ['dibao', 'tekun', 'temporary'];
const parse = (kind: ReliefApplicationKind, body: unknown) => RELIEF_APPLICATION_SCHEMAS[kind](TODAY).safeParse(body);
const issuesOf = (kind: ReliefApplicationKind, body: unknown) => (parse(kind, body).error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('a whole application', () => {
  it.each(KINDS)('%s: the API body is taken, amounts kept as fen', (kind) => {
    const parsed = parse(kind, reliefApplication(kind, 1));
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data?.household[0]?.incomes).toEqual({ wages: 80_000, transfer: 30_000 });
    expect(parsed.data?.assets.deposits).toBe(120_000);
  });

  it.each(KINDS)('%s: the draft’s answers make the same application', (kind) => {
    const journey = reliefJourney(kind);
    const application = reliefApplicationFrom(journey)(reliefAnswers(kind, 1));
    const parsed = parse(kind, application);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data?.household[0]).toMatchObject({ relationship: 'self', name: '王秀兰', authorisation: true, incomes: { wages: 80_000 } });
    expect(parsed.data?.household[1]).toMatchObject({ relationship: 'child', authorisation: false, incomes: {} });
    expect(parsed.data?.area).toEqual({ district: 'demo-district', township: 'dongcheng-street', community: 'heping-community' });
  });
});

describe('amounts', () => {
  it.each([
    ['１２００', 120_000],
    ['1,200.50', 120_050],
    ['0.12万', 120_000],
    ['¥ 1 200', 120_000],
    ['0', 0],
  ])('%s is %i fen', (typed, fen) => {
    const body = reliefApplication('dibao', 1);
    expect(parse('dibao', { ...body, assets: { ...body.assets, deposits: typed } }).data?.assets.deposits).toBe(fen);
  });

  it.each([
    ['', 'social-relief:errors.amount.empty'],
    ['12,50', 'social-relief:errors.amount.notANumber'],
    ['-5', 'social-relief:errors.amount.negative'],
    ['1.234', 'social-relief:errors.amount.tooManyDecimals'],
  ])('%j is refused on its own field', (typed, message) => {
    const body = reliefApplication('dibao', 1);
    expect(issuesOf('dibao', { ...body, assets: { ...body.assets, deposits: typed } })).toEqual([`assets.deposits: ${message}`]);
  });

  it('a blank income on the form is none, not a refusal', () => {
    const answers = { ...reliefAnswers('dibao', 1), 'household.1.incomes.wages': '', 'household.1.incomes.business': '' };
    expect(parse('dibao', reliefApplicationFrom(reliefJourney('dibao'))(answers)).data?.household[1]?.incomes).toEqual({});
  });
});

describe('the authorisation to check the household’s finances', () => {
  const withSecond = (idNumber: string, authorisation: boolean | undefined) => {
    const body = reliefApplication('dibao', 1);
    const [self, child] = body.household;
    return { ...body, household: [self, { ...child, idNumber, ...(authorisation === undefined ? {} : { authorisation }) }] };
  };
  it('is required of a member who is 18 today', () => {
    expect(issuesOf('dibao', withSecond(personId(2, 'male', '20081206'), false))).toEqual(['household.1.authorisation: social-relief:errors.relief.authorisation']);
    expect(issuesOf('dibao', withSecond(personId(2, 'male', '20081206'), true))).toEqual([]);
  });
  it('is not required of a member who turns 18 tomorrow', () => {
    expect(issuesOf('dibao', withSecond(personId(2, 'male', '20081207'), undefined))).toEqual([]);
  });
  it('is required of the applicant', () => {
    const body = reliefApplication('dibao', 1);
    const [self, child] = body.household;
    expect(issuesOf('dibao', { ...body, household: [{ ...self, authorisation: false }, child] })).toEqual(['household.0.authorisation: social-relief:errors.relief.authorisation']);
  });
});

describe('the household', () => {
  const body = reliefApplication('dibao', 1);
  const member = (n: number) => ({ ...body.household[1], name: '王某某', idNumber: personId(100 + n, 'male', '20150101') });
  it('needs at least the applicant', () => {
    expect(issuesOf('dibao', { ...body, household: [] })).toEqual(['household: social-relief:errors.relief.householdMin']);
  });
  it(`takes at most ${RELIEF_APPLICATION_FIGURES.householdMax} people`, () => {
    const full = [body.household[0], ...Array.from({ length: RELIEF_APPLICATION_FIGURES.householdMax - 1 }, (_, n) => member(n))];
    expect(issuesOf('dibao', { ...body, household: full })).toEqual([]);
    expect(issuesOf('dibao', { ...body, household: [...full, member(99)] })).toEqual(['household: social-relief:errors.relief.householdMax']);
  });
  it('starts with the applicant, once, and lists nobody twice', () => {
    const [self, child] = body.household;
    expect(issuesOf('dibao', { ...body, household: [child, self] })).toContain('household.0.relationship: social-relief:errors.relief.firstIsApplicant');
    expect(issuesOf('dibao', { ...body, household: [self, { ...child, relationship: 'self' }] })).toEqual(['household.1.relationship: social-relief:errors.relief.onlyOneSelf']);
    expect(issuesOf('dibao', { ...body, household: [self, child, { ...child }] })).toEqual(['household.2.idNumber: social-relief:errors.relief.listedTwice']);
  });
  it('checks the community belongs to the township and district given', () => {
    expect(issuesOf('dibao', { ...body, area: { ...body.area, township: 'xicheng-street' } })).toEqual(['area.community: social-relief:errors.relief.areaMismatch']);
    expect(issuesOf('dibao', { ...body, area: { ...body.area, community: 'nowhere' } })).toEqual(['area.community: social-relief:errors.relief.community']);
  });
});

describe('the 临时救助 situation', () => {
  const body = reliefApplication('temporary', 1);
  it('is its own part: 低保 has none, 临时救助 needs it', () => {
    const { situation: _own, ...without } = body;
    expect(issuesOf('temporary', without)).toEqual(['situation: Invalid input: expected object, received undefined']);
    expect(parse('dibao', body).data).not.toHaveProperty('situation');
  });
  it.each([
    ['2026年12月6日', '2026-12-06'],
    ['２０２６/12/1', '2026-12-01'],
    ['2026.1.31', '2026-01-31'],
  ])('a day typed %s is %s', (typed, day) => {
    expect(parse('temporary', { ...body, situation: { ...body.situation, happenedOn: typed } }).data).toMatchObject({ situation: { happenedOn: day } });
  });
  it.each([
    ['2026-12-07', 'happenedOnFuture'],
    ['2026-02-30', 'happenedOn'],
    ['last week', 'happenedOn'],
  ])('%s is refused (%s)', (typed, message) => {
    expect(issuesOf('temporary', { ...body, situation: { ...body.situation, happenedOn: typed } })).toEqual([`situation.happenedOn: social-relief:errors.relief.${message}`]);
  });
  it('reads no day that is not one', () => {
    expect(parseDay('2026-13-01')).toBeUndefined();
  });
  it('has its area where it happened, asked in the situation section', () => {
    const journey = reliefJourney('temporary');
    expect(journey.steps.find((step) => step.step === 'where')?.section).toBe('situation');
    expect(reliefJourney('dibao').steps.find((step) => step.step === 'where')?.section).toBe('applicant');
  });
});

describe('the answer rows', () => {
  it('show amounts in yuan, mask personal values and name each member', () => {
    const application = parse('dibao', reliefApplication('dibao', 1)).data;
    if (!application) throw new Error('invalid');
    const rows = reliefAnswerRows(application, 'zh-CN');
    expect(rows.find((row) => row.label === 'social-relief:fields.assets.deposits')?.value).toBe('1,200 元');
    expect(rows.filter((row) => row.personal === 'id').map((row) => row.label)).toEqual(['social-relief:fields.applicant.idNumber', 'social-relief:fields.household.idNumber', 'social-relief:fields.household.idNumber']);
    expect(rows.filter((row) => row.label === 'social-relief:fields.household.name').map((row) => row.value)).toEqual(['王秀兰（您本人）', '王小宝（子女）']);
    expect(reliefAnswerRows(application, 'en').find((row) => row.label === 'social-relief:fields.household.incomeSummary')?.value).toMatch(/^Wages ¥800; Net transfer.* ¥300$/);
  });
});

describe('a collection whose first item is known (the applicant)', () => {
  const collection = reliefJourney('dibao').collections?.['household'];
  if (!collection) throw new Error('no household');
  it('asks the first item only its own fields, the others all', () => {
    expect(itemFields(collection, 0).map((field) => field.path)).not.toContain('name');
    expect(itemFields(collection, 1).map((field) => field.path)).toContain('name');
  });
  it('keeps only the first item’s own answers', () => {
    const added = addItem(collection, {}, { occupation: 'farming', name: 'ignored' });
    expect(added.ok && added.answers).toEqual({ 'household.0.occupation': 'farming' });
  });
  it('never removes the first item', () => {
    const answers = reliefAnswers('dibao', 1);
    expect(mayRemove(collection, 0)).toBe(false);
    expect(removeItem(collection, answers, 0)).toEqual({ ok: false, reason: 'fixed' });
    const removed = removeItem(collection, answers, 1);
    expect(removed.ok && Object.keys(removed.answers).filter((key) => key.startsWith('household.1.'))).toEqual([]);
  });
});
