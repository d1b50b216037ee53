/**
 * The pieces of the per-request chain made cheaper (docs/decisions/077), each against what it
 * replaces: the query without parsing the URL, the public origin remembered, a kept page's security
 * headers applied once, the request id, the content version known without waiting.
 */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { describe, expect, it } from 'vitest';
import { combinedProbe, type ContentVersionProbe } from '../../api/content/content-version.ts';
import { publicOriginResolver, resolvePublicOrigin } from '../../api/http/public-origin.ts';
import { requestIdFrom } from '../../api/server/request-log.ts';
import { searchOf } from '../../api/server/request-url.ts';
import { securityHeaders, withSecurityHeaders } from '../../api/server/security-headers.ts';

describe('the query of a request URL', () => {
  const urls = [
    'http://127.0.0.1:4321/search',
    'http://127.0.0.1:4321/search?q=%E4%BD%8E%E4%BF%9D',
    'http://127.0.0.1:4321/search?',
    'http://127.0.0.1:4321/search?q=a&b=c/d?e',
    "http://127.0.0.1:4321/search?q=it's",
    'http://127.0.0.1:4321/search?q=<b>"x"',
    'http://127.0.0.1:4321/search?q=a#top',
    'http://127.0.0.1:4321/search#top',
    'http://127.0.0.1:4321/search?q=a b',
    'http://127.0.0.1:4321/search?q=低保',
    'http://127.0.0.1:4321/search?q=`{|}^[\\]~',
    'http://localhost/?%',
  ];
  it.each(urls)('%s is read as the URL parser reads it', (url) => expect(searchOf(url)).toBe(new URL(url).search));

  it('is read as the URL parser reads it whatever printable characters it holds', () => {
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n += 1) {
      const query = Array.from({ length: 1 + (next() % 12) }, () => String.fromCharCode(0x21 + (next() % 94))).join('');
      const url = `http://h/p?${query}`;
      expect(searchOf(url), url).toBe(new URL(url).search);
    }
  });
});

describe('the public origin, remembered', () => {
  const socket = { localAddress: '127.0.0.1', localPort: 4321 };
  it.each([
    ['http://127.0.0.1:4321/guides/a', socket],
    ['http://localhost:4321/', socket],
    ['http://evil.example/guides/a', socket],
    ['http://127.0.0.1:9999/guides/a', socket],
    ['http://[::1]:4321/x?y', { localAddress: '::1', localPort: 4321 }],
    ['http://10.0.0.2:4321/x', { localAddress: '::ffff:10.0.0.2', localPort: 4321 }],
    ['http://127.0.0.1/x', undefined],
  ])('%s is the origin resolvePublicOrigin gives, asked once or twice', (url, arrival) => {
    const resolve = publicOriginResolver(undefined);
    const expected = resolvePublicOrigin({ publicUrl: undefined, requestUrl: url, socket: arrival });
    expect([resolve(url, arrival), resolve(url, arrival)]).toEqual([expected, expected]);
  });

  it('tells two arrivals with one Host apart, and is PUBLIC_URL when set', () => {
    const resolve = publicOriginResolver(undefined);
    expect(resolve('http://127.0.0.1:4321/a', socket)).toBe('http://127.0.0.1:4321');
    expect(resolve('http://127.0.0.1:4321/a', { localAddress: '127.0.0.1', localPort: 5000 })).toBe('http://localhost:5000');
    expect(publicOriginResolver('https://mz.example.gov.cn')('http://127.0.0.1:4321/a', socket)).toBe('https://mz.example.gov.cn');
  });
});

describe("a kept page's security headers, applied once", () => {
  const pagePolicy = "script-src 'self' 'sha256-abc'; style-src 'self'";
  const answers: Record<string, string>[] = [
    { 'content-type': 'text/html', 'content-security-policy': pagePolicy },
    { 'content-type': 'text/html' },
    { 'content-type': 'text/html', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' },
    { 'content-type': 'application/pdf', 'content-security-policy': 'sandbox; default-src none' },
    { 'content-type': 'text/html', 'content-security-policy': '' },
  ];
  it.each(answers)('are what the middleware adds to %j', async (headers) => {
    const app = new Hono();
    app.use('*', securityHeaders(() => false));
    app.get('/', (c) => c.body('x', 200, headers));
    const fromMiddleware = Object.fromEntries((await app.request('/')).headers);
    expect(withSecurityHeaders(headers)).toEqual(fromMiddleware);
  });
});

describe('the request id', () => {
  it.each(['trace-abc-123', 'a=b', 'x'.repeat(255), 'x'.repeat(256), 'bad id!', 'ünïcode', ''])('for X-Request-Id %j is the one hono/request-id gives', async (given) => {
    const app = new Hono();
    app.use('*', requestId());
    app.get('/', (c) => c.text(c.get('requestId')));
    const fromHono = await (await app.request('/', { headers: given ? { 'x-request-id': given } : {} })).text();
    const ours = requestIdFrom(given || undefined);
    if (fromHono === given) expect(ours).toBe(given);
    else expect([ours, fromHono].map((id) => /^[0-9a-f-]{36}$/.test(id))).toEqual([true, true]);
  });
});

describe('the content version known without waiting', () => {
  const probe = (version: number | undefined): ContentVersionProbe => ({
    current: async () => version ?? 0,
    expire: () => {},
    ...(version === undefined ? {} : { peek: () => version }),
  });
  it('is the sum while every probe knows its own, and unknown when one must read', () => {
    expect(combinedProbe(probe(3), probe(5)).peek?.()).toBe(8);
    expect(combinedProbe(probe(3), probe(undefined)).peek?.()).toBeUndefined();
  });
});
