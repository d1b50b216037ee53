import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { currentMigration, latestMigrationName } from '../db/migrate.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiErrorSchema, errorBody, requestLocale } from '../http/api-error.ts';
import { translator } from '../i18n/index.ts';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['sqlite', 'postgres']),
    migration: z.string().nullable().openapi({ description: 'The newest migration applied to the database.', example: '2026112501_guides' }),
    contentVersion: z.number().int().openapi({ description: 'Bumped by every publish of guides.' }),
  })
  .openapi('Health');

export const LivenessSchema = z.object({ status: z.literal('ok') }).openapi('Liveness');

/** Why a process is not ready, as the 503's error code: it is stopping, the database does not answer, or its schema is older than this code (a migration is running elsewhere, or failed). */
export const NOT_READY_CODES = ['stopping', 'database_unavailable', 'migrating'] as const;
export const ReadinessSchema = z.object({ status: z.literal('ready'), migration: z.string().nullable() }).openapi('Readiness');

/** How long readiness waits for the database: a probe must answer before the load balancer's own timeout. */
export const READINESS_DATABASE_TIMEOUT_MS = 2_000;
/** What a not-ready answer asks the prober to wait (Retry-After). */
const RETRY_AFTER_SECONDS = '5';

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

const live = createRoute({
  method: 'get',
  path: '/health/live',
  operationId: 'getLiveness',
  tags: ['Operations'],
  summary: 'Liveness: the process answers (restart it when this fails); the database is not asked',
  responses: {
    200: { description: 'The process is up', content: { 'application/json': { schema: LivenessSchema } } },
  },
});

const ready = createRoute({
  method: 'get',
  path: '/health/ready',
  operationId: 'getReadiness',
  tags: ['Operations'],
  summary: 'Readiness: send this process requests only while it answers 200 (database reachable, schema up to date, not stopping)',
  responses: {
    200: { description: 'Ready for requests', content: { 'application/json': { schema: ReadinessSchema } } },
    503: {
      description: `Not ready (error code ${NOT_READY_CODES.join(', ')}): stopping, the database does not answer, or its schema is older than this code; Retry-After says when to ask again`,
      headers: z.object({ 'Retry-After': z.string() }),
      content: { 'application/json': { schema: ApiErrorSchema } },
    },
  },
});

export const healthRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(health, async (c) => {
    const deps = c.get('deps');
    const [migration, contentVersion] = await Promise.all([deps.migration(), deps.guides.version()]);
    return c.json({ status: 'ok' as const, database: deps.database.kind, migration, contentVersion }, 200);
  })
  .openapi(live, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(ready, async (c) => {
    const deps = c.get('deps');
    const notReady = (code: (typeof NOT_READY_CODES)[number]) => {
      c.header('Retry-After', RETRY_AFTER_SECONDS);
      c.header('Cache-Control', 'no-store');
      return c.json(errorBody(c, code, translator(requestLocale(c))('errors.unavailable')), 503);
    };
    if (deps.lifecycle?.stopping()) return notReady('stopping');
    // Read afresh, not the cached value: another process may be migrating the shared database now.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), READINESS_DATABASE_TIMEOUT_MS);
    });
    const applied = await Promise.race([currentMigration(deps.database.db).catch(() => 'failed' as const), timedOut]).finally(() => clearTimeout(timer));
    if (applied === 'timeout' || applied === 'failed') return notReady('database_unavailable');
    if (latestMigrationName !== null && (applied === null || applied < latestMigrationName)) return notReady('migrating');
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ready' as const, migration: applied }, 200);
  });
