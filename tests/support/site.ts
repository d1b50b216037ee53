/**
 * What the HTML and browser tiers share about the site: the two languages (with their strings from
 * the resource files, so no test hard-codes a string a key already holds), the demo offices as a
 * reader sees them, and the guides as written in content/guides.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mergeMessages } from '../../api/i18n/resources/merge.ts';
import { enNamespaces, zhCNNamespaces } from '../../api/i18n/resources/namespaces.ts';
import type { SameKeys } from '../../api/i18n/resources/shape.ts';
import { DEMO_REGISTRY_OFFICES, officeText, type OfficeText } from '../../api/services/marriage/offices.ts';
import { PROJECT_ROOT } from './portal-process.ts';

/**
 * Every namespace's words as one tree, for the tests to look a string up by its path (common's
 * `track.title`, marriage's `booking.submit`, 高龄津贴's `case.state.accepted`). The namespaces
 * never write the same path twice (tests/unit/i18n.test.ts), so this lookup is unambiguous; the
 * portal itself keeps them apart (docs/decisions/038).
 */
const lookup = <Trees extends readonly object[]>(...trees: Trees) => mergeMessages(...trees);
const zhCN = lookup(zhCNNamespaces.common, zhCNNamespaces.marriage, zhCNNamespaces['old-age-allowance'], zhCNNamespaces['social-relief'], zhCNNamespaces.funeral, zhCNNamespaces['eco-burial-subsidy']);
export type Strings = SameKeys<typeof zhCN>;
const en = lookup(enNamespaces.common, enNamespaces.marriage, enNamespaces['old-age-allowance'], enNamespaces['social-relief'], enNamespaces.funeral, enNamespaces['eco-burial-subsidy']) as Strings;

export interface Language {
  /** As in <html lang> and the guide folders. */
  code: 'zh-CN' | 'en';
  /** For test titles. */
  name: string;
  strings: Strings;
  /** A site path in this language: '/guides/x' → '/en/guides/x' in English. */
  path(sitePath: string): string;
  /** The date as this language writes it: 2026年11月25日 / 25 November 2026. */
  date(isoDay: string): string;
  /** Fills {{name}} placeholders, as i18next does. */
  t(template: string, values?: Record<string, string | number>): string;
}

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function dayParts(isoDay: string): [number, number, number] {
  const [year, month, day] = isoDay.split('-').map(Number);
  return [year ?? 0, month ?? 0, day ?? 0];
}

export const zh: Language = {
  code: 'zh-CN',
  name: 'Chinese',
  strings: zhCN,
  path: (sitePath) => sitePath,
  date: (isoDay) => {
    const [year, month, day] = dayParts(isoDay);
    return `${year}年${month}月${day}日`;
  },
  t: interpolate,
};

export const english: Language = {
  code: 'en',
  name: 'English',
  strings: en,
  path: (sitePath) => (sitePath === '/' ? '/en/' : `/en${sitePath}`),
  date: (isoDay) => {
    const [year, month, day] = dayParts(isoDay);
    return `${day} ${MONTHS[month - 1]} ${year}`;
  },
  t: interpolate,
};

export const LANGUAGES: readonly Language[] = [zh, english];

export function otherLanguage(language: Language): Language {
  return language === zh ? english : zh;
}

/** A demo registry office's text as a reader of this language sees it (the records in api/services/marriage/offices.ts). */
export function demoOffice(language: Language, id = 'demo-county-registry'): OfficeText {
  const office = DEMO_REGISTRY_OFFICES.find((o) => o.id === id);
  if (!office) throw new Error(`no demo office ${id}`);
  return officeText(office, language.code);
}

/**
 * The accessible name of an office's map link: its visible words, then the office's name (visually
 * hidden; Chrome puts a space before a hidden part, which a screen reader does not mind).
 */
export function mapLinkName(language: Language, officeName: string): RegExp {
  const { booking, punctuation } = language.strings;
  return new RegExp(`^${escapeRegExp(booking.office.map)}\\s*${escapeRegExp(punctuation.colon.trim())}\\s*${escapeRegExp(officeName)}$`);
}

export const LIFE_EVENTS = ['marriage', 'hardship', 'elderly-disability', 'after-death'] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];

/** A guide as its Markdown file's front matter says. */
export interface GuideFile {
  slug: string;
  title: string;
  summary: string;
  summaryPlain?: string;
  lifeEvent: LifeEvent;
  /** Place within its life event. */
  order: number;
  aliases: string[];
  related: string[];
  updated: string;
  eligibility: string[];
  timeLimits: { statutory: string; promised: string };
}

const guideCache = new Map<string, GuideFile[]>();

export function guideFiles(language: Language): GuideFile[] {
  const cached = guideCache.get(language.code);
  if (cached) return cached;
  const folder = join(PROJECT_ROOT, 'content/guides', language.code);
  const guides = readdirSync(folder)
    .filter((file) => file.endsWith('.md'))
    .map((file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
      const data = parse(frontMatter) as GuideFile;
      return { ...data, slug: file.replace(/\.md$/, ''), updated: String(data.updated) };
    });
  guideCache.set(language.code, guides);
  return guides;
}

/** The guides of one life event, in their set order (as the home page and catalogue list them). */
export function guidesFor(language: Language, lifeEvent: LifeEvent): GuideFile[] {
  return guideFiles(language)
    .filter((guide) => guide.lifeEvent === lifeEvent)
    .sort((a, b) => a.order - b.order);
}

export function guideFile(language: Language, slug: string): GuideFile {
  const guide = guideFiles(language).find((g) => g.slug === slug);
  if (!guide) throw new Error(`content/guides/${language.code}/${slug}.md is missing`);
  return guide;
}

/** Guide text as a reader sees it: a local figure {{ex:…}} shows as its plain text. */
export function plainGuideText(text: string): string {
  return text.replace(/\{\{ex:([^{}]*)\}\}/g, '$1');
}

/** The local figures ({{ex:…}}) in a piece of guide text. */
export function exampleFigures(text: string): string[] {
  return [...text.matchAll(/\{\{ex:([^{}]*)\}\}/g)].map((match) => match[1] ?? '');
}

/** The headings of a guide's 一次性告知 sections, in the order the page shows them. */
export function sectionHeadings(strings: Strings): string[] {
  const g = strings.guide;
  return [g.eligibility, g.materials, g.steps, g.timeLimits, g.fees, g.legalBasis, g.locations, g.contact];
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text as a whole string, for exact name matches in role locators. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}$`);
}

/** Messages naming a field begin with it: the page starts the sentence with a capital. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
