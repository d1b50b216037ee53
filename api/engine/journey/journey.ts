/**
 * The journey engine: a service's questions as data, and the rules every journey follows, so that
 * no page file and no service repeats them (docs/decisions/028).
 *
 * A journey is its steps in order, one question per page by default (GOV.UK). A step may be asked
 * only `when` a condition holds over the answers *of the steps before it that are asked*: so an
 * answer left on a step that is no longer asked never steers the route. Skipping steps is how
 * branches are written (HMPO's conditional `next`, for journeys whose branches join again); it
 * makes the route, the back link and the check page's rows one computation. Repeating things are
 * "add another" steps over a collection (add-another.ts); long journeys group steps into the
 * sections of a task list (task-list.ts).
 *
 * Answers are flat strings by field path, as a browser posts them and a draft keeps them
 * (`household.0.name` for the first member of a collection). Pure: no HTTP, storage or clock.
 */
import type { FlatAnswers, JourneyField } from '../../domain/journey.ts';
import type { FileLimits } from '../files/upload-policy.ts';
import { holds, type Condition, type JourneyRules } from './conditions.ts';

export type { FlatAnswers, JourneyField } from '../../domain/journey.ts';
export type { Condition, JourneyRules } from './conditions.ts';

/** What a step asks for, beside its fields: a plain question page, or one the engine gives a control of its own. */
export type StepKind =
  | 'question'
  /** A choice of office (the booking engine's resources), with each one's details. */
  | 'office'
  /** A day from a calendar of availability. */
  | 'day'
  /** A time slot of the chosen day. */
  | 'time-slot'
  /** The summary of a collection, with add, change and remove (add-another.ts). */
  | 'add-another'
  /** Files for the application (api/engine/files). */
  | 'upload'
  /** One-time codes confirming phones given earlier (docs/decisions/019). */
  | 'confirm-phones';

export interface JourneyStepField extends JourneyField {
  /** Not needed for the step to count as answered (the schema still checks what is given). */
  optional?: boolean;
}

export interface StepDefinition<Step extends string = string> {
  /** Its name, also its page's address (/apply/<service>/<step>). */
  step: Step;
  kind?: StepKind;
  fields: readonly JourneyStepField[];
  /** Asked only when this holds over the answers of the steps asked before it. */
  when?: Condition;
  /** For an add-another step: the collection it manages (JourneyDefinition.collections). */
  collection?: string;
  /** The task list's section the step belongs to (JourneyDefinition.sections). */
  section?: string;
  /** For an upload step: what its files are for, how many it needs, and the field's limits over the file engine's defaults. */
  upload?: UploadDefinition;
}

/**
 * An upload step's files (api/engine/files, docs/decisions/031). The files themselves live with the
 * file engine, owned by the draft; the answers keep only `uploadAnswerKey(purpose)`, the count the
 * reader continued with, so that the route, the task list and "answered" stay computations over
 * answers alone.
 */
export interface UploadDefinition {
  /** The field the files are given for (the files' `purpose`; its label is `fields.files.<purpose>`). */
  purpose: string;
  /** Files needed before the step counts as answered (0: the step may be passed without any). */
  min: number;
  limits?: Partial<FileLimits>;
}

/** The answer an upload step keeps: how many files the reader continued with. */
export const uploadAnswerKey = (purpose: string): string => `files.${purpose}`;

/**
 * An upload step's answer when the portal found the document on its own record (docs/decisions/074)
 * and the reader continued without a file: the step is answered. The pages keep it only while the
 * record is still found for the answers given, and the submission looks again for itself.
 */
export const UPLOAD_ON_RECORD = 'on-record';

/** Every upload step's purpose with the files it needs at least: what the API checks at submission, as the pages do. */
export function uploadMinimums(journey: JourneyDefinition): Record<string, number> {
  return Object.fromEntries(journey.steps.flatMap((step) => (step.upload ? [[step.upload.purpose, step.upload.min]] : [])));
}

/** Every upload step's purpose with its limits' overrides: what a draft's files may be given for. */
export function uploadPurposes(journey: JourneyDefinition): Record<string, Partial<FileLimits>> {
  return Object.fromEntries(journey.steps.flatMap((step) => (step.upload ? [[step.upload.purpose, step.upload.limits ?? {}]] : [])));
}

export interface CollectionDefinition {
  /** The answers' prefix: `household` gives household.0.name, household.1.name … */
  path: string;
  /** The fields of one item, by their path within the item (`name`, `idNumber`). */
  fields: readonly JourneyStepField[];
  min: number;
  max: number;
  /**
   * The first item is someone the journey already knows (the applicant as household member 0): only
   * `fields` are asked of it (the service's applicationFrom fills in the rest from earlier answers),
   * `label` (a translation key) names it on the summary, and it cannot be removed.
   */
  first?: { fields: readonly string[]; label: string };
  /** The fields the summary shows after an item's name (default: all its other fields); an ID number or an income need not be on it. */
  summary?: readonly string[];
}

/** The fields asked of the item at `index`: all the collection's, or for a known first item only its own (CollectionDefinition.first). */
export function itemFields(collection: CollectionDefinition, index: number): readonly JourneyStepField[] {
  const first = collection.first;
  return index === 0 && first ? collection.fields.filter((field) => first.fields.includes(field.path)) : collection.fields;
}

export interface SectionDefinition {
  id: string;
  /** Sections that must be completed before this one can start (GOV.UK: "cannot start yet"). */
  after?: readonly string[];
}

export interface JourneyDefinition<Step extends string = string> {
  /** The service whose application it gathers. */
  service: string;
  steps: readonly StepDefinition<Step>[];
  /** Answers that a changed answer makes stale, by the field that changed: another office means another calendar. Keys match whole answers and their sub-paths (`date` also clears `date.*`). */
  invalidates?: Readonly<Record<string, readonly string[]>>;
  /** How answers are compared to see whether one changed (e.g. a phone typed with spaces is the same phone). */
  sameAnswer?: Readonly<Record<string, (value: string) => string>>;
  rules?: JourneyRules;
  collections?: Readonly<Record<string, CollectionDefinition>>;
  sections?: readonly SectionDefinition[];
}

/** The pseudo-step every journey ends on: check your answers, then send. */
export const CHECK = 'check';

function stepOf<Step extends string>(journey: JourneyDefinition<Step>, id: string): StepDefinition<Step> {
  const step = journey.steps.find((candidate) => candidate.step === id);
  if (!step) throw new RangeError(`journey of ${journey.service} has no step ${id}`);
  return step;
}

/** Whether `key` is the answer `path` or one below it (household.0.name is below household). */
/** A collection item's path as its words name it: `members.0.wages` → `members.wages`. */
export const labelPath = (path: string): string =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');

export const isAnswerOf = (key: string, path: string): boolean => key === path || key.startsWith(`${path}.`);

/** The answer keys a step owns: its fields, and every item of its collection. */
export function ownsAnswer(journey: JourneyDefinition, step: StepDefinition, key: string): boolean {
  if (step.fields.some((field) => key === field.path)) return true;
  if (step.upload && key === uploadAnswerKey(step.upload.purpose)) return true;
  const collection = step.collection ? journey.collections?.[step.collection] : undefined;
  return collection !== undefined && isAnswerOf(key, collection.path);
}

function answersOf(journey: JourneyDefinition, step: StepDefinition, answers: FlatAnswers): Record<string, string> {
  return Object.fromEntries(Object.entries(answers).filter(([key]) => ownsAnswer(journey, step, key)));
}

/** The steps these answers go through, in order: each step whose condition holds over the answers of the asked steps before it. */
export function routeOf<Step extends string>(journey: JourneyDefinition<Step>, answers: FlatAnswers): StepDefinition<Step>[] {
  const route: StepDefinition<Step>[] = [];
  let seen: Record<string, string> = {};
  for (const step of journey.steps) {
    if (step.when && !holds(step.when, seen, journey.rules)) continue;
    route.push(step);
    seen = { ...seen, ...answersOf(journey, step, answers) };
  }
  return route;
}

/** The step after `step` on the route (the check page after the last). */
export function nextStepOf<Step extends string>(journey: JourneyDefinition<Step>, step: Step, answers: FlatAnswers): Step | typeof CHECK {
  const route = routeOf(journey, answers);
  const at = route.findIndex((candidate) => candidate.step === step);
  return route[at + 1]?.step ?? CHECK;
}

/** The step before `step` on the route (the back link), or undefined on the first. The check page's is the last step. */
export function previousStepOf<Step extends string>(journey: JourneyDefinition<Step>, step: Step | typeof CHECK, answers: FlatAnswers): Step | undefined {
  const route = routeOf(journey, answers);
  if (step === CHECK) return route.at(-1)?.step;
  const at = route.findIndex((candidate) => candidate.step === step);
  return at > 0 ? route[at - 1]?.step : undefined;
}

/** Whether a step has every answer it needs (its required fields given; an add-another step its minimum of items). */
export function isAnswered(journey: JourneyDefinition, step: StepDefinition, answers: FlatAnswers): boolean {
  const collection = step.collection ? journey.collections?.[step.collection] : undefined;
  if (collection) return countItems(collection, answers) >= collection.min;
  if (step.upload) {
    const given = answers[uploadAnswerKey(step.upload.purpose)];
    return given === UPLOAD_ON_RECORD || (given !== undefined && Number(given) >= step.upload.min);
  }
  return step.fields.every((field) => field.optional || (answers[field.path] ?? '') !== '');
}

/** The items of a collection: the highest index given, plus one (add-another.ts keeps indexes dense). */
export function countItems(collection: CollectionDefinition, answers: FlatAnswers): number {
  let count = 0;
  const prefix = `${collection.path}.`;
  for (const key of Object.keys(answers)) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split('.', 1)[0]);
    if (Number.isInteger(index) && index >= 0) count = Math.max(count, index + 1);
  }
  return count;
}

/** The first step on the route that is not answered yet (where "continue" resumes), or the check page. */
export function firstUnanswered<Step extends string>(journey: JourneyDefinition<Step>, answers: FlatAnswers): Step | typeof CHECK {
  return routeOf(journey, answers).find((step) => !isAnswered(journey, step, answers))?.step ?? CHECK;
}

/** Whether a reader may open `step` now: it is on the route and every step before it is answered (no jumping ahead by URL). */
export function mayOpen<Step extends string>(journey: JourneyDefinition<Step>, step: Step | typeof CHECK, answers: FlatAnswers): boolean {
  const route = routeOf(journey, answers);
  const at = step === CHECK ? route.length : route.findIndex((candidate) => candidate.step === step);
  return at >= 0 && route.slice(0, at).every((before) => isAnswered(journey, before, answers));
}

/**
 * The answers after a change: every answer made stale by one that changed is dropped
 * (`invalidates`), then every answer of a step no longer asked (data minimisation: what a route does
 * not need is not kept). Keys no step owns (what a step did, such as a code sent) stay unless stale.
 */
export function settleAnswers(journey: JourneyDefinition, before: FlatAnswers, after: FlatAnswers): Record<string, string> {
  const same = (field: string, value: string | undefined) => (value === undefined ? undefined : (journey.sameAnswer?.[field]?.(value) ?? value));
  // Answers of steps no longer asked go first, so that their going counts as a change (a second
  // person dropped by a replacement certificate takes their phone's confirmation with them).
  const settled = withoutStepsNotAsked(journey, after);
  for (const [field, stale] of Object.entries(journey.invalidates ?? {})) {
    if (same(field, before[field]) === same(field, settled[field])) continue;
    for (const key of Object.keys(settled)) if (stale.some((path) => isAnswerOf(key, path))) delete settled[key];
  }
  return withoutStepsNotAsked(journey, settled);
}

function withoutStepsNotAsked(journey: JourneyDefinition, answers: FlatAnswers): Record<string, string> {
  const asked = routeOf(journey, answers);
  const kept: Record<string, string> = { ...answers };
  for (const step of journey.steps) {
    if (asked.includes(step)) continue;
    for (const key of Object.keys(kept)) if (ownsAnswer(journey, step, key) && !asked.some((other) => ownsAnswer(journey, other, key))) delete kept[key];
  }
  return kept;
}

/**
 * The answers of `step` as posted replace its earlier ones (a field left out of the post, such as an
 * unticked box, is no longer answered); then the answers settle (settleAnswers).
 */
export function saveStep<Step extends string>(journey: JourneyDefinition<Step>, step: Step, before: FlatAnswers, posted: FlatAnswers): Record<string, string> {
  const definition = stepOf(journey, step);
  const after: Record<string, string> = { ...before };
  for (const field of definition.fields) {
    const value = posted[field.path];
    if (value === undefined) delete after[field.path];
    else after[field.path] = value;
  }
  return settleAnswers(journey, before, after);
}

/**
 * Where the reader goes after saving `step`. Normally the next step. Changing an answer from the
 * check page returns there, unless the change put a step on the route that is not answered yet:
 * then that step, still in change mode (GOV.UK's check answers pattern).
 */
export function afterSaving<Step extends string>(
  journey: JourneyDefinition<Step>,
  step: Step,
  answers: FlatAnswers,
  options: { changing?: boolean } = {},
): { step: Step | typeof CHECK; changing: boolean } {
  if (!options.changing) return { step: nextStepOf(journey, step, answers), changing: false };
  const route = routeOf(journey, answers);
  const at = route.findIndex((candidate) => candidate.step === step);
  const gap = route.slice(at + 1).find((later) => !isAnswered(journey, later, answers));
  return gap ? { step: gap.step, changing: true } : { step: CHECK, changing: false };
}

/** The answers the application is made of: those of the steps on the route, nothing a step only did. */
export function answersOnRoute(journey: JourneyDefinition, answers: FlatAnswers): Record<string, string> {
  const route = routeOf(journey, answers);
  return Object.fromEntries(Object.entries(answers).filter(([key]) => route.some((step) => ownsAnswer(journey, step, key))));
}

/** The step that asks for the answer at `path` (an error's link from the check page, a "change" link), if one on the route does. */
export function stepAsking<Step extends string>(journey: JourneyDefinition<Step>, path: string, answers: FlatAnswers): Step | undefined {
  const route = routeOf(journey, answers);
  const owner = (step: StepDefinition<Step>) =>
    step.fields.some((field) => isAnswerOf(path, field.path) || isAnswerOf(field.path, path)) ||
    ownsAnswer(journey, step, path) ||
    (step.collection !== undefined && journey.collections?.[step.collection] !== undefined && isAnswerOf(path, journey.collections[step.collection]?.path ?? ''));
  return route.find(owner)?.step;
}

/**
 * The nested object a service's schema checks, from flat answers: `a.b` → { a: { b } }, and a
 * collection's `household.0.name` → { household: [{ name }] }.
 */
export function nestAnswers(journey: JourneyDefinition, answers: FlatAnswers): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  const collectionPaths = new Set(Object.values(journey.collections ?? {}).map((collection) => collection.path));
  for (const [key, value] of Object.entries(answers)) {
    const parts = key.split('.');
    let node: Record<string, unknown> | unknown[] = nested;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const part = parts[i] ?? '';
      const isList = collectionPaths.has(parts.slice(0, i + 1).join('.'));
      const slot = Array.isArray(node) ? Number(part) : part;
      const holder = node as Record<string | number, unknown>;
      holder[slot] ??= isList ? [] : {};
      node = holder[slot] as Record<string, unknown> | unknown[];
    }
    const last = parts.at(-1) ?? '';
    (node as Record<string | number, unknown>)[Array.isArray(node) ? Number(last) : last] = value;
  }
  return nested;
}
