/**
 * The ratings' figures on the dashboard (docs/decisions/059): what a rating, a reply and a
 * resolution add (in the month of the rating, China time; only a bad rating's reasons), what a
 * stored rating has added (taken back when it is removed), and the dashboard's section from the
 * counters: the public aggregate's satisfaction rate, bad ratings, follow-ups, reasons by frequency.
 */
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../api/domain/ratings/ratings.ts';
import { negated, ratingIncrements, ratingsDashboard, replyIncrements, resolutionIncrements, storedRatingIncrements, sumRatingIncrements, type RatingFigureRow } from '../../api/domain/ratings/rating-figures.ts';

const where = { service: 's', office: 'o' };

describe('what a rating and its follow-up add', () => {
  it('counts a good rating’s level only, in the month of the rating in China: 23:30 on 30 November is November', () => {
    expect(ratingIncrements({ ...where, level: 'satisfied', reasons: ['quick'], at: new Date('2026-11-30T15:30:00Z'), opensFollowUp: false })).toEqual([{ ...where, month: '2026-11', figure: 'level', key: 'satisfied', count: 1 }]);
    expect(ratingIncrements({ ...where, level: 'satisfied', reasons: [], at: new Date('2026-11-30T16:30:00Z'), opensFollowUp: false })[0]?.month).toBe('2026-12');
  });

  it('counts a bad rating’s reasons once each and the follow-up it opens', () => {
    expect(ratingIncrements({ ...where, level: 'very-dissatisfied', reasons: ['slow', 'other', 'slow'], at: new Date('2026-12-10T02:00:00Z'), opensFollowUp: true })).toEqual([
      { ...where, month: '2026-12', figure: 'level', key: 'very-dissatisfied', count: 1 },
      { ...where, month: '2026-12', figure: 'bad-reason', key: 'slow', count: 1 },
      { ...where, month: '2026-12', figure: 'bad-reason', key: 'other', count: 1 },
      { ...where, month: '2026-12', figure: 'follow-up-opened', key: '', count: 1 },
    ]);
  });

  it('counts a reply and a resolution in the rating’s month, whenever they come; “not resolved” adds nothing', () => {
    const followUp = { ...where, openedOn: '2026-12-31' };
    expect(replyIncrements(followUp)).toEqual([{ ...where, month: '2026-12', figure: 'follow-up-replied', key: '', count: 1 }]);
    expect(resolutionIncrements(followUp, 'resolved')).toEqual([{ ...where, month: '2026-12', figure: 'follow-up-resolved', key: '', count: 1 }]);
    expect(resolutionIncrements(followUp, 'not-resolved')).toEqual([]);
  });

  it('gives for a stored rating what its steps added, and its negation takes them back', () => {
    const rating = { ...where, level: 'dissatisfied', reasons: ['slow'], ratedAt: '2026-12-10T02:00:00.000Z' };
    const followUp = { openedOn: '2026-12-10', repliedAt: '2026-12-11T02:00:00.000Z', resolution: 'resolved' };
    const stepByStep = [
      ...ratingIncrements({ ...where, level: 'dissatisfied', reasons: ['slow'], at: new Date(rating.ratedAt), opensFollowUp: true }),
      ...replyIncrements({ ...where, openedOn: followUp.openedOn }),
      ...resolutionIncrements({ ...where, openedOn: followUp.openedOn }, 'resolved'),
    ];
    const stored = storedRatingIncrements(rating, followUp);
    expect(stored).toEqual(stepByStep);
    expect([...sumRatingIncrements([...stored, ...negated(stored)]).values()].every((counter) => counter.count === 0)).toBe(true);
    expect(storedRatingIncrements({ ...rating, level: 'no-such-level' }, undefined)).toEqual([]);
  });
});

describe('the dashboard’s ratings section', () => {
  const row = (month: string, office: string, figure: RatingFigureRow['figure'], key: string, count: number): RatingFigureRow => ({ service: 's', office, month, figure, key, count });
  const rows = [
    row('2026-11', 'a', 'level', 'very-satisfied', 3),
    row('2026-11', 'a', 'level', 'dissatisfied', 1),
    row('2026-11', 'a', 'bad-reason', 'several-trips', 1),
    row('2026-11', 'a', 'bad-reason', 'slow', 1),
    row('2026-11', 'a', 'follow-up-opened', '', 1),
    row('2026-11', 'a', 'follow-up-replied', '', 1),
    row('2026-12', 'b', 'level', 'satisfied', 1),
    row('2026-12', 'b', 'level', 'very-dissatisfied', 1),
    row('2026-12', 'b', 'bad-reason', 'slow', 1),
    row('2026-12', 'b', 'follow-up-opened', '', 1),
    // A removed demo rating leaves a counter at 0: nothing to show.
    row('2026-12', 'c', 'level', 'satisfied', 0),
  ];

  it('adds the counters up with the public aggregate’s rate, per month, service and office, and the follow-ups overdue today', () => {
    const section = ratingsDashboard(rows, [{ service: 's', office: 'b', count: 1 }], { months: ['2026-10', '2026-11', '2026-12'], offices: ['a', 'b', 'd'] });
    const all = aggregateOf([
      { level: 'very-satisfied', count: 3 },
      { level: 'dissatisfied', count: 1 },
      { level: 'satisfied', count: 1 },
      { level: 'very-dissatisfied', count: 1 },
    ]);
    expect(section.totals).toEqual({ ...all, bad: 2, followUps: { opened: 2, replied: 1, overdue: 1, resolved: 0 } });
    expect(section.totals.satisfactionRate).toBeCloseTo(4 / 6);
    expect(section.byMonth.map((month) => [month.month, month.total, month.satisfactionRate, month.bad])).toEqual([
      ['2026-10', 0, null, 0],
      ['2026-11', 4, 0.75, 1],
      ['2026-12', 2, 0.5, 1],
    ]);
    expect(section.byOffice.map((office) => [office.office, office.total, office.bad, office.followUps])).toEqual([
      ['a', 4, 1, { opened: 1, replied: 1, overdue: 0, resolved: 0 }],
      ['b', 2, 1, { opened: 1, replied: 0, overdue: 1, resolved: 0 }],
      ['d', 0, 0, { opened: 0, replied: 0, overdue: 0, resolved: 0 }],
    ]);
    expect(section.byService).toEqual([{ service: 's', ...section.totals }]);
  });

  it('puts the most frequent reason first, equals in the fixed list’s order, each as a share of the bad ratings', () => {
    const { badReasons } = ratingsDashboard(rows, [], { months: [] });
    expect(badReasons).toEqual([
      { reason: 'slow', count: 2, share: 1 },
      { reason: 'several-trips', count: 1, share: 0.5 },
    ]);
    expect(ratingsDashboard([], [], { months: ['2026-12'] })).toMatchObject({ totals: { total: 0, satisfactionRate: null, bad: 0 }, byService: [], byOffice: [], badReasons: [] });
  });
});
