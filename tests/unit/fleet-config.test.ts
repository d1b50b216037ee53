/** The fleet's nginx configuration (api/platform/fleet.ts, docs/decisions/070), read as nginx would be told it. */
import { describe, expect, it } from 'vitest';
import { judgeProbe, nginxConfig, notReadyCode, type ProbeAnswer } from '../../api/platform/fleet.ts';

const base = { prefix: '/srv/portal/fleet', host: '127.0.0.1', port: 4321, servers: [{ port: 4322, down: false }, { port: 4323, down: true }] };

describe('the fleet’s nginx configuration', () => {
  const config = nginxConfig(base);
  it.each([
    ['runs in the foreground', 'daemon off;'],
    ['keeps its pid inside the prefix', 'pid /srv/portal/fleet/nginx.pid;'],
    ['keeps its error log inside the prefix', 'error_log /srv/portal/fleet/error.log warn;'],
    ['keeps request bodies inside the prefix', 'client_body_temp_path /srv/portal/fleet/temp/client_body;'],
    ['keeps proxied answers inside the prefix', 'proxy_temp_path /srv/portal/fleet/temp/proxy;'],
    ['sends a ready process requests', 'server 127.0.0.1:4322 max_fails=0;'],
    ['marks a process not ready down', 'server 127.0.0.1:4323 max_fails=0 down;'],
    ['keeps connections to the processes open', 'keepalive 32;'],
    ['tells the processes who asked', 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;'],
    ['tells the processes the scheme', 'proxy_set_header X-Forwarded-Proto $scheme;'],
    ['moves on from a dead or stopping process', 'proxy_next_upstream error timeout http_503;'],
    ['never serves /metrics on the public port', 'location = /metrics { deny all; }'],
    ['listens on the one public port', 'listen 127.0.0.1:4321;'],
  ])('%s', (_what, line) => {
    expect(config).toContain(line);
  });

  it('never sends a POST a second time', () => {
    expect(config).not.toMatch(/^\s*proxy_next_upstream\b.*non_idempotent/m);
  });

  it('names the workers’ account only when it runs as root', () => {
    expect(config).not.toMatch(/^user /m);
    expect(nginxConfig({ ...base, user: { name: 'portal', group: 'portal' } })).toMatch(/^user portal portal;$/m);
  });

  it('brackets an IPv6 address', () => {
    expect(nginxConfig({ ...base, host: '::1' })).toContain('listen [::1]:4321;');
  });
});

describe('the fleet’s readiness probes', () => {
  const fresh = { failures: 0, notReady: 0 };
  const run = (answers: readonly ProbeAnswer[]) =>
    answers.reduce<{ failures: number; notReady: number; verdicts: string[] }>(
      (state, answer) => {
        const judged = judgeProbe(state, answer);
        return { failures: judged.failures, notReady: judged.notReady, verdicts: [...state.verdicts, judged.verdict] };
      },
      { ...fresh, verdicts: [] },
    ).verdicts;

  it('takes a stopping process out at once', () => {
    expect(run(['stopping'])).toEqual(['out']);
  });
  it('takes a process out on the second not-ready answer in a row, not the first', () => {
    expect(run(['not-ready', 'not-ready'])).toEqual(['unchanged', 'out']);
    expect(run(['not-ready', 'ready', 'not-ready'])).toEqual(['unchanged', 'ready', 'unchanged']);
  });
  it('takes a process out on the third unanswered probe in a row', () => {
    expect(run(['error', 'error', 'error'])).toEqual(['unchanged', 'unchanged', 'out']);
    expect(run(['error', 'error', 'not-ready', 'error'])).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });
  it('reads the code of a readiness 503', () => {
    expect(notReadyCode(JSON.stringify({ error: { code: 'stopping', message: '…' }, requestId: 'r' }))).toBe('stopping');
    expect(notReadyCode('<html>bad gateway</html>')).toBeUndefined();
    expect(notReadyCode('{"error":"stopping"}')).toBeUndefined();
  });
});
