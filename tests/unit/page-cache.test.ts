import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { CACHE_OPT_IN_HEADER, CACHE_SECONDS_HEADER, cachedEncoding, PAGE_ROUTE_HEADER, PageCache } from '../../api/server/page-cache.ts';

const page = (body: string, optIn = true, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/html', ...(optIn ? { [CACHE_OPT_IN_HEADER]: 'content' } : {}) } });
const get = (headers: Record<string, string> = {}) => new Request('http://x/guides/a', { headers });

describe('the rendered-page cache', () => {
  it('keeps only pages that opted in with status 200', async () => {
    const cache = new PageCache({ maxEntries: 10 });
    const passed = await cache.store('a', 1, page('<p>private</p>', false), get());
    expect(await passed.text()).toBe('<p>private</p>');
    expect(cache.lookup('a', 1, get())).toBeUndefined();
    await cache.store('b', 1, page('missing', true, 404), get());
    expect(cache.lookup('b', 1, get())).toBeUndefined();
  });

  it('serves a kept page until the content version moves', async () => {
    const cache = new PageCache({ maxEntries: 10 });
    const first = await cache.store('a', 1, page('<p>v1</p>'), get());
    expect(first.headers.get('x-cache')).toBe('miss');
    expect(first.headers.has(CACHE_OPT_IN_HEADER)).toBe(false);
    const hit = cache.lookup('a', 1, get());
    expect(hit?.headers.get('x-cache')).toBe('hit');
    expect(await hit?.text()).toBe('<p>v1</p>');
    expect(cache.lookup('a', 2, get())).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 0 });
  });

  it('answers in the encoding the browser accepts, compressed once', async () => {
    const cache = new PageCache({ maxEntries: 10 });
    const body = '<p>民政</p>'.repeat(200);
    await cache.store('a', 1, page(body), get());
    const br = cache.lookup('a', 1, get({ 'accept-encoding': 'gzip, deflate, br' }));
    expect(br?.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br!.arrayBuffer())).toString()).toBe(body);
    const gzip = cache.lookup('a', 1, get({ 'accept-encoding': 'gzip' }));
    expect(gunzipSync(Buffer.from(await gzip!.arrayBuffer())).toString()).toBe(body);
    expect(cache.lookup('a', 1, get())?.headers.get('content-encoding')).toBeNull();
    expect(br?.headers.get('vary')).toContain('Cookie');
  });

  it('answers 304 to a browser that already has this version', async () => {
    const cache = new PageCache({ maxEntries: 10 });
    const first = await cache.store('a', 1, page('<p>x</p>'), get());
    const etag = first.headers.get('etag') ?? '';
    expect(cache.lookup('a', 1, get({ 'if-none-match': etag }))?.status).toBe(304);
  });

  it('forgets the least recently used page when full', async () => {
    const cache = new PageCache({ maxEntries: 2 });
    await cache.store('a', 1, page('a'), get());
    await cache.store('b', 1, page('b'), get());
    cache.lookup('a', 1, get());
    await cache.store('c', 1, page('c'), get());
    expect(cache.lookup('b', 1, get())).toBeUndefined();
    expect(cache.lookup('a', 1, get())).toBeDefined();
  });

  it('renders again a page that said how long it may be kept, once that time is over, publish or not', async () => {
    let now = 1_000_000;
    const cache = new PageCache({ maxEntries: 10, now: () => now });
    const counted = new Response('<p>12 ratings</p>', { headers: { [CACHE_OPT_IN_HEADER]: 'content', [CACHE_SECONDS_HEADER]: '60' } });
    const first = await cache.store('a', 1, counted, get());
    expect(first.headers.has(CACHE_SECONDS_HEADER)).toBe(false);
    now += 59_000;
    expect(cache.lookup('a', 1, get())?.headers.get('x-cache')).toBe('hit');
    now += 1_000;
    expect(cache.lookup('a', 1, get())).toBeUndefined();
    // A page that said nothing is kept until the next publish, however long.
    await cache.store('b', 1, page('<p>guide</p>'), get());
    now += 86_400_000;
    expect(cache.lookup('b', 1, get())?.headers.get('x-cache')).toBe('hit');
  });
});

describe('a kept page answered in front of the middleware (docs/decisions/077)', () => {
  it('carries the headers finished once when kept, the request’s own, and its route for the metrics apart', async () => {
    const cache = new PageCache({ maxEntries: 10, finish: (headers) => ({ ...headers, 'x-frame-options': 'DENY' }) });
    const rendered = new Response('<p>guide</p>', { headers: { 'content-type': 'text/html', vary: 'Origin', [CACHE_OPT_IN_HEADER]: 'content', [PAGE_ROUTE_HEADER]: '/guides/[slug]', 'x-request-id': 'first' } });
    const miss = await cache.store('a', 1, rendered, get());
    // The answer that rendered it still carries the route, for the server to take off and count.
    expect(miss.headers.get(PAGE_ROUTE_HEADER)).toBe('/guides/[slug]');
    const extra = vi.fn(() => ({ 'x-request-id': 'second' }));
    expect(cache.serve('b', 1, { method: 'GET', ifNoneMatch: undefined, acceptEncoding: 'br' }, extra)).toBeUndefined();
    // Made only for a hit.
    expect(extra).not.toHaveBeenCalled();
    const hit = cache.serve('a', 1, { method: 'GET', ifNoneMatch: undefined, acceptEncoding: 'gzip, br' }, extra);
    expect(hit?.route).toBe('/guides/[slug]');
    const headers = Object.fromEntries(hit?.response.headers ?? []);
    expect(headers).toMatchObject({ 'content-type': 'text/html', 'x-frame-options': 'DENY', 'x-request-id': 'second', 'x-cache': 'hit', 'content-encoding': 'br', vary: 'Origin, Accept-Encoding, Cookie', 'cache-control': 'no-cache' });
    expect(headers).not.toHaveProperty(PAGE_ROUTE_HEADER);
    expect(brotliDecompressSync(Buffer.from(await hit!.response.arrayBuffer())).toString()).toBe('<p>guide</p>');
    const head = cache.serve('a', 1, { method: 'HEAD', ifNoneMatch: undefined, acceptEncoding: undefined }, extra);
    expect([head?.response.body, head?.response.headers.get('content-length')]).toEqual([null, String('<p>guide</p>'.length)]);
    expect(cache.serve('a', 1, { method: 'GET', ifNoneMatch: miss.headers.get('etag') ?? '', acceptEncoding: 'br' }, extra)?.response.status).toBe(304);
    // A page not kept is left to lookup, which counts the miss (once per request).
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 0 });
    expect(cache.lookup('b', 1, get())).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 1 });
  });

  it('leaves a page kept from an older content version to lookup, which forgets it', async () => {
    const cache = new PageCache({ maxEntries: 10 });
    await cache.store('a', 1, page('<p>v1</p>'), get());
    expect(cache.serve('a', 2, { method: 'GET', ifNoneMatch: undefined, acceptEncoding: undefined }, () => ({}))).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 1, misses: 0 });
    expect(cache.lookup('a', 2, get())).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, misses: 1 });
  });

  it('sends br, else gzip, else the page as it is', () => {
    expect([cachedEncoding('gzip, deflate, br'), cachedEncoding('gzip'), cachedEncoding('deflate'), cachedEncoding(undefined), cachedEncoding('')]).toEqual(['br', 'gzip', undefined, undefined, undefined]);
  });
});
