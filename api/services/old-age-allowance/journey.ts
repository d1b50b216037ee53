/**
 * The 高龄津贴 citizen journey, one question per page (the GOV.UK pattern): which fields each page
 * asks, in which order the pages come, and how the answers a browser posts (flat strings, by field
 * path) become the application the schema checks. Pure data and functions; the pages render it.
 */
import { z } from 'zod';
import type { AllowanceDistrict } from './districts.ts';
import { RELATIONSHIPS } from './application.schema.ts';
import type { FlatAnswers, JourneyField, JourneyPage as GenericJourneyPage } from '../../domain/journey.ts';
import { answersOnRoute, nestAnswers, nextStepOf, routeOf, type JourneyDefinition } from '../../engine/journey/journey.ts';

export { fieldOfIssue, type FlatAnswers, type JourneyField } from '../../domain/journey.ts';
export type JourneyPage = GenericJourneyPage<JourneyStep>;

export type JourneyStep = 'eligibility' | 'elder' | 'agent' | 'agent-details' | 'bank' | 'declaration' | 'check';

/** The answer to "are you applying for someone else?", asked on its own page. */
export const HasAgentSchema = z.enum(['yes', 'no'], { error: 'old-age-allowance:errors.application.hasAgentRequired' });

const idNumber = (path: string): JourneyField => ({ path, control: 'text', autocomplete: 'off', width: 'medium' });
const phone = (path: string): JourneyField => ({ path, control: 'text', autocomplete: 'tel', inputmode: 'tel', width: 'medium' });
const name = (path: string): JourneyField => ({ path, control: 'text', autocomplete: 'name' });

/** The journey as the engine runs it (api/engine/journey): the agent's details only when someone applies for the elder. */
export function oldAgeAllowanceJourney(districts: readonly AllowanceDistrict[]): JourneyDefinition<JourneyStep> {
  return {
    service: 'old-age-allowance',
    steps: [
      {
        step: 'eligibility',
        fields: [
          { path: 'district', control: 'radios', options: districts.map((d) => ({ value: d.id, label: `old-age-allowance:application.district.${d.id}` })) },
          idNumber('elder.idNumber'),
        ],
      },
      { step: 'elder', fields: [name('elder.name'), phone('elder.phone')] },
      {
        step: 'agent',
        fields: [{ path: 'hasAgent', control: 'radios', options: HasAgentSchema.options.map((value) => ({ value, label: `old-age-allowance:application.hasAgent.${value}` })) }],
      },
      {
        step: 'agent-details',
        when: { field: 'hasAgent', is: 'yes' },
        fields: [
          name('agent.name'),
          idNumber('agent.idNumber'),
          phone('agent.phone'),
          { path: 'agent.relationship', control: 'radios', options: RELATIONSHIPS.map((value) => ({ value, label: `old-age-allowance:application.relationship.${value}` })) },
        ],
      },
      {
        step: 'bank',
        fields: [
          { path: 'bank.bankName', control: 'text', autocomplete: 'off' },
          name('bank.accountHolder'),
          { path: 'bank.accountNumber', control: 'text', autocomplete: 'off', inputmode: 'numeric' },
        ],
      },
      { step: 'declaration', fields: [{ path: 'declaration', control: 'checkbox' }] },
    ],
  };
}

/** The fields the pages ask that are not answers of the application: the question that steers the route. */
export const NOT_IN_APPLICATION = ['hasAgent'] as const;

/** The pages, for those that render them. */
export function journeyPages(districts: readonly AllowanceDistrict[]): readonly JourneyPage[] {
  return oldAgeAllowanceJourney(districts).steps;
}

// The route reads no district: one definition serves every question about it.
const ROUTING = oldAgeAllowanceJourney([]);

/** The page after `step`, given the answers so far (the agent's details only when there is one). */
export function nextStep(step: JourneyStep, answers: FlatAnswers): JourneyStep {
  return nextStepOf(ROUTING, step, answers);
}

/** The pages the current answers go through, in order (the check page's "change" links, the first unanswered page). */
export function pagesFor(pages: readonly JourneyPage[], answers: FlatAnswers): readonly JourneyPage[] {
  const route = routeOf(ROUTING, answers).map((step) => step.step);
  return pages.filter((page) => route.includes(page.step));
}

/** The nested application the schema validates, from flat answers: only the pages asked. Absent answers stay absent. */
export function applicationFrom(answers: FlatAnswers): Record<string, unknown> {
  const { hasAgent: _steersOnly, declaration, ...asked } = answersOnRoute(ROUTING, answers);
  const application = nestAnswers(ROUTING, asked);
  if (declaration !== undefined) application['declaration'] = declaration === 'yes';
  return application;
}
