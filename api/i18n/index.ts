/**
 * i18next for the whole portal: the site's pages and the API's messages read the same resources,
 * so a field has one name and one set of error messages in each language.
 *
 * The words are in namespaces (docs/decisions/038): `common`, the portal's own, and one per service
 * (`marriage:booking.submit`). zh-CN is the source of truth; en has the same keys (TypeScript checks
 * the shape, and a test fails when a key is missing at run time). Keys ending in `_elder` are the plainer wording that
 * elder mode (长辈版) shows where it exists (i18next "context").
 */
import i18next, { type i18n } from 'i18next';
import { LOCALES, type Locale } from '../domain/guides/guide.schema.ts';
import type { Translate } from './message-keys.ts';
import { DEFAULT_NAMESPACE, enNamespaces, NAMESPACES, zhCNNamespaces } from './resources/namespaces.ts';

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** By language, by namespace (docs/decisions/038): `common` and each built-in service's. */
export const resources = { 'zh-CN': zhCNNamespaces, en: enNamespaces } as const;

const instances = new Map<Locale, i18n>();
/** Namespaces of services given to the portal at start (docs/decisions/029), by language. */
const added: { lang: Locale; namespace: string; messages: object }[] = [];

function instanceFor(lang: Locale): i18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: lang,
      fallbackLng: false,
      resources,
      // A copy: i18next adds the namespaces given later to the list it is given.
      ns: [...NAMESPACES],
      defaultNS: DEFAULT_NAMESPACE,
      // A key without a namespace is common's, and only common's: no service's words stand in for another's.
      fallbackNS: false,
      nsSeparator: ':',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      saveMissing: false,
    });
    for (const bundle of added) if (bundle.lang === lang) instance.addResourceBundle(lang, bundle.namespace, bundle.messages, true, false);
    instances.set(lang, instance);
  }
  return instance;
}

/** The language's translate function, its keys typed against zh-CN (./message-keys.ts). */
export function translator(lang: Locale): Translate {
  const { t } = instanceFor(lang);
  return (messageKey, options = {}) => String(t(messageKey, options));
}
export { dynamicKey, keyFrom, type DynamicKey, type MessageKey, type Translate, type WordsRoot } from './message-keys.ts';
export { NAMESPACES, type Namespace } from './resources/namespaces.ts';

/**
 * Adds a service's own words as a namespace named by its id (`<id>:…`, docs/decisions/038), once per
 * object given. A namespace of the portal's own (common, a built-in service's) is refused: a
 * package never replaces or extends another's words. The site's bundle has its own copy of this
 * module, so the pages add them too (site/lib/journey-services.ts).
 */
export function addMessages(namespace: string, messages: Readonly<Record<Locale, object>>): void {
  if ((NAMESPACES as readonly string[]).includes(namespace)) throw new Error(`the message namespace ${namespace} is the portal's own`);
  for (const lang of LOCALES) {
    const bundle = messages[lang];
    if (added.some((known) => known.messages === bundle)) continue;
    if (added.some((known) => known.lang === lang && known.namespace === namespace)) throw new Error(`the message namespace ${namespace} is given twice`);
    added.push({ lang, namespace, messages: bundle });
    instances.get(lang)?.addResourceBundle(lang, namespace, bundle, true, false);
  }
}

/** Every namespace, common's first, then the built-in services' and those added at start, in that order. */
export function messageNamespaces(): string[] {
  return [...NAMESPACES, ...new Set(added.map((bundle) => bundle.namespace))];
}

/** A service's namespace from where its words are (`marriage:booking` → marriage). */
export function namespaceOf(root: string): string {
  return root.slice(0, root.indexOf(':'));
}

/** Where a service's own keys are looked up when written without a namespace: its namespace, then common's. */
export function serviceNamespaces(root: string): string[] {
  return [namespaceOf(root), DEFAULT_NAMESPACE];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The reader's language from an Accept-Language header, zh-CN unless English is preferred. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

/** Dates as people write them: 2026年5月20日 / 20 May 2026. Takes a YYYY-MM-DD or ISO string. */
export function formatDate(value: string, lang: Locale): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Shanghai',
  }).format(date);
}

/** A moment (e.g. when a popular day's booking opens) as a day and time in China, on the 24-hour clock as the slots are: 12月1日 09:00 / 1 December at 09:00. */
export function formatDateTime(iso: string, lang: Locale): string {
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

/** A calendar month (YYYY-MM) as people write it: 2027年1月 / January 2027. */
export function formatMonth(month: string, lang: Locale): string {
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The day of the week of a calendar day (YYYY-MM-DD): 星期三 / Wednesday. */
export function formatWeekday(day: string, lang: Locale): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * A calendar day (YYYY-MM-DD) with its day of the week, in the order each language writes them:
 * 2026年12月17日 星期四 / Thursday 17 December 2026 (the order is the resources' `date.withWeekday`).
 */
export function formatDayWithWeekday(day: string, lang: Locale): string {
  return translator(lang)('date.withWeekday', { date: formatDate(day, lang), weekday: formatWeekday(day, lang) });
}

export function formatNumber(value: number, lang: Locale): string {
  return new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB').format(value);
}

/** Whole fen as yuan with their fen ("1,330", "12.50"): the fen shown only when there are some. */
export function yuanFigure(fen: number, lang: Locale): string {
  const sign = fen < 0 ? '-' : '';
  const whole = Math.trunc(Math.abs(fen) / 100);
  const rest = Math.abs(fen) % 100;
  return `${sign}${formatNumber(whole, lang)}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

/** An amount in fen for a reader: 1,330 元 / ¥1,330 (each language's form: punctuation.yuan). */
export function formatYuan(fen: number, lang: Locale): string {
  return translator(lang)('punctuation.yuan', { amount: yuanFigure(fen, lang) });
}
