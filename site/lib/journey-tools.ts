/**
 * The tool journeys: questions on the journey engine ending in a result worked out at once, with
 * nothing stored on the server (docs/decisions/041), run at /check/<tool> by the same generic pages
 * as every application (site/pages/apply/[service]/, routed by site/middleware.ts: docs/decisions/048),
 * which keep their answers through site/lib/answer-store.ts. Each is registered in its service's
 * folder; adding one adds a line here.
 *
 * The answers live in a sealed cookie (api/engine/tools/sealed-answers.ts) on each of the tool's
 * addresses, one per language (so that switching language keeps them, and no other page is sent them), lapsing after TOOL_IDLE_MINUTES idle: its Max-Age, and the moment sealed inside it,
 * which a copied cookie cannot outlive.
 */
import type { AstroGlobal } from 'astro';
import { ZodError } from 'zod';
import { labelPath, nestAnswers, routeOf, type FlatAnswers, type StepDefinition, type StepKind } from '../../api/engine/journey/journey.ts';
import { itemsOf } from '../../api/engine/journey/add-another.ts';
import { openAnswers, sealAnswers, TOOL_IDLE_MINUTES } from '../../api/engine/tools/sealed-answers.ts';
import type { ToolDefinition } from '../../api/engine/tools/tool.ts';
import { serviceNamespaces } from '../../api/i18n/index.ts';
import { socialReliefSelfCheck } from '../../api/services/social-relief/self-check/tool.ts';
import { cookieOptions } from './application-draft.ts';
import { problemsOnPage, type FieldMessage } from './forms.ts';
import { localizedHref } from './page-context.ts';

type Astro = Pick<AstroGlobal, 'locals' | 'cookies' | 'url'>;

export type JourneyTool = ToolDefinition;

/** The step kinds a tool may ask: questions only (an upload or a booking needs a draft on the server). */
const TOOL_STEP_KINDS: readonly (StepKind | undefined)[] = [undefined, 'question', 'add-another'];

const checkedTool = (tool: JourneyTool): JourneyTool => {
  const other = tool.journey.steps.find((step) => !TOOL_STEP_KINDS.includes(step.kind) || (tool.journey.sections?.length ?? 0) > 0);
  if (other) throw new Error(`the tool ${tool.tool} asks ${other.step}, a kind of step only an application can have`);
  return tool;
};

export const JOURNEY_TOOLS: Readonly<Record<string, JourneyTool>> = {
  [socialReliefSelfCheck.tool]: checkedTool(socialReliefSelfCheck as JourneyTool),
};

export const journeyTool = (name: string | undefined): JourneyTool | undefined => (name !== undefined && Object.hasOwn(JOURNEY_TOOLS, name) ? JOURNEY_TOOLS[name] : undefined);

/** The tools a guide offers before its apply button ("check first"). */
export const toolsForGuide = (slug: string): JourneyTool[] => Object.values(JOURNEY_TOOLS).filter((tool) => tool.guides.includes(slug));

/** A tool's address (without the language prefix). */
export const toolPath = (tool: Pick<JourneyTool, 'tool'>): string => `/check/${tool.tool}`;

/** The result page: the address of the engine's check page in a tool, after the last question, where "change" returns. */
export const RESULT = 'result';

export const toolCookieName = (tool: Pick<JourneyTool, 'tool'>): string => `check_${tool.tool.replace(/[^a-z0-9]/g, '_')}`;
const IDLE_SECONDS = TOOL_IDLE_MINUTES * 60;
/**
 * The tool's addresses in both languages, each with a cookie of its own (a page keeps one cookie
 * per name, whatever its path): both are set and cleared together; a browser sends each page only
 * its language's.
 */
const cookieTargets = (tool: JourneyTool) => [
  { name: toolCookieName(tool), path: localizedHref(toolPath(tool), 'zh-CN') },
  { name: `${toolCookieName(tool)}_en`, path: localizedHref(toolPath(tool), 'en') },
];

export type ToolAnswers = { answers: Record<string, string>; state: 'none' | 'open' | 'restarted' };

/** The reader's answers: none yet, the cookie's, or none because the cookie was changed or lapsed (restarted, said on the start page). */
export function readToolAnswers(astro: Astro, tool: JourneyTool): ToolAnswers {
  const token = cookieTargets(tool)
    .map((target) => astro.cookies.get(target.name)?.value)
    .find(Boolean);
  const opened = openAnswers(astro.locals.portal.drafts, tool.tool, token, astro.locals.portal.now);
  if (opened.ok) return { answers: opened.answers, state: 'open' };
  if (opened.reason !== 'none') clearToolAnswers(astro, tool);
  return { answers: {}, state: opened.reason === 'none' ? 'none' : 'restarted' };
}

/** Keeps the answers in the reader's cookie (sealed again, so the idle time starts again); false when they would not fit one. */
export function writeToolAnswers(astro: Astro, tool: JourneyTool, answers: FlatAnswers): boolean {
  const sealed = sealAnswers(astro.locals.portal.drafts, tool.tool, answers, astro.locals.portal.now);
  if (!sealed.ok) return false;
  for (const { name, path } of cookieTargets(tool)) astro.cookies.set(name, sealed.token, { ...cookieOptions(astro, IDLE_SECONDS), path });
  return true;
}

/** "Start again": the answers are forgotten (and a changed or lapsed cookie goes). */
export function clearToolAnswers(astro: Astro, tool: JourneyTool): void {
  for (const { name, path } of cookieTargets(tool)) astro.cookies.delete(name, { ...cookieOptions(astro, 0), path });
}

/** A tool's words: its key, written without the namespace, found in its namespace then common's. */
export const toolNamespaces = (tool: JourneyTool): string[] => serviceNamespaces(tool.messages);
/** The key of the tool's words `rest` (`step.where.title`): its root's subtree within its namespace. */
export const toolKey = (tool: JourneyTool, rest: string): string => `${tool.messages}.${rest}`;
/** Where its fields' labels are within its namespace (`selfCheck.fields`). */
const labelRoot = (tool: JourneyTool) => `${tool.messages.split(':')[1] ?? ''}.fields`;

/** The translated problems of one page's answers, each on its field: the tool's one schema, only the issues on the page's fields. */
export function toolPageProblems(astro: Pick<AstroGlobal, 'locals'>, tool: JourneyTool, step: Pick<StepDefinition, 'fields'>, answers: FlatAnswers): FieldMessage[] {
  const parsed = tool.schema.safeParse(nestAnswers(tool.journey, answers));
  return problemsOnPage(step, parsed.error instanceof ZodError ? parsed.error : undefined, astro.locals.portal.lang, toolNamespaces(tool), labelRoot(tool));
}

/** One row of "change your answers": a step's question and what was answered, by its labels. */
export interface ToolAnswerRow {
  step: string;
  /** Translation keys of the labels, and the answers as shown (an option's key marked so). */
  answers: { label: string; value: string; valueKey: boolean; items?: string[] }[];
}

/** What the reader answered on each page of the route, for "change your answers": a collection as its items' names. */
export function toolAnswerRows(tool: JourneyTool, answers: FlatAnswers): ToolAnswerRow[] {
  return routeOf(tool.journey, answers).map((step) => {
    const collection = step.collection ? tool.journey.collections?.[step.collection] : undefined;
    if (collection) {
      const first = collection.fields[0]?.path ?? '';
      return { step: step.step, answers: [{ label: toolKey(tool, `fields.${collection.path}.${first}`), value: '', valueKey: false, items: itemsOf(collection, answers).map((item) => item[first] ?? '') }] };
    }
    return {
      step: step.step,
      answers: step.fields.map((field) => {
        const value = answers[field.path] ?? '';
        const option = field.options?.find((candidate) => candidate.value === value);
        return { label: toolKey(tool, `fields.${labelPath(field.path)}`), value: option ? option.label : value, valueKey: option !== undefined };
      }),
    };
  });
}
