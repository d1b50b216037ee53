/**
 * The figures the eco-burial subsidy's words state, read from their sources so the messages never
 * copy them: the working days of its workflow's deadlines (time-limits.ts) and the law's periods for objecting.
 */
import { OBJECTION_PERIODS } from '../../domain/cases/objection-periods.ts';
import { ECO_BURIAL_DEADLINES } from './time-limits.ts';

export const ECO_BURIAL_FIGURES = {
  acceptanceDays: ECO_BURIAL_DEADLINES.acceptance.workingDays,
  decisionDays: ECO_BURIAL_DEADLINES.decision.workingDays,
  paymentDays: ECO_BURIAL_DEADLINES.payment.workingDays,
  reviewDays: OBJECTION_PERIODS.reviewDays,
  lawsuitMonths: OBJECTION_PERIODS.lawsuitMonths,
} as const;
