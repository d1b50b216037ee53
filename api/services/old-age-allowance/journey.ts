/**
 * The 高龄津贴 citizen journey, one question per page (the GOV.UK pattern): which fields each page
 * asks, in which order the pages come, and how the answers a browser posts (flat strings, by field
 * path) become the application the schema checks. Pure data and functions; the pages render it.
 */
import { z } from 'zod';
import type { AllowanceDistrict } from './districts.ts';
import { RELATIONSHIPS } from './application.schema.ts';
import type { FlatAnswers, JourneyField, JourneyPage as GenericJourneyPage } from '../../domain/journey.ts';

export { fieldOfIssue, type FlatAnswers, type JourneyField } from '../../domain/journey.ts';
export type JourneyPage = GenericJourneyPage<JourneyStep>;

export type JourneyStep = 'eligibility' | 'elder' | 'agent' | 'agent-details' | 'bank' | 'declaration' | 'check';

/** The answer to "are you applying for someone else?", asked on its own page. */
export const HasAgentSchema = z.enum(['yes', 'no'], { error: 'errors.application.hasAgentRequired' });

const idNumber = (path: string): JourneyField => ({ path, control: 'text', autocomplete: 'off', width: 'medium' });
const phone = (path: string): JourneyField => ({ path, control: 'text', autocomplete: 'tel', inputmode: 'tel', width: 'medium' });
const name = (path: string): JourneyField => ({ path, control: 'text', autocomplete: 'name' });

export function journeyPages(districts: readonly AllowanceDistrict[]): readonly JourneyPage[] {
  return [
    {
      step: 'eligibility',
      fields: [
        { path: 'district', control: 'radios', options: districts.map((d) => ({ value: d.id, label: `application.district.${d.id}` })) },
        idNumber('elder.idNumber'),
      ],
    },
    { step: 'elder', fields: [name('elder.name'), phone('elder.phone')] },
    {
      step: 'agent',
      fields: [{ path: 'hasAgent', control: 'radios', options: HasAgentSchema.options.map((value) => ({ value, label: `application.hasAgent.${value}` })) }],
    },
    {
      step: 'agent-details',
      fields: [
        name('agent.name'),
        idNumber('agent.idNumber'),
        phone('agent.phone'),
        { path: 'agent.relationship', control: 'radios', options: RELATIONSHIPS.map((value) => ({ value, label: `application.relationship.${value}` })) },
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
  ];
}


const hasAgent = (answers: FlatAnswers) => answers['hasAgent'] === 'yes';

/** The page after `step`, given the answers so far (the agent's details only when there is one). */
export function nextStep(step: JourneyStep, answers: FlatAnswers): JourneyStep {
  const order: JourneyStep[] = ['eligibility', 'elder', 'agent', 'agent-details', 'bank', 'declaration', 'check'];
  let next = order[order.indexOf(step) + 1] ?? 'check';
  if (next === 'agent-details' && !hasAgent(answers)) next = 'bank';
  return next;
}

/** The pages the current answers go through, in order (the check page's "change" links, the first unanswered page). */
export function pagesFor(pages: readonly JourneyPage[], answers: FlatAnswers): readonly JourneyPage[] {
  return pages.filter((page) => page.step !== 'agent-details' || hasAgent(answers));
}

/** The nested application the schema validates, from flat answers. Absent answers stay absent. */
export function applicationFrom(answers: FlatAnswers): Record<string, unknown> {
  const application: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(answers)) {
    if (path === 'hasAgent' || path === 'declaration') continue;
    if (path.startsWith('agent.') && !hasAgent(answers)) continue;
    const [head, tail] = path.split('.', 2) as [string, string | undefined];
    if (tail === undefined) application[head] = value;
    else application[head] = { ...(application[head] as Record<string, unknown> | undefined), [tail]: value };
  }
  if (answers['declaration'] !== undefined) application['declaration'] = answers['declaration'] === 'yes';
  return application;
}
