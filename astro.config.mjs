// @ts-check
import node from '@astrojs/node';
import solid from '@astrojs/solid-js';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';

/**
 * The server build imports the API's modules (services, schemas, i18n resources) from api/ as they
 * are, instead of bundling a copy of each: the portal's process has already loaded them, so the
 * pages share Node's one copy (~12 MB of heap less: docs/decisions/078). They are imported as
 * `#api/…`, which package.json's "imports" maps to ./api/, so the built site finds them wherever the
 * checkout is (the server runs from it, api/ beside dist/), and Node strips their types as it does for
 * the server's own imports. Only the server build: the browser's islands still get their bundled
 * copy, and `astro dev` is untouched.
 * @returns {import('vite').Plugin}
 */
function apiModulesFromTheServer() {
  const apiDir = fileURLToPath(new URL('./api/', import.meta.url));
  return {
    name: 'portal:api-modules-from-the-server',
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    async resolveId(source, importer, options) {
      if (!importer || !source.includes('api/')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external || !resolved.id.startsWith(apiDir)) return null;
      return { id: `#api/${resolved.id.slice(apiDir.length)}`, external: true };
    },
  };
}

// The site is rendered on demand inside the portal's Hono server (api/server/portal.ts), which
// serves dist/client itself; see docs/decisions/003-one-server.md.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  adapter: node({ mode: 'middleware', bodySizeLimit: 1024 * 1024 }),
  integrations: [solid()],
  // Sessions live in the portal's database (a later issue), never in Astro's file store.
  session: false,
  trailingSlash: 'ignore',
  compressHTML: true,
  build: {
    // External stylesheets: cacheable across pages and allowed by a CSP without inline hashes.
    inlineStylesheets: 'never',
  },
  security: {
    // Astro hashes every inline script and style it emits into the page's
    // Content-Security-Policy header; the server adds frame-ancestors and friends.
    csp: true,
    // Forms are protected by the server's Origin check (hono/csrf) for every route alike.
    checkOrigin: false,
  },
  // Guides are prose: no code blocks to highlight, and Shiki's inline styles would break the CSP.
  markdown: { syntaxHighlight: false },
  // No image transforms: the pages use plain <img> files. Astro still routes /_image on every
  // on-demand site (there is no switch to leave it out), so it is pointed at an endpoint that
  // answers "page not found", and the service that would transform images is the no-op one.
  image: {
    service: { entrypoint: 'astro/assets/services/noop' },
    endpoint: { route: '/_image', entrypoint: './site/lib/no-image-endpoint.ts' },
  },
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
    plugins: [apiModulesFromTheServer()],
  },
});
