/**
 * The figures the relief applications' words and schema state, from their one source
 * (tests/unit/wording.test.ts): the household's size the form takes, who counts as an adult for
 * the authorisation, and the time limits for objecting to a decision, which are the law's and
 * every service's (api/domain/cases/objection-periods.ts).
 */
import { OBJECTION_PERIODS } from '../../../domain/cases/objection-periods.ts';

export const RELIEF_APPLICATION_FIGURES = {
  /** Everyone living together, the applicant included: more is a slip, not a household. */
  householdMax: 12,
  /** A member of this age or over authorises the check of their own finances (完全民事行为能力). */
  adultAge: 18,
  /** 行政复议 may be asked for within this many days of learning of a decision. */
  reviewDays: OBJECTION_PERIODS.reviewDays,
  /** 行政诉讼 may be brought within this many months. */
  lawsuitMonths: OBJECTION_PERIODS.lawsuitMonths,
  /** The longest description of what happened the form takes (characters). */
  descriptionMax: 400,
} as const;
