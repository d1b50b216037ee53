/**
 * Signs of a missing translation on a page, as a reader would meet them: a raw i18next key (the
 * resources fall back to nothing, so a missing key shows as `booking.step.kind.title`), a
 * placeholder left unfilled (`{{count}}`), and on an English page Chinese that no English source
 * wrote. English texts do quote Chinese on purpose: guides and pages gloss terms (“Minimum living
 * allowance (dibao, 低保)”), the language switch says 中文, an office without English shows its
 * Chinese name and address (marked lang="zh-CN"), a search echoes what was typed. So Chinese is
 * allowed only inside an element marked as Chinese, or where the English sources themselves
 * hold those very characters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en } from '../../../api/i18n/resources/en.ts';
import { PROJECT_ROOT } from '../../support/portal-process.ts';
import type { Language } from '../../support/site.ts';
import { normalize, type HtmlPage } from './html-client.ts';
import { textNodes } from './landmarks.ts';

type Element = HtmlPage['document']['documentElement'];

/** Attributes a reader meets (read out, shown or typed into). */
const READ_ATTRIBUTES = ['title', 'aria-label', 'placeholder', 'alt', 'value'];

/** A key path under one of the resources' top-level keys: `errors.marriage.x`. */
const RAW_KEY = new RegExp(`(?<![\\w/.-])(?:${Object.keys(en).join('|')})(?:\\.[a-zA-Z0-9_-]+)+(?![\\w/-])`);
const PLACEHOLDER = /\{\{[^{}]*\}\}/;
const HAN = /\p{Script=Han}+/gu;

/** The pieces of text a reader meets: text nodes, the read attributes, the page's description. */
function readTexts(page: HtmlPage): { text: string; element: Element; where: string }[] {
  const texts = textNodes(page).map(({ text, parent }) => ({ text, element: parent, where: `<${parent.tagName.toLowerCase()}>` }));
  for (const element of page.all('body [title], body [aria-label], body [placeholder], body [alt], body [value]')) {
    for (const attribute of READ_ATTRIBUTES) {
      const value = normalize(element.getAttribute(attribute));
      // A hidden input's value is data sent back, not text: the return path of the elder switch, say.
      if (value && !(attribute === 'value' && element.getAttribute('type') === 'hidden')) {
        texts.push({ text: value, element, where: `<${element.tagName.toLowerCase()} ${attribute}>` });
      }
    }
  }
  const description = page.document.querySelector('meta[name="description"]') as Element | null;
  const content = normalize(description?.getAttribute('content'));
  if (description && content) texts.push({ text: content, element: description, where: '<meta description>' });
  return texts;
}

function markedChinese(element: Element): boolean {
  const marked = element.closest('[lang]');
  return (marked?.getAttribute('lang') ?? '').toLowerCase().startsWith('zh');
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Everything the English resource strings say. */
export const ENGLISH_STRINGS = strings(en).join('\n');

function folderText(folder: string): string {
  const path = join(PROJECT_ROOT, folder);
  return readdirSync(path)
    .filter((file) => file.endsWith('.md'))
    .map((file) => readFileSync(join(path, file), 'utf8'))
    .join('\n');
}

/** The English guides as written (content/guides/en). */
export const ENGLISH_GUIDES = folderText('content/guides/en');

/** An English footer page as written (content/pages/en/<name>.md). */
export function englishContentPage(name: string): string {
  return readFileSync(join(PROJECT_ROOT, 'content/pages/en', `${name}.md`), 'utf8');
}

/**
 * What on this page looks like a missing translation, one line each (empty when nothing does).
 * `englishSources`: the English texts this page may quote Chinese from, besides the resource
 * strings (the guides it lists, the page's own content, what the reader typed).
 */
export function missingTranslations(page: HtmlPage, language: Language, englishSources: string[] = []): string[] {
  const problems: string[] = [];
  const sources = [ENGLISH_STRINGS, ...englishSources].join('\n');
  for (const { text, element, where } of readTexts(page)) {
    const key = RAW_KEY.exec(text);
    if (key) problems.push(`raw key “${key[0]}” in ${where}: ${text}`);
    const placeholder = PLACEHOLDER.exec(text);
    if (placeholder) problems.push(`unfilled ${placeholder[0]} in ${where}: ${text}`);
    if (language.code === 'en' && !markedChinese(element)) {
      const foreign = [...text.matchAll(HAN)].map((match) => match[0]).filter((run) => !sources.includes(run));
      if (foreign.length > 0) problems.push(`Chinese no English source wrote (${foreign.join(', ')}) in ${where}: ${text}`);
    }
  }
  return problems;
}
