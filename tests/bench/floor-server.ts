/**
 * The stack's floor (floor.ts says what and why): a bare Hono app on @hono/node-server doing the
 * portal's hottest work the plainest way the stack allows. Started by the bench like the baseline;
 * listens on 127.0.0.1:PORT, up when GET / answers. FLOOR_PAGES: a JSON file of captured pages.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relaunchWithProcessSettings } from '../../api/platform/process-settings.ts';

// The portal's V8 and malloc settings, so that memory compares like with like.
relaunchWithProcessSettings();

const { serve } = await import('@hono/node-server');
const { OpenAPIHono, z } = await import('@hono/zod-openapi');
const { Kysely, sql } = await import('kysely');
const i18next = (await import('i18next')).default;
const { pino } = await import('pino');
const { collectDefaultMetrics, Histogram, Registry } = await import('prom-client');
const { NodeSqliteDialect } = await import('../../api/db/sqlite-dialect.ts');
const { FLOOR_CASES, FLOOR_TRACK_PATH, floorFactor, floorPagePath, floorTrackingNumber } = await import('./floor.ts');

interface FloorDatabase {
  limits: { key: string; window_start: string; count: number };
  cases: { id: string; tracking_number: string; factor_hash: string; state: string; created_at: string; answers_enc: string };
  events: { case_id: string; seq: number; at: string; transition: string; to_state: string; details: string };
}

// What the portal has loaded and set up by the time it answers, minus the portal: a logger, a metrics registry, i18next.
const logger = pino({ level: 'warn' });
const registry = new Registry();
collectDefaultMetrics({ register: registry });
const durations = new Histogram({ name: 'floor_request_duration_seconds', help: 'requests', labelNames: ['route'], registers: [registry] });
await i18next.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: { none: '未找到' } } } });

const key = randomBytes(32);
const hashOf = (value: string) => createHmac('sha256', key).update(value).digest('base64url');
const encrypt = (text: string) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
};
const decrypt = (sealed: string) => {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
};

const dir = mkdtempSync(join(tmpdir(), 'portal-bench-floor-'));
const db = new Kysely<FloorDatabase>({ dialect: new NodeSqliteDialect({ path: join(dir, 'floor.sqlite') }) });
await sql`create table limits (key text primary key, window_start text not null, count integer not null)`.execute(db);
await sql`create table cases (id text primary key, tracking_number text not null unique, factor_hash text not null, state text not null, created_at text not null, answers_enc text not null)`.execute(db);
await sql`create table events (case_id text not null, seq integer not null, at text not null, transition text not null, to_state text not null, details text not null, primary key (case_id, seq))`.execute(db);
// The portal's cases carry about four applicant-visible events and ~1 kB of sealed answers.
const answers = encrypt(JSON.stringify({ applicant: { name: '张三', phone: '13800000000' }, note: 'x'.repeat(700) }));
await db.transaction().execute(async (trx) => {
  for (let n = 0; n < FLOOR_CASES; n += 1) {
    const id = randomUUID();
    await trx.insertInto('cases').values({ id, tracking_number: floorTrackingNumber(n), factor_hash: hashOf(floorFactor(n)), state: 'in-review', created_at: new Date().toISOString(), answers_enc: answers }).execute();
    for (let seq = 1; seq <= 4; seq += 1) {
      await trx.insertInto('events').values({ case_id: id, seq, at: new Date().toISOString(), transition: `step-${seq}`, to_state: `state-${seq}`, details: JSON.stringify({ note: '材料已收到，正在审核'.repeat(3) }) }).execute();
    }
  }
});

const TrackRequest = z.object({ trackingNumber: z.string().regex(/^FL\d{10}$/), secondFactor: z.string().min(1).max(64) });
const WINDOW_MS = 60_000;
const LIMIT = 100_000_000;

const pages = process.env.FLOOR_PAGES ? (JSON.parse(readFileSync(process.env.FLOOR_PAGES, 'utf8')) as { status: number; headers: [string, string][]; bodyBase64: string }[]) : [];

const app = new OpenAPIHono();
app.get('/', (c) => c.json({ ok: true }));
pages.forEach((page, index) => {
  const body = Buffer.from(page.bodyBase64, 'base64');
  // A kept page's headers are one value each (no Set-Cookie): a record, as Hono takes them plainest.
  const headers = Object.fromEntries(page.headers);
  app.get(floorPagePath(index), (c) => {
    const started = performance.now();
    const response = c.body(body, page.status as 200, { ...headers, 'x-request-id': randomUUID() });
    durations.observe({ route: 'page' }, (performance.now() - started) / 1000);
    return response;
  });
});
app.post(FLOOR_TRACK_PATH, async (c) => {
  const parsed = TrackRequest.safeParse(await c.req.json());
  if (!parsed.success) return c.json({ error: 'invalid' }, 422);
  const { trackingNumber, secondFactor } = parsed.data;
  const windowStart = new Date(Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS).toISOString();
  // Both limits in one statement, as the portal counts them: the client's and the number's.
  const counts = await db
    .insertInto('limits')
    .values([`client:127.0.0.1`, `number:${trackingNumber}`].map((limitKey) => ({ key: limitKey, window_start: windowStart, count: 1 })))
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql<number>`case when limits.window_start = excluded.window_start then limits.count + 1 else 1 end`, window_start: sql`excluded.window_start` }))
    .returning(['key', 'count'])
    .execute();
  if (counts.some((row) => row.count > LIMIT)) return c.json({ error: 'too many' }, 429);
  const found = await db.selectFrom('cases').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirst();
  const given = Buffer.from(hashOf(secondFactor));
  const stored = Buffer.from(found?.factor_hash ?? hashOf('stand-in'));
  const matches = given.length === stored.length && timingSafeEqual(given, stored);
  // Decrypted whatever the factor, as the portal does, so that a wrong pair costs as a right one.
  const opened = JSON.parse(decrypt(found?.answers_enc ?? answers)) as { applicant: { name: string } };
  if (!found || !matches) return c.json({ error: 'not_found', message: i18next.t('none') }, 404);
  const timeline = await db.selectFrom('events').selectAll().where('case_id', '=', found.id).orderBy('seq').execute();
  return c.json({
    trackingNumber: found.tracking_number,
    state: found.state,
    submittedAt: found.created_at,
    applicant: opened.applicant.name.slice(0, 1) + '*',
    timeline: timeline.map((event) => ({ at: event.at, transition: event.transition, to: event.to_state, details: JSON.parse(event.details) as unknown })),
    deadlines: [{ key: 'decision', dueOn: '2027-01-15', paused: false }],
    appointment: null,
    withdrawable: true,
  });
});

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? '0') });
logger.debug('floor server up');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}
