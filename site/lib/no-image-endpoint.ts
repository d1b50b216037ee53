/**
 * What Astro's image endpoint (/_image) answers: the portal's "page not found", as for any path no
 * page claims. Astro adds that endpoint to every on-demand site, and its default transforms images
 * from the query string with an image service the portal does not have (it answered 500 in
 * production); the portal uses no image transforms at all (astro.config.mjs).
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const ALL: APIRoute = (context) => context.rewrite('/404');
