/**
 * Where a request came from, for the audit log and rate limits: the socket's address for requests
 * from outside, or the address the server passed along (env.clientAddress) when a page calls the
 * API in process.
 */
import type { Context } from 'hono';

interface ClientEnv {
  clientAddress?: string;
  incoming?: { socket?: { remoteAddress?: string } };
}

export function clientAddress(c: Context): string | null {
  const env = (c.env ?? {}) as ClientEnv;
  return env.clientAddress ?? env.incoming?.socket?.remoteAddress ?? null;
}
