/**
 * The part of autocannon's API the benchmarks use (the package ships no types, and the project
 * takes no second devDependency for them). Latencies are in milliseconds; those in Result are
 * whole milliseconds (an integer histogram), those of the 'response' event are not.
 */
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    headers?: Record<string, string>;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
    /** Stop after this many requests (overrides duration). */
    amount?: number;
    method?: string;
    body?: string;
    /** The sequence each connection loops over; setupRequest may change a request before it is sent. */
    requests?: RequestSpec[];
  }

  interface RequestSpec {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: RequestSpec, context: Record<string, unknown>) => RequestSpec;
    /** Called with each answer to this request (its body as text: autocannon then reads bodies). */
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
  }

  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Result {
    /** Per-second samples of completed requests. */
    requests: Histogram & { total: number; sent: number };
    latency: Histogram & { totalCount: number };
    /** Per-second samples of bytes received. */
    throughput: Histogram & { total: number };
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }

  /** The running test: a promise of the result that also reports each response as it comes. */
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): this;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
