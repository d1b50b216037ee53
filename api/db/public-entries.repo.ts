/**
 * Public entries (公示, 公布: docs/decisions/045). Written inside the transaction of the transition
 * that publishes them; read by the public pages by board (place and list) and day, never with a case.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { PublicEntry, PublicList } from '../engine/publication/public-entry.ts';
import type { Database, PublicEntryTable } from './schema.ts';

export interface StoredPublicEntry extends PublicEntry {
  /** The public id (the objection link's). */
  id: string;
}

/** As stored, with the case it belongs to: only the objection use case reads `caseId`. */
export interface PublicEntryOfCase extends StoredPublicEntry {
  caseId: string;
}

function toEntry(row: PublicEntryTable): PublicEntryOfCase {
  return {
    id: row.id,
    caseId: row.case_id,
    list: row.list === 'announcement' ? 'announcement' : 'notice',
    place: row.place,
    maskedName: row.masked_name,
    householdSize: Number(row.household_size),
    kind: row.kind,
    amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    fromDay: row.from_day,
    toDay: row.to_day,
    objection: row.objection,
  };
}

/** Writes an entry in the caller's transaction; answers its public id. */
export async function insertPublicEntry(trx: Transaction<Database>, caseId: string, entry: PublicEntry, at: Date): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('public_entries')
    .values({
      id,
      case_id: caseId,
      list: entry.list,
      place: entry.place,
      masked_name: entry.maskedName,
      household_size: entry.householdSize,
      kind: entry.kind,
      amount_fen: entry.amountFen,
      from_day: entry.fromDay,
      to_day: entry.toDay,
      objection: entry.objection,
      created_at: at.toISOString(),
    })
    .execute();
  return id;
}

/** Takes down a case's notices (its case moved on: decided, sent back, withdrawn), in the caller's transaction. */
export async function removeNoticesOfCase(trx: Transaction<Database>, caseId: string): Promise<void> {
  await trx.deleteFrom('public_entries').where('case_id', '=', caseId).where('list', '=', 'notice').execute();
}

/** A board's entries up on `day`, oldest first. */
export async function entriesOnBoard(db: Kysely<Database>, place: string, list: PublicList, day: string): Promise<StoredPublicEntry[]> {
  const rows = await db
    .selectFrom('public_entries')
    .selectAll()
    .where('place', '=', place)
    .where('list', '=', list)
    .where('from_day', '<=', day)
    .where('to_day', '>=', day)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => {
    const { caseId: _internal, ...entry } = toEntry(row);
    return entry;
  });
}

export async function findPublicEntry(db: Kysely<Database>, id: string): Promise<PublicEntryOfCase | undefined> {
  const row = await db.selectFrom('public_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

/** Deletes the entries whose last day is before `day`: a notice taken down is not kept. Answers how many. */
export async function deleteEndedEntries(db: Kysely<Database>, day: string): Promise<number> {
  const result = await db.deleteFrom('public_entries').where('to_day', '<', day).executeTakeFirst();
  return Number(result.numDeletedRows);
}
