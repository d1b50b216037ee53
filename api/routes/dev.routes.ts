/**
 * Development only (never mounted in production): what the recording notification provider
 * "sent", so that a developer or a test can read the SMS and e-mails a change produces.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../http/api-env.ts';

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

export const devRoutes = new OpenAPIHono<ApiEnv>().openapi(listMessages, async (c) => {
  const rows = await c.get('deps').database.db.selectFrom('dev_messages').selectAll().orderBy('sent_at', 'desc').limit(100).execute();
  c.header('Cache-Control', 'no-store');
  return c.json({ messages: rows.map((row) => ({ id: row.id, channel: row.channel, recipient: row.recipient, body: row.body, sentAt: row.sent_at })) }, 200);
});
