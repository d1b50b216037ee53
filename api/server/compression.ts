/**
 * Compression of answers that are not compressed yet: what hono/compress decides (the threshold on
 * a Content-Length, the compressible content types, no-transform, gzip preferred to deflate, the
 * weak ETag), decided the same way, but without rebuilding the answer to add Vary.
 *
 * hono/compress adds `Vary: Accept-Encoding` with c.header(), which after the handler has answered
 * makes a new Response from the old one's body: a ReadableStream per request, written to the socket
 * asynchronously, even when the client accepts no compression at all (every API answer, which
 * carries no Content-Length). That was a fifth of the CPU of `/api/v1/health`. Here Vary is set on
 * the answer's own headers, so the server still writes the answer in one piece.
 */
import type { MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';

const ENCODINGS = ['gzip', 'deflate'] as const;
type Encoding = (typeof ENCODINGS)[number];
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/** Browsers send a handful of Accept-Encoding values: each is parsed once (bounded: a client may send any). */
const chosen = new Map<string, Encoding | undefined>();
const MAX_REMEMBERED = 64;

/** The encoding hono/compress would choose: the first of gzip, deflate with q=1, else the highest q above 0 (`*` counting for both). */
export function selectEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined) return undefined;
  if (chosen.has(header)) return chosen.get(header);
  const accepts = parseAccept(header);
  const wildcard = accepts.find((accept) => accept.type === '*')?.q;
  let best: { encoding: Encoding; q: number } | undefined;
  let result: Encoding | undefined;
  for (const encoding of ENCODINGS) {
    const explicit = accepts.find((accept) => accept.type.toLowerCase() === encoding);
    const q = explicit ? explicit.q : (wildcard ?? 0);
    if (q === 1) {
      result = encoding;
      break;
    }
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  result ??= best?.encoding;
  if (chosen.size >= MAX_REMEMBERED) chosen.clear();
  chosen.set(header, result);
  return result;
}

export function compression(options: { threshold: number }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    const length = headers.get('content-length');
    const type = headers.get('content-type');
    if (
      c.res.status === 206 ||
      headers.has('content-encoding') ||
      headers.has('transfer-encoding') ||
      c.req.method === 'HEAD' ||
      (length && Number(length) < options.threshold) ||
      !type ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      NO_TRANSFORM.test(headers.get('cache-control') ?? '')
    ) {
      return;
    }
    const vary = headers.get('vary');
    if (vary !== '*' && !(vary && VARY_ACCEPT_ENCODING.test(vary))) {
      const value = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
      try {
        headers.set('vary', value);
      } catch {
        // Headers that cannot change (a Response.redirect()): as hono does, on a copy.
        c.header('vary', value);
      }
    }
    const encoding = selectEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    // Only now: reading the body makes a lightweight answer a full one (a stream).
    const body = c.res.body;
    if (!body) return;
    // Set first, then changed: Hono's setter copies the old answer's headers onto the new one.
    c.res = new Response(body.pipeThrough(new CompressionStream(encoding)), c.res);
    const compressed = c.res.headers;
    compressed.delete('content-length');
    compressed.set('content-encoding', encoding);
    const etag = compressed.get('etag');
    if (etag && !etag.startsWith('W/')) compressed.set('etag', `W/${etag}`);
  };
}
