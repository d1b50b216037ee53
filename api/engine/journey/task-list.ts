/**
 * The task list (GOV.UK's pattern) for long applications: the journey's steps grouped into
 * sections, each a small journey of its own with a status, and the check page once every section is
 * completed. Pure: which answers have problems is given (the service's schema, checked by the
 * caller), so a section with an answer the schema refuses is not "completed".
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { isAnswered, isAnswerOf, ownsAnswer, routeOf, type JourneyDefinition, type StepDefinition } from './journey.ts';

export type SectionStatus = 'cannot-start' | 'not-started' | 'in-progress' | 'completed';

export interface SectionState<Step extends string = string> {
  id: string;
  status: SectionStatus;
  /** Where its link leads: the first step of the section not answered yet, else its first step (to review). Undefined when it cannot start or no step of it is asked. */
  step: Step | undefined;
}

/**
 * Every section's status, in the order the sections are defined. A section whose steps the route
 * skips entirely is left out (nothing to do). `problems` are the answer paths the schema refuses.
 */
export function taskList<Step extends string>(journey: JourneyDefinition<Step>, answers: FlatAnswers, problems: ReadonlySet<string> = new Set()): SectionState<Step>[] {
  const route = routeOf(journey, answers);
  const states = new Map<string, SectionState<Step>>();
  for (const section of journey.sections ?? []) {
    const steps = route.filter((step) => step.section === section.id);
    if (steps.length === 0) continue;
    const blocked = (section.after ?? []).some((earlier) => {
      const state = states.get(earlier);
      return state !== undefined && state.status !== 'completed';
    });
    if (blocked) {
      states.set(section.id, { id: section.id, status: 'cannot-start', step: undefined });
      continue;
    }
    const hasProblem = (step: StepDefinition<Step>) => [...problems].some((path) => ownsAnswer(journey, step, path) || step.fields.some((field) => isAnswerOf(path, field.path)));
    const open = steps.find((step) => !isAnswered(journey, step, answers) || hasProblem(step));
    const started = steps.some((step) => Object.keys(answers).some((key) => ownsAnswer(journey, step, key)));
    const status: SectionStatus = !open ? 'completed' : started ? 'in-progress' : 'not-started';
    states.set(section.id, { id: section.id, status, step: (open ?? steps[0])?.step });
  }
  return [...states.values()];
}

/** Whether the application may go to the check page: every section on the route completed. */
export function readyToCheck(states: readonly SectionState[]): boolean {
  return states.every((state) => state.status === 'completed');
}
