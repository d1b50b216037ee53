/**
 * For search engines and link previews: every public page has a description, a canonical address
 * and its address in each language (hreflang, zh-CN also as x-default), all absolute on PUBLIC_URL
 * and without the query; staff pages and search results say noindex; robots.txt keeps crawlers out
 * of /staff. The worker's own server has no PUBLIC_URL (development rules: its own address), so this
 * file starts one with it: the addresses then name PUBLIC_URL, not the address the tests call.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideFiles, LANGUAGES, zh, type Language } from '../support/site.ts';
import { startTestPortal, type TestPortal } from '../support/test-portal.ts';
import { Visitor, type HtmlPage } from './support/html-client.ts';
import { staffVisitor, workerPortal } from './support/portal.ts';

const PUBLIC_URL = 'https://portal.example.gov.cn';
const slugs = guideFiles(zh).map((guide) => guide.slug);

/** Public pages and whether a search engine may list them. */
const PAGES: { path: string; indexed: boolean }[] = [
  { path: '/', indexed: true },
  { path: '/services', indexed: true },
  ...slugs.flatMap((slug) => [{ path: `/guides/${slug}`, indexed: true }]),
  { path: '/accessibility', indexed: true },
  { path: '/privacy', indexed: true },
  { path: '/contact', indexed: true },
  { path: '/track', indexed: true },
  { path: '/apply/old-age-allowance', indexed: true },
  { path: '/book/marriage', indexed: true },
  { path: '/announcements', indexed: true },
  { path: '/search', indexed: false },
  { path: `/search?q=${encodeURIComponent('低保')}`, indexed: false },
  { path: '/staff/sign-in', indexed: false },
];

let portal: TestPortal | undefined;
beforeAll(async () => {
  portal = await startTestPortal({ PUBLIC_URL });
});
afterAll(async () => {
  await portal?.stop();
});

function reader(language: Language): Visitor {
  if (!portal) throw new Error('the PUBLIC_URL server did not start');
  return new Visitor(portal.url, { acceptLanguage: language.code === 'en' ? 'en' : 'zh-CN' });
}

const head = (page: HtmlPage, selector: string) => page.all(`head ${selector}`);
const attribute = (page: HtmlPage, selector: string, name: string) => head(page, selector).map((element) => element.getAttribute(name));

describe.each(LANGUAGES)('what search engines read in $name', (language) => {
  it.each(PAGES)('$path has a description, its canonical address and both languages’ addresses on PUBLIC_URL', async ({ path, indexed }) => {
    const page = await reader(language).get(language.path(path));
    expect(page.status).toBe(200);
    const [description] = attribute(page, 'meta[name="description"]', 'content');
    expect((description ?? '').trim().length, 'a meta description').toBeGreaterThan(10);
    const sitePath = path.replace(/\?.*$/, '');
    const address = (target: Language) => `${PUBLIC_URL}${target.path(sitePath)}`;
    expect(attribute(page, 'link[rel="canonical"]', 'href')).toEqual([address(language)]);
    const alternates = Object.fromEntries(head(page, 'link[rel="alternate"][hreflang]').map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')]));
    expect(alternates).toEqual({ 'zh-CN': address(zh), en: address(LANGUAGES[1] ?? language), 'x-default': address(zh) });
    expect(attribute(page, 'meta[name="robots"]', 'content')).toEqual(indexed ? [] : ['noindex']);
  });

  it('gives a guide the guide’s own summary as its description, and every content page its own', async () => {
    const guide = guideFiles(language).find((file) => file.slug === 'old-age-allowance');
    const page = await reader(language).get(language.path('/guides/old-age-allowance'));
    expect(attribute(page, 'meta[name="description"]', 'content')).toEqual([guide?.summary.replace(/\{\{ex:([^{}]*)\}\}/g, '$1')]);
    const descriptions = await Promise.all(['/', '/accessibility', '/privacy', '/contact'].map(async (path) => attribute(await reader(language).get(language.path(path)), 'meta[name="description"]', 'content')[0]));
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it('points a printable guide at its guide, and keeps it out of the index', async () => {
    const page = await reader(language).get(language.path('/guides/old-age-allowance/print'));
    expect(attribute(page, 'link[rel="canonical"]', 'href')).toEqual([`${PUBLIC_URL}${language.path('/guides/old-age-allowance')}`]);
    expect(attribute(page, 'meta[name="robots"]', 'content')).toEqual(['noindex']);
    expect((attribute(page, 'meta[name="description"]', 'content')[0] ?? '').length).toBeGreaterThan(10);
  });

  it('tells search engines not to index a staff page', async () => {
    const member = await staffVisitor(language, 'intake');
    const page = await member.get(language.path('/staff'));
    expect(page.status).toBe(200);
    expect(attribute(page, 'meta[name="robots"]', 'content')).toEqual(['noindex']);
  });
});

describe('robots.txt', () => {
  it('keeps crawlers out of the staff pages in both languages, and lets them read the rest', async () => {
    const response = await reader(zh).request('/robots.txt');
    expect(response.status).toBe(200);
    const rules = (await response.text()).split('\n').map((line) => line.trim());
    expect(rules).toContain('User-agent: *');
    expect(rules).toContain('Disallow: /staff');
    expect(rules).toContain('Disallow: /en/staff');
    expect(rules.filter((line) => /^Disallow:\s*\/?$/.test(line))).toEqual([]);
  });
});

/** The canonical address of a page of the worker's server (no PUBLIC_URL), asked for with this Host header (fetch cannot set Host). */
function canonicalWithHost(path: string, host: string): Promise<string> {
  const server = new URL(workerPortal().url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname: server.hostname, port: server.port, path, headers: { host } }, (incoming) => {
      let html = '';
      incoming.on('data', (chunk: Buffer) => (html += chunk.toString()));
      incoming.on('end', () => resolve(/<link rel="canonical" href="([^"]*)"/.exec(html)?.[1] ?? ''));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('addresses without PUBLIC_URL (development)', () => {
  it('name the origin the page was asked through when it is this server’s own, each from its own cached copy, and never a forged Host', async () => {
    const { port } = new URL(workerPortal().url);
    const path = '/guides/marriage-registration';
    expect(await canonicalWithHost(path, `127.0.0.1:${port}`)).toBe(`http://127.0.0.1:${port}${path}`);
    expect(await canonicalWithHost(path, `localhost:${port}`)).toBe(`http://localhost:${port}${path}`);
    expect(await canonicalWithHost(path, `127.0.0.1:${port}`)).toBe(`http://127.0.0.1:${port}${path}`);
    expect(await canonicalWithHost(path, 'attacker.example')).toBe(`http://localhost:${port}${path}`);
  });
});
