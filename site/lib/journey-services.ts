/**
 * The services whose application journeys the generic pages (site/pages/apply/[service]/) run,
 * each registered in its own folder (api/services/<service>/pages.ts: its journey, schema and
 * words). Adding a question journey adds that folder and a line here, not a page file
 * (docs/decisions/028); every service's application goes to the one generic route
 * (docs/decisions/029).
 */
import type { AstroGlobal } from 'astro';
import type { SubmitResult } from '../../api/cases/case-service.ts';
import type { FlatAnswers } from '../../api/engine/journey/journey.ts';
import { addMessages } from '../../api/i18n/index.ts';
import type { JourneyPages, ServicePackage } from '../../api/services/service-package.ts';
import { oldAgeAllowancePages } from '../../api/services/old-age-allowance/pages.ts';
import { createOnce, type CreateAnswer } from './forms.ts';
import { draftReference } from './application-draft.ts';

type Astro = Pick<AstroGlobal, 'locals' | 'cookies'>;

export type SubmitAnswer = CreateAnswer<{ trackingNumber: string; acceptanceDue: string | null }>;

/** What the generic pages need of a service (api/services/service-package.ts). */
export type JourneyService<Application = unknown> = JourneyPages<Application>;

export const JOURNEY_SERVICES: Readonly<Record<string, JourneyService>> = {
  'old-age-allowance': oldAgeAllowancePages as JourneyService,
};

/**
 * The service whose pages these are: a built-in one, or one given to the portal at start
 * (locals.portal.services, docs/decisions/029), whose words this bundle's copy of the messages then
 * learns (the server's copy learnt them when the portal was made).
 */
export function journeyService(name: string | undefined, given: readonly ServicePackage[] = []): JourneyService | undefined {
  if (name === undefined) return undefined;
  if (Object.hasOwn(JOURNEY_SERVICES, name)) return JOURNEY_SERVICES[name];
  const package_ = given.find((candidate) => candidate.id === name);
  if (!package_) return undefined;
  addMessages(package_.messages);
  return package_.pages;
}

/** Sends the application; a double click gets the first answer (createOnce). */
export async function submitApplication(astro: Astro, service: JourneyService, answers: FlatAnswers, key: string): Promise<SubmitAnswer> {
  // One route for every service (POST /services/{service}/applications), with the draft's Idempotency-Key.
  const send = () =>
    astro.locals.portal.api.services[':service'].applications.$post(
      // The draft's reference brings its files (docs/decisions/031) and ends the draft (docs/decisions/033), with the case.
      { param: { service: service.service }, header: { 'idempotency-key': key, 'draft-reference': draftReference(astro, service.service) } },
      { init: { body: JSON.stringify(service.applicationFrom(answers)), headers: { 'content-type': 'application/json', 'idempotency-key': key, 'draft-reference': draftReference(astro, service.service) } } },
    );
  const answer = await createOnce<Omit<Extract<SubmitResult, { ok: true }>, 'ok'>>(send);
  if (!answer.ok) return answer;
  return { ok: true, body: { trackingNumber: answer.body.trackingNumber, acceptanceDue: answer.body.deadlines.find((d) => d.key === 'acceptance')?.dueOn ?? null } };
}
