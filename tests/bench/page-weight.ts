/**
 * What a first visit to a page costs on the wire: the HTML and each asset it pulls in, once each,
 * counted as compressed body bytes the way a browser receives them. node:http is used rather than
 * fetch because fetch decompresses and hides the transferred size.
 */
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export const BROWSER_ENCODINGS = 'br, gzip';

export interface RawResponse {
  status: number;
  contentType: string;
  /** "br", "gzip" or "" (identity). */
  encoding: string;
  /** Body bytes as sent, before decompression. */
  transferred: number;
  /** The decompressed body. */
  body: Buffer;
  /** The body as sent (compressed when encoding says so). */
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

export function getRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, agent: false, timeout: 10_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = String(response.headers['content-encoding'] ?? '');
        const body = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), encoding, transferred: raw.length, body, raw, headers: response.headers });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`timed out: ${url}`)));
    request.on('error', reject);
  });
}

export interface Asset {
  path: string;
  kind: 'html' | 'css' | 'js' | 'other';
  transferred: number;
  encoding: string;
}

export interface PageWeight {
  path: string;
  assets: Asset[];
  totalBytes: number;
  jsBytes: number;
  /** Uncompressed JavaScript inside the HTML's own <script> elements (already in the HTML bytes). */
  inlineScriptBytes: number;
}

const decodeAttribute = (value: string) => value.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");

/** Asset URLs a browser fetches for this HTML on first load (as the brief lists them). */
function assetsOfHtml(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel="([^"]*)"/i.exec(tag)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    const href = /\bhref="([^"]*)"/i.exec(tag)?.[1];
    if (href && (rel.includes('stylesheet') || rel.includes('modulepreload'))) found.push(href);
  }
  for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/gi)) if (src) found.push(src);
  for (const [, src] of html.matchAll(/\b(?:component-url|renderer-url)="([^"]*)"/gi)) if (src) found.push(src);
  for (const [, src] of html.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) if (src) found.push(src);
  return found.map(decodeAttribute);
}

/** Static import specifiers of a built module: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`. */
function importsOfJs(js: string): string[] {
  const found = [...js.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+\.m?js)["']/g)].map(([, specifier]) => specifier ?? '');
  return found.filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'));
}

function inlineScriptBytes(html: string): number {
  let bytes = 0;
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const type = /\btype="([^"]*)"/i.exec(attributes ?? '')?.[1] ?? '';
    const isJs = type === '' || type === 'module' || /javascript/i.test(type);
    if (isJs && !/\bsrc=/i.test(attributes ?? '')) bytes += Buffer.byteLength(body ?? '');
  }
  return bytes;
}

function kindOf(path: string, contentType: string): Asset['kind'] {
  if (/javascript/.test(contentType) || /\.m?js$/.test(path)) return 'js';
  if (/css/.test(contentType) || path.endsWith('.css')) return 'css';
  return /html/.test(contentType) ? 'html' : 'other';
}

export async function measurePageWeight(origin: string, path: string): Promise<PageWeight> {
  const headers = { 'accept-encoding': BROWSER_ENCODINGS };
  const assets: Asset[] = [];
  const seen = new Set<string>();
  const fetchOnce = async (url: URL): Promise<RawResponse | undefined> => {
    if (url.origin !== origin || seen.has(url.pathname + url.search)) return undefined;
    seen.add(url.pathname + url.search);
    const response = await getRaw(url.href, headers);
    if (response.status !== 200) throw new Error(`${url.pathname} answered ${response.status}`);
    assets.push({ path: url.pathname, kind: kindOf(url.pathname, response.contentType), transferred: response.transferred, encoding: response.encoding || 'identity' });
    return response;
  };

  const pageUrl = new URL(path, origin);
  const page = await fetchOnce(pageUrl);
  if (!page) throw new Error(`${path} was not fetched`);
  const html = page.body.toString();
  const direct: { url: URL; response: RawResponse }[] = [];
  for (const reference of assetsOfHtml(html)) {
    const url = new URL(reference, pageUrl);
    const response = await fetchOnce(url);
    if (response) direct.push({ url, response });
  }
  // One level of JavaScript imports: the modules the island scripts pull in.
  for (const { url, response } of direct) {
    if (kindOf(url.pathname, response.contentType) !== 'js') continue;
    for (const specifier of importsOfJs(response.body.toString())) await fetchOnce(new URL(specifier, url));
  }

  const sum = (items: Asset[]) => items.reduce((total, asset) => total + asset.transferred, 0);
  return {
    path,
    assets,
    totalBytes: sum(assets),
    jsBytes: sum(assets.filter((asset) => asset.kind === 'js')),
    inlineScriptBytes: inlineScriptBytes(html),
  };
}
