/**
 * What a relief application may show on its village's or community's 公示 and 公布 (docs/decisions/045,
 * 社会救助法 and DOMAIN.md's public notice rules): the community it hangs in, the applicant's name
 * (masked by the engine, as the district sets it: 张* unless a setting says *三) and the household's
 * size. Never the ID number, phone, address, the other members, health, income, assets or reasons.
 * The three relief services give it as their CaseService.publicEntry.
 */
import { DEFAULT_NAME_MASKING, type NameMasking } from '../../engine/publication/name-masking.ts';
import type { PublicFacts } from '../../engine/publication/public-entry.ts';

/** The parts of a relief application (contracts: `area`, `applicant`, `household` with the applicant as member 0) a notice reads. */
export interface PublishableApplication {
  area: { community: string };
  applicant: { name: string };
  household: readonly unknown[];
}

export function reliefPublicFacts(application: PublishableApplication, masking: NameMasking = DEFAULT_NAME_MASKING): PublicFacts {
  return {
    place: application.area.community,
    name: application.applicant.name,
    // The applicant is the household's first member; an empty list still counts them.
    householdSize: Math.max(1, application.household.length),
    masking,
  };
}
