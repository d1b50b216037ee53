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

/**
 * Where to send the reader back to after changing a preference: only a path on this site, so the
 * form cannot be used to redirect someone elsewhere.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 512) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}
