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
  headers: [string, string][];
  etag: string;
  identity: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  brotli: Uint8Array<ArrayBuffer>;
}

export interface PageCacheStats {
  entries: number;
  hits: number;
  misses: number;
}

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  #hits = 0;
  #misses = 0;
  readonly #now: () => number;

  constructor(options: { maxEntries: number; now?: () => number }) {
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /** A cached answer for this request, or undefined. */
  lookup(key: string, version: number, request: Request): Response | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version || (entry.expiresAt !== undefined && this.#now() >= entry.expiresAt)) {
      if (entry) this.#entries.delete(key);
      this.#misses += 1;
      return undefined;
    }
    this.#hits += 1;
    // Refresh its place: the map's order is the eviction order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return this.#answer(entry, request, 'hit');
  }

  #answer(entry: Entry, request: Request, state: 'hit' | 'miss'): Response {
    const headers = new Headers(entry.headers);
    headers.set('x-cache', state);
    headers.set('etag', entry.etag);
    if (request.headers.get('if-none-match') === entry.etag) return new Response(null, { status: 304, headers });
    const accepted = request.headers.get('accept-encoding') ?? '';
    let body = entry.identity;
    if (/\bbr\b/.test(accepted)) {
      body = entry.brotli;
      headers.set('content-encoding', 'br');
    } else if (/\bgzip\b/.test(accepted)) {
      body = entry.gzip;
      headers.set('content-encoding', 'gzip');
    }
    headers.set('content-length', String(body.length));
    return new Response(request.method === 'HEAD' ? null : body, { status: entry.status, headers });
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
    const headers = [...response.headers.entries()].filter(
      ([name]) => !['content-length', 'content-encoding', 'set-cookie', CACHE_OPT_IN_HEADER, CACHE_SECONDS_HEADER, 'x-request-id'].includes(name),
    );
    headers.push(['vary', 'Accept-Encoding, Cookie']);
    headers.push(['cache-control', 'no-cache']);
    const entry: Entry = {
      version,
      expiresAt: Number.isFinite(seconds) && seconds >= 0 ? this.#now() + seconds * 1000 : undefined,
      status: response.status,
      headers,
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
    return this.#answer(entry, request, 'miss');
  }

  stats(): PageCacheStats {
    return { entries: this.#entries.size, hits: this.#hits, misses: this.#misses };
  }
}
