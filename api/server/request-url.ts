/** What the server reads of a request's URL string on every page request, without parsing it whole. */

/** Printable ASCII but what a URL's query escapes (", #, ', <, >): such a query is as the URL parser leaves it. */
const PLAIN_QUERY = /^\?[!$-&(-;=?-~]+$/;

/**
 * `new URL(url).search`: the query with its "?", or "" (none, or a bare "?"). A URL whose query is
 * plain (nearly every one: @hono/node-server already gave anything unusual through the URL parser)
 * is not parsed again: the page path asks on every request.
 */
export function searchOf(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url.includes('#') ? new URL(url).search : '';
  const query = url.slice(at);
  return PLAIN_QUERY.test(query) ? query : new URL(url).search;
}
