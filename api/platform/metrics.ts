/**
 * Prometheus metrics (prom-client) for an operator (docs/operations.md): requests and their latency
 * per route, the database pool, what the outbox and the hand-offs have not delivered and for how
 * long, cases waiting per service and state, overdue cases, drafts and stored files, and the
 * process's own (CPU, memory, event-loop delay, GC).
 *
 * Each portal has its own registry (a test process runs many portals); the process's figures are
 * one registry per process, started with the first scrape. The database figures are read at most
 * once per SAMPLE_MS however often Prometheus (or several) scrapes, so a scrape costs a handful of
 * grouped queries over indexes a few times a minute, not per request.
 *
 * Labels are bounded: a route is the pattern it matched (an API route's `/api/v1/guides/:slug`, a
 * page's Astro route `/guides/[slug]`), never the path a client typed.
 */
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OperationsFigures } from '../db/operations-figures.repo.ts';

/** How long a reading of the database figures serves scrapes. */
export const SAMPLE_MS = 15_000;

export interface MetricsSources {
  /** The database's figures (api/db/operations-figures.repo.ts). */
  figures(): Promise<OperationsFigures>;
  /** Open cases whose running deadline has passed, per service. */
  overdue(): Promise<{ service: string; count: number }[]>;
  /** Whether a service's state is terminal (its cases are not waiting for anyone). */
  isTerminal(service: string, state: string): boolean;
  /** PostgreSQL's connection pool; absent on SQLite (one connection, no pool). */
  pool?: (() => { total: number; idle: number; waiting: number }) | undefined;
  now: () => Date;
}

let processRegistry: Registry | undefined;
/** The process's own figures, once per process: a second collector would double them. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class PortalMetrics {
  readonly #registry = new Registry();
  readonly #requests: Histogram<'method' | 'route' | 'status'>;
  readonly #sources: MetricsSources;
  #sample: { at: number; value: Promise<{ figures: OperationsFigures; overdue: { service: string; count: number }[] }> } | undefined;

  constructor(sources: MetricsSources) {
    this.#sources = sources;
    const registers = [this.#registry];
    this.#requests = new Histogram({
      name: 'portal_http_request_duration_seconds',
      help: 'Requests answered, by method, route pattern and status class, and how long they took',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const sample = () => this.#read();
    new Gauge({
      name: 'portal_database_up',
      help: '1 when the last reading of the database figures succeeded',
      registers,
      collect: async function (this: Gauge) {
        this.set((await sample()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'portal_cases_waiting',
      help: 'Cases in a state that is not final, per service and state (the queues)',
      labelNames: ['service', 'state'],
      registers,
      collect: async function (this: Gauge<'service' | 'state'>) {
        this.reset();
        const read = await sample();
        for (const row of read?.figures.casesByState ?? []) if (!sources.isTerminal(row.service, row.state)) this.set({ service: row.service, state: row.state }, row.count);
      },
    });
    new Gauge({
      name: 'portal_cases_overdue',
      help: 'Open cases past their running deadline (a clock paused for 补正 is not running), per service',
      labelNames: ['service'],
      registers,
      collect: async function (this: Gauge<'service'>) {
        this.reset();
        for (const row of (await sample())?.overdue ?? []) this.set({ service: row.service }, row.count);
      },
    });
    new Gauge({
      name: 'portal_outbox_messages',
      help: 'Text messages and e-mails in the outbox, by status (pending: not delivered yet; failed: given up)',
      labelNames: ['status'],
      registers,
      collect: async function (this: Gauge<'status'>) {
        this.reset();
        for (const [status, value] of Object.entries((await sample())?.figures.outbox.byStatus ?? {})) this.set({ status }, value);
      },
    });
    new Gauge({
      name: 'portal_outbox_lag_seconds',
      help: 'Age of the oldest message not yet delivered (0 when none waits)',
      registers,
      collect: async function (this: Gauge) {
        const oldest = (await sample())?.figures.outbox.oldestPendingAt;
        this.set(ageSeconds(oldest, sources.now()));
      },
    });
    new Gauge({
      name: 'portal_handoff_requests',
      help: 'Requests to other departments’ systems, by hand-off and status (pending/waiting: open; failed: given up)',
      labelNames: ['handoff', 'status'],
      registers,
      collect: async function (this: Gauge<'handoff' | 'status'>) {
        this.reset();
        for (const row of (await sample())?.figures.handoffs.byStatus ?? []) this.set({ handoff: row.handoff, status: row.status }, row.count);
      },
    });
    new Gauge({
      name: 'portal_handoff_lag_seconds',
      help: 'Age of the oldest open request to another department (0 when none is open)',
      registers,
      collect: async function (this: Gauge) {
        this.set(ageSeconds((await sample())?.figures.handoffs.oldestOpenAt, sources.now()));
      },
    });
    new Gauge({
      name: 'portal_drafts',
      help: 'Drafts kept: citizens’ saved applications (kind "application") and editorial drafts per kind and state',
      labelNames: ['kind', 'state'],
      registers,
      collect: async function (this: Gauge<'kind' | 'state'>) {
        this.reset();
        const drafts = (await sample())?.figures.drafts;
        if (!drafts) return;
        this.set({ kind: 'application', state: 'saved' }, drafts.citizen);
        for (const row of drafts.editorial) this.set({ kind: row.kind, state: row.state }, row.count);
      },
    });
    new Gauge({
      name: 'portal_stored_file_bytes',
      help: 'Bytes of uploaded files kept, by owner (a draft or a case)',
      labelNames: ['owner'],
      registers,
      collect: async function (this: Gauge<'owner'>) {
        this.reset();
        for (const row of (await sample())?.figures.files ?? []) this.set({ owner: row.ownerKind }, row.bytes);
      },
    });
    new Gauge({
      name: 'portal_stored_files',
      help: 'Uploaded files kept, by owner (a draft or a case)',
      labelNames: ['owner'],
      registers,
      collect: async function (this: Gauge<'owner'>) {
        this.reset();
        for (const row of (await sample())?.figures.files ?? []) this.set({ owner: row.ownerKind }, row.count);
      },
    });
    const pool = sources.pool;
    if (pool) {
      new Gauge({
        name: 'portal_database_pool_connections',
        help: 'PostgreSQL connections of this process: open (total), idle, and requests waiting for one',
        labelNames: ['state'],
        registers,
        collect(this: Gauge<'state'>) {
          const figures = pool();
          this.set({ state: 'total' }, figures.total);
          this.set({ state: 'idle' }, figures.idle);
          this.set({ state: 'waiting' }, figures.waiting);
        },
      });
    }
  }

  /** Notes one answered request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    this.#requests.observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds);
  }

  /** The exposition text, this portal's figures and the process's. */
  async render(): Promise<{ body: string; contentType: string }> {
    const registry = Registry.merge([this.#registry, processMetrics()]);
    return { body: await registry.metrics(), contentType: registry.contentType };
  }

  /** The database figures, read at most once per SAMPLE_MS; undefined when the database could not be read. */
  async #read(): Promise<{ figures: OperationsFigures; overdue: { service: string; count: number }[] } | undefined> {
    const now = this.#sources.now().getTime();
    if (!this.#sample || now - this.#sample.at >= SAMPLE_MS) {
      const value = Promise.all([this.#sources.figures(), this.#sources.overdue()]).then(([figures, overdue]) => ({ figures, overdue }));
      this.#sample = { at: now, value };
      // A failed reading is not kept: the next scrape tries again.
      value.catch(() => {
        if (this.#sample?.value === value) this.#sample = undefined;
      });
    }
    return this.#sample.value.catch(() => undefined);
  }
}

function ageSeconds(since: string | null | undefined, now: Date): number {
  return since ? Math.max(0, (now.getTime() - Date.parse(since)) / 1000) : 0;
}
