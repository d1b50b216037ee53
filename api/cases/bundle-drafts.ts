/**
 * Continuing an item of a bundle applied for later (docs/decisions/076): its journey's draft was
 * prefilled at the bundle's submission, and no one holds a reference to it. Only the bundle's
 * applicant is given one: whoever opens the bundle with its second factor (the handler's ID number or
 * phone, as the status page asks), or whoever holds the bundle's own submitted draft (its
 * confirmation page, in the browser that sent it). The reference replaces any earlier one, as a resume's.
 */
import { draftOfPart, draftOfPartByBundleDraft } from '../db/case-parts.repo.ts';
import { openDraft, reopenDraft, type DraftDeps, type DraftView } from '../engine/drafts/drafts.ts';
import { BUILT_IN_SERVICES } from '../services/registry.ts';
import { matchingCase, type CaseDeps, type LookupResult } from './case-service.ts';

export type ContinueResult =
  | { ok: true; reference: string; draft: DraftView }
  /** The bundle's number is mistyped, or it and the second factor match no case (said as the status lookup says it). */
  | Extract<LookupResult, { ok: false }>
  /** The item has no draft to continue: none was made, it lapsed, or it was already sent (the plain journey then). */
  | { ok: false; reason: 'not_found' };

async function continueItem(deps: DraftDeps, bundle: { id: string; service: string }, item: string, services: CaseDeps['services']): Promise<ContinueResult> {
  if (!(services ?? BUILT_IN_SERVICES).get(bundle.service)?.bundle) return { ok: false, reason: 'not_found' };
  const draftId = await draftOfPart(deps.db, bundle.id, item);
  return draftId ? reopenDraft(deps, draftId) : { ok: false, reason: 'not_found' };
}

/** By the bundle's tracking number and second factor (the status page's key). */
export async function continueItemOfTrackedBundle(deps: CaseDeps, drafts: DraftDeps, key: { trackingNumber: string; secondFactor: string }, item: string): Promise<ContinueResult> {
  const matched = await matchingCase(deps, key.trackingNumber, key.secondFactor);
  if (!matched.ok) return matched;
  return continueItem(drafts, matched.stored, item, deps.services);
}

/**
 * By the reference to the bundle's own draft, once it became the bundle (its confirmation page). The
 * part is found by that draft's key, recorded with the bundle in its transaction: never by the
 * tracking number a draft says it became, which any client may write into a draft of its own.
 */
export async function continueItemOfSubmittedDraft(drafts: DraftDeps, reference: string, item: string): Promise<ContinueResult> {
  const opened = await openDraft(drafts, reference);
  if (!opened.ok || !opened.draft.submitted) return { ok: false, reason: 'not_found' };
  const draftId = await draftOfPartByBundleDraft(drafts.db, opened.draft.key, item);
  return draftId ? reopenDraft(drafts, draftId) : { ok: false, reason: 'not_found' };
}
