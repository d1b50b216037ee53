/**
 * Applications in progress (docs/decisions/033). Every change is one statement conditioned on what
 * makes it valid (a live reference, an unexpired draft), so several processes agree without locks.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, DraftTable } from './schema.ts';

export type StoredDraft = DraftTable;

export async function insertDraft(db: Kysely<Database>, draft: StoredDraft): Promise<void> {
  await db.insertInto('drafts').values(draft).execute();
}

/** The draft a reference opens, if its reference was used after `idleSince` (a submitted one's, whenever) and it has not expired. */
export function draftByReference(db: Kysely<Database>, referenceHash: string, idleSince: string, now: string): Promise<StoredDraft | undefined> {
  return db
    .selectFrom('drafts')
    .selectAll()
    .where('reference_hash', '=', referenceHash)
    .where((eb) => eb.or([eb('last_seen_at', '>', idleSince), eb('submitted_at', 'is not', null)]))
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export function draftByResumeCode(db: Kysely<Database>, codeHash: string, now: string): Promise<StoredDraft | undefined> {
  return db.selectFrom('drafts').selectAll().where('resume_code_hash', '=', codeHash).where('expires_at', '>', now).executeTakeFirst();
}

/** Marks the draft used (and saves answers when given), if its reference is still live; false when it lapsed meanwhile. */
export async function touchDraft(
  db: Kysely<Database>,
  id: string,
  referenceHash: string,
  idleSince: string,
  change: { lastSeenAt: string; answersEnc?: string; expiresAt?: string; submittedAt?: string },
): Promise<boolean> {
  const updated = await db
    .updateTable('drafts')
    .set({
      last_seen_at: change.lastSeenAt,
      ...(change.answersEnc ? { answers_enc: change.answersEnc } : {}),
      ...(change.expiresAt ? { expires_at: change.expiresAt } : {}),
      ...(change.submittedAt ? { submitted_at: change.submittedAt, resume_code_hash: null } : {}),
    })
    .where('id', '=', id)
    .where('reference_hash', '=', referenceHash)
    .where((eb) => eb.or([eb('last_seen_at', '>', idleSince), eb('submitted_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Gives the draft a resume code (replacing any earlier one); false when the code's hash is taken (try another). */
export async function setResumeCode(db: Kysely<Database>, id: string, codeHash: string): Promise<boolean> {
  try {
    const updated = await db.updateTable('drafts').set({ resume_code_hash: codeHash }).where('id', '=', id).executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  } catch {
    // The unique index: another draft holds this code.
    return false;
  }
}

/**
 * Resuming: a new reference replaces the old (the old device's reference stops working), the code
 * is used up, and the draft counts as just used. Conditioned on the code, so of two resumes at once
 * only one gets the draft.
 */
export async function resumeDraft(db: Kysely<Database>, id: string, codeHash: string, referenceHash: string, now: string): Promise<boolean> {
  const updated = await db
    .updateTable('drafts')
    .set({ reference_hash: referenceHash, resume_code_hash: null, last_seen_at: now })
    .where('id', '=', id)
    .where('resume_code_hash', '=', codeHash)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * A prefilled draft (docs/decisions/076) given to the one its maker let in: a new reference replaces
 * any earlier one, and the draft counts as just used. Only while it is neither submitted nor expired.
 */
export async function giveReference(db: Kysely<Database>, id: string, referenceHash: string, now: string): Promise<StoredDraft | undefined> {
  const updated = await db
    .updateTable('drafts')
    .set({ reference_hash: referenceHash, last_seen_at: now })
    .where('id', '=', id)
    .where('submitted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The draft became a case (in the submission's transaction): its answers are replaced by what the
 * confirmation shows (`contentEnc`), its resume code is gone, and it is kept only as long as a
 * confirmation is.
 */
export async function markDraftSubmitted(trx: Transaction<Database>, id: string, change: { contentEnc: string; submittedAt: string; expiresAt: string }): Promise<void> {
  await trx.updateTable('drafts').set({ answers_enc: change.contentEnc, submitted_at: change.submittedAt, expires_at: change.expiresAt, resume_code_hash: null }).where('id', '=', id).execute();
}

/** The draft, gone (the applicant discarding it). */
export async function deleteDraft(db: Kysely<Database> | Transaction<Database>, id: string): Promise<boolean> {
  const deleted = await db.deleteFrom('drafts').where('id', '=', id).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
}

/** Drafts past their expiry, oldest first. */
export async function expiredDrafts(db: Kysely<Database>, now: string, limit: number): Promise<{ id: string; expiresAt: string }[]> {
  const rows = await db.selectFrom('drafts').select(['id', 'expires_at']).where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, expiresAt: row.expires_at }));
}

/**
 * Deletes an expired draft, only if it is still expired (a conditional delete): of several
 * processes sweeping at once exactly one deletes it, and that one deletes its files.
 */
export async function deleteExpiredDraft(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const deleted = await db.deleteFrom('drafts').where('id', '=', id).where('expires_at', '<=', now).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
}

/**
 * Owners of draft files no draft has, whose newest file is older than `before`: files uploaded under
 * a key through the API without a draft (or left by a draft deleted before its files were), which no
 * draft's expiry would ever reach.
 */
export async function abandonedDraftFileOwners(db: Kysely<Database>, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('files')
    .select('owner_id')
    .where('owner_kind', '=', 'draft')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('drafts').select('drafts.id').whereRef('drafts.id', '=', 'files.owner_id'))))
    .groupBy('owner_id')
    .having((eb) => eb.fn.max('created_at'), '<', before)
    .limit(limit)
    .execute();
  return rows.map((row) => row.owner_id);
}
