import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../http/api-env.ts';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['sqlite', 'postgres']),
    migration: z.string().nullable().openapi({ description: 'The newest migration applied to the database.', example: '2026112501_guides' }),
    contentVersion: z.number().int().openapi({ description: 'Bumped by every publish of guides.' }),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['Operations'],
  summary: 'Liveness and readiness: answers only when the database answers',
  responses: {
    200: { description: 'The service and its database are up', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export const healthRoutes = new OpenAPIHono<ApiEnv>().openapi(health, async (c) => {
  const deps = c.get('deps');
  const [migration, contentVersion] = await Promise.all([deps.migration(), deps.guides.version()]);
  return c.json({ status: 'ok' as const, database: deps.database.kind, migration, contentVersion }, 200);
});
