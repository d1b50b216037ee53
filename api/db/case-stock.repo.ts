/**
 * Counted places a case holds one of (docs/decisions/064): a public cemetery's plots of a type. A
 * take is one conditional upsert, as a booking place's is (booking.repo.ts takePlace): the count
 * rises only while it is below the capacity the rules give today, so no two processes can take the
 * last one twice. A give-back happens once per case (its hold marked released in the same statement
 * order and transaction), and never takes the count below zero.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Takes one of `key` for `caseId`, inside the case's submission: false when all `capacity` are held
 * (the caller undoes the submission). The capacity is the rules' on the day: a row made under an
 * earlier capacity takes the new one with the take.
 */
export async function takeStock(trx: Transaction<Database>, take: { key: string; capacity: number; caseId: string }): Promise<boolean> {
  if (take.capacity < 1) return false;
  const result = await trx
    .insertInto('case_stock')
    .values({ key: take.key, capacity: take.capacity, taken: 1 })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ taken: eb('case_stock.taken', '+', 1), capacity: eb.ref('excluded.capacity') }))
        .where('case_stock.taken', '<', take.capacity),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
  await trx.insertInto('case_stock_holds').values({ case_id: take.caseId, stock_key: take.key, released: 0 }).execute();
  return true;
}

/** Gives back what `caseId` holds, if it holds anything not yet given back (a step into a state that frees it). */
export async function releaseStock(trx: Transaction<Database>, caseId: string): Promise<void> {
  const hold = await trx.selectFrom('case_stock_holds').select('stock_key').where('case_id', '=', caseId).where('released', '=', 0).executeTakeFirst();
  if (!hold) return;
  // Guarded by `released = 0`: two steps racing on one case cannot both give the place back (the case's version check stops the second anyway).
  const marked = await trx.updateTable('case_stock_holds').set({ released: 1 }).where('case_id', '=', caseId).where('released', '=', 0).executeTakeFirst();
  if (Number(marked.numUpdatedRows) !== 1) return;
  await trx
    .updateTable('case_stock')
    .set((eb) => ({ taken: eb('taken', '-', 1) }))
    .where('key', '=', hold.stock_key)
    .where('taken', '>', 0)
    .execute();
}

/** How many of each key are held now (a key never taken: absent). */
export async function stockTaken(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('case_stock').select(['key', 'taken']).where('key', 'in', [...keys]).execute();
  return new Map(rows.map((row) => [row.key, Number(row.taken)]));
}

/** What a case holds (its stock's key), whether given back or not; undefined if it holds nothing. */
export async function stockHeldBy(db: Kysely<Database>, caseId: string): Promise<{ key: string; released: boolean } | undefined> {
  const row = await db.selectFrom('case_stock_holds').select(['stock_key', 'released']).where('case_id', '=', caseId).executeTakeFirst();
  return row ? { key: row.stock_key, released: Number(row.released) === 1 } : undefined;
}

/**
 * Takes what a step names for `caseId` (a numbered place), inside the step's transaction: false when
 * another case has it (the caller undoes the step). An insert that does nothing on a clash, so that
 * PostgreSQL's transaction stays usable for the caller's own answer.
 */
export async function claimStepKey(trx: Transaction<Database>, claim: { service: string; key: string; caseId: string }): Promise<boolean> {
  const result = await trx.insertInto('case_step_keys').values({ service: claim.service, key: claim.key, case_id: claim.caseId }).onConflict((oc) => oc.columns(['service', 'key']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
