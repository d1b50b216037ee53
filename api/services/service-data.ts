/**
 * The per-city data a portal's runtime owns and its services read (docs/decisions/035): a bureau's
 * registry offices with the schedules its admins changed, and the rule tables as this process reads
 * them (effective-dated figures such as 高龄津贴's standards, with staff's rows), and later a city's
 * funeral homes. Handed in (`CaseDeps`, `ApiDeps`, `Astro.locals.portal`), never kept in a module, so
 * that two portals in one process never see each other's.
 */
import { sourceRuleBook, type RuleBook } from '../engine/rules/live-rules.ts';
import { DEMO_OFFICES, type RegistryOffices } from './marriage/offices.ts';

export interface ServiceData {
  offices: RegistryOffices;
  rules: RuleBook;
}

/** What code run outside a portal (a seed, a sweep started by a script) reads: the demo offices and the tables' source rows. */
export function serviceDataOf(deps: { offices?: RegistryOffices | undefined; rules?: RuleBook | undefined }): ServiceData {
  return { offices: deps.offices ?? DEMO_OFFICES, rules: deps.rules ?? sourceRuleBook() };
}
