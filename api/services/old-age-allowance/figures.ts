/**
 * The figures the 高龄津贴 words state: the working days read from its workflow's deadlines so that
 * the messages never copy them (issue 13), and the law's periods for objecting to its decisions.
 */
import { OBJECTION_PERIODS } from '../../domain/cases/objection-periods.ts';
import { oldAgeAllowanceWorkflow } from './workflow.ts';

function workingDays(deadline: string): number {
  const defined = oldAgeAllowanceWorkflow.deadlines[deadline];
  if (!defined) throw new Error(`the 高龄津贴 workflow has no working-day deadline ${deadline}`);
  return defined.workingDays;
}

export const OLD_AGE_ALLOWANCE_FIGURES = {
  acceptanceDays: workingDays('acceptance'),
  decisionDays: workingDays('decision'),
  reviewDays: OBJECTION_PERIODS.reviewDays,
  lawsuitMonths: OBJECTION_PERIODS.lawsuitMonths,
} as const;
