/**
 * Links read away from the page (the receipt's status link and QR code, the calendar file's link,
 * the printed guide's "printed from") are built on the public origin, never on the Host header a
 * request was sent with; and Astro's unused image endpoint is not there. The test server has no
 * PUBLIC_URL (development rules): a request whose Host is not this server's own gets links to
 * http://localhost:<the port it listens on>. Requests here go through node:http, because fetch
 * does not let a caller set Host.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { extractText } from 'unpdf';
import { draftCookie } from '../support/drafts.ts';
import { LANGUAGES } from '../support/site.ts';
import { visitor, workerPortal } from './support/portal.ts';

const FORGED_HOSTS = ['attacker.example', 'attacker.example:80'];

/** A GET to the worker's server with this Host header and cookie. */
function getWithHost(path: string, host: string, cookie = ''): Promise<{ status: number; type: string; body: Buffer }> {
  const server = new URL(workerPortal().url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname: server.hostname, port: server.port, path, method: 'GET', headers: { host, ...(cookie ? { cookie } : {}) } }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, type: String(incoming.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A booked appointment's draft cookie, as the confirmation page leaves it. */
async function bookedDraft(trackingNumber: string): Promise<string> {
  const { name, value } = await draftCookie(
    workerPortal(),
    'marriage-appointment',
    { kind: 'marriage', office: 'demo-county-registry', date: '2026-12-30', start: '09:00', end: '09:30' },
    { trackingNumber, acceptanceDue: null, smsTo: '139****5678' },
  );
  return `${name}=${value}`;
}

describe.each(LANGUAGES)('links sent away from the page in $name, whatever the Host header says', (language) => {
  const ownOrigin = `http://localhost:${new URL(workerPortal().url).port}`;
  const statusUrl = (trackingNumber: string) => `${ownOrigin}${language.path('/track')}?number=${trackingNumber}`;

  it.each(FORGED_HOSTS)('the receipt links this server, not %s', async (host) => {
    const trackingNumber = '7KQ4-M9XH-2CP';
    const response = await getWithHost(language.path('/book/marriage/receipt'), host, await bookedDraft(trackingNumber));
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(response.body), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    expect(flat).not.toContain('attacker');
    expect(flat).toContain(statusUrl(trackingNumber));
  });

  it.each(FORGED_HOSTS)('the calendar file links the status page on this server, not %s', async (host) => {
    const trackingNumber = '8PQ4-M9XH-2CP';
    const response = await getWithHost(language.path('/book/marriage/calendar'), host, await bookedDraft(trackingNumber));
    expect(response.status).toBe(200);
    expect(response.type).toContain('text/calendar');
    const unfolded = response.body.toString('utf8').replace(/\r\n /g, '');
    expect(unfolded).not.toContain('attacker');
    expect(unfolded).toContain(`\r\nURL:${statusUrl(trackingNumber)}\r\n`);
  });

  it.each(FORGED_HOSTS)('the printed guide says it came from this server, not %s', async (host) => {
    const response = await getWithHost(language.path('/guides/old-age-allowance/print'), host);
    expect(response.status).toBe(200);
    const html = response.body.toString('utf8');
    expect(html).not.toContain('attacker');
    expect(html).toContain(`${ownOrigin}${language.path('/guides/old-age-allowance')}`);
  });

  it('keeps the address a reader used when it is this server’s own', async () => {
    const response = await getWithHost(language.path('/book/marriage/calendar'), `127.0.0.1:${new URL(workerPortal().url).port}`, await bookedDraft('9RQ4-M9XH-2CP'));
    expect(response.body.toString('utf8').replace(/\r\n /g, '')).toContain(`\r\nURL:http://127.0.0.1:${new URL(workerPortal().url).port}${language.path('/track')}?number=9RQ4-M9XH-2CP\r\n`);
  });
});

describe.each(LANGUAGES)('Astro’s image endpoint in $name', (language) => {
  it.each(['/_image?href=/favicon.svg&w=16&f=webp', '/_image', '/_image?href=https://attacker.example/x.png'])('is not there: %s answers the page-not-found page', async (path) => {
    const page = await visitor(language).get(language.path(path));
    expect(page.status).toBe(404);
    expect(page.h1).toBe(language.strings.pages.notFound.title);
  });
});
