/**
 * The per-city data a portal's runtime owns and its services read (docs/decisions/035): a bureau's
 * registry offices with the schedules its admins changed, and later a city's funeral homes. Handed
 * in (`CaseDeps.offices`, `ApiDeps.offices`, `Astro.locals.portal.offices`), never kept in a module,
 * so that two portals in one process never see each other's.
 */
import { DEMO_OFFICES, type RegistryOffices } from './marriage/offices.ts';

export interface ServiceData {
  offices: RegistryOffices;
}

/** What code run outside a portal (a seed, a sweep started by a script) reads: the demo offices. */
export function serviceDataOf(deps: { offices?: RegistryOffices | undefined }): ServiceData {
  return { offices: deps.offices ?? DEMO_OFFICES };
}
