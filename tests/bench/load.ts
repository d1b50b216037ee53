/**
 * Load generation with autocannon, in this process (the servers are children; the machine has two
 * cores, so generator and server compete for them, the same way for the baseline and the portal).
 */
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  warmupS: number;
  durationS: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Mean response body bytes, as sent (compressed when the request asked for it). */
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function measureLoad(url: string, headers: Record<string, string>, settings: LoadSettings): Promise<LoadResult> {
  const base = { url, headers, connections: settings.connections, timeout: 10 };
  // Warm-up first (JIT, pools, the page cache's first render); its numbers are thrown away.
  await autocannon({ ...base, duration: settings.warmupS });
  const result = await autocannon({ ...base, duration: settings.durationS });
  const requests = result.latency.totalCount;
  return {
    // Successful answers over the measured time, rather than the mean of per-second samples,
    // which the partial last second would skew; errors must not count as speed.
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    bytesPerResponse: requests ? result.throughput.total / requests : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
