/**
 * What every page and component needs to speak to the reader: the language, elder mode, the
 * translate function (with elder mode's plainer wording where the resources have it), and links
 * that keep the reader in their language.
 */
import type { AstroGlobal } from 'astro';
import type { TOptions } from 'i18next';
import { formatDate, formatDateTime, formatDayWithWeekday, formatMonth, formatWeekday, serviceNamespaces, translator, type Locale, type Translate, type WordsRoot } from '../../api/i18n/index.ts';

export interface PageContext {
  lang: Locale;
  elder: boolean;
  /** Translate; in elder mode a key's `_elder` variant wins when it exists. */
  t: Translate;
  /** A site path in the reader's language: href('/guides/x') → '/en/guides/x' in English. */
  href: (path: string) => string;
  /** The current page in the other language, query kept. */
  otherLanguageHref: string;
  otherLang: Locale;
  /** The current path without the language prefix, with its query. */
  currentPath: string;
  formatDate: (value: string) => string;
  /** A calendar month (YYYY-MM): 2027年1月 / January 2027. */
  formatMonth: (month: string) => string;
  /** A moment (e.g. when a popular day's booking opens) as a day and time in China. */
  formatDateTime: (iso: string) => string;
  /** The day of the week of a calendar day (YYYY-MM-DD): 星期三 / Wednesday. */
  weekday: (day: string) => string;
  /** A calendar day with its day of the week, in the language's order: 2026年12月17日 星期四 / Thursday 17 December 2026. */
  dayWithWeekday: (day: string) => string;
}

export function localizedHref(path: string, lang: Locale): string {
  if (lang === 'zh-CN') return path;
  return path === '/' ? '/en/' : `/en${path}`;
}

/**
 * The generic pages of a service (site/pages/apply/[service]/) say whose words they speak, before
 * anything asks for a page context: from then on, this request's keys written without a namespace
 * (its fields' labels, `fields.<path>`, in every component) are looked up in that service's namespace,
 * then in common's (docs/decisions/038).
 */
export function speakForService(astro: Pick<AstroGlobal, 'locals'>, words: WordsRoot): void {
  astro.locals.portal.wordsOf = words;
}

export function pageContext(astro: Pick<AstroGlobal, 'locals'>): PageContext {
  // Astro renders its error page without our locals when rendering itself failed early.
  const { lang, elder, path, search, wordsOf } = astro.locals.portal ?? { lang: 'zh-CN', elder: false, path: '/', search: '', wordsOf: undefined };
  const base = translator(lang);
  const ns = wordsOf ? serviceNamespaces(wordsOf) : undefined;
  const t: Translate = (messageKey, options: TOptions = {}) => base(messageKey, { ...(ns ? { ns } : {}), ...(elder ? { context: 'elder' } : {}), ...options });
  const otherLang: Locale = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return {
    lang,
    elder,
    t,
    href: (target) => localizedHref(target, lang),
    otherLanguageHref: localizedHref(path, otherLang) + search,
    otherLang,
    currentPath: localizedHref(path, lang) + search,
    formatDate: (value) => formatDate(value, lang),
    formatMonth: (month) => formatMonth(month, lang),
    weekday: (day) => formatWeekday(day, lang),
    dayWithWeekday: (day) => formatDayWithWeekday(day, lang),
    formatDateTime: (iso) => formatDateTime(iso, lang),
  };
}

/**
 * Pages that depend only on published content, language and elder mode say so; the server caches them.
 * `seconds`: the page also shows figures that move without a publish (ratings), kept at most this long.
 */
export function allowContentCache(astro: Pick<AstroGlobal, 'response'>, seconds?: number): void {
  astro.response.headers.set('x-portal-cache', 'content');
  if (seconds !== undefined) astro.response.headers.set('x-portal-cache-seconds', String(seconds));
}
