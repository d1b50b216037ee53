/**
 * The manual claim for the fee exemption (docs/decisions/065): where the portal cannot decide (a
 * relief decision it did not make, a 优抚 status it holds no records of), the family claims with its
 * ground and a proof uploaded under one purpose, and staff confirm or refuse it. This is the shape
 * the booking journey uses (its upload step and its answer), one schema for its page, the API and
 * the tests; the claim's review is the booking's, not a case of its own.
 *
 * A registration nobody stated is not a claim: the journey asks the question (registeredHere) and
 * the check decides again.
 */
import { z } from 'zod';
import { textLines } from '../../domain/text.ts';
import type { Claim, ExemptionDecision } from './fee-exemption.ts';

/** The grounds a family may claim on with a proof. */
export const EXEMPTION_CLAIM_GROUNDS = ['relief', 'youfu'] as const satisfies readonly Claim[];
export type ExemptionClaimGround = (typeof EXEMPTION_CLAIM_GROUNDS)[number];

/** The upload purpose of the proof (the file engine's `purpose`; its label: funeral:exemption.claim.proofFiles). */
export const EXEMPTION_CLAIM_UPLOAD_PURPOSE = 'exemptionProof';
/** The journey's upload step for it: a photo or a scan of the certificate is enough, at least one. */
export const EXEMPTION_CLAIM_UPLOAD = { purpose: EXEMPTION_CLAIM_UPLOAD_PURPOSE, min: 1, limits: { maxFiles: 5 } } as const;

export const ExemptionClaimSchema = z.object({
  ground: z.enum(EXEMPTION_CLAIM_GROUNDS, { error: 'funeral:exemption.errors.claim.ground' }),
  /** Anything the family wants the office to know (the certificate is at a relative's, the relief was granted last week…). */
  note: textLines().trim().max(500, 'funeral:exemption.errors.claim.note').optional(),
});
export type ExemptionClaim = z.infer<typeof ExemptionClaimSchema>;

/** What each ground's proof is (a `funeral` key, for the upload page's hint). */
export const CLAIM_PROOF = {
  relief: 'funeral:exemption.claim.proof.relief',
  youfu: 'funeral:exemption.claim.proof.youfu',
} as const satisfies Record<ExemptionClaimGround, string>;

/** The claim a 'cannot-decide' calls for (its first proof missing), if any: a missing registration is a question, not a claim. */
export function claimFor(decision: Extract<ExemptionDecision, { outcome: 'cannot-decide' }>): { ground: ExemptionClaimGround; proof: (typeof CLAIM_PROOF)[ExemptionClaimGround] } | undefined {
  const proof = decision.missing.find((missing) => missing === 'relief-proof' || missing === 'youfu-proof');
  if (!proof) return undefined;
  const ground: ExemptionClaimGround = proof === 'relief-proof' ? 'relief' : 'youfu';
  return { ground, proof: CLAIM_PROOF[ground] };
}
