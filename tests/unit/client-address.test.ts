/**
 * Who a request came from behind TRUST_PROXY (the right-most X-Forwarded-For address that is not
 * a trusted proxy, believed only from a trusted peer), the scheme a trusted proxy reports, and the
 * origin links sent away are built on (never a Host this server does not answer on).
 */
import { describe, expect, it } from 'vitest';
import { forwardedProto, parseProxyEntry, resolveClientAddress, trustedProxies } from '../../api/http/client-address.ts';
import { resolvePublicOrigin } from '../../api/http/public-origin.ts';

const trusted = trustedProxies(['10.0.0.0/8', '192.168.1.10', 'fd00::/8']);
const none = trustedProxies([]);

describe('TRUST_PROXY entries', () => {
  it.each([
    ['10.0.0.5', { address: '10.0.0.5', prefix: 32, family: 'ipv4' }],
    ['10.0.0.0/8', { address: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    [' fd00::/8 ', { address: 'fd00::', prefix: 8, family: 'ipv6' }],
    ['::1', { address: '::1', prefix: 128, family: 'ipv6' }],
  ])('%s is a proxy entry', (entry, parsed) => expect(parseProxyEntry(entry)).toEqual(parsed));

  it.each(['proxy.internal', '10.0.0.0/33', '10.0.0.0/8/8', '10.0.0/8', '::1/129', '10.0.0.0/x', ''])('%j is not', (entry) => expect(parseProxyEntry(entry)).toBeUndefined());
});

describe('the client’s address', () => {
  it.each([
    ['an untrusted peer, whatever it forwards', '203.0.113.9', '198.51.100.1', '203.0.113.9'],
    ['a trusted peer without X-Forwarded-For', '10.0.0.5', undefined, '10.0.0.5'],
    ['a trusted peer: the address it forwards', '10.0.0.5', '203.0.113.7', '203.0.113.7'],
    ['the right-most untrusted one, past trusted proxies', '10.0.0.5', '198.51.100.1, 203.0.113.7, 192.168.1.10, 10.1.1.1', '203.0.113.7'],
    ['what the client wrote before it is ignored', '10.0.0.5', 'forged, 1.2.3.4, 203.0.113.7', '203.0.113.7'],
    ['a hop that is no address stops the walk at the last trusted one', '10.0.0.5', '203.0.113.7, unknown, 10.0.0.6', '10.0.0.6'],
    ['every hop trusted: the left-most', '10.0.0.5', '10.0.0.7, 10.0.0.6', '10.0.0.7'],
    ['ports and brackets are dropped', '10.0.0.5', '[2001:db8::7]:4711, 203.0.113.7:4711', '203.0.113.7'],
    ['an IPv6 client', '10.0.0.5', '2001:DB8::7', '2001:db8::7'],
    ['an IPv4 peer on a dual-stack socket', '::ffff:10.0.0.5', '203.0.113.7', '203.0.113.7'],
    ['an IPv6 proxy', 'fd00::1', '203.0.113.7', '203.0.113.7'],
    ['an untrusted IPv4 peer on a dual-stack socket', '::ffff:203.0.113.9', '198.51.100.1', '203.0.113.9'],
  ])('%s', (_case, peer, forwardedFor, expected) => expect(resolveClientAddress(peer, forwardedFor, trusted)).toBe(expected));

  it('believes no header when no proxy is trusted (the default)', () => {
    expect(resolveClientAddress('10.0.0.5', '203.0.113.7', none)).toBe('10.0.0.5');
    expect(resolveClientAddress(undefined, '203.0.113.7', trusted)).toBeNull();
  });
});

describe('the scheme a trusted proxy reports', () => {
  it.each([
    ['10.0.0.5', 'https', 'https'],
    ['10.0.0.5', 'HTTPS , http', 'https'],
    ['10.0.0.5', 'http', 'http'],
    ['10.0.0.5', 'gopher', undefined],
    ['10.0.0.5', undefined, undefined],
    ['203.0.113.9', 'https', undefined],
  ])('from %s, X-Forwarded-Proto %j: %j', (peer, header, expected) => expect(forwardedProto(peer, header, trusted)).toBe(expected));
});

describe('the public origin of links sent away', () => {
  const socket = { localAddress: '192.168.1.20', localPort: 4321 };
  it.each([
    ['PUBLIC_URL, whatever the Host', 'https://portal.example.gov.cn', 'http://attacker.example/x', socket, 'https://portal.example.gov.cn'],
    ['a loopback Host on this server’s port', undefined, 'http://localhost:4321/x', socket, 'http://localhost:4321'],
    ['127.0.0.1 on this server’s port', undefined, 'http://127.0.0.1:4321/x', socket, 'http://127.0.0.1:4321'],
    ['[::1] on this server’s port', undefined, 'http://[::1]:4321/x', socket, 'http://[::1]:4321'],
    ['the address the connection arrived at', undefined, 'http://192.168.1.20:4321/x', socket, 'http://192.168.1.20:4321'],
    ['the same address on a dual-stack socket', undefined, 'http://192.168.1.20:4321/x', { localAddress: '::ffff:192.168.1.20', localPort: 4321 }, 'http://192.168.1.20:4321'],
    ['a forged Host', undefined, 'http://attacker.example/x', socket, 'http://localhost:4321'],
    ['a forged Host with this server’s port', undefined, 'http://attacker.example:4321/x', socket, 'http://localhost:4321'],
    ['a loopback Host on another port', undefined, 'http://localhost:8080/x', socket, 'http://localhost:4321'],
    ['another address of this machine', undefined, 'http://10.9.9.9:4321/x', socket, 'http://localhost:4321'],
    ['in process (no socket), a forged Host', undefined, 'http://attacker.example/x', undefined, 'http://localhost'],
    ['in process, localhost', undefined, 'http://localhost/x', undefined, 'http://localhost'],
  ])('%s', (_case, publicUrl, requestUrl, arrival, expected) => expect(resolvePublicOrigin({ publicUrl, requestUrl, socket: arrival })).toBe(expected));
});
