/**
 * Where each service's journey lives, for the pages every journey shares (saving for later,
 * resuming: docs/decisions/033): the generic question pages' services, and the marriage booking.
 */
import type { ServicePackage } from '../../api/services/service-package.ts';
import { journeyService } from './journey-services.ts';
import { BASE_PATH as MARRIAGE_PATH, SERVICE as MARRIAGE_SERVICE } from './marriage-booking.ts';

export interface DraftJourney {
  /** Its start page. */
  startPath: string;
  /** Where a resumed draft goes: the check page, which sends the reader on to the first question left. */
  resumePath: string;
  /** A journey with a task list keeps its answers 30 days. */
  long: boolean;
}

export function draftJourney(service: string, given: readonly ServicePackage[]): DraftJourney | undefined {
  if (service === MARRIAGE_SERVICE) return { startPath: MARRIAGE_PATH, resumePath: `${MARRIAGE_PATH}/check`, long: false };
  const pages = journeyService(service, given);
  if (!pages) return undefined;
  const startPath = `/apply/${pages.service}`;
  return { startPath, resumePath: `${startPath}/check`, long: (pages.journey.sections?.length ?? 0) > 0 };
}

/** A page of the service's own journey to come back to (nothing else: no open redirect), else its start. */
export function returnPathOf(journey: DraftJourney, wanted: string): string {
  return wanted.startsWith(`${journey.startPath}/`) && /^[a-z0-9/_-]+$/i.test(wanted) && !wanted.includes('//') ? wanted : journey.startPath;
}
