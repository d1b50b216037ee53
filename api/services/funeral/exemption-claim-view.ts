/**
 * The funeral fee exemption's manual claim as the family reads it on the status page (docs/decisions/075,
 * CaseService.claim): its ground and status, what confirming would waive (recomputed from the
 * booking's stored lines by confirmedWaiver) or what it waived, the reviewer's reason when refused,
 * and, while the claim is open, what the proof may be. The contexts its sealed words use, and the
 * proof's limits, are here so that the use cases (exemption-claim-service.ts) and this view agree.
 */
import { claimLinesOf, claimOfCase } from '../../db/funeral-claims.repo.ts';
import { DEFAULT_FILE_LIMITS, limitsFor, type FileLimits } from '../../engine/files/upload-policy.ts';
import { sourceRuleBook, type RuleBook } from '../../engine/rules/live-rules.ts';
import type { CaseClaimView, ClaimReadDeps } from '../case-service.ts';
import type { FuneralBooking } from './booking.schema.ts';
import type { Amounts } from './fee-exemption.ts';
import { FEE_EXEMPTIONS_TABLE } from './fee-exemption-table.ts';
import { confirmedWaiver, EXEMPTION_CLAIM_GROUNDS, EXEMPTION_CLAIM_NOTE_MAX, EXEMPTION_CLAIM_UPLOAD, type ClaimStatus, type ExemptionClaimGround } from './fee-exemption-claim.ts';
import { funeralHome } from './homes.ts';

/** The case events a claim writes (the service's words name them: funeral:funeralBooking.case.event.*), all shown to the family. */
export const CLAIM_EVENTS = { sent: 'exemption-claim-sent', confirmed: 'exemption-confirmed', refused: 'exemption-refused' } as const;
/** The family's note and the reviewer's reason, sealed at rest. */
export const CLAIM_NOTE_CONTEXT = 'funeral_exemption_claims.note';
export const CLAIM_REFUSAL_CONTEXT = 'funeral_exemption_claims.refusal';
/** The proof's limits: the upload step's over the file engine's defaults. */
export const CLAIM_LIMITS: FileLimits = limitsFor(EXEMPTION_CLAIM_UPLOAD.limits, DEFAULT_FILE_LIMITS);

export const isGround = (value: string): value is ExemptionClaimGround => (EXEMPTION_CLAIM_GROUNDS as readonly string[]).includes(value);
export const isStatus = (value: string): value is ClaimStatus => ['open', 'sent', 'confirmed', 'refused'].includes(value);
/** A booking that was cancelled has nothing to waive: its claim is neither sent nor decided. */
export const LIVE_STATES: readonly string[] = ['booked', 'completed'];

/** What confirming the claim waives, recomputed from the booking's stored lines; undefined when nothing can be (no scheme that day). */
export function waiverOf(deps: { rules?: RuleBook | undefined }, booking: FuneralBooking, ground: ExemptionClaimGround, lines: readonly { item: string; chargedFen: number }[]): Amounts | undefined {
  const district = funeralHome(booking.home)?.district ?? '';
  return confirmedWaiver((deps.rules ?? sourceRuleBook()).rows(FEE_EXEMPTIONS_TABLE), district, booking.deceased.diedOn, ground, lines);
}

/** The claim as the family reads it on the status page (CaseService.claim). */
export async function claimView(deps: ClaimReadDeps, caseId: string, booking: FuneralBooking): Promise<CaseClaimView | null> {
  const claim = await claimOfCase(deps.db, caseId);
  if (!claim || !isStatus(claim.status) || !isGround(claim.ground)) return null;
  // A cancelled booking has nothing to waive: its open claim takes no proof (the API would refuse it).
  const live = LIVE_STATES.includes(claim.caseState);
  const stored = await claimLinesOf(deps.db, caseId);
  // Confirmed: what was waived, as written on the lines; refused: nothing; otherwise what confirming would waive.
  const amounts: Amounts | undefined = claim.status === 'confirmed' || claim.status === 'refused' ? undefined : waiverOf(deps, booking, claim.ground, stored);
  const lines = amounts ? amounts.lines.map((line) => ({ item: line.item, chargedFen: line.chargedFen, waivedFen: line.waivedFen })) : stored.map((line) => ({ item: line.item, chargedFen: line.chargedFen, waivedFen: claim.status === 'confirmed' ? line.waivedFen : 0 }));
  const chargedFen = lines.reduce((sum, line) => sum + line.chargedFen, 0);
  const waivedFen = lines.reduce((sum, line) => sum + line.waivedFen, 0);
  return {
    ground: claim.ground,
    status: claim.status,
    lines,
    chargedFen,
    waivedFen,
    toPayFen: chargedFen - waivedFen,
    refusal: claim.refusalEnc ? deps.crypto.decrypt(claim.refusalEnc, CLAIM_REFUSAL_CONTEXT) : null,
    proof: claim.status === 'open' && live ? { accept: [...CLAIM_LIMITS.accept], maxFileBytes: CLAIM_LIMITS.maxFileBytes, maxFiles: CLAIM_LIMITS.maxFiles, noteMaxLength: EXEMPTION_CLAIM_NOTE_MAX } : null,
  };
}

