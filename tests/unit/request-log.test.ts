/** One log line per request at info; above it, only failed requests, with their id and never the query (api/server/request-log.ts). */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../api/platform/logger.ts';
import { answeredRequestLog, requestLog } from '../../api/server/request-log.ts';

function appLoggingAt(level: 'info' | 'warn') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = new Hono<{ Variables: { requestId: string; logger: Logger } }>();
  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', requestLog(logger));
  app.get('/fine', (c) => c.text('ok'));
  app.get('/broken', (c) => c.text('no', 500));
  return { app, lines };
}

describe('the request log', () => {
  it('writes one line per request at info, without the query string', async () => {
    const { app, lines } = appLoggingAt('info');
    const response = await app.request('/fine?q=110101194001011234');
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', method: 'GET', path: '/fine', status: 200, requestId: response.headers.get('x-request-id') })]);
  });

  it('above info, writes nothing for a request that went well and one line for a failed one, with its id and no query', async () => {
    const { app, lines } = appLoggingAt('warn');
    const fine = await app.request('/fine?q=secret');
    expect(fine.headers.get('x-request-id')).toBeTruthy();
    expect(lines).toEqual([]);
    const broken = await app.request('/broken?q=110101194001011234');
    expect(lines).toEqual([expect.objectContaining({ msg: 'request failed', path: '/broken', status: 500, requestId: broken.headers.get('x-request-id') })]);
    expect(JSON.stringify(lines)).not.toContain('110101194001011234');
  });

  it('writes the same line for a cached page answered in front of it (docs/decisions/077), and none above info', async () => {
    const { app, lines } = appLoggingAt('info');
    const response = await app.request('/fine?q=110101194001011234');
    const lineOf = (entry: Record<string, unknown> | undefined) => JSON.stringify({ ...entry, time: 0, ms: 0 });
    const sameLogger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    answeredRequestLog(sameLogger)?.({ requestId: response.headers.get('x-request-id') ?? '', method: 'GET', url: 'http://localhost/fine?q=110101194001011234', status: 200, ms: 1.23, cache: undefined });
    expect(lines).toHaveLength(2);
    expect(lineOf(lines[1])).toBe(lineOf(lines[0]));
    expect(answeredRequestLog(pino({ level: 'warn' }))).toBeUndefined();
  });
});
