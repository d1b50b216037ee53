/**
 * Where a request came from, for the audit log and rate limits, and whether its reader's
 * connection is https.
 *
 * The socket's peer is the client, unless the peer is one of the proxies named in TRUST_PROXY:
 * then the client is the right-most address of X-Forwarded-For that is not a trusted proxy (every
 * proxy appends the address it got the request from, so the addresses to the right of that one
 * were written by proxies we trust, and anything to its left was written by the client and may be
 * forged). X-Forwarded-Proto is believed from a trusted peer only. With no TRUST_PROXY (the
 * default) both headers are ignored.
 *
 * The server resolves this once per request (api/server/portal.ts); a page calling the API in
 * process passes the resolved address along (env.clientAddress).
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

/** The proxies named in TRUST_PROXY. */
export interface TrustedProxies {
  /** The entries as configured (IP addresses and CIDR ranges). */
  readonly entries: readonly string[];
  has(address: string): boolean;
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** An address as compared: an IPv4 address arriving as IPv6 (::ffff:10.0.0.1) is the IPv4 address. */
export function normalizeAddress(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address.toLowerCase();
}

/** One TRUST_PROXY entry: an IPv4 or IPv6 address, or a CIDR range of either; undefined when it is neither. */
export function parseProxyEntry(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, ...rest] = entry.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const bits = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: bits, family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { address, prefix: Number(prefixText), family };
}

export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseProxyEntry(entry);
    if (!parsed) throw new Error(`not an IP address or CIDR range: ${entry}`);
    list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    entries,
    has(address) {
      if (entries.length === 0) return false;
      const normalized = normalizeAddress(address);
      const version = isIP(normalized);
      return version !== 0 && list.check(normalized, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

export const NO_TRUSTED_PROXIES: TrustedProxies = trustedProxies([]);

/** One X-Forwarded-For entry as an address ("203.0.113.7", "203.0.113.7:4711", "[2001:db8::7]:4711"), or undefined. */
function forwardedAddress(hop: string): string | undefined {
  let value = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  return isIP(value) === 0 ? undefined : normalizeAddress(value);
}

/** The client's address: the peer's, or behind trusted proxies the right-most untrusted one they forwarded. */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string | null {
  if (!peer) return null;
  let nearest = normalizeAddress(peer);
  if (!trusted.has(nearest) || !forwardedFor) return nearest;
  const hops = forwardedFor.split(',');
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = forwardedAddress(hops[index] ?? '');
    // Not an address: no proxy of ours wrote it, so nothing from here leftwards is believed.
    if (!hop) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  // Every hop is a trusted proxy: the request started inside, at the left-most of them.
  return nearest;
}

/**
 * The scheme the reader used, as a trusted peer reports it in X-Forwarded-Proto (the left-most
 * value: the proxy the reader connected to), or undefined when the peer is not trusted.
 */
export function forwardedProto(peer: string | undefined, header: string | undefined, trusted: TrustedProxies): string | undefined {
  if (!peer || !header || !trusted.has(peer)) return undefined;
  const first = header.split(',')[0]?.trim().toLowerCase();
  return first === 'https' || first === 'http' ? first : undefined;
}

interface ClientEnv {
  /** Passed by a page calling the API in process: the reader's address, already resolved. */
  clientAddress?: string | null;
  incoming?: { socket?: { remoteAddress?: string } };
}

/** The variable the server sets once per request (api/server/portal.ts). */
export const CLIENT_ADDRESS_VARIABLE = 'clientAddress';

export function clientAddress(c: Context): string | null {
  const env = (c.env ?? {}) as ClientEnv;
  if (env.clientAddress !== undefined && env.clientAddress !== null) return env.clientAddress;
  const resolved = c.get(CLIENT_ADDRESS_VARIABLE) as string | null | undefined;
  if (resolved !== undefined) return resolved;
  const peer = env.incoming?.socket?.remoteAddress;
  return peer ? normalizeAddress(peer) : null;
}
