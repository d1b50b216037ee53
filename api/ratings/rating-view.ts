/**
 * What the status page shows of a case's rating (docs/decisions/053): whether the applicant may rate
 * it now, the rating given, and for a bad one the office's follow-up: when it is due, its reply once
 * given, and the applicant's answer to it. The comment is never sent back: the applicant wrote it.
 */
import type { Kysely } from 'kysely';
import { ratingOfCase } from '../db/ratings.repo.ts';
import type { Database } from '../db/schema.ts';
import { concludingStates, RESOLUTIONS, type RatingLevel, type RatingReason, type Resolution } from '../domain/ratings/ratings.ts';
import type { ServiceDefinition } from '../domain/workflow/workflow.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';

export const REPLY_CONTEXT = 'rating_follow_ups.reply';
export const COMMENT_CONTEXT = 'ratings.comment';

export interface CaseRatingView {
  /** The case is finished and not rated yet: the form is offered. */
  open: boolean;
  given: { level: RatingLevel; reasons: RatingReason[]; ratedAt: string } | null;
  followUp: {
    dueOn: string;
    reply: string | null;
    repliedAt: string | null;
    resolution: Resolution | null;
  } | null;
}

const asResolution = (value: string | null): Resolution | null => (RESOLUTIONS as readonly string[]).includes(value ?? '') ? (value as Resolution) : null;

export async function caseRatingView(deps: { db: Kysely<Database>; crypto: FieldCrypto }, caseId: string, workflow: ServiceDefinition | undefined, state: string): Promise<CaseRatingView> {
  const stored = await ratingOfCase(deps.db, caseId);
  const finished = workflow ? concludingStates(workflow).has(state) : false;
  if (!stored) return { open: finished, given: null, followUp: null };
  const { rating, followUp } = stored;
  return {
    open: false,
    given: { level: rating.level as RatingLevel, reasons: JSON.parse(rating.reasons_json) as RatingReason[], ratedAt: rating.rated_at },
    followUp: followUp
      ? {
          dueOn: followUp.due_on,
          reply: followUp.reply_enc ? deps.crypto.decrypt(followUp.reply_enc, REPLY_CONTEXT) : null,
          repliedAt: followUp.replied_at,
          resolution: asResolution(followUp.resolution),
        }
      : null,
  };
}
