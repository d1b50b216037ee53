/**
 * The services whose application journeys the generic pages (site/pages/apply/[service]/) run:
 * each one's journey definition (api/engine/journey), the schema that checks its application, the
 * words its pages use, and how the application is sent. Adding a question journey adds an entry
 * here and a folder under api/services, not a page file (docs/decisions/028).
 */
import type { AstroGlobal } from 'astro';
import type { z } from 'zod';
import type { SubmitResult } from '../../api/cases/case-service.ts';
import type { FlatAnswers, JourneyDefinition } from '../../api/engine/journey/journey.ts';
import type { Locale } from '../../api/i18n/index.ts';
import { CASE_SERVICES, type AnswerRow } from '../../api/services/registry.ts';
import { oldAgeAllowanceApplicationSchema, type OldAgeAllowanceApplication } from '../../api/services/old-age-allowance/application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import { applicationFrom, HasAgentSchema, NOT_IN_APPLICATION, oldAgeAllowanceJourney } from '../../api/services/old-age-allowance/journey.ts';
import { createOnce, type CreateAnswer } from './forms.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type SubmitAnswer = CreateAnswer<{ trackingNumber: string; acceptanceDue: string | null }>;

export interface JourneyService<Application = unknown> {
  /** Its address (/apply/<service>) and the name of its draft. */
  service: string;
  journey: JourneyDefinition;
  /** Where the pages' words are: `<messages>.start.*`, `<messages>.step.<step>.title|lead`, `<messages>.hint.<path>`, `<messages>.confirmation.*`. */
  messages: string;
  /** The start page's list of what the applicant needs (`<messages>.start.need.<item>`). */
  startNeeds: readonly string[];
  /** The guide the start page links to. */
  guide: string;
  /** Text shown above a step's questions (a declaration's wording), by step: a translation key. */
  stepText?: Readonly<Record<string, string>>;
  /** A check box's own label, by field: a translation key. */
  checkboxLabels?: Readonly<Record<string, string>>;
  /** The schema of the application on a day. */
  schema(today: string): z.ZodType<Application>;
  /** Fields the pages ask that are not answers of the application, with their own schemas ("are you applying for someone else?"). */
  fieldSchemas: Readonly<Record<string, z.ZodType>>;
  notInSchema: readonly string[];
  /** The application the schema checks, from the draft's answers. */
  applicationFrom(answers: FlatAnswers): Record<string, unknown>;
  answerRows(application: Application, lang: Locale): AnswerRow[];
  /** The phone the confirmation says the text went to. */
  smsTo(application: Application): string;
  /** Sends the application with the draft's Idempotency-Key. */
  send(astro: Astro, application: Record<string, unknown>, key: string): Promise<Response>;
}

const oldAgeAllowance: JourneyService<OldAgeAllowanceApplication> = {
  service: 'old-age-allowance',
  journey: oldAgeAllowanceJourney(OLD_AGE_ALLOWANCE_DISTRICTS),
  messages: 'application',
  startNeeds: ['elderId', 'phone', 'bank', 'agentId'],
  guide: 'old-age-allowance',
  stepText: { declaration: 'application.declarationText' },
  checkboxLabels: { declaration: 'application.declarationAgree' },
  schema: (today) => oldAgeAllowanceApplicationSchema({ today, districts: OLD_AGE_ALLOWANCE_DISTRICTS }),
  fieldSchemas: { hasAgent: HasAgentSchema },
  notInSchema: NOT_IN_APPLICATION,
  applicationFrom,
  answerRows: (application, lang) => CASE_SERVICES['old-age-allowance'].answerRows(application, lang),
  smsTo: (application) => CASE_SERVICES['old-age-allowance'].applicant(application).phone,
  // The API's route for the service (a generic /services/{service}/applications is the next step of issue 13).
  send: (astro, application, key) =>
    astro.locals.portal.api.services['old-age-allowance'].applications.$post(
      { header: { 'idempotency-key': key } },
      { init: { body: JSON.stringify(application), headers: { 'content-type': 'application/json', 'idempotency-key': key } } },
    ),
};

export const JOURNEY_SERVICES: Readonly<Record<string, JourneyService>> = {
  'old-age-allowance': oldAgeAllowance as JourneyService<unknown> as JourneyService,
};

export function journeyService(name: string | undefined): JourneyService | undefined {
  return name !== undefined && Object.hasOwn(JOURNEY_SERVICES, name) ? JOURNEY_SERVICES[name] : undefined;
}

/** Sends the application; a double click gets the first answer (createOnce). */
export async function submitApplication(astro: Astro, service: JourneyService, answers: FlatAnswers, key: string): Promise<SubmitAnswer> {
  const answer = await createOnce<Omit<Extract<SubmitResult, { ok: true }>, 'ok'>>(() => service.send(astro, service.applicationFrom(answers), key));
  if (!answer.ok) return answer;
  return { ok: true, body: { trackingNumber: answer.body.trackingNumber, acceptanceDue: answer.body.deadlines.find((d) => d.key === 'acceptance')?.dueOn ?? null } };
}
