/**
 * The API contract (/api/v1/openapi.json) as other bureau systems integrate against it. Each route
 * declares what is its own (its operationId, its body, the answers only it gives: 404, 409, 423,
 * 429…); what every operation shares is added here, from the same rules the server applies, so it
 * stays true for every operation, present and future (docs/decisions/018):
 *
 * - security: the `staff_session` cookie on staff operations (staff-only.ts decides which, and
 *   answers them 401 before anything else), `security: []` on the public ones;
 * - 400 `malformed_json` for an operation that reads a JSON body; 403, 413 and 415 for any that may
 *   carry one (the portal's cross-site check on form and text bodies, the API's body limit and
 *   media-type check); 422 for one that takes any input; 401 for a staff operation; 500 and 503
 *   (the database away: docs/operations.md) for every operation — each with the ApiError schema.
 */
import type { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { STAFF_SESSION_COOKIE } from '../staff/auth.ts';
import { isStaffOperation } from './staff-only.ts';

/** The name of the security scheme of the staff session cookie. */
export const STAFF_SESSION_SCHEME = 'staff_session';

const API_ERROR = { $ref: '#/components/schemas/ApiError' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

interface Document {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>> | undefined>;
  components?: { securitySchemes?: Record<string, unknown> };
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: API_ERROR } } });

/** The shared answers and security of every operation, added to the generated document (in place). */
export function completeContract<D extends Document>(document: D, limits: { maxBodyBytes: number }): D {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const staff = isStaffOperation(method, path);
      const mayCarryBody = method !== 'get' && method !== 'head';
      const takesInput = Boolean(operation.requestBody) || (operation.parameters?.length ?? 0) > 0;
      operation.security = staff ? [{ [STAFF_SESSION_SCHEME]: [] }] : [];
      const responses = (operation.responses ??= {});
      // A status the route documents keeps its description; `also` adds a reason the route cannot know.
      const add = (status: number, description: string, options: { also?: boolean } = {}) => {
        const declared = responses[status] as { description?: string } | undefined;
        if (!declared) responses[status] = error(description);
        else if (options.also && declared.description && !declared.description.includes(description.slice(1))) declared.description = `${declared.description}; or ${description.charAt(0).toLowerCase()}${description.slice(1)}`;
      };
      if (operation.requestBody) add(400, 'The body is not JSON (`malformed_json`)');
      if (staff) add(401, 'Not signed in, or the session has ended (`not_signed_in`): answered before the request is read');
      if (mayCarryBody) {
        add(403, 'A request whose Content-Type is a form, plain text or missing, sent from another site or with no Origin (`cross_site_request`): send JSON', { also: true });
        add(413, `The body is larger than ${limits.maxBodyBytes / 1024} KiB (\`body_too_large\`)`);
        add(415, 'The body is not `application/json` (`unsupported_media_type`)');
      }
      if (takesInput) add(422, 'A parameter or field is not valid (`validation_failed`): each field error names its field, in the reader’s language');
      add(500, 'The server failed (`internal_error`); nothing was half saved, and the request may be sent again');
      add(503, 'The database cannot be reached for now (`database_unavailable`, with Retry-After): nothing was saved; send the request again after that many seconds', { also: true });
      operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  document.components = {
    ...document.components,
    securitySchemes: {
      ...document.components?.securitySchemes,
      [STAFF_SESSION_SCHEME]: {
        type: 'apiKey',
        in: 'cookie',
        name: STAFF_SESSION_COOKIE,
        description: 'The staff session: an HttpOnly, SameSite=Strict cookie set by `signIn` (POST /staff/session) and ended by `signOut`.',
      },
    },
  };
  return document;
}

/**
 * A JSON body the handler validates itself (its rules depend on the day, or a cheap refusal comes
 * first): declared by reference, so the document shows it while no validator runs before the handler.
 * `register` the schema under the same name on the routes' app.
 */
export function bodyValidatedInHandler(name: string) {
  return { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } };
}

/** Names `schema` in the document's components (for `bodyValidatedInHandler`). */
export function registerSchema(app: Pick<OpenAPIHono, 'openAPIRegistry'>, name: string, schema: z.ZodType): void {
  app.openAPIRegistry.register(name, schema);
}
