/**
 * The dashboard's figures worked out step by step (docs/decisions/054): a stage's length in working
 * days, a completion counted once (and taken back when a no-show is undone), the average of stages,
 * the months of a period; and its CSV as spreadsheet programs must open it.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { averageWorkingDays, defaultPeriod, monthsBetween, stepIncrements, sumIncrements, timelineIncrements } from '../../api/domain/cases/case-figures.ts';
import { csvCell, toCsv } from '../../site/lib/csv.ts';

const calendar = createWorkingDayCalendar([{ year: 2026, source: 'test', holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }], makeUpWorkdays: ['2026-10-10'] }]);
const states = { submitted: {}, accepted: {}, approved: { terminal: true, decided: true }, 'no-show': { decided: true }, booked: {} };
const where = { service: 's', office: 'o', states, calendar };
/** 10:00 in China. */
const at = (day: string) => `${day}T02:00:00.000Z`;

describe('a step’s figures', () => {
  it.each([
    ['the same day', '2026-11-02', '2026-11-02', 0],
    ['Monday to Wednesday', '2026-11-02', '2026-11-04', 2],
    ['Friday to Monday, over a weekend', '2026-11-06', '2026-11-09', 1],
    ['across the National Day holiday (Thursday, Friday, the make-up Saturday, Monday)', '2026-09-30', '2026-10-12', 4],
  ])('counts a stage from %s in working days', (_name, entered, left, days) => {
    const [stage] = stepIncrements({ ...where, from: 'submitted', to: 'accepted', enteredAt: at(entered), at: new Date(at(left)) });
    expect(stage).toEqual({ service: 's', office: 'o', month: left.slice(0, 7), figure: 'stage', stage: 'submitted', count: 1, workingDays: days });
  });

  it('counts the month in China’s time: 23:30 on 31 October in China is October', () => {
    const [stage] = stepIncrements({ ...where, from: 'submitted', to: 'accepted', enteredAt: at('2026-10-30'), at: new Date('2026-10-31T15:30:00Z') });
    expect(stage?.month).toBe('2026-10');
  });

  it('counts a completion when a case leaves the open states, and takes it back, in its month, when a no-show is undone', () => {
    const closed = stepIncrements({ ...where, from: 'booked', to: 'no-show', enteredAt: at('2026-11-02'), at: new Date(at('2026-11-30')) });
    expect(closed.filter((increment) => increment.figure === 'completed')).toEqual([expect.objectContaining({ month: '2026-11', count: 1 })]);
    const reopened = stepIncrements({ ...where, from: 'no-show', to: 'booked', enteredAt: at('2026-11-30'), at: new Date(at('2026-12-01')) });
    expect(reopened.filter((increment) => increment.figure === 'completed')).toEqual([expect.objectContaining({ month: '2026-11', count: -1 })]);
    const totals = [...sumIncrements([...closed, ...reopened]).values()].filter((increment) => increment.figure === 'completed');
    expect(totals.map((total) => total.count)).toEqual([0]);
  });

  it('makes from a whole timeline what its steps made one by one', () => {
    const timeline = [
      { from: '', to: 'submitted', at: at('2026-11-02') },
      { from: 'submitted', to: 'accepted', at: at('2026-11-04') },
      { from: 'accepted', to: 'approved', at: at('2026-11-06') },
    ];
    expect(timelineIncrements(where, timeline)).toEqual([
      { service: 's', office: 'o', month: '2026-11', figure: 'received', stage: '', count: 1, workingDays: 0 },
      { service: 's', office: 'o', month: '2026-11', figure: 'stage', stage: 'submitted', count: 1, workingDays: 2 },
      { service: 's', office: 'o', month: '2026-11', figure: 'stage', stage: 'accepted', count: 1, workingDays: 2 },
      { service: 's', office: 'o', month: '2026-11', figure: 'completed', stage: '', count: 1, workingDays: 0 },
    ]);
  });
});

describe('averages and periods', () => {
  it.each([
    [3, 2, 1.5],
    [10, 3, 3.3],
    [2, 3, 0.7],
    [0, 4, 0],
  ])('averages %i working days over %i stages as %d', (days, count, average) => {
    expect(averageWorkingDays(days, count)).toBe(average);
  });
  it('gives no average, not 0 days, when no stage ended', () => {
    expect(averageWorkingDays(0, 0)).toBeNull();
  });
  it('lists the months of a period across a year’s end, and defaults to the twelve months up to today’s', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2027-02', '2026-11')).toEqual([]);
    expect(defaultPeriod('2026-12-10')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(defaultPeriod('2027-03-01')).toEqual({ from: '2026-04', to: '2027-03' });
  });
});

describe('CSV', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+86 10 1234', "'+86 10 1234"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['a,b', '"a,b"'],
    ['他说"好"', '"他说""好"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1,2', `"'=1,2"`],
    ['滨江区', '滨江区'],
  ])('writes the text %j as %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });
  it('writes numbers as they are (a negative count is no formula) and nothing for no value', () => {
    expect(csvCell(12)).toBe('12');
    expect(csvCell(1.5)).toBe('1.5');
    expect(csvCell(null)).toBe('');
  });
  it('begins with a byte order mark and ends every line with CRLF', () => {
    const file = toCsv(['月份', '收件'], [['2026年11月', 3]]);
    expect(file.charCodeAt(0)).toBe(0xfeff);
    expect(file.slice(1)).toBe('月份,收件\r\n2026年11月,3\r\n');
  });
});
