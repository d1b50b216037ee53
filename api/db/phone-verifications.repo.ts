/**
 * One-time codes sent to phones, and the proofs their confirmation gave (docs/decisions/019). A
 * code is recorded with the message that carries it, in one transaction; a try is taken by one
 * conditional UPDATE … RETURNING before the code is compared (so however many requests race, a code
 * is compared at most PHONE_CODE_RULES.maxTries times), and a code confirms once, by another
 * conditional update. Correct on SQLite (one writer) and PostgreSQL (an UPDATE re-checks its
 * conditions on the row's newest version).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { mayTry, type ClosedCode } from '../domain/verification/phone-code.ts';
import { enqueueNotification, type QueuedNotification } from './cases.repo.ts';
import type { Database } from './schema.ts';

/** Rows older than this are of no use (a proof lives 24 hours): a new code for the phone removes them. */
const KEEP_MS = 25 * 60 * 60_000;

export interface NewPhoneCode {
  phoneHash: string;
  /** The code's keyed hash, bound to `id` (see the use case). */
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Records a code and queues the message that carries it, in one transaction; a code sent earlier to
 * the phone and not yet used stops being valid (only the newest code of a phone is tried).
 * `codeHashFor` makes the code's hash from the row's id.
 */
export async function recordPhoneCode(db: Kysely<Database>, code: Omit<NewPhoneCode, 'codeHash'>, codeHashFor: (id: string) => string, message: QueuedNotification): Promise<{ id: string; outboxId: string }> {
  const id = randomUUID();
  const at = code.createdAt.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('phone_verifications')
      .set({ expires_at: at })
      .where('phone_hash', '=', code.phoneHash)
      .where('confirmed_at', 'is', null)
      .where('expires_at', '>', at)
      .execute();
    await trx.deleteFrom('phone_verifications').where('phone_hash', '=', code.phoneHash).where('created_at', '<', new Date(code.createdAt.getTime() - KEEP_MS).toISOString()).execute();
    const outboxId = await enqueueNotification(trx, null, message, code.createdAt);
    await trx
      .insertInto('phone_verifications')
      .values({
        id,
        phone_hash: code.phoneHash,
        code_hash: codeHashFor(id),
        created_at: at,
        expires_at: code.expiresAt.toISOString(),
        attempts: 0,
        confirmed_at: null,
        proof_hash: null,
        proof_expires_at: null,
        outbox_id: outboxId,
      })
      .execute();
    return { id, outboxId };
  });
}

export type TakenTry =
  /**
   * Counted: compare the code against each open code's hash (its row's `id` is in it). Nearly always
   * one; two codes sent to one phone at the same moment may both be open, and a try counts on each.
   */
  | { taken: true; codes: { id: string; codeHash: string; tries: number }[] }
  /** Not counted: no code of the phone may be tried, and why (`none`: no code was ever sent to it, or none is kept). */
  | { taken: false; reason: ClosedCode | 'none' };

/**
 * Counts one try on the phone's open code, if it has one that is unused, unexpired and has tries
 * left: the count is taken before anything is compared. Not taken: why, from the newest code.
 */
export async function takeCodeTry(db: Kysely<Database>, phoneHash: string, options: { now: Date; maxTries: number }): Promise<TakenTry> {
  // The same rule as mayTry (domain/verification/phone-code.ts), as one statement's conditions.
  const now = options.now.toISOString();
  const rows = await db
    .updateTable('phone_verifications')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('phone_hash', '=', phoneHash)
    .where('confirmed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', options.maxTries)
    .returning(['id', 'code_hash', 'attempts'])
    .execute();
  if (rows.length > 0) return { taken: true, codes: rows.map((row) => ({ id: row.id, codeHash: row.code_hash, tries: Number(row.attempts) })) };
  const newest = await db
    .selectFrom('phone_verifications')
    .select(['expires_at', 'attempts', 'confirmed_at'])
    .where('phone_hash', '=', phoneHash)
    .orderBy('created_at', 'desc')
    // A code replaced at the moment it was made has its expiry moved to that moment: the later one is the newer.
    .orderBy('expires_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return { taken: false, reason: 'none' };
  const verdict = mayTry({ expiresAt: newest.expires_at, tries: Number(newest.attempts), confirmedAt: newest.confirmed_at }, options.now);
  // Open after all: another request took its last try or confirmed it between the two statements.
  return { taken: false, reason: verdict.ok ? 'used' : verdict.reason };
}

/** Removes the rows of every phone that are of no use any more (older than a proof lives); how many. */
export async function removeStalePhoneCodes(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('phone_verifications').where('created_at', '<', new Date(now.getTime() - KEEP_MS).toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Marks the code confirmed and keeps the proof's hash; false when it was confirmed meanwhile (single use). */
export async function confirmCode(db: Kysely<Database>, id: string, proof: { hash: string; confirmedAt: Date; expiresAt: Date }): Promise<boolean> {
  const result = await db
    .updateTable('phone_verifications')
    .set({ confirmed_at: proof.confirmedAt.toISOString(), proof_hash: proof.hash, proof_expires_at: proof.expiresAt.toISOString() })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The phone (keyed hash) a proof was given for and until when, while it holds; undefined for an unknown or expired proof. A read only. */
export async function proofHeld(db: Kysely<Database>, proofHash: string, now: Date): Promise<{ phoneHash: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('phone_verifications')
    .select(['phone_hash', 'proof_expires_at'])
    .where('proof_hash', '=', proofHash)
    .where('proof_expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row?.proof_expires_at ? { phoneHash: row.phone_hash, expiresAt: new Date(row.proof_expires_at).toISOString() } : undefined;
}

/** Development only: the message that carried the newest code sent to a phone (its params hold the code, encrypted). */
export async function newestCodeMessage(db: Kysely<Database>, phoneHash: string): Promise<{ paramsJson: string; createdAt: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('phone_verifications')
    .innerJoin('notification_outbox', 'notification_outbox.id', 'phone_verifications.outbox_id')
    .select(['notification_outbox.params_json', 'phone_verifications.created_at', 'phone_verifications.expires_at'])
    .where('phone_verifications.phone_hash', '=', phoneHash)
    .orderBy('phone_verifications.created_at', 'desc')
    .orderBy('phone_verifications.expires_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { paramsJson: row.params_json, createdAt: row.created_at, expiresAt: row.expires_at } : undefined;
}
