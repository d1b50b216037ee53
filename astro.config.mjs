// @ts-check
import node from '@astrojs/node';
import solid from '@astrojs/solid-js';
import { defineConfig } from 'astro/config';

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
  },
});
