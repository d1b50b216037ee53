/**
 * The yardstick: the smallest Hono app on the same @hono/node-server the portal uses, one JSON
 * route. Whatever the portal costs beyond this is the portal's own work (middleware, database,
 * Astro). Prints one JSON line with its URL once listening, like the portal's "portal listening".
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({ ok: true }));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? '0') }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${info.port}` }));
});

// No graceful drain: the bench only stops it between measurements.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
