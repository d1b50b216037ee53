/**
 * The stack's floor (docs/decisions/080): what the chosen stack itself costs for the portal's hottest
 * work, with none of the portal around it. The bare Hono baseline answers `{"ok":true}`; the portal
 * answers an 8 KB page with twenty headers, or a lookup that writes its limits and reads a case. The
 * floor server (floor-server.ts) does that same work the plainest way the stack allows, so a line
 * can say how much of the gap to the baseline is the work and the stack, and how much is the portal:
 *
 * - a kept page: the portal's own answer (status, headers, compressed body, captured from it in the
 *   same run) sent from a Hono route, with a request id as the portal adds;
 * - a status lookup: the body checked by a Zod schema, both limits counted in one upsert, the case
 *   read by its tracking number and its timeline by its id through Kysely on node:sqlite, the second
 *   factor's keyed hash compared in constant time, the answers decrypted, ~1.3 kB of JSON answered;
 * - memory: the libraries the portal loads at start (Hono with its OpenAPI layer, Zod, Kysely,
 *   i18next, pino, prom-client) loaded and used once, under the portal's V8 and malloc settings.
 *
 * This module is shared by the server and the bench: the seeded cases and the bodies that ask for them.
 */

export const FLOOR_CASES = 10_000;
export const FLOOR_TRACK_PATH = '/track';
/** The captured pages: GET /page/0, /page/1, … in the order given. */
export const floorPagePath = (index: number) => `/page/${index}`;

/** The same mix as the portal's lookups (case-load.ts): 3 in 4 with the right factor, 1 in 4 a wrong one. */
export const floorTrackingNumber = (n: number) => `FL${String(n).padStart(10, '0')}`;
export const floorFactor = (n: number) => `factor-${n}`;

export function floorLookupBodies(): () => string {
  let n = 0;
  return () => {
    n += 1;
    const which = (n * 7919) % FLOOR_CASES;
    return JSON.stringify({ trackingNumber: floorTrackingNumber(which), secondFactor: n % 4 === 0 ? 'wrong-factor' : floorFactor(which) });
  };
}

/** A page the portal answered, as the floor server sends it again. */
export interface CapturedPage {
  status: number;
  headers: [string, string][];
  bodyBase64: string;
}
