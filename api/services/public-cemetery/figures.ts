/**
 * The figures the public cemetery's words state, read from their sources so the messages never copy
 * them: the working days of its workflow's deadlines (time-limits.ts) and the law's periods for objecting.
 */
import { OBJECTION_PERIODS } from '../../domain/cases/objection-periods.ts';
import { CEMETERY_DEADLINES } from './time-limits.ts';

export const CEMETERY_FIGURES = {
  acceptanceDays: CEMETERY_DEADLINES.acceptance.workingDays,
  decisionDays: CEMETERY_DEADLINES.decision.workingDays,
  allocationDays: CEMETERY_DEADLINES.allocation.workingDays,
  reviewDays: OBJECTION_PERIODS.reviewDays,
  lawsuitMonths: OBJECTION_PERIODS.lawsuitMonths,
} as const;
