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

/** The status label of each class, made once. */
const STATUS_CLASSES = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'];

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

type RequestLabel = 'method' | 'route' | 'status';
type RequestLabels = Record<RequestLabel, string>;

/** One series of the request histogram: its labels, and its observations per bucket (not cumulative), sum and count. */
interface RequestSeries {
  labels: RequestLabels;
  buckets: number[];
  sum: number;
  count: number;
}

/** A value of a histogram's export, as prom-client's Histogram gives it to the registry. */
interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels: RequestLabels;
  value: number;
  metricName: string;
  exemplar: null | undefined;
}

/**
 * portal_http_request_duration_seconds: prom-client's Histogram with the same export, but noting a
 * request in its series found by three Map lookups (method, route, status class), where
 * prom-client's observe builds a label object, validates it and hashes it to a string on every
 * call: what every request paid (docs/decisions/077). Only `note` records; what the registry reads
 * (getForPromString, get) is this class's series, in the order first seen, as prom-client keeps them.
 */
export class RequestDurations extends Histogram<RequestLabel> {
  readonly #name: string;
  readonly #help: string;
  readonly #bounds: readonly number[];
  #series = new Map<string, Map<string, Map<string, RequestSeries>>>();
  #order: RequestSeries[] = [];

  constructor(config: { name: string; help: string; buckets: number[]; registers: Registry[] }) {
    super({ ...config, labelNames: ['method', 'route', 'status'] });
    this.#name = config.name;
    this.#help = config.help;
    this.#bounds = [...config.buckets];
  }

  note(method: string, route: string, status: string, seconds: number): void {
    let byRoute = this.#series.get(method);
    if (!byRoute) this.#series.set(method, (byRoute = new Map()));
    let byStatus = byRoute.get(route);
    if (!byStatus) byRoute.set(route, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (!series) {
      series = { labels: { method, route, status }, buckets: this.#bounds.map(() => 0), sum: 0, count: 0 };
      byStatus.set(status, series);
      this.#order.push(series);
    }
    // As prom-client: the first bound not below the value; above the last, only the count and sum.
    const bucket = this.#bounds.findIndex((bound) => seconds <= bound);
    if (bucket >= 0) series.buckets[bucket] = (series.buckets[bucket] ?? 0) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  #exported(): ExportedValue[] {
    const bucketName = `${this.#name}_bucket`;
    const values: ExportedValue[] = [];
    for (const series of this.#order) {
      let cumulative = 0;
      this.#bounds.forEach((bound, index) => {
        cumulative += series.buckets[index] ?? 0;
        values.push({ labels: { le: bound }, sharedLabels: series.labels, value: cumulative, metricName: bucketName, exemplar: null });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: series.labels, value: series.count, metricName: bucketName, exemplar: null });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.#name}_sum`, exemplar: undefined });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.#name}_count`, exemplar: undefined });
    }
    return values;
  }

  /** What the registry formats (prom-client's method; its get() reads it too, and merges the labels). */
  async getForPromString() {
    return { name: this.#name, help: this.#help, type: 'histogram', values: this.#exported(), aggregator: 'sum' };
  }

  override reset(): void {
    super.reset();
    // prom-client's constructor calls reset() before this class's fields exist.
    if (#order in this) {
      this.#series = new Map();
      this.#order = [];
    }
  }
}

export class PortalMetrics {
  readonly #registry = new Registry();
  readonly #requests: RequestDurations;
  readonly #sources: MetricsSources;
  #sample: { at: number; value: Promise<{ figures: OperationsFigures; overdue: { service: string; count: number }[] }> } | undefined;

  constructor(sources: MetricsSources) {
    this.#sources = sources;
    const registers = [this.#registry];
    this.#requests = new RequestDurations({
      name: 'portal_http_request_duration_seconds',
      help: 'Requests answered, by method, route pattern and status class, and how long they took',
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
    this.#requests.note(method, route, STATUS_CLASSES[Math.floor(status / 100)] ?? `${Math.floor(status / 100)}xx`, seconds);
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
