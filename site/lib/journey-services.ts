/**
 * The services whose application journeys the generic pages (site/pages/apply/[service]/) run,
 * each registered in its own folder (api/services/<service>/pages.ts: its journey, schema and
 * words). Adding a question journey adds that folder and a line here, not a page file
 * (docs/decisions/028); every service's application goes to the one generic route
 * (docs/decisions/029).
 */
import { serviceDataOf } from '../../api/services/service-data.ts';
import type { AstroGlobal } from 'astro';
import type { SubmitResult } from '../../api/cases/case-service.ts';
import type { FlatAnswers } from '../../api/engine/journey/journey.ts';
import { addMessages } from '../../api/i18n/index.ts';
import { PREFILLED, type JourneyPages, type ServicePackage, type SubmitOutcome } from '../../api/services/service-package.ts';
import { afterDeathPages } from '../../api/services/after-death/pages.ts';
import { ecoBurialPages } from '../../api/services/eco-burial-subsidy/pages.ts';
import { cemeteryPages } from '../../api/services/public-cemetery/pages.ts';
import { funeralBookingPages } from '../../api/services/funeral-booking/pages.ts';
import { marriageBookingPages } from '../../api/services/marriage/pages.ts';
import { oldAgeAllowancePages } from '../../api/services/old-age-allowance/pages.ts';
import { extremePovertySupportPages } from '../../api/services/social-relief/extreme-poverty-support/pages.ts';
import { minimumLivingAllowancePages } from '../../api/services/social-relief/minimum-living-allowance/pages.ts';
import { temporaryAssistancePages } from '../../api/services/social-relief/temporary-assistance/pages.ts';
import { createOnce, type CreateAnswer } from './forms.ts';
import { draftReference } from './application-draft.ts';
import { JOURNEY_TOOLS, RESULT, toolPath, type JourneyTool } from './journey-tools.ts';

type Astro = Pick<AstroGlobal, 'locals' | 'cookies'>;

export type SubmitAnswer = CreateAnswer<{ trackingNumber: string; acceptanceDue: string | null; prefilled: string[] }>;

/** What the generic pages need of a service (api/services/service-package.ts). */
export type JourneyService<Application = unknown> = JourneyPages<Application>;

export const JOURNEY_SERVICES: Readonly<Record<string, JourneyService>> = {
  'old-age-allowance': oldAgeAllowancePages as JourneyService,
  'marriage-appointment': marriageBookingPages as JourneyService,
  'minimum-living-allowance': minimumLivingAllowancePages as JourneyService,
  'extreme-poverty-support': extremePovertySupportPages as JourneyService,
  'temporary-assistance': temporaryAssistancePages as JourneyService,
  'eco-burial-subsidy': ecoBurialPages as JourneyService,
  'after-death': afterDeathPages as JourneyService,
  'public-cemetery': cemeteryPages as JourneyService,
  'funeral-booking': funeralBookingPages as JourneyService,
};

/**
 * Any journey the generic pages run: an application (answers in a server draft, ending in check and
 * submit) or a tool (answers only in the reader's browser, ending in its result: docs/decisions/048).
 */
export type AnyJourney = JourneyService | JourneyTool;

/** Whether the journey is a tool (site/lib/journey-tools.ts). */
export const isTool = (journey: AnyJourney): journey is JourneyTool => 'result' in journey && typeof journey.result === 'function';

/** The journey's name: its address after /apply/, and its draft's or sealed answers' name. */
export const journeyName = (journey: AnyJourney): string => (isTool(journey) ? journey.tool : journey.service);

/** A journey's public address: a tool's /check/<tool>, a service's registration's `path` (e.g. /book/marriage), else /apply/<service>. */
export const basePathOf = (journey: AnyJourney): string => (isTool(journey) ? toolPath(journey) : (journey.path ?? `/apply/${journey.service}`));

/** The address of the page after the last question: a tool's result, an application's check page (the engine's CHECK either way). */
export const endStepOf = (journey: AnyJourney): string => (isTool(journey) ? RESULT : 'check');

/** Every journey this portal runs: the built-in ones and those of the packages given to it at start. */
const allJourneyServices = (given: readonly ServicePackage[]): JourneyService[] => [...Object.values(JOURNEY_SERVICES), ...given.map((package_) => package_.pages)];
const allJourneys = (given: readonly ServicePackage[]): AnyJourney[] => [...allJourneyServices(given), ...Object.values(JOURNEY_TOOLS)];

// A tool and a service of one name would share /apply/<name>: refused as the portal loads.
for (const name of Object.keys(JOURNEY_TOOLS)) if (Object.hasOwn(JOURNEY_SERVICES, name)) throw new Error(`the tool ${name} has the name of a service`);

/** The service and file of a download at a service's own address (/book/marriage/receipt), if this is one. */
export function journeyDownloadAt(pathname: string, given: readonly ServicePackage[] = []): { service: JourneyService; name: string } | undefined {
  const all = allJourneyServices(given);
  const trimmed = pathname.replace(/\/+$/, '');
  for (const service of all) {
    if (!service.path || !service.downloads || !trimmed.startsWith(`${service.path}/`)) continue;
    const name = trimmed.slice(service.path.length + 1);
    if (Object.hasOwn(service.downloads, name)) return { service, name };
  }
  return undefined;
}

/**
 * The generic page a public address of a journey is served by (site/middleware.ts): a service with
 * a `path` of its own (/book/marriage) or a tool (/check/<tool>): `<path>` → `/apply/<name>`,
 * `<path>/<step>` → `/apply/<name>/<step>` for the journey's steps and its end (an application's
 * check page, task list and confirmation; a tool's result). Anything else under the path, such as a
 * booking's receipt, is a file of its own. Undefined: not such an address.
 */
export function journeyRoute(pathname: string, given: readonly ServicePackage[] = []): string | undefined {
  const trimmed = pathname.replace(/\/+$/, '');
  for (const journey of allJourneys(given)) {
    const path = basePathOf(journey);
    const name = journeyName(journey);
    if (path === `/apply/${name}`) continue;
    if (trimmed === path) return `/apply/${name}`;
    if (!trimmed.startsWith(`${path}/`)) continue;
    const rest = trimmed.slice(path.length + 1);
    const ends = isTool(journey) ? [RESULT] : ['check', 'confirmation', 'task-list'];
    const pages = new Set([...journey.journey.steps.map((step) => step.step), ...ends]);
    if (pages.has(rest)) return `/apply/${name}/${rest}`;
  }
  return undefined;
}

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
  addMessages(package_.id, package_.messages);
  return package_.pages;
}

/** The journey whose pages these are, a service (journeyService) or a tool (site/lib/journey-tools.ts). */
export function anyJourney(name: string | undefined, given: readonly ServicePackage[] = []): AnyJourney | undefined {
  if (name !== undefined && Object.hasOwn(JOURNEY_TOOLS, name)) return JOURNEY_TOOLS[name];
  return journeyService(name, given);
}

/**
 * Sends what the check page submits and says what came of it: a service's own submission (a
 * booking: its registration's `submit`), or else the application to the generic route.
 */
export async function submitJourney(astro: Astro, service: JourneyService, answers: FlatAnswers, key: string): Promise<SubmitOutcome> {
  if (service.submit) {
    const hook = service.submit;
    const answer = await createOnce<unknown>(() => hook.send(astro.locals.portal, answers, key));
    return hook.outcome(answer, answers);
  }
  const answer = await submitApplication(astro, service, answers, key);
  if (!answer.ok) return { kind: 'refused', status: answer.status, fields: answer.fields, message: answer.message };
  const parsed = service.schema(astro.locals.portal.today, serviceDataOf(astro.locals.portal)).safeParse(service.applicationFrom(answers));
  // A bundle's items whose journeys were prefilled (docs/decisions/076): the confirmation offers to continue each.
  const keep = Object.fromEntries(answer.body.prefilled.map((item) => [`${PREFILLED}${item}`, 'yes']));
  return { kind: 'submitted', trackingNumber: answer.body.trackingNumber, acceptanceDue: answer.body.acceptanceDue, smsTo: parsed.success ? service.smsTo(parsed.data) : '', keep };
}

/** Sends the application; a double click gets the first answer (createOnce). */
export async function submitApplication(astro: Astro, service: JourneyService, answers: FlatAnswers, key: string): Promise<SubmitAnswer> {
  // One route for every service (POST /services/{service}/applications), with the draft's Idempotency-Key.
  const send = () =>
    astro.locals.portal.api.services[':service'].applications.$post(
      // The draft's reference brings its files (docs/decisions/031) and ends the draft (docs/decisions/033), with the case.
      { param: { service: service.service }, header: { 'idempotency-key': key, 'draft-reference': draftReference(astro, service.service) } },
      { init: { body: JSON.stringify({ ...service.applicationFrom(answers), ...service.sentWith?.(answers, astro.locals.portal.now) }), headers: { 'content-type': 'application/json', 'idempotency-key': key, 'draft-reference': draftReference(astro, service.service) } } },
    );
  const answer = await createOnce<Omit<Extract<SubmitResult, { ok: true }>, 'ok'>>(send);
  if (!answer.ok) return answer;
  const prefilled = (answer.body.parts ?? []).filter((part) => part.prefilled).map((part) => part.item);
  return { ok: true, body: { trackingNumber: answer.body.trackingNumber, acceptanceDue: answer.body.deadlines.find((d) => d.key === 'acceptance')?.dueOn ?? null, prefilled } };
}
