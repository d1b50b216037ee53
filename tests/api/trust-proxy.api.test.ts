/**
 * Behind a proxy that terminates TLS, every request arrives from the proxy's address over plain
 * HTTP. TRUST_PROXY names the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed:
 * then each client is limited on its own address, and the portal sends HSTS. From any other peer
 * those headers are ignored, so a client cannot pick its own address or scheme.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../api/env.ts';
import { oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const PROXY = '10.0.0.5';
const HSTS = 'max-age=31536000; includeSubDomains';
/** What @hono/node-server gives the app: the connection's socket. */
const arrivingFrom = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress, localAddress: '10.0.0.9', localPort: 4321 } } });

describe('TRUST_PROXY from the environment', () => {
  it('defaults to no proxy, takes addresses and CIDR ranges of either family, and names a bad entry', () => {
    expect(readConfig({}).trustProxy).toEqual([]);
    expect(readConfig({ TRUST_PROXY: '' }).trustProxy).toEqual([]);
    expect(readConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00::/8 , ::1' }).trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16', 'fd00::/8', '::1']);
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.5,proxy.internal' })).toThrow(/TRUST_PROXY: "proxy.internal" is not an IP address or CIDR range/);
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});

describe.each(DIALECTS)('clients behind a trusted proxy on %s', (kind) => {
  let runtime: TestRuntime;
  let trackingNumber = '';
  /** A lookup (with a second factor that does not match: counted all the same); 429 once the client's limit is reached. */
  const track = (peer: string, headers: Record<string, string> = {}) =>
    runtime.portal.app.request(
      'http://portal.example.gov.cn/api/v1/track',
      { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: '13900000000' }), headers: { 'content-type': 'application/json', ...headers } },
      arrivingFrom(peer),
    );

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { trackLimits: { perClient: 2, perNumber: 1000 }, trustProxy: [PROXY, 'fd00::/8'] });
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication()),
      headers: { 'content-type': 'application/json' },
    });
    trackingNumber = ((await response.json()) as { trackingNumber: string }).trackingNumber;
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('limits each client on its own address, not all of them on the proxy’s', async () => {
    const first = { 'x-forwarded-for': '203.0.113.1' };
    expect((await track(PROXY, first)).status).not.toBe(429);
    expect((await track(PROXY, first)).status).not.toBe(429);
    expect((await track(PROXY, first)).status).toBe(429);
    expect((await track(PROXY, { 'x-forwarded-for': '203.0.113.2' })).status).not.toBe(429);
    // The same client through another trusted proxy (an IPv4 peer seen as IPv6 on a dual-stack socket, or the IPv6 range).
    expect((await track(`::ffff:${PROXY}`, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
    expect((await track('fd00::7', { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
  });

  it('takes the right-most address no trusted proxy wrote: what the client put before it changes nothing', async () => {
    expect((await track(PROXY, { 'x-forwarded-for': '198.51.100.1, 203.0.113.3' })).status).not.toBe(429);
    expect((await track(PROXY, { 'x-forwarded-for': '198.51.100.2, 203.0.113.3' })).status).not.toBe(429);
    expect((await track(PROXY, { 'x-forwarded-for': 'not-an-address, 203.0.113.3, 10.0.0.5' })).status).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer it does not trust: a client cannot choose its address', async () => {
    const peer = '198.51.100.77';
    expect((await track(peer, { 'x-forwarded-for': '203.0.113.10' })).status).not.toBe(429);
    expect((await track(peer, { 'x-forwarded-for': '203.0.113.11' })).status).not.toBe(429);
    expect((await track(peer, { 'x-forwarded-for': '203.0.113.12' })).status).toBe(429);
  });

  it('sends HSTS when a trusted proxy says the reader’s connection is https, and only then', async () => {
    const health = (peer: string, proto?: string) =>
      runtime.portal.app.request('http://portal.example.gov.cn/api/v1/health', { headers: proto ? { 'x-forwarded-proto': proto } : {} }, arrivingFrom(peer));
    expect((await health(PROXY, 'https')).headers.get('strict-transport-security')).toBe(HSTS);
    expect((await health(PROXY, 'https, http')).headers.get('strict-transport-security')).toBe(HSTS);
    expect((await health(PROXY, 'http')).headers.get('strict-transport-security')).toBeNull();
    expect((await health(PROXY)).headers.get('strict-transport-security')).toBeNull();
    expect((await health('198.51.100.77', 'https')).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('HSTS with an https PUBLIC_URL', () => {
  it('is sent on every answer, though the portal itself speaks plain HTTP', async () => {
    const runtime = await createTestRuntime('sqlite', { publicUrl: 'https://portal.example.gov.cn' });
    try {
      for (const path of ['/api/v1/health', '/api/v1/no-such-thing']) {
        const response = await runtime.portal.app.request(`http://portal.example.gov.cn${path}`, {}, arrivingFrom('198.51.100.5'));
        expect(response.headers.get('strict-transport-security'), path).toBe(HSTS);
      }
    } finally {
      await runtime.dispose();
    }
    const plain = await createTestRuntime('sqlite', { publicUrl: 'http://portal.internal:8080' });
    try {
      expect((await plain.portal.app.request('/api/v1/health', {}, arrivingFrom('198.51.100.5'))).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await plain.dispose();
    }
  });
});
