/**
 * The server's compression (api/server/compression.ts): hono/compress's decisions, made without
 * rebuilding an answer it does not compress (docs/decisions/077).
 */
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { describe, expect, it } from 'vitest';
import { compression, selectEncoding } from '../../api/server/compression.ts';

const LONG = 'x'.repeat(2000);

/** One app per middleware, each route answering as the portal's handlers do; `seen` is what the middleware outside compression got. */
function appWith(middleware: 'ours' | 'hono') {
  const app = new Hono();
  const seen: { answered?: Response; passedOn?: Response } = {};
  app.use('*', async (c, next) => {
    await next();
    seen.passedOn = c.res;
  });
  app.use('*', middleware === 'ours' ? compression({ threshold: 1024 }) : compress({ threshold: 1024 }));
  const keep = (response: Response) => {
    seen.answered = response;
    return response;
  };
  app.get('/json', (c) => keep(c.json({ status: 'ok' })));
  app.get('/long', (c) => keep(c.json({ text: LONG })));
  app.get('/sized', (c) => keep(c.body('small', 200, { 'content-type': 'text/html', 'content-length': '5' })));
  app.get('/no-transform', (c) => keep(c.body(LONG, 200, { 'content-type': 'text/html', 'cache-control': 'no-transform' })));
  app.get('/encoded', (c) => keep(c.body(LONG, 200, { 'content-type': 'text/html', 'content-encoding': 'br' })));
  app.get('/etag', (c) => keep(c.body(LONG, 200, { 'content-type': 'text/html', etag: '"abc"', vary: 'Cookie' })));
  app.get('/image', (c) => keep(c.body(LONG, 200, { 'content-type': 'image/png' })));
  return { app, seen };
}

const CASES: [string, Record<string, string>][] = [
  ['/json', {}],
  ['/json', { 'accept-encoding': 'gzip, deflate, br' }],
  ['/json', { 'accept-encoding': 'deflate' }],
  ['/json', { 'accept-encoding': 'br' }],
  ['/json', { 'accept-encoding': 'gzip;q=0.5, deflate;q=0.8' }],
  ['/json', { 'accept-encoding': '*' }],
  ['/long', { 'accept-encoding': 'gzip' }],
  ['/sized', { 'accept-encoding': 'gzip' }],
  ['/no-transform', { 'accept-encoding': 'gzip' }],
  ['/encoded', { 'accept-encoding': 'gzip' }],
  ['/etag', { 'accept-encoding': 'gzip' }],
  ['/etag', {}],
  ['/image', { 'accept-encoding': 'gzip' }],
];

async function described(response: Response) {
  const body = Buffer.from(await response.arrayBuffer());
  const encoding = response.headers.get('content-encoding');
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: encoding === 'gzip' ? gunzipSync(body).toString() : encoding === 'deflate' || encoding === 'br' ? `${encoding} bytes` : body.toString(),
  };
}

describe('compression', () => {
  it.each(CASES)('answers %s %j as hono/compress does', async (path, headers) => {
    const ours = await described(await appWith('ours').app.request(path, { headers }));
    const hono = await described(await appWith('hono').app.request(path, { headers }));
    expect(ours).toEqual(hono);
  });

  it('leaves an answer it does not compress as it was, only adding Vary', async () => {
    const { app, seen } = appWith('ours');
    const response = await app.request('/json');
    // The same object: not rebuilt around a stream, so the server writes it in one piece.
    expect(seen.passedOn).toBe(seen.answered);
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('content-encoding')).toBeNull();
  });

  it('compresses an answer the client accepts compressed, with a weak ETag', async () => {
    const response = await appWith('ours').app.request('/etag', { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('etag')).toBe('W/"abc"');
    expect(response.headers.get('vary')).toBe('Cookie, Accept-Encoding');
  });

  it('chooses gzip before deflate, the higher weight otherwise, and nothing it cannot make', () => {
    expect(selectEncoding(undefined)).toBeUndefined();
    expect(selectEncoding('br')).toBeUndefined();
    expect(selectEncoding('deflate, gzip')).toBe('gzip');
    expect(selectEncoding('gzip;q=0.2, deflate;q=0.9')).toBe('deflate');
    expect(selectEncoding('gzip;q=0')).toBeUndefined();
    // Asked again: the remembered answer.
    expect(selectEncoding('gzip;q=0.2, deflate;q=0.9')).toBe('deflate');
  });
});
