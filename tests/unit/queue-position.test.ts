import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HolidayYearSchema, addDays, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { DUE_SOON_WORKING_DAYS, dueBoundaries, nextRunningDeadline } from '../../api/domain/workflow/queue-position.ts';
import { deadlineStatus, type DeadlineStatus } from '../../api/domain/workflow/workflow.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);

describe('a case’s place in the staff queue', () => {
  it('is the earliest due date of a deadline neither stopped nor paused', () => {
    expect(nextRunningDeadline([])).toEqual({ nextDueOn: null, clockPaused: false });
    expect(
      nextRunningDeadline([
        { key: 'acceptance', startedOn: '2026-11-02', dueOn: '2026-11-09', stoppedOn: '2026-11-03' },
        { key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-01' },
        { key: 'other', startedOn: '2026-11-03', dueOn: '2026-11-20' },
      ]),
    ).toEqual({ nextDueOn: '2026-11-20', clockPaused: false });
  });

  it('has no running due date while the clock is paused, and none once every deadline stopped', () => {
    expect(nextRunningDeadline([{ key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-01', pausedOn: '2026-11-05' }])).toEqual({ nextDueOn: null, clockPaused: true });
    // A deadline paused and later stopped (withdrawn while waiting for documents) no longer counts.
    expect(nextRunningDeadline([{ key: 'decision', startedOn: '2026-11-03', dueOn: '2026-12-01', pausedOn: '2026-11-05', stoppedOn: '2026-11-06' }])).toEqual({
      nextDueOn: null,
      clockPaused: false,
    });
  });

  it('splits due dates by two boundary dates exactly as deadlineStatus does, around weekends and holidays alike', () => {
    const mismatches: string[] = [];
    // Every day of 2026 as today (National Day's week, make-up Saturdays, Spring Festival…), and
    // due dates from 5 days before to 25 days after it.
    for (let today = '2026-01-01'; today <= '2026-12-01'; today = addDays(today, 1)) {
      const clock = { today, calendar };
      const { overdueBefore, dueSoonBefore } = dueBoundaries(clock, DUE_SOON_WORKING_DAYS);
      for (let offset = -5; offset <= 25; offset += 1) {
        const dueOn = addDays(today, offset);
        const byDates: DeadlineStatus = dueOn < overdueBefore ? 'overdue' : dueOn < dueSoonBefore ? 'due-soon' : 'on-time';
        const byRule = deadlineStatus({ key: 'k', startedOn: today, dueOn }, clock, DUE_SOON_WORKING_DAYS);
        if (byDates !== byRule) mismatches.push(`${today} → ${dueOn}: ${byDates} ≠ ${byRule}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('counts "due soon" in working days: on the Wednesday before National Day it reaches past the holiday', () => {
    // 2026-09-30 (Wed): working days after it are 8, 9, 10 (make-up Saturday) and 12 October.
    expect(dueBoundaries({ today: '2026-09-30', calendar })).toEqual({ overdueBefore: '2026-09-30', dueSoonBefore: '2026-10-12' });
  });
});
