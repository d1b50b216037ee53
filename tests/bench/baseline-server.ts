/**
 * The yardstick: the smallest Hono app on the same @hono/node-server the portal uses, one JSON
 * route (GET /, and POST / reading a JSON body for POST workloads). Whatever the portal costs
 * beyond this is the portal's own work (middleware, database, Astro). Listens on 127.0.0.1:PORT;
 * the bench knows it is up when GET / answers.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({ ok: true }));
// For POST workloads (the flash crowd): read and parse the JSON body, answer JSON.
app.post('/', async (c) => c.json({ fields: Object.keys((await c.req.json()) as object).length }, 201));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? '0') });

// No graceful drain: the bench only stops it between measurements.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
