/**
 * What changed between two versions of a guide, for the reviewer and the history
 * (docs/decisions/052): the 一次性告知 fields one by one (each a line of text, a list item a line),
 * and the Markdown body line by line with the changed lines' words marked. jsdiff does the diffing
 * (Myers' algorithm, as git): words are cut by Intl.Segmenter, which knows where Chinese words end.
 *
 * Pure: the two versions are arguments.
 */
import { diffArrays, diffLines, diffWords, type ChangeObject } from 'diff';
import { z } from 'zod';
import { GuideFrontmatterSchema, LOCALES, type GuideFrontmatter, type Locale } from './guide.schema.ts';
import { textLines } from '../text.ts';

/** A guide's text in one language: its 一次性告知 fields and its Markdown body. */
export const GuideLanguageContentSchema = z.object({
  frontmatter: GuideFrontmatterSchema,
  body: textLines().max(50_000),
});
export type GuideLanguageContent = z.infer<typeof GuideLanguageContentSchema>;

/** Both languages at once: a draft holds them together so that neither is published without the other being looked at. */
export const GuideContentSchema = z
  .object({ 'zh-CN': GuideLanguageContentSchema, en: GuideLanguageContentSchema })
  .superRefine((content, ctx) => {
    // One guide: what identifies and files it is the same in both languages.
    for (const field of ['slug', 'lifeEvent', 'order'] as const) {
      if (content['zh-CN'].frontmatter[field] !== content.en.frontmatter[field]) ctx.addIssue({ code: 'custom', message: 'errors.guideEditor.sameInBoth', path: ['en', 'frontmatter', field] });
    }
  });
export type GuideContent = z.infer<typeof GuideContentSchema>;

/** A run of words (or lines) kept, added or removed. */
export interface DiffPart {
  value: string;
  change: 'same' | 'added' | 'removed';
}

export interface FieldDiff {
  /** The frontmatter field (`materials`, `timeLimits`…), or `body`. */
  field: string;
  /** Line by line; a changed line's words in `words`. */
  lines: DiffLine[];
}

export interface DiffLine {
  change: 'same' | 'added' | 'removed' | 'changed';
  /** For a changed line: its words, the removed and added ones marked. Else the line itself. */
  parts: DiffPart[];
}

export interface LanguageDiff {
  lang: Locale;
  /** Only the fields that changed, in the frontmatter's order, then the body. */
  fields: FieldDiff[];
}

const segmenters = new Map<Locale, Intl.Segmenter>();
const segmenter = (lang: Locale): Intl.Segmenter => {
  let found = segmenters.get(lang);
  if (!found) {
    found = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, found);
  }
  return found;
};

const part = (change: ChangeObject<string>): DiffPart => ({ value: change.value, change: change.added ? 'added' : change.removed ? 'removed' : 'same' });

/** One field's value as lines of text: a list one item a line, an object its keys a line each. */
export function fieldLines(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item) => fieldLines(item).join(' · '));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `${key}: ${fieldLines(inner).join(' · ')}`);
  }
  return String(value).split('\n');
}

/**
 * Lines before and after: equal lines kept, and each run of removed lines followed by added ones
 * paired up as changed lines with their words compared (a reworded line reads as one line).
 */
export function diffTextLines(before: readonly string[], after: readonly string[], lang: Locale): DiffLine[] {
  const runs = diffArrays([...before], [...after]);
  const lines: DiffLine[] = [];
  for (let index = 0; index < runs.length; index += 1) {
    const run = runs[index];
    if (!run) continue;
    if (!run.added && !run.removed) {
      for (const line of run.value) lines.push({ change: 'same', parts: [{ value: line, change: 'same' }] });
      continue;
    }
    const next = runs[index + 1];
    if (run.removed && next?.added) {
      const pairs = Math.min(run.value.length, next.value.length);
      for (let i = 0; i < pairs; i += 1) {
        const words = diffWords(run.value[i] ?? '', next.value[i] ?? '', { intlSegmenter: segmenter(lang) });
        lines.push({ change: 'changed', parts: words.map(part) });
      }
      for (const line of run.value.slice(pairs)) lines.push({ change: 'removed', parts: [{ value: line, change: 'removed' }] });
      for (const line of next.value.slice(pairs)) lines.push({ change: 'added', parts: [{ value: line, change: 'added' }] });
      index += 1;
      continue;
    }
    for (const line of run.value) lines.push({ change: run.added ? 'added' : 'removed', parts: [{ value: line, change: run.added ? 'added' : 'removed' }] });
  }
  return lines;
}

/** The Markdown body's lines (jsdiff's line diff: a trailing newline does not make a line differ). */
function bodyLines(body: string): string[] {
  return diffLines('', body.replace(/\r\n/g, '\n')).flatMap((change) => change.value.replace(/\n$/, '').split('\n'));
}

const FIELDS = Object.keys(GuideFrontmatterSchema.shape) as (keyof GuideFrontmatter)[];

export function diffLanguage(lang: Locale, before: GuideLanguageContent | undefined, after: GuideLanguageContent | undefined): LanguageDiff {
  const fields: FieldDiff[] = [];
  for (const field of FIELDS) {
    const was = fieldLines(before?.frontmatter[field]);
    const now = fieldLines(after?.frontmatter[field]);
    if (was.join('\n') === now.join('\n')) continue;
    fields.push({ field, lines: diffTextLines(was, now, lang) });
  }
  const wasBody = before ? bodyLines(before.body) : [];
  const nowBody = after ? bodyLines(after.body) : [];
  if (wasBody.join('\n') !== nowBody.join('\n')) fields.push({ field: 'body', lines: diffTextLines(wasBody, nowBody, lang) });
  return { lang, fields };
}

/** Both languages, Chinese first; a language missing on one side reads as all added or all removed. */
export function diffGuide(before: Partial<Record<Locale, GuideLanguageContent>>, after: Partial<Record<Locale, GuideLanguageContent>>): LanguageDiff[] {
  return LOCALES.map((lang) => diffLanguage(lang, before[lang], after[lang]));
}
