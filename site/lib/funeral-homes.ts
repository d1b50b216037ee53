/**
 * The funeral homes as the public pages read them (docs/decisions/062), in process through
 * `apiFetch` (outside the typed client's type, which is at the compiler's limit), each answer typed
 * by its route's view. The pages show figures that move with a rule-table row, not a publish, so
 * the server keeps them a minute at most, as long as a row takes to reach every process.
 */
import type { AstroGlobal } from 'astro';
import type { FuneralHomeView } from '../../api/services/funeral/routes/funeral-homes.routes.ts';
import { UnexpectedApiAnswer } from './api.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type { FuneralHomeView };

export const FUNERAL_HOMES_PATH = '/funeral-homes';
/** How long the server's page cache may keep a funeral home's page: a rule row reaches every process within a minute. */
export const FUNERAL_HOMES_CACHE_SECONDS = 60;

export async function listFuneralHomes(astro: Astro): Promise<FuneralHomeView[]> {
  const response = await astro.locals.portal.apiFetch(`${FUNERAL_HOMES_PATH}?lang=${astro.locals.portal.lang}`, { method: 'GET' });
  if (response.status !== 200) throw new UnexpectedApiAnswer(`GET /funeral-homes answered ${response.status}`);
  return ((await response.json()) as { homes: FuneralHomeView[] }).homes;
}

/** One home, or undefined for an id the portal does not have (the page answers 404). */
export async function funeralHome(astro: Astro, id: string): Promise<FuneralHomeView | undefined> {
  const response = await astro.locals.portal.apiFetch(`${FUNERAL_HOMES_PATH}/${encodeURIComponent(id)}?lang=${astro.locals.portal.lang}`, { method: 'GET' });
  if (response.status === 200) return (await response.json()) as FuneralHomeView;
  if (response.status === 404 || response.status === 422) return undefined;
  throw new UnexpectedApiAnswer(`GET /funeral-homes/${id} answered ${response.status}`);
}
