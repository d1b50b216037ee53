/**
 * The time limits a service this portal runs keeps, as its guide states them (docs/decisions/060):
 * the deadlines of its workflow a citizen meets, in the order a case meets them, each with the stage
 * of the case it limits. Which deadlines, in what order and in what words is the service's own data
 * (its folder's `timeLimits`, its namespace's `<words>.timeLimit.<deadline>`); the figures are its
 * workflow's, never copied into words.
 */

/**
 * What a deadline limits, as a guide's text names it: deciding whether to accept, the investigation,
 * the decision, telling a refusal in writing. The editor's check (editor-checks.ts) reads the words
 * next to a number of working days by these stages.
 */
export const TIME_LIMIT_STAGES = ['acceptance', 'investigation', 'decision', 'refusal-notice'] as const;
export type TimeLimitStage = (typeof TIME_LIMIT_STAGES)[number];

/** A deadline of a service's workflow that its guide states, and the stage it limits. */
export interface TimeLimitDeclaration {
  deadline: string;
  stage: TimeLimitStage;
}

/** A time limit the portal keeps, with its figures from the workflow. */
export interface ServiceTimeLimit extends TimeLimitDeclaration {
  workingDays: number;
  /** The working days a transition may extend it to (a special case, with its reason). */
  extendableTo?: number;
  /** What happens within it: a translation key in the service's words (`<words>.timeLimit.<deadline>`). */
  words: string;
}
