/**
 * Load generation with autocannon, in this process (the servers are children; the machine has two
 * cores, so generator and server compete for them, the same way for the baseline and the portal).
 */
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Mean bytes received per response, headers included, body as sent (compressed if asked). */
  wireBytesPerResponse: number;
  /** Answers that do not count as served (not 2xx, or not among `answered` when given). */
  non2xx: number;
  errors: number;
  timeouts: number;
  /** How many answers had each status. */
  statuses: Record<string, number>;
}

/** One request as `LoadOptions.request` makes it: its method, body and own headers (over the shared ones). */
export interface RequestParts {
  method: 'GET' | 'POST' | 'PUT';
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  /** POST with a JSON body made per request (e.g. a different lookup each time); GET when absent. */
  post?: { body: () => string };
  /**
   * Each request made anew (e.g. a different draft's reference, cookie or answers each time): its
   * method, body and headers. `contentType` goes with every body (default JSON). Takes the place of `post`.
   */
  request?: { make: () => RequestParts; contentType?: string };
  /** Stop after this many requests instead of after `durationS`. */
  amount?: number;
  /** The statuses that count as served (default: 2xx), e.g. 200 and 404 for a status lookup. */
  answered?: (status: number) => boolean;
}

const postOf = (body: () => string) => (): RequestParts => ({ method: 'POST', body: body() });

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Load for `durationS` seconds (or `amount` requests) from `connections` connections, each sending the next request when answered. */
export async function measureLoad(url: string, headers: Record<string, string>, connections: number, durationS: number, options: LoadOptions = {}): Promise<LoadResult> {
  // autocannon's own percentiles are whole milliseconds: the baseline's p50 would read 0 and no
  // ratio could be taken. Its per-response event carries the exact time, so keep those.
  let times = new Float64Array(1 << 16);
  let count = 0;
  const statuses: Record<string, number> = {};
  let firstSentAt = Infinity;
  let lastAnsweredAt = -Infinity;
  const each = options.request ?? (options.post ? { make: postOf(options.post.body) } : undefined);
  const contentType = options.request?.contentType ?? 'application/json';
  const run = autocannon({
    url,
    headers,
    connections,
    duration: durationS,
    timeout: 10,
    ...(options.amount ? { amount: options.amount } : {}),
    ...(each
      ? {
          // Called before each request: a new one every time.
          requests: [
            {
              setupRequest: (request) => {
                const made = each.make();
                return {
                  ...request,
                  method: made.method,
                  headers: { ...request.headers, ...(made.body === undefined ? {} : { 'content-type': contentType }), ...made.headers },
                  ...(made.body === undefined ? {} : { body: made.body }),
                };
              },
            },
          ],
        }
      : {}),
  }).on('response', (_client, status, _bytes, ms) => {
    const now = performance.now();
    firstSentAt = Math.min(firstSentAt, now - ms);
    lastAnsweredAt = now;
    if (count === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[count++] = ms;
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await run;
  const sorted = times.subarray(0, count).sort();
  const answered = options.answered;
  const served = answered ? Object.entries(statuses).reduce((sum, [status, n]) => sum + (answered(Number(status)) ? n : 0), 0) : result['2xx'];
  // autocannon notices that `amount` requests are done only at its next one-second tick, so its
  // duration is whole seconds then: time such a run from the first request to the last answer.
  const seconds = options.amount ? (lastAnsweredAt - firstSentAt) / 1000 : result.duration;
  return {
    // Successful answers over the measured time, rather than the mean of per-second samples,
    // which the partial last second would skew; errors must not count as speed.
    requestsPerSecond: served / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    requests: count,
    wireBytesPerResponse: count ? result.throughput.total / count : 0,
    non2xx: answered ? count - served : result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  };
}
