/**
 * Development only (never mounted in production): what the recording notification provider
 * "sent", so that a developer or a test can read the SMS and e-mails a change produces.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiErrorSchema, statusError } from '../http/api-error.ts';
import { MobilePhone } from '../domain/identity/person-fields.ts';
import { newestCodeSentTo } from '../verification/phone-codes.ts';
import { receiveAsDevelopment } from '../engine/handoffs/handoffs.ts';
import { HandoffReplySchema, HandoffRequestBodySchema } from '../engine/handoffs/handoff.ts';
import { HANDOFF_HEADERS } from '../engine/handoffs/signing.ts';
import { handoffDeps } from '../http/route-deps.ts';
import { keepRawBody, SignatureHeaders } from './handoffs.routes.ts';

const DevMessage = z
  .object({ id: z.string(), channel: z.string(), recipient: z.string().meta({ description: 'Masked' }), body: z.string(), sentAt: z.string() })
  .openapi('DevMessage');

const listMessages = createRoute({
  method: 'get',
  path: '/dev/outbox',
  operationId: 'listDevMessages',
  tags: ['Development'],
  summary: 'Messages recorded by the development notification provider, newest first (absent in production)',
  responses: { 200: { description: 'Recorded messages', content: { 'application/json': { schema: z.object({ messages: z.array(DevMessage) }) } } } },
});

const phoneCode = createRoute({
  method: 'get',
  path: '/dev/phone-codes/{phone}',
  operationId: 'getDevPhoneCode',
  tags: ['Development'],
  summary: 'The newest one-time code sent to a phone, as its text message carries it, for tests and local development (absent in production)',
  request: { params: z.object({ phone: MobilePhone }) },
  responses: {
    200: {
      description: 'The newest code',
      content: { 'application/json': { schema: z.object({ code: z.string(), sentAt: z.string(), expiresAt: z.string() }).openapi('DevPhoneCode') } },
    },
    404: { description: 'No code was sent to this phone', content: { 'application/json': { schema: ApiErrorSchema } } },
  },
});

const handoffReceiver = createRoute({
  method: 'post',
  path: '/dev/handoff-receiver/{handoff}',
  operationId: 'devHandoffReceiver',
  middleware: [keepRawBody],
  tags: ['Development'],
  summary:
    'Answers a hand-off request as the receiving system would (absent in production): at once, later by a signed callback, or with a refusal, by HANDOFF_DEV_RECEIVER_MODE or a demo ID number in the payload (sequence code 998: later; 999: refused)',
  request: {
    params: z.object({ handoff: z.string().min(1).max(60).regex(/^[a-z0-9-]+$/) }),
    headers: SignatureHeaders,
    body: { content: { 'application/json': { schema: HandoffRequestBodySchema } }, required: true },
  },
  responses: {
    200: { description: 'Answered at once', content: { 'application/json': { schema: HandoffReplySchema } } },
    202: { description: 'Taken; the answer comes later by callback', content: { 'application/json': { schema: HandoffReplySchema } } },
    403: { description: 'The signature is missing, wrong or stale (bad_signature)', content: { 'application/json': { schema: ApiErrorSchema } } },
    404: { description: 'No service declares this hand-off', content: { 'application/json': { schema: ApiErrorSchema } } },
  },
});

export const devRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(listMessages, async (c) => {
    const rows = await c.get('deps').database.db.selectFrom('dev_messages').selectAll().orderBy('sent_at', 'desc').limit(100).execute();
    c.header('Cache-Control', 'no-store');
    return c.json({ messages: rows.map((row) => ({ id: row.id, channel: row.channel, recipient: row.recipient, body: row.body, sentAt: row.sent_at })) }, 200);
  })
  .openapi(phoneCode, async (c) => {
    const { database, crypto, now } = c.get('deps');
    const sent = await newestCodeSentTo({ db: database.db, crypto, now }, c.req.valid('param').phone);
    c.header('Cache-Control', 'no-store');
    if (!sent) return statusError(c, 404, 'no_phone_code');
    return c.json(sent, 200);
  })
  .openapi(handoffReceiver, async (c) => {
    const headers = c.req.valid('header');
    const received = receiveAsDevelopment(handoffDeps(c), c.req.valid('param').handoff, {
      rawBody: await c.req.text(),
      timestamp: headers[HANDOFF_HEADERS.timestamp],
      signature: headers[HANDOFF_HEADERS.signature],
      body: c.req.valid('json'),
    });
    if (!received.ok) return received.reason === 'bad_signature' ? statusError(c, 403, 'bad_signature') : statusError(c, 404, 'not_found');
    return received.status === 202 ? c.json(received.reply, 202) : c.json(received.reply, 200);
  });
