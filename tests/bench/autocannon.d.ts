/**
 * The part of autocannon's API the benchmarks use (the package ships no types, and the project
 * takes no second devDependency for them). Latencies are in milliseconds.
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

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
