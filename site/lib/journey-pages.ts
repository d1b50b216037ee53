/**
 * What every journey's pages do, for any service (site/pages/apply/[service]/): read a page's
 * answers from a form post, check them against the service's one schema (only the issues of that
 * page's fields count), find the first page that still needs an answer, and the page an answer
 * belongs to. The route, change mode and what a change makes stale are the engine's
 * (api/engine/journey).
 */
import { serviceDataOf } from '../../api/services/service-data.ts';
import type { AstroGlobal } from 'astro';
import { ZodError } from 'zod';
import { serviceNamespaces } from '../../api/i18n/index.ts';
import { CHECK, isAnswered, itemFields, nestAnswers, routeOf, stepAsking, type CollectionDefinition, type FlatAnswers, type StepDefinition } from '../../api/engine/journey/journey.ts';
import { problemsOnPage, type FieldMessage } from './forms.ts';
import { itemsOf } from '../../api/engine/journey/add-another.ts';
import { toolPageProblems } from './journey-tools.ts';
import { isTool, type AnyJourney, type JourneyService } from './journey-services.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

/** The page's answers as posted: every field present (an unticked box or unchosen option is ''). */
export function postedAnswers(step: StepDefinition, form: FormData): Record<string, string> {
  return Object.fromEntries(
    step.fields.map((field) => {
      const value = form.get(field.path);
      if (field.control === 'checkbox') return [field.path, value === 'yes' ? 'yes' : ''];
      return [field.path, typeof value === 'string' ? value.slice(0, 400) : ''];
    }),
  );
}

/** The translated problems with one page's answers, each on the field it belongs to. */
export function pageProblems(astro: Astro, service: AnyJourney, step: Pick<StepDefinition, 'fields'>, answers: FlatAnswers): FieldMessage[] {
  // A tool's one schema is of its nested answers, its labels its own subtree (site/lib/journey-tools.ts).
  if (isTool(service)) return toolPageProblems(astro, service, step, answers);
  const { lang, today } = astro.locals.portal;
  // Its fields' labels: the service's own, then common's (docs/decisions/038).
  const namespaces = serviceNamespaces(service.messages);
  const own = step.fields.filter((field) => service.fieldSchemas[field.path] !== undefined);
  if (own.length > 0) {
    const issues = own.flatMap((field) => service.fieldSchemas[field.path]?.safeParse(answers[field.path]).error?.issues.map((issue) => ({ ...issue, path: [field.path] })) ?? []);
    return problemsOnPage(step, issues.length > 0 ? new ZodError(issues) : undefined, lang, namespaces);
  }
  const parsed = service.schema(today, serviceDataOf(astro.locals.portal)).safeParse(service.applicationFrom(answers));
  return problemsOnPage(step, parsed.error, lang, namespaces);
}

/**
 * A page's problems, the schema's and then the service's own for its step kind (a booking's
 * calendar, person and phones checks: its registration's `booking.stepProblems`). With
 * `places: false` (going through the answers again), places left and people are the submission's
 * to decide.
 */
export async function stepProblems(astro: Astro, service: AnyJourney, step: Pick<StepDefinition, 'step' | 'fields'>, answers: FlatAnswers, { places = true } = {}): Promise<FieldMessage[]> {
  const problems = pageProblems(astro, service, step, answers);
  if (problems.length > 0 || isTool(service) || !service.booking) return problems;
  return service.booking.stepProblems(astro.locals.portal, step.step, answers, { places });
}

/** The first page on the route whose answers are missing or wrong (places left aside), or the check page. */
export async function firstUnfinished(astro: Astro, service: AnyJourney, answers: FlatAnswers): Promise<string> {
  const complete = await completeApplication(astro, service, answers);
  return complete.ok ? CHECK : complete.step;
}

/** The whole application when every page on the route is answered well, or the first page that still needs an answer. */
export async function completeApplication(astro: Astro, service: AnyJourney, answers: FlatAnswers): Promise<{ ok: true; application: unknown } | { ok: false; step: string }> {
  const route = routeOf(service.journey, answers);
  for (const step of route) {
    const collection = step.collection ? service.journey.collections?.[step.collection] : undefined;
    // An add-another step: enough items, and none of them refused.
    const asked = collection ? { step: step.step, fields: Object.keys(answers).filter((key) => key.startsWith(`${collection.path}.`)).map((path) => ({ path, control: 'text' as const })) } : step;
    if (collection && itemsOf(collection, answers).length < collection.min) return { ok: false, step: step.step };
    if ((await stepProblems(astro, service, asked, answers, { places: false })).length > 0) return { ok: false, step: step.step };
  }
  const parsed = isTool(service) ? service.schema.safeParse(nestAnswers(service.journey, answers)) : service.schema(astro.locals.portal.today, serviceDataOf(astro.locals.portal)).safeParse(service.applicationFrom(answers));
  if (!parsed.success) return { ok: false, step: route[0]?.step ?? CHECK };
  return { ok: true, application: parsed.data };
}

/** The page an answer (a check page row's label `fields.<path>`, or an API error's field) is changed on. */
export function stepOfAnswer(service: JourneyService, answers: FlatAnswers, labelOrPath: string): string {
  // A label may name its namespace (`marriage:fields.partyA.phone`, docs/decisions/038).
  const path = labelOrPath.replace(/^(?:[\w-]+:)?fields\./, '');
  return stepAsking(service.journey, path, answers) ?? routeOf(service.journey, answers)[0]?.step ?? CHECK;
}

/** The task list's address within a journey that has sections (a pseudo-step, like the check page). */
export const TASK_LIST = 'task-list';

/** One item's questions of an add-another step, as a page of their own: the collection's fields at `<path>.<index>.<field>`. */
export function itemStep(step: string, collection: CollectionDefinition, index: number): StepDefinition {
  return { step, fields: itemFields(collection, index).map((field) => ({ ...field, path: `${collection.path}.${index}.${field.path}` })) };
}

/** The answers the schema refuses, on the steps already answered (a section with one is not "completed"). */
export function problemPaths(astro: Astro, service: AnyJourney, answers: FlatAnswers): Set<string> {
  const paths = new Set<string>();
  for (const step of routeOf(service.journey, answers)) {
    if (!isAnswered(service.journey, step, answers) || step.fields.length === 0) continue;
    for (const problem of pageProblems(astro, service, step, answers)) paths.add(problem.field);
  }
  return paths;
}
