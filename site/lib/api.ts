/**
 * The pages' view of the API, through the typed in-process client: the same routes, validation and
 * error mapping that other systems use over HTTP.
 */
import type { AstroGlobal } from 'astro';

type Astro = Pick<AstroGlobal, 'locals'>;

export class UnexpectedApiAnswer extends Error {
  override name = 'UnexpectedApiAnswer';
}

export async function listGuides(astro: Astro) {
  const { api, lang } = astro.locals.portal;
  const response = await api.guides.$get({ query: { lang } });
  if (response.status !== 200) throw new UnexpectedApiAnswer(`GET /guides answered ${response.status}`);
  return (await response.json()).guides;
}

export async function getGuide(astro: Astro, slug: string) {
  const { api, lang } = astro.locals.portal;
  const response = await api.guides[':slug'].$get({ param: { slug }, query: { lang } });
  if (response.status === 200) return response.json();
  // An unknown or malformed name is the reader's 404, as is an unpublished guide's printable version; anything else is ours.
  if (response.status === 404 || response.status === 422 || response.status === 410) return undefined;
  throw new UnexpectedApiAnswer(`GET /guides/${slug} answered ${String((response as Response).status)}`);
}

/**
 * A guide's page: the guide, or (unpublished by staff: docs/decisions/052) where its readers go or
 * why it was withdrawn, or undefined for no such guide. `lang`: another language than the page's.
 */
export async function guidePage(astro: Astro, slug: string, lang = astro.locals.portal.lang) {
  const response = await astro.locals.portal.api.guides[':slug'].$get({ param: { slug }, query: { lang } });
  if (response.status === 200) return { guide: await response.json(), unpublished: undefined };
  if (response.status === 410) {
    const body = (await response.json()) as { unpublished: { redirectTo: string | null; notice: string | null; at: string } };
    return { guide: undefined, unpublished: body.unpublished };
  }
  if (response.status === 404 || response.status === 422) return undefined;
  throw new UnexpectedApiAnswer(`GET /guides/${slug} answered ${String((response as Response).status)}`);
}

export async function searchGuides(astro: Astro, q: string) {
  const { api, lang } = astro.locals.portal;
  const response = await api.search.$get({ query: { q, lang, limit: '20' } });
  if (response.status === 200) return { ok: true as const, results: (await response.json()).results };
  if (response.status === 422) return { ok: false as const, error: await response.json() };
  throw new UnexpectedApiAnswer(`GET /search answered ${String((response as Response).status)}`);
}
