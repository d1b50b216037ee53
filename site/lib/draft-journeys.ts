/**
 * Where each service's journey lives, for the pages every journey shares (saving for later,
 * resuming: docs/decisions/033): every service the generic journey pages run, at its public address.
 */
import type { ServicePackage } from '../../api/services/service-package.ts';
import { basePathOf, journeyService } from './journey-services.ts';

export interface DraftJourney {
  /** Its start page. */
  startPath: string;
  /** Where a resumed draft goes: the check page, which sends the reader on to the first question left. */
  resumePath: string;
  /** A journey with a task list keeps its answers 30 days. */
  long: boolean;
}

export function draftJourney(service: string, given: readonly ServicePackage[]): DraftJourney | undefined {
  const pages = journeyService(service, given);
  if (!pages) return undefined;
  const startPath = basePathOf(pages);
  return { startPath, resumePath: `${startPath}/check`, long: (pages.journey.sections?.length ?? 0) > 0 };
}

/** A page of the service's own journey to come back to (nothing else: no open redirect), else its start. */
export function returnPathOf(journey: DraftJourney, wanted: string): string {
  return wanted.startsWith(`${journey.startPath}/`) && /^[a-z0-9/_-]+$/i.test(wanted) && !wanted.includes('//') ? wanted : journey.startPath;
}
