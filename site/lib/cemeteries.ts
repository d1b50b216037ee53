/**
 * The public cemeteries as the public pages read them (docs/decisions/064), in process through
 * `apiFetch` (outside the typed client's type, which is at the compiler's limit), each answer typed
 * by its route's view. The places left change with every application, so the pages are not cached.
 */
import type { AstroGlobal } from 'astro';
import type { CemeteryView } from '../../api/services/public-cemetery/routes/cemeteries.routes.ts';
import { UnexpectedApiAnswer } from './api.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type { CemeteryView };

export const CEMETERIES_PATH = '/cemeteries';

export async function listCemeteries(astro: Astro): Promise<CemeteryView[]> {
  const response = await astro.locals.portal.apiFetch(`${CEMETERIES_PATH}?lang=${astro.locals.portal.lang}`, { method: 'GET' });
  if (response.status !== 200) throw new UnexpectedApiAnswer(`GET /cemeteries answered ${response.status}`);
  return ((await response.json()) as { cemeteries: CemeteryView[] }).cemeteries;
}

/** One cemetery, or undefined for an id the portal does not have (the page answers 404). */
export async function publicCemetery(astro: Astro, id: string): Promise<CemeteryView | undefined> {
  const response = await astro.locals.portal.apiFetch(`${CEMETERIES_PATH}/${encodeURIComponent(id)}?lang=${astro.locals.portal.lang}`, { method: 'GET' });
  if (response.status === 200) return (await response.json()) as CemeteryView;
  if (response.status === 404 || response.status === 422) return undefined;
  throw new UnexpectedApiAnswer(`GET /cemeteries/${id} answered ${response.status}`);
}
