import { isPlainText } from './text.ts';

/**
 * The reader's display preferences, kept in a cookie so they work without JavaScript and without
 * an account. Only elder mode (长辈版) for now; the language lives in the URL (/en/…).
 */
export const ELDER_COOKIE = 'elder';
/** A year: a preference people set once. */
export const PREFERENCE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function elderModeFromCookieHeader(cookieHeader: string | null | undefined): boolean {
  if (!cookieHeader) return false;
  return /(?:^|;\s*)elder=1(?:;|$)/.test(cookieHeader);
}

/** Any origin: only the path, query and fragment of what it resolves are kept. */
const SAME_SITE = 'http://portal.invalid';

/**
 * Where to send the reader back to after changing a preference: only a path on this site, so the
 * form cannot be used to redirect someone elsewhere; written as a URL writes it (高龄 as %E9%AB%98%E9%BE%84),
 * since it goes into a Location header, which carries ASCII only (a raw 高 there answered 500).
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 512) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  if (!isPlainText(value)) return fallback;
  const url = new URL(value, SAME_SITE);
  if (url.origin !== SAME_SITE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
