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
import { rowOn, type RuleRow } from '../../engine/rules/rule-table.ts';
import { amountsFor, type Amounts, type BookedItem, type Claim, type ExemptionDecision } from './fee-exemption.ts';
import type { FeeExemptionValue } from './fee-exemption-table.ts';

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

/** The longest note the family sends with the proof (ExemptionClaimSchema's). */
export const EXEMPTION_CLAIM_NOTE_MAX = 500;

/**
 * What a confirmed claim waives (docs/decisions/075): the booking's stored lines (each item and what
 * it was charged at booking) under the scheme of the home's district in force on the day of death,
 * as decideExemption would have waived them had the portal known the ground: covered basic items
 * only, the cap per deceased spent in the national list's order. Recomputed from what the booking
 * stored, never taken from a client; undefined when no scheme of the district (or none covering the
 * ground) was in force that day, so there is nothing to confirm.
 */
export function confirmedWaiver(rows: readonly RuleRow<FeeExemptionValue>[], district: string, diedOn: string, ground: ExemptionClaimGround, lines: readonly BookedItem[]): Amounts | undefined {
  const row = rowOn(rows, district, diedOn);
  if (!row) return undefined;
  const covers = ground === 'relief' ? row.value.groups.includes('dibao') || row.value.groups.includes('tekun') : row.value.groups.includes('youfu');
  return covers ? amountsFor(row.value, ground, lines) : undefined;
}

/** The states of a claim: called for by the booking, its proof sent, decided (once). */
export const CLAIM_STATUSES = ['open', 'sent', 'confirmed', 'refused'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A reviewer's confirmation: the claim's version as the page showed it (a page read before another decision cannot decide). */
export const ClaimConfirmationSchema = z.object({
  version: z.number({ error: 'funeral:exemption.errors.review.version' }).int('funeral:exemption.errors.review.version').min(1, 'funeral:exemption.errors.review.version'),
});

/** A reviewer's refusal: with the reason the family reads on the status page (their words, sealed at rest). */
export const ClaimRefusalSchema = ClaimConfirmationSchema.extend({
  reason: textLines({ error: 'funeral:exemption.errors.review.reason' }).trim().min(10, 'funeral:exemption.errors.review.reason').max(500, 'funeral:exemption.errors.review.reason'),
});
export type ClaimRefusal = z.infer<typeof ClaimRefusalSchema>;
