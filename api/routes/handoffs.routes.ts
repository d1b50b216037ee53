/**
 * The receiving systems' side of the hand-offs (docs/decisions/044): a later answer comes back here,
 * signed with the hand-off's key (HMAC-SHA256 over timestamp and body, headers X-Handoff-Timestamp
 * and X-Handoff-Signature, a five-minute replay window). It is recorded on the case once; the same
 * answer sent again is answered 200 with `recorded: false`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { receiveHandoffCallback } from '../engine/handoffs/handoffs.ts';
import { HandoffCallbackSchema } from '../engine/handoffs/handoff.ts';
import { HANDOFF_HEADERS, REPLAY_WINDOW_SECONDS } from '../engine/handoffs/signing.ts';
import { textLine } from '../domain/text.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiErrorSchema, statusError, validationFailed } from '../http/api-error.ts';
import { handoffDeps } from '../http/route-deps.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The body as sent, read before the validator parses it: the signature is over these very bytes. */
export const keepRawBody: MiddlewareHandler = async (c, next) => {
  await c.req.text();
  await next();
};

export const SignatureHeaders = z.object({
  [HANDOFF_HEADERS.timestamp]: textLine().max(20).optional().meta({ description: 'Unix seconds when the body was signed' }),
  [HANDOFF_HEADERS.signature]: textLine()
    .max(200)
    .optional()
    .meta({ description: `v1= and the hex HMAC-SHA256, under the hand-off's key, of "<timestamp>.<body>"; refused outside ${REPLAY_WINDOW_SECONDS} s of the server's clock` }),
});

const HandoffName = z.object({ handoff: textLine().min(1).max(60).regex(/^[a-z0-9-]+$/) });

const result = createRoute({
  method: 'post',
  path: '/handoffs/{handoff}/results',
  operationId: 'recordHandoffResult',
  middleware: [keepRawBody],
  tags: ['Hand-offs'],
  summary: 'A receiving system’s later answer to a hand-off request (e.g. the household financial check), signed; recorded on the case once',
  request: {
    params: HandoffName,
    headers: SignatureHeaders,
    body: { content: { 'application/json': { schema: HandoffCallbackSchema } }, required: true },
  },
  responses: {
    200: json(z.object({ recorded: z.boolean().meta({ description: 'false: the request was already answered (a repeat) or closed' }) }).openapi('HandoffResultRecorded'), 'Taken'),
    403: json(ApiErrorSchema, 'The signature is missing, wrong, or outside the replay window (bad_signature)'),
    404: json(ApiErrorSchema, 'No such hand-off, or no such request of it'),
    422: json(ApiErrorSchema, 'The answer is not one the case can record'),
  },
});

export const handoffRoutes = new OpenAPIHono<ApiEnv>().openapi(result, async (c) => {
  const body = c.req.valid('json');
  const headers = c.req.valid('header');
  const outcome = await receiveHandoffCallback(handoffDeps(c), c.req.valid('param').handoff, {
    rawBody: await c.req.text(),
    timestamp: headers[HANDOFF_HEADERS.timestamp],
    signature: headers[HANDOFF_HEADERS.signature],
    requestId: body.requestId,
    answer: body.answer,
  });
  if (outcome.ok) return c.json({ recorded: outcome.recorded }, 200);
  if (outcome.reason === 'invalid_answer') return validationFailed(c, outcome.error);
  return outcome.reason === 'bad_signature' ? statusError(c, 403, 'bad_signature') : statusError(c, 404, 'not_found');
});
