import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CACHE_OPT_IN_HEADER, CACHE_SECONDS_HEADER, PageCache } from '../../api/server/page-cache.ts';

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
