/**
 * Security headers on every response. Pages arrive with Astro's Content-Security-Policy (it hashes
 * each inline script and style it emits); this adds the directives Astro leaves out. Everything
 * else (JSON, files) gets a policy that allows nothing to run.
 */
import type { Context, Env, MiddlewareHandler } from 'hono';

const ALWAYS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

const PAGE_DIRECTIVES: [string, string][] = [
  ['default-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
];

const SANDBOXED = /(^|;)\s*sandbox(\s|;|$)/i;

const LOCKED_DOWN = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// Pages repeat a handful of policies (Astro's hashes change only with a build): complete each once.
const completed = new Map<string, string>();

export function completePagePolicy(policy: string): string {
  let result = completed.get(policy);
  if (result === undefined) {
    result = addMissingDirectives(policy);
    if (completed.size > 256) completed.clear();
    completed.set(policy, result);
  }
  return result;
}

function addMissingDirectives(policy: string): string {
  const present = new Set(policy.split(';').map((part) => part.trim().split(/\s+/)[0]?.toLowerCase()));
  const missing = PAGE_DIRECTIVES.filter(([name]) => !present.has(name)).map(([name, value]) => `${name} ${value}`);
  return [policy.trim().replace(/;$/, ''), ...missing].filter(Boolean).join('; ');
}

/** Sent on every answer to a reader whose connection is https (see securityHeaders). */
export const STRICT_TRANSPORT_SECURITY = ['strict-transport-security', 'max-age=31536000; includeSubDomains'] as const;

/**
 * What the middleware below does to an answer's headers, done once to a page kept by the page
 * cache (its headers as a record, names in lower case), so that a cached page is answered with
 * them ready, without the middleware: every header of ALWAYS the page does not set itself, and its
 * policy completed (or locked down when it has none). Strict-Transport-Security depends on the
 * request, not the page: the caller adds it.
 */
export function withSecurityHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const secured: Record<string, string> = { ...headers };
  for (const [name, value] of Object.entries(ALWAYS)) secured[name] ??= value;
  const policy = secured['content-security-policy'];
  if (!policy) secured['content-security-policy'] = LOCKED_DOWN;
  else if (!SANDBOXED.test(policy)) secured['content-security-policy'] = completePagePolicy(policy);
  return secured;
}

/**
 * `isHttps` says whether the reader's connection is https: the public origin's scheme (PUBLIC_URL),
 * or a trusted proxy's X-Forwarded-Proto (the portal itself speaks plain HTTP behind the proxy
 * that terminates TLS). Then Strict-Transport-Security is sent.
 */
export function securityHeaders<E extends Env = Env>(isHttps: (c: Context<E>) => boolean = (c) => new URL(c.req.url).protocol === 'https:'): MiddlewareHandler<E> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(ALWAYS)) if (!headers.has(name)) headers.set(name, value);
    const policy = headers.get('content-security-policy');
    // A sandboxed policy is a stored file's (api/engine/files/serving.ts), complete as it is: the
    // pages' 'self' directives would only let it load more.
    if (!policy) headers.set('content-security-policy', LOCKED_DOWN);
    else if (!SANDBOXED.test(policy)) headers.set('content-security-policy', completePagePolicy(policy));
    if (isHttps(c)) headers.set(...STRICT_TRANSPORT_SECURITY);
  };
}
