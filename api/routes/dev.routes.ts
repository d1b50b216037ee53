/**
 * Development only (never mounted in production): what the recording notification provider
 * "sent", so that a developer or a test can read the SMS and e-mails a change produces.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiErrorSchema, statusError } from '../http/api-error.ts';
import { MobilePhone } from '../domain/identity/person-fields.ts';
import { newestCodeSentTo } from '../verification/phone-codes.ts';

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
  });
