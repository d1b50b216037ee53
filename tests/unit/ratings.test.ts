/**
 * 好差评's rules (docs/decisions/053): the five levels in two groups, reasons of the level's group
 * (at least one for a bad rating, "other" with a comment), the comment's bounds, which states finish
 * a case in every workflow the portal runs (read from the workflows' marks, naming none), the
 * follow-up's due day in working days and when it is overdue, and the counts and satisfaction rate.
 */
import { describe, expect, it } from 'vitest';
import { addDays, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import {
  aggregateOf,
  concludingStates,
  finishesCase,
  followUpDueOn,
  followUpStatus,
  groupOf,
  isFollowUpDueSoon,
  isOverdue,
  percentText,
  RATING_LEVELS,
  RATING_REASONS,
  RatingInputSchema,
  FollowUpReplySchema,
} from '../../api/domain/ratings/ratings.ts';
import { CASE_SERVICES } from '../../api/services/registry.ts';
import { resources } from '../../api/i18n/index.ts';
import { FOLLOW_UP_TABLE, followUpWorkingDays } from '../../api/ratings/follow-up-table.ts';
import { sourceRuleBook } from '../../api/engine/rules/live-rules.ts';
import { TEST_SERVICE, servicePackages } from '../support/test-service/service.ts';

const issuesOf = (input: unknown) => {
  const parsed = RatingInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('a rating', () => {
  it('has the five national levels, the three upper good and the two lower bad', () => {
    expect(RATING_LEVELS.map(groupOf)).toEqual(['good', 'good', 'good', 'bad', 'bad']);
  });

  it.each([
    [{ level: 'very-satisfied' }, []],
    [{ level: 'satisfied', reasons: 'quick' }, []],
    [{ level: 'basically-satisfied', reasons: ['quick', 'told-once'], comment: '  ' }, []],
    [{ level: 'dissatisfied', reasons: ['slow'] }, []],
    [{ level: 'very-dissatisfied', reasons: ['other'], comment: '窗口中午不办理' }, []],
    [{}, ['level: errors.ratings.level']],
    [{ level: 'fine' }, ['level: errors.ratings.level']],
    [{ level: 'dissatisfied' }, ['reasons: errors.ratings.reasonsNeeded']],
    [{ level: 'satisfied', reasons: ['slow'] }, ['reasons: errors.ratings.reasons']],
    [{ level: 'dissatisfied', reasons: ['quick'] }, ['reasons: errors.ratings.reasons']],
    [{ level: 'dissatisfied', reasons: ['slow', 'slow'] }, ['reasons: errors.ratings.reasons']],
    [{ level: 'satisfied', reasons: ['made-up'] }, ['reasons.0: errors.ratings.reasons']],
    [{ level: 'satisfied', reasons: ['other'] }, ['comment: errors.ratings.otherNeedsComment']],
    [{ level: 'satisfied', comment: '好'.repeat(501) }, ['comment: errors.ratings.comment']],
    [{ level: 'satisfied', comment: 'a\u0000b' }, ['comment: errors.field.hiddenCharacters']],
  ])('%j → %j', (input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it('takes a comment of 500 characters and lines, trimmed', () => {
    const parsed = RatingInputSchema.parse({ level: 'satisfied', comment: ` ${'好'.repeat(498)}\n好 ` });
    expect(parsed.comment).toBe(`${'好'.repeat(498)}\n好`);
  });

  it('asks a reply of 10 to 1,000 characters', () => {
    expect(FollowUpReplySchema.safeParse({ reply: '已经整改好了。' }).success).toBe(false);
    expect(FollowUpReplySchema.safeParse({ reply: '经核实情况属实，已经整改。' }).success).toBe(true);
    expect(FollowUpReplySchema.safeParse({ reply: '改'.repeat(1001) }).success).toBe(false);
  });

  it('names every level and reason in both languages', () => {
    for (const common of [resources['zh-CN'].common, resources.en.common]) {
      const words = (common as unknown as { ratings: { level: Record<string, string>; reason: Record<string, string> } }).ratings;
      for (const level of RATING_LEVELS) expect(words.level[level]).toBeTruthy();
      for (const reason of [...RATING_REASONS.good, ...RATING_REASONS.bad]) expect(words.reason[reason]).toBeTruthy();
    }
  });
});

describe('a finished case', () => {
  it.each([
    ['old-age-allowance', ['approved', 'not-accepted', 'refused']],
    // A no-show is decided but undone the same day if marked by mistake: not finished.
    ['marriage-appointment', ['completed']],
    ['divorce-registration', ['divorced', 'not-accepted']],
    // An approval stands whatever cut or stop follows.
    ['minimum-living-allowance', ['approved', 'closed', 'not-accepted', 'refused', 'stopped']],
    ['temporary-assistance', ['approved', 'closed', 'not-accepted', 'refused']],
  ] as const)('%s is finished in %j', (service, states) => {
    expect([...concludingStates(CASE_SERVICES[service].workflow)].sort()).toEqual(states);
  });

  it('is finished once: the step into it invites, a later step between finished states does not', () => {
    const workflow = CASE_SERVICES['minimum-living-allowance'].workflow;
    expect(finishesCase(workflow, 'awaiting-decision', 'approved')).toBe(true);
    expect(finishesCase(workflow, 'approved', 'stopped')).toBe(false);
    expect(finishesCase(workflow, 'approved', 'approved')).toBe(false);
    expect(finishesCase(CASE_SERVICES['marriage-appointment'].workflow, 'booked', 'no-show')).toBe(false);
  });

  it('is read from a service given at start as from a built-in one', () => {
    const given = servicePackages.find((candidate) => candidate.id === TEST_SERVICE);
    expect(given && [...concludingStates(given.caseService.workflow)].sort()).toEqual(['accepted', 'approved', 'under-notice']);
  });
});

describe('a bad rating’s follow-up', () => {
  // 2027: 1–3 January 元旦 off, no make-up days given here.
  const calendar = createWorkingDayCalendar([{ year: 2027, source: 'test', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeUpWorkdays: [] }]);

  it('is due the working days later that its office’s rule says, 5 where none is in force', () => {
    expect(followUpDueOn(calendar, '2026-12-31', 5)).toBe('2027-01-08');
    expect(followUpWorkingDays(sourceRuleBook(), 'demo-district', '2026-12-10')).toBe(5);
    expect(followUpWorkingDays(sourceRuleBook(), 'no-such-office', '2026-12-10')).toBe(5);
    expect(FOLLOW_UP_TABLE.keys('zh-CN').map((key) => key.key)).toContain('demo-county');
    expect(FOLLOW_UP_TABLE.valueSchema.safeParse(FOLLOW_UP_TABLE.fromForm({ workingDays: '１０' })).success).toBe(true);
    expect(FOLLOW_UP_TABLE.valueSchema.safeParse(FOLLOW_UP_TABLE.fromForm({ workingDays: '0' })).success).toBe(false);
    expect(FOLLOW_UP_TABLE.describe({ workingDays: 5 }, 'en')).toBe('Answer within 5 working days');
  });

  it('is overdue the day after its last day until it is answered', () => {
    const dueOn = '2027-01-08';
    expect(isOverdue({ dueOn, repliedAt: null }, dueOn)).toBe(false);
    expect(isOverdue({ dueOn, repliedAt: null }, addDays(dueOn, 1))).toBe(true);
    expect(isOverdue({ dueOn, repliedAt: '2027-01-11T02:00:00Z' }, addDays(dueOn, 3))).toBe(false);
    expect(followUpStatus({ dueOn, repliedAt: null, resolution: null }, '2027-01-09')).toBe('overdue');
    expect(followUpStatus({ dueOn, repliedAt: '2027-01-07T02:00:00Z', resolution: null }, '2027-01-09')).toBe('replied');
    expect(followUpStatus({ dueOn, repliedAt: '2027-01-07T02:00:00Z', resolution: 'not-resolved' }, '2027-01-09')).toBe('not-resolved');
  });

  it('is due soon from three working days before its last day, counted on the calendar, until answered or overdue', () => {
    const dueOn = '2027-01-08';
    // From 31 December, 8 January is 5 working days on (1–3 January off); from the 4th, 4; from the 5th, 3.
    expect(isFollowUpDueSoon(calendar, { dueOn, repliedAt: null }, '2026-12-31')).toBe(false);
    expect(isFollowUpDueSoon(calendar, { dueOn, repliedAt: null }, '2027-01-04')).toBe(false);
    expect(isFollowUpDueSoon(calendar, { dueOn, repliedAt: null }, '2027-01-05')).toBe(true);
    expect(isFollowUpDueSoon(calendar, { dueOn, repliedAt: null }, dueOn)).toBe(true);
    expect(isFollowUpDueSoon(calendar, { dueOn, repliedAt: null }, '2027-01-09')).toBe(false);
    expect(isFollowUpDueSoon(calendar, { dueOn, repliedAt: '2027-01-05T02:00:00Z' }, '2027-01-05')).toBe(false);
  });
});

describe('the counts', () => {
  it('count each level and give the good ratings’ share', () => {
    const aggregate = aggregateOf([
      { level: 'very-satisfied', count: 30 },
      { level: 'basically-satisfied', count: 9 },
      { level: 'very-dissatisfied', count: 1 },
      { level: 'unknown', count: 5 },
    ]);
    expect(aggregate).toEqual({ total: 40, counts: { 'very-satisfied': 30, satisfied: 0, 'basically-satisfied': 9, dissatisfied: 0, 'very-dissatisfied': 1 }, satisfactionRate: 0.975 });
    expect(percentText(aggregate.satisfactionRate)).toBe('97.5%');
    expect(aggregateOf([]).satisfactionRate).toBeNull();
    expect(percentText(null)).toBeNull();
  });
});
