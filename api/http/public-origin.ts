/**
 * The portal's public origin, for every link that is read away from the page: an SMS, an e-mail,
 * the calendar file, the receipt's QR code, a printed guide. Such a link is never built from the
 * request's Host header, which whoever sends the request chooses (a forged Host once put another
 * origin into 120 office-closure texts).
 *
 * PUBLIC_URL when set (production refuses to start without it: api/env.ts). Without it, outside
 * production, the origin the request came to, but only when its host is one this server answers
 * on (a loopback name, or the very address the connection arrived at) and its port is the port the
 * connection arrived at; any other Host gets http://localhost:<that port>.
 */
import type { Context } from 'hono';
import { normalizeAddress } from './client-address.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

interface ArrivalSocket {
  localAddress?: string;
  localPort?: number;
}

export function resolvePublicOrigin(input: { publicUrl: string | undefined; requestUrl: string; socket?: ArrivalSocket | undefined }): string {
  if (input.publicUrl) return input.publicUrl;
  const url = new URL(input.requestUrl);
  const port = input.socket?.localPort;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const arrivedAt = input.socket?.localAddress ? normalizeAddress(input.socket.localAddress) : undefined;
  const ours = LOOPBACK_HOSTS.has(host) || (arrivedAt !== undefined && normalizeAddress(host) === arrivedAt);
  const requestPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  // In process (tests, no socket) there is no port to compare; the host alone decides.
  if (ours && (port === undefined || requestPort === port)) return url.origin;
  return `http://localhost${port === undefined || port === 80 ? '' : `:${port}`}`;
}

/** Distinct request origins remembered: a handful in practice, but the Host header is whoever sends the request's to choose. */
const REMEMBERED_ORIGINS = 256;

/**
 * resolvePublicOrigin for a server's requests, remembered per request origin and arrival (socket's
 * local address and port): the answer depends on nothing else, and parsing every request's URL
 * for it was a measurable share of a cached page's cost. With PUBLIC_URL, that.
 */
export function publicOriginResolver(publicUrl: string | undefined): (requestUrl: string, socket: ArrivalSocket | undefined) => string {
  if (publicUrl) return () => publicUrl;
  const known = new Map<string, string>();
  return (requestUrl, socket) => {
    const pathAt = requestUrl.indexOf('/', requestUrl.indexOf('//') + 2);
    const key = `${pathAt < 0 ? requestUrl : requestUrl.slice(0, pathAt)} ${socket?.localAddress ?? ''} ${socket?.localPort ?? ''}`;
    let origin = known.get(key);
    if (origin === undefined) {
      origin = resolvePublicOrigin({ publicUrl: undefined, requestUrl, socket });
      if (known.size >= REMEMBERED_ORIGINS) known.clear();
      known.set(key, origin);
    }
    return origin;
  };
}

interface OriginEnv {
  /** Passed by a page calling the API in process: its request's public origin, already resolved. */
  publicOrigin?: string;
  incoming?: { socket?: ArrivalSocket };
}

/** The variable the server sets once per request (api/server/portal.ts). */
export const PUBLIC_ORIGIN_VARIABLE = 'publicOrigin';

/** This request's public origin: as the server resolved it, else (the API called on its own) from the request alone. */
export function publicOrigin(c: Context): string {
  const env = (c.env ?? {}) as OriginEnv;
  if (env.publicOrigin) return env.publicOrigin;
  const resolved = c.get(PUBLIC_ORIGIN_VARIABLE) as string | undefined;
  return resolved ?? resolvePublicOrigin({ publicUrl: undefined, requestUrl: c.req.url, socket: env.incoming?.socket });
}
