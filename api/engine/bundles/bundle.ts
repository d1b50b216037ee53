/**
 * Bundles (docs/decisions/066): one application that fans out, in its submission's transaction,
 * into one part per item ticked ("一次申请、一表填写、一套材料、一网流转": 身后一件事). A part is a case
 * of another service, with its own tracking number, built from the bundle's answers by the bundle's
 * service (only what that part needs: data minimisation), or an item applied for later, which has
 * no case yet and is shown with where to apply. The engine never names a service: a bundle's service
 * declares `bundle` (its parts), a part's service is any registered service, and a part that is
 * another system's work declares `handoffAtSubmission` (the hand-off its new case sends).
 */

/** One part of a bundle as its service's rule gives it: pure. */
export type BundlePart =
  /** A case of `service`, whose schema checks `application` inside the bundle's transaction. */
  | { item: string; kind: 'case'; service: string; application: unknown }
  /**
   * Applied for later, at `applyPath` (the eco-burial subsidy once the burial has taken place): no case
   * now. With `draft`, a draft of that journey is written with the bundle, holding `answers` (what the
   * bundle already holds that the journey asks: docs/decisions/076), for the bundle's applicant to continue.
   */
  | { item: string; kind: 'later'; applyPath: string; draft?: { service: string; answers: Readonly<Record<string, string>> } };

/**
 * What the submission knows beside the application: the phone its proof confirmed (the service's
 * `confirmedPhone`), with the proof and until when it holds, so that a later journey that confirms the
 * same phone may carry the confirmation instead of asking for a code again.
 */
export interface BundleContext {
  confirmedPhone?: { phone: string; proof: string; expiresAt: string };
}

export interface BundleDeclaration<Application> {
  /** The parts an application fans out into, in the order the status page lists them (without a context: as the status page reads them). */
  parts(application: Application, context?: BundleContext): readonly BundlePart[];
  /** Where each item's words are: `<items>.<item>` names it on the status page and the workbench (a translation key's prefix). */
  items: string;
}

/** What a part shows on the bundle's status page: computed from its case and its latest hand-off. */
export type PartStatus =
  /** Being sent, or sent and the department's answer still to come; also while a department is down (never "lost"). */
  | 'pending'
  /** The department (or the office) has done it. */
  | 'done'
  /** The department answered that it could not do it: the answer's reason is shown. */
  | 'refused'
  /** A step of the portal's own, with staff. */
  | 'with-staff'
  /** To be applied for later, at its address. */
  | 'to-apply';

/**
 * How a part's hand-off answers (the department's reply, or the failure recorded after the last
 * attempt): `outcome` is 'done', 'refused' or 'failed'; `note` says why when it was refused.
 */
export const PART_ANSWER = { outcome: 'outcome', note: 'note' } as const;

/**
 * A part's status from its case's state and its latest hand-off's status and answer. A failed
 * hand-off (every attempt unanswered) is still "pending" to the family: civil affairs staff see the
 * failure and send it again; nothing about it is lost.
 */
export function partStatus(part: { kind: 'case' | 'later'; state: string | null; terminalDone: boolean; handoff: { status: string; outcome: string | null } | null }): PartStatus {
  if (part.kind === 'later') return 'to-apply';
  if (part.handoff) {
    if (part.handoff.status === 'answered' && part.handoff.outcome === 'done') return 'done';
    if (part.handoff.status === 'answered' && part.handoff.outcome === 'refused') return 'refused';
    return 'pending';
  }
  return part.terminalDone ? 'done' : 'with-staff';
}
