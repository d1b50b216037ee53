/**
 * Rendered pages kept in memory, compressed once, and served without touching Astro until the
 * content they come from is republished. A page opts in with the `x-portal-cache: content` header
 * (pages that depend only on published content, the language and elder mode). The cache checks
 * the content version in the database, so a publish in any process empties it in every process
 * within CONTENT_CHECK_MS. A page that also shows figures that move without a publish (a service's
 * ratings: docs/decisions/055) says for how many seconds it may be kept (`x-portal-cache-seconds`),
 * and is rendered again after that, publish or not.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

export const CACHE_OPT_IN_HEADER = 'x-portal-cache';
/** Set by the site's middleware on every page it renders: the Astro route pattern (`/guides/[slug]`), for the metrics; kept with a cached page, taken off before any answer leaves. */
export const PAGE_ROUTE_HEADER = 'x-portal-route';
/** Seconds a page may be kept at most (besides until the next publish); absent: until the next publish. */
export const CACHE_SECONDS_HEADER = 'x-portal-cache-seconds';

interface Entry {
  version: number;
  /** When the page must be rendered again whatever the content version (ms), if it said so. */
  expiresAt: number | undefined;
  status: number;
  /**
   * The page's headers as every answer sends them (lower-case names; the server's security headers
   * already added when the cache was given `finish`), built once: an answer copies them and adds
   * its own few, with no Headers object per request (docs/decisions/077).
   */
  headers: Readonly<Record<string, string>>;
  /** The page's route pattern (PAGE_ROUTE_HEADER), for the metrics. */
  route: string | undefined;
  etag: string;
  identity: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  brotli: Uint8Array<ArrayBuffer>;
}

/** What of a request decides a cached page's answer. */
export interface AnswerConditions {
  method: string;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
}

export interface PageCacheStats {
  entries: number;
  hits: number;
  misses: number;
}

/** Headers a kept page never keeps: each answer sets its own, or they were the server's notes to itself. */
const NOT_KEPT = new Set(['content-length', 'content-encoding', 'set-cookie', CACHE_OPT_IN_HEADER, CACHE_SECONDS_HEADER, 'x-request-id', PAGE_ROUTE_HEADER]);

/** What of this request decides a cached page's answer. */
export function answerConditions(request: Request): AnswerConditions {
  const headers = request.headers;
  return { method: request.method, ifNoneMatch: headers.get('if-none-match') ?? undefined, acceptEncoding: headers.get('accept-encoding') ?? undefined };
}

/** The encoding a cached page is sent in: br, else gzip, else none, as the browser's Accept-Encoding names them. */
export function cachedEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!acceptEncoding) return undefined;
  if (/\bbr\b/.test(acceptEncoding)) return 'br';
  if (/\bgzip\b/.test(acceptEncoding)) return 'gzip';
  return undefined;
}

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  #hits = 0;
  #misses = 0;
  readonly #now: () => number;
  readonly #finish: (headers: Readonly<Record<string, string>>) => Record<string, string>;

  /** @param options.finish what the server adds to every answer's headers, applied once to a page kept (its security headers) */
  constructor(options: { maxEntries: number; now?: () => number; finish?: (headers: Readonly<Record<string, string>>) => Record<string, string> }) {
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
    this.#finish = options.finish ?? ((headers) => ({ ...headers }));
  }

  /** A cached answer for this request, or undefined; it carries the page's route in PAGE_ROUTE_HEADER, as a rendered page does. */
  lookup(key: string, version: number, request: Request): Response | undefined {
    const entry = this.#find(key, version);
    return entry ? this.#answer(entry, answerConditions(request), 'hit', entry.route === undefined ? undefined : { [PAGE_ROUTE_HEADER]: entry.route }) : undefined;
  }

  /**
   * A cached answer with `extra` headers (the request id, Strict-Transport-Security: made only for a
   * hit), and the page's route for the metrics, for the server's path in front of everything else
   * (api/server/portal.ts). Undefined when the page is not kept, or no longer: nothing is counted or
   * forgotten then, since that request goes on to `lookup`, which does both.
   */
  serve(key: string, version: number, conditions: AnswerConditions, extra: () => Readonly<Record<string, string>>): { response: Response; route: string | undefined } | undefined {
    const entry = this.#find(key, version, false);
    return entry ? { response: this.#answer(entry, conditions, 'hit', extra()), route: entry.route } : undefined;
  }

  #find(key: string, version: number, countMiss = true): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version || (entry.expiresAt !== undefined && this.#now() >= entry.expiresAt)) {
      if (!countMiss) return undefined;
      if (entry) this.#entries.delete(key);
      this.#misses += 1;
      return undefined;
    }
    this.#hits += 1;
    // Refresh its place: the map's order is the eviction order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  #answer(entry: Entry, conditions: AnswerConditions, state: 'hit' | 'miss', extra: Readonly<Record<string, string>> | undefined): Response {
    // A plain record: the server writes it as it is (a Headers object would be validated name by name).
    const headers: Record<string, string> = { ...entry.headers, ...extra, 'x-cache': state, etag: entry.etag };
    if (conditions.ifNoneMatch === entry.etag) return new Response(null, { status: 304, headers });
    const encoding = cachedEncoding(conditions.acceptEncoding);
    const body = encoding === 'br' ? entry.brotli : encoding === 'gzip' ? entry.gzip : entry.identity;
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    return new Response(conditions.method === 'HEAD' ? null : body, { status: entry.status, headers });
  }

  /** Keeps the response if the page opted in; returns the response to send either way. */
  async store(key: string, version: number, response: Response, request: Request): Promise<Response> {
    const seconds = Number(response.headers.get(CACHE_SECONDS_HEADER) ?? Number.NaN);
    if (response.headers.get(CACHE_OPT_IN_HEADER) !== 'content' || response.status !== 200 || request.method !== 'GET') {
      response.headers.delete(CACHE_OPT_IN_HEADER);
      response.headers.delete(CACHE_SECONDS_HEADER);
      return response;
    }
    const identity = new Uint8Array(await response.arrayBuffer());
    // Headers iterate in lower case, a name given twice joined as one (set-cookie apart, never kept).
    const kept: Record<string, string> = {};
    for (const [name, value] of response.headers) if (!NOT_KEPT.has(name)) kept[name] = value;
    // Added after the page's own, as a Headers object appends them.
    kept.vary = kept.vary === undefined ? 'Accept-Encoding, Cookie' : `${kept.vary}, Accept-Encoding, Cookie`;
    kept['cache-control'] = kept['cache-control'] === undefined ? 'no-cache' : `${kept['cache-control']}, no-cache`;
    const entry: Entry = {
      version,
      expiresAt: Number.isFinite(seconds) && seconds >= 0 ? this.#now() + seconds * 1000 : undefined,
      status: response.status,
      headers: Object.freeze(this.#finish(kept)),
      route: response.headers.get(PAGE_ROUTE_HEADER) ?? undefined,
      etag: `"${version}-${createHash('sha1').update(identity).digest('base64url').slice(0, 16)}"`,
      identity,
      gzip: new Uint8Array(gzipSync(identity, { level: 9 })),
      brotli: new Uint8Array(brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } })),
    };
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return this.#answer(entry, answerConditions(request), 'miss', entry.route === undefined ? undefined : { [PAGE_ROUTE_HEADER]: entry.route });
  }

  stats(): PageCacheStats {
    return { entries: this.#entries.size, hits: this.#hits, misses: this.#misses };
  }
}
