/**
 * The contract every journey keeps, checked from its definition alone (docs/decisions/028), so that
 * a new service is checked by registering it, not by writing tests step by step:
 *   - step ids are unique; `check` is no step's id;
 *   - a condition reads only fields of steps before its own, and rules the journey names; and some
 *     answers make it hold (a misspelt value or a contradiction leaves a step nobody reaches);
 *   - every answer path of the service's schema is asked by exactly one step (or one collection),
 *     and every field a step asks is a path of the schema (or is declared as not part of it);
 *   - every field has a label in every language, and every choice its label;
 *   - sections and collections named by steps exist; a section's `after` names earlier sections;
 *   - an upload step says what its files are for (once per journey), needs no more than it takes,
 *     and its field has a label in every language.
 * Pure: the schema's paths and the translations are given.
 */
import type { z } from 'zod';
import { comparedValues, conditionReads, holds, type Condition } from './conditions.ts';
import { DEFAULT_FILE_LIMITS } from '../files/upload-policy.ts';
import { uploadAnswerKey, type JourneyDefinition, type StepDefinition } from './journey.ts';

export interface ContractInputs {
  /** The schema's answer paths (schemaPaths), collections' items as `<path>.*.<field>`. */
  schemaPaths: readonly string[];
  /** Fields asked by steps that are not answers of the application (a declaration box, "are you applying for someone else?", a code typed). */
  notInSchema?: readonly string[];
  /** Schema paths the application takes from other answers rather than a step of their own (JourneyPages.derived: the district of the community chosen). */
  derived?: readonly string[];
  /** The languages, and whether a translation key exists in one. */
  languages: readonly string[];
  hasKey: (language: string, key: string) => boolean;
}

/** Whether some answers to the fields a condition reads make it hold: a choice tried with each of its options and none, a text with every value it is compared with, one other value and none. */
export function satisfiable(condition: Condition, options: ReadonlyMap<string, readonly string[]>, ruleNames: readonly string[]): boolean {
  const { fields, rules } = conditionReads(condition);
  // A choice can only be one of its options (or none); a text can be anything.
  const tried = (field: string) => {
    const choices = options.get(field) ?? [];
    return choices.length > 0 ? [...choices, ''] : [...new Set([...comparedValues(condition, field), '', '\u0000other'])];
  };
  const dimensions: [string, string[]][] = [...fields].map((field) => [field, tried(field)]);
  const ruleList = [...rules].filter((rule) => ruleNames.includes(rule));
  const combinations = dimensions.reduce((count, [, values]) => count * values.length, 2 ** ruleList.length);
  if (combinations > 100_000) return true; // too many to try: a contract check must stay fast; such conditions are checked by their service's tests
  const assign = (index: number, answers: Record<string, string>): boolean => {
    if (index === dimensions.length) {
      for (let bits = 0; bits < 2 ** ruleList.length; bits += 1) {
        const rules = Object.fromEntries(ruleList.map((rule, at) => [rule, () => (bits & (1 << at)) !== 0]));
        if (holds(condition, answers, rules)) return true;
      }
      return false;
    }
    const [field, values] = dimensions[index] ?? ['', []];
    return values.some((value) => assign(index + 1, value === '' ? answers : { ...answers, [field]: value }));
  };
  return assign(0, {});
}

const matchesPath = (pattern: string, path: string) => {
  const a = pattern.split('.');
  const b = path.split('.');
  return a.length === b.length && a.every((part, i) => part === '*' || b[i] === '*' || part === b[i]);
};

/** What is wrong with a journey's definition, one sentence each (none: it keeps the contract). */
export function journeyProblems(journey: JourneyDefinition, inputs: ContractInputs): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const options = new Map<string, readonly string[]>();
  const asked: { path: string; step: string }[] = [];
  const sectionIds = (journey.sections ?? []).map((section) => section.id);
  const ruleNames = Object.keys(journey.rules ?? {});

  journey.steps.forEach((step: StepDefinition) => {
    if (step.step === 'check') problems.push('a step is called "check", the check page’s name');
    if (ids.has(step.step)) problems.push(`step ${step.step} is defined twice`);
    if (step.when) {
      const { fields, rules } = conditionReads(step.when);
      for (const field of fields) if (!options.has(field) && !asked.some((earlier) => earlier.path === field)) problems.push(`step ${step.step}’s condition reads ${field}, which no step before it asks`);
      for (const rule of rules) if (!ruleNames.includes(rule)) problems.push(`step ${step.step}’s condition names rule ${rule}, which the journey does not define`);
      if (!satisfiable(step.when, options, ruleNames)) problems.push(`step ${step.step} can never be reached: no answers make its condition hold`);
    }
    if (step.section !== undefined && !sectionIds.includes(step.section)) problems.push(`step ${step.step} is in section ${step.section}, which the journey does not define`);
    if (step.kind === 'add-another' && (step.collection === undefined || !journey.collections?.[step.collection])) problems.push(`add-another step ${step.step} names no collection of the journey`);
    // An upload step's files are no schema path: they are the file engine's, moved to the case at submission.
    if (step.kind === 'upload' && !step.upload) problems.push(`upload step ${step.step} says nothing of its files (upload)`);
    if (step.upload && step.kind !== 'upload') problems.push(`step ${step.step} has files but is not an upload step`);
    if (step.upload && (step.upload.min < 0 || step.upload.min > (step.upload.limits?.maxFiles ?? DEFAULT_FILE_LIMITS.maxFiles))) problems.push(`upload step ${step.step} needs more files than it takes`);
    if (step.upload && journey.steps.some((other) => other !== step && other.upload?.purpose === step.upload?.purpose)) problems.push(`files for ${step.upload.purpose} are asked by more than one step`);
    ids.add(step.step);
    for (const field of step.fields) {
      asked.push({ path: field.path, step: step.step });
      if (field.options) options.set(field.path, field.options.map((option) => option.value));
      else options.set(field.path, []);
    }
    const collection = step.collection ? journey.collections?.[step.collection] : undefined;
    if (collection) for (const field of collection.fields) asked.push({ path: `${collection.path}.*.${field.path}`, step: step.step });
    for (const field of collection?.first?.fields ?? []) if (!collection?.fields.some((own) => own.path === field)) problems.push(`collection ${collection?.path ?? ''} asks its first item for ${field}, which is not one of its fields`);
  });

  (journey.sections ?? []).forEach((section, index) => {
    for (const earlier of section.after ?? []) if (!sectionIds.slice(0, index).includes(earlier)) problems.push(`section ${section.id} comes after ${earlier}, which is not a section before it`);
  });

  const extra = new Set(inputs.notInSchema ?? []);
  const derived = inputs.derived ?? [];
  for (const path of derived) if (!inputs.schemaPaths.includes(path)) problems.push(`${path} is said to be derived but is not in the schema`);
  for (const path of inputs.schemaPaths.filter((candidate) => !derived.includes(candidate))) {
    const owners = [...new Set(asked.filter((field) => matchesPath(field.path, path)).map((field) => field.step))];
    if (owners.length === 0) problems.push(`no step asks for ${path}`);
    if (owners.length > 1) problems.push(`${path} is asked by more than one step: ${owners.join(', ')}`);
  }
  for (const field of asked) {
    if (!extra.has(field.path) && !inputs.schemaPaths.some((path) => matchesPath(path, field.path))) problems.push(`step ${field.step} asks for ${field.path}, which is not in the schema`);
  }

  for (const language of inputs.languages) {
    const missing = (key: string) => !inputs.hasKey(language, key);
    for (const step of journey.steps) {
      const collection = step.collection ? journey.collections?.[step.collection] : undefined;
      const fields = [...step.fields.map((field) => ({ ...field, key: field.path })), ...(collection?.fields ?? []).map((field) => ({ ...field, key: `${collection?.path ?? ''}.${field.path}` }))];
      for (const field of fields) {
        if (missing(`fields.${field.key}`)) problems.push(`${language}: no label fields.${field.key} (step ${step.step})`);
        for (const option of field.options ?? []) if (missing(option.label)) problems.push(`${language}: no label ${option.label} for a choice of ${field.key}`);
      }
      if (step.upload && missing(`fields.${uploadAnswerKey(step.upload.purpose)}`)) problems.push(`${language}: no label fields.${uploadAnswerKey(step.upload.purpose)} (step ${step.step})`);
      if (collection?.first && missing(collection.first.label)) problems.push(`${language}: no label ${collection.first.label} for the first item of ${collection.path}`);
    }
  }
  return problems;
}

interface ZodNode {
  _zod: { def: { type: string; shape?: Record<string, ZodNode>; innerType?: ZodNode; in?: ZodNode; element?: ZodNode; options?: readonly ZodNode[] } };
}

/**
 * The answer paths of a schema: every leaf of its objects (`elder.idNumber`), a list's items as `*`
 * (`household.*.name`). Wrappers (optional, default, a transform's input) are looked through.
 */
export function schemaPaths(schema: z.ZodType): string[] {
  const paths = new Set<string>();
  const walk = (node: ZodNode, prefix: string): void => {
    const def = node._zod.def;
    if (def.type === 'object' && def.shape) {
      for (const [key, child] of Object.entries(def.shape)) walk(child, prefix ? `${prefix}.${key}` : key);
    } else if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault' || def.type === 'readonly' || def.type === 'catch' || def.type === 'nonoptional') && def.innerType) {
      walk(def.innerType, prefix);
    } else if (def.type === 'pipe' && def.in) {
      walk(def.in, prefix);
    } else if (def.type === 'array' && def.element) {
      walk(def.element, `${prefix}.*`);
    } else if (def.type === 'union' && def.options) {
      for (const option of def.options) walk(option, prefix);
    } else if (prefix) paths.add(prefix);
  };
  walk(schema as unknown as ZodNode, '');
  return [...paths];
}
