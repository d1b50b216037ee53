/**
 * How a stored file is sent (docs/decisions/026, 049): as a download, or for staff reading a case a
 * PDF or photo shown by the browser itself, but never as part of the portal's origin, where a PDF's
 * scripts or an image's tricks would run with the portal's cookies.
 *
 * - `Content-Disposition: attachment` (or `inline`, only for the types a browser shows itself:
 *   VIEWABLE_INLINE) with the name the file was given, as `filename*` in UTF-8 (RFC 5987/6266: a
 *   Chinese name arrives intact) and a plain `filename` for old clients (ASCII, anything else as `_`).
 * - `X-Content-Type-Options: nosniff`: the browser takes the type we say, the one read from the
 *   file's bytes, and never guesses HTML from the content.
 * - `Content-Security-Policy: sandbox; default-src 'none'`: where a browser shows it, it runs
 *   nothing, loads nothing and is a unique origin, with no access to the portal's cookies or pages.
 *   Chromium's PDF viewer renders a PDF under this policy (checked in a headed Chromium 156:
 *   docs/decisions/051); a browser that will not shows nothing or saves it, and the download stays.
 * - `Cache-Control: private, no-store`: personal data stays out of shared and browser caches.
 */
import type { StoredFile } from './files.ts';

export const FILE_CSP = "sandbox; default-src 'none'";

/** RFC 5987's attr-char: what may stand unencoded in `filename*`. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

function rfc5987(value: string): string {
  let encoded = '';
  for (const char of value) encoded += ATTR_CHAR.test(char) ? char : [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return encoded;
}

/** The types a browser shows by itself, in its own viewer: a PDF, and the images the file engine re-encodes. */
export const VIEWABLE_INLINE: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/** How the file is given: saved (`attachment`), or opened in the browser's own viewer (`inline`, only for VIEWABLE_INLINE). */
export type Disposition = 'attachment' | 'inline';

/** The header value: attachment (or inline), an ASCII fallback name and the UTF-8 name. */
export function contentDisposition(name: string, disposition: Disposition = 'attachment'): string {
  const fallback = [...name].map((char) => (/[\x20-\x7e]/.test(char) && char !== '"' && char !== '\\' && char !== '%' ? char : '_')).join('') || 'file';
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

export function fileHeaders(file: { name: string; mediaType: string; size: number }, disposition: Disposition = 'attachment'): Record<string, string> {
  return {
    'Content-Type': file.mediaType,
    'Content-Length': String(file.size),
    // Any other type is saved, whatever was asked.
    'Content-Disposition': contentDisposition(file.name, VIEWABLE_INLINE.has(file.mediaType) ? disposition : 'attachment'),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': FILE_CSP,
    'Cache-Control': 'private, no-store',
  };
}

/** The response that sends a stored file. */
export function fileResponse(file: StoredFile, disposition: Disposition = 'attachment'): Response {
  return new Response(new Uint8Array(file.content), { status: 200, headers: fileHeaders({ name: file.info.name, mediaType: file.info.mediaType, size: file.content.length }, disposition) });
}
