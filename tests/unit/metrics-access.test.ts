/** Who may scrape /metrics (api/server/metrics-endpoint.ts): the token's holder, or this machine directly. */
import { describe, expect, it } from 'vitest';
import { metricsAccess } from '../../api/server/metrics-endpoint.ts';

const TOKEN = 'a'.repeat(40);

describe('scraping /metrics', () => {
  it.each([
    { why: 'the token, as a bearer token', token: TOKEN, authorization: `Bearer ${TOKEN}`, peer: '203.0.113.9', forwarded: true, allowed: true },
    { why: 'the token in another case of “bearer”', token: TOKEN, authorization: `bearer ${TOKEN}`, peer: '203.0.113.9', forwarded: false, allowed: true },
    { why: 'another token', token: TOKEN, authorization: `Bearer ${'b'.repeat(40)}`, peer: '127.0.0.1', forwarded: false, allowed: false },
    { why: 'a token of another length', token: TOKEN, authorization: 'Bearer abc', peer: '127.0.0.1', forwarded: false, allowed: false },
    { why: 'no token sent when one is set, even from this machine', token: TOKEN, authorization: undefined, peer: '127.0.0.1', forwarded: false, allowed: false },
    { why: 'no token set: this machine, IPv4', token: undefined, authorization: undefined, peer: '127.0.0.1', forwarded: false, allowed: true },
    { why: 'no token set: this machine, IPv6', token: undefined, authorization: undefined, peer: '::1', forwarded: false, allowed: true },
    { why: 'no token set: this machine, IPv4 mapped', token: undefined, authorization: undefined, peer: '::ffff:127.0.0.1', forwarded: false, allowed: true },
    { why: 'no token set: forwarded by a proxy on this machine', token: undefined, authorization: undefined, peer: '127.0.0.1', forwarded: true, allowed: false },
    { why: 'no token set: another machine', token: undefined, authorization: undefined, peer: '10.0.0.5', forwarded: false, allowed: false },
    { why: 'no token set: no socket (in process)', token: undefined, authorization: undefined, peer: undefined, forwarded: false, allowed: false },
  ])('$why: allowed $allowed', ({ token, authorization, peer, forwarded, allowed }) => {
    const refusal = metricsAccess({ token, authorization, peer, forwarded });
    if (allowed) expect(refusal).toBeUndefined();
    else expect(refusal).toMatch(/METRICS_TOKEN/);
  });
});
