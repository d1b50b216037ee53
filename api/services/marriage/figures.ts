/**
 * The figures the marriage service's words state (the divorce's periods, how far back missed
 * appointments count, how far ahead an office may open its calendar), read from where they are
 * decided, so that the messages interpolate them and never copy them (issue 13).
 */
import { OBJECTION_PERIODS } from '../../domain/cases/objection-periods.ts';
import { NO_SHOW_RULE } from '../../engine/booking/no-show-rule.ts';
import { MAX_DAYS_AHEAD } from '../../engine/booking/schedule.ts';
import { COOLING_OFF, SECOND_VISIT_WINDOW, divorceWorkflow } from './divorce-workflow.ts';

function periodDays(period: string): number {
  const defined = divorceWorkflow.periods?.[period];
  if (!defined) throw new Error(`the divorce workflow has no period ${period}`);
  return defined.calendarDays;
}

export const MARRIAGE_FIGURES = {
  coolingOffDays: periodDays(COOLING_OFF),
  secondVisitDays: periodDays(SECOND_VISIT_WINDOW),
  noShowLookbackDays: NO_SHOW_RULE.withinDays,
  maxDaysAhead: MAX_DAYS_AHEAD,
  /** How long a refusal may be challenged (行政复议, 行政诉讼): the law's periods for every service. */
  reviewDays: OBJECTION_PERIODS.reviewDays,
  lawsuitMonths: OBJECTION_PERIODS.lawsuitMonths,
} as const;
