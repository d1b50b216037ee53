/**
 * How long a person has to challenge an administrative decision on their case — a refusal, a stop,
 * and an approval's amount or start month alike: the law's periods, the same for every service
 * (行政复议法 第二十条: 60 days from learning of the decision; 行政诉讼法 第四十六条: 6 months). Each
 * service's words interpolate them (docs/decisions/037's addendum, 050).
 */
export const OBJECTION_PERIODS = {
  /** 行政复议 may be asked for within this many days of learning of a decision. */
  reviewDays: 60,
  /** 行政诉讼 may be brought within this many months. */
  lawsuitMonths: 6,
} as const;
