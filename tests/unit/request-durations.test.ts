/**
 * The request histogram (api/platform/metrics.ts RequestDurations) exports exactly what
 * prom-client's Histogram exports for the same requests, while noting each without a label object
 * per call (docs/decisions/077).
 */
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from '../../api/platform/metrics.ts';

const CONFIG = { name: 'portal_http_request_duration_seconds', help: 'Requests answered, by method, route pattern and status class, and how long they took', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };

const REQUESTS: [string, string, string, number][] = [
  ['GET', '/guides/[slug]', '2xx', 0.0004],
  ['GET', '/api/v1/health', '2xx', 0.003],
  ['GET', '/guides/[slug]', '2xx', 0.005],
  ['GET', '/guides/[slug]', '3xx', 0.02],
  ['POST', '/api/v1/track', '4xx', 0.3],
  ['GET', '/guides/[slug]', '2xx', 12],
  ['HEAD', '/', '2xx', 0.1],
  ['GET', 'unmatched', '4xx', 0.0101],
  ['GET', '/api/v1/health', '2xx', 2.5],
  ['GET', '/guides/[slug]', '2xx', 0.07],
];

describe('the request histogram', () => {
  it('exports what prom-client’s Histogram exports for the same requests, as text and as JSON', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const durations = new RequestDurations({ ...CONFIG, registers: [ours] });
    const histogram = new Histogram({ ...CONFIG, labelNames: ['method', 'route', 'status'], registers: [theirs] });
    for (const [method, route, status, seconds] of REQUESTS) {
      durations.note(method, route, status, seconds);
      histogram.observe({ method, route, status }, seconds);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('portal_http_request_duration_seconds_count{method="GET",route="/guides/[slug]",status="2xx"} 4');
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
    // Merged with another registry, as the scrape does.
    expect(await Registry.merge([ours, new Registry()]).metrics()).toBe(await Registry.merge([theirs, new Registry()]).metrics());
  });

  it('starts again from nothing when reset', async () => {
    const registry = new Registry();
    const durations = new RequestDurations({ ...CONFIG, registers: [registry] });
    durations.note('GET', '/', '2xx', 0.001);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('_count');
  });
});
