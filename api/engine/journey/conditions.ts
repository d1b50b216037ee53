/**
 * When a step of a journey is asked, as data (HMPO's form wizard writes `next` conditions the same
 * way): an answer is or is not one of some values, is answered or not, or a rule the service names
 * holds. Data rather than functions, so that the contract check can tell a condition that can
 * never hold (a misspelt value, a field asked later) before anyone meets it.
 */
import type { FlatAnswers } from '../../domain/journey.ts';

export type Condition =
  | { readonly field: string; readonly is: string | readonly string[] }
  | { readonly field: string; readonly isNot: string | readonly string[] }
  | { readonly field: string; readonly answered: boolean }
  /** A rule of the service's (`JourneyDefinition.rules`): what plain comparisons cannot say, e.g. "this ID number does not carry the birth date". */
  | { readonly rule: string }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

/** A service's named rules over the answers asked so far. Pure. */
export type JourneyRules = Readonly<Record<string, (answers: FlatAnswers) => boolean>>;

const values = (value: string | readonly string[]): readonly string[] => (typeof value === 'string' ? [value] : value);

/** Whether `condition` holds for `answers`; an unknown rule never holds (a forgotten rule hides a step rather than shows it). */
export function holds(condition: Condition, answers: FlatAnswers, rules: JourneyRules = {}): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, answers, rules));
  if ('any' in condition) return condition.any.some((part) => holds(part, answers, rules));
  if ('not' in condition) return !holds(condition.not, answers, rules);
  if ('rule' in condition) return rules[condition.rule]?.(answers) ?? false;
  const answer = answers[condition.field] ?? '';
  if ('is' in condition) return values(condition.is).includes(answer);
  if ('isNot' in condition) return !values(condition.isNot).includes(answer);
  return (answer !== '') === condition.answered;
}

/** The fields and rules a condition reads. */
export function conditionReads(condition: Condition): { fields: Set<string>; rules: Set<string> } {
  const fields = new Set<string>();
  const rules = new Set<string>();
  const walk = (part: Condition): void => {
    if ('all' in part) part.all.forEach(walk);
    else if ('any' in part) part.any.forEach(walk);
    else if ('not' in part) walk(part.not);
    else if ('rule' in part) rules.add(part.rule);
    else fields.add(part.field);
  };
  walk(condition);
  return { fields, rules };
}

/** The values a condition compares `field` with (to try each when looking for answers that make it hold). */
export function comparedValues(condition: Condition, field: string): Set<string> {
  const found = new Set<string>();
  const walk = (part: Condition): void => {
    if ('all' in part) part.all.forEach(walk);
    else if ('any' in part) part.any.forEach(walk);
    else if ('not' in part) walk(part.not);
    else if ('field' in part && part.field === field) {
      if ('is' in part) values(part.is).forEach((value) => found.add(value));
      if ('isNot' in part) values(part.isNot).forEach((value) => found.add(value));
    }
  };
  walk(condition);
  return found;
}
