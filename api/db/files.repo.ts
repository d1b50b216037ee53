/**
 * Files' records (docs/decisions/026): what each stored content is and whose. Two things must hold
 * with several processes at once, and do on both databases:
 *
 * - An owner's limits (count and total size): a file is recorded only after counting the owner's
 *   files in the same transaction, under a lock on the owner, so two uploads at once cannot both
 *   take the last place.
 * - A content is removed from the store only while no row names its address: the check and the
 *   removal run under a lock on the address, which recording a file takes too. (An upload that
 *   stored the content before such a removal finds it gone after recording, and stores it again:
 *   api/engine/files/files.ts.)
 *
 * The locks: PostgreSQL transaction-scoped advisory locks on a hash of the owner or address; SQLite
 * needs none, its write transactions (BEGIN IMMEDIATE) run one at a time.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { checkOwnerRoom, type FileLimits, type FileRefusal } from '../engine/files/upload-policy.ts';
import type { DatabaseKind } from './connect.ts';
import type { Database, FileTable } from './schema.ts';

export type FileOwnerKind = 'draft' | 'case';
export interface FileOwner {
  kind: FileOwnerKind;
  id: string;
}

export interface NewFileRecord {
  owner: FileOwner;
  purpose: string;
  nameEnc: string;
  mediaType: string;
  size: number;
  address: string;
  scanState: 'clean' | 'not-scanned';
  createdAt: Date;
}

async function lock(trx: Transaction<Database>, kind: DatabaseKind, key: string): Promise<void> {
  if (kind !== 'postgres') return;
  // 64 bits of a SHA-256 of the key: advisory locks take a bigint.
  const id = createHash('sha256').update(`files:${key}`).digest().readBigInt64BE(0).toString();
  await sql`select pg_advisory_xact_lock(${id}::bigint)`.execute(trx);
}

const ownerKey = (owner: FileOwner) => `owner:${owner.kind}:${owner.id}`;
const addressKey = (address: string) => `address:${address}`;

export type RecordResult = { ok: true; id: string } | { ok: false; refusal: FileRefusal };

/** Records a file if the owner has room for it under `limits`; the owner's count and the insert are one transaction. */
export async function recordFile(db: Kysely<Database>, kind: DatabaseKind, file: NewFileRecord, limits: FileLimits): Promise<RecordResult> {
  return db.transaction().execute((trx) => recordFileIn(trx, kind, file, limits));
}

/**
 * Records a file inside the caller's transaction (a 补正 answer records its files with the case's
 * step: docs/decisions/039), under the same locks and limits as recordFile. `file.id`, when given,
 * is the record's id (the caller names the files in its audit entry before they are recorded).
 */
export async function recordFileIn(trx: Transaction<Database>, kind: DatabaseKind, file: NewFileRecord & { id?: string }, limits: FileLimits): Promise<RecordResult> {
  // Owner before address, always: no two transactions wait on each other in opposite orders.
  await lock(trx, kind, ownerKey(file.owner));
  await lock(trx, kind, addressKey(file.address));
  const usage = await trx
    .selectFrom('files')
    .select((eb) => [eb.fn.countAll().as('files'), eb.fn.coalesce(eb.fn.sum('size'), eb.lit(0)).as('bytes')])
    .where('owner_kind', '=', file.owner.kind)
    .where('owner_id', '=', file.owner.id)
    .executeTakeFirstOrThrow();
  const refusal = checkOwnerRoom({ files: Number(usage.files), bytes: Number(usage.bytes) }, file.size, limits);
  if (refusal) return { ok: false, refusal };
  const id = file.id ?? randomUUID();
  await trx
    .insertInto('files')
    .values({
      id,
      owner_kind: file.owner.kind,
      owner_id: file.owner.id,
      purpose: file.purpose,
      name_enc: file.nameEnc,
      media_type: file.mediaType,
      size: file.size,
      address: file.address,
      scan_state: file.scanState,
      created_at: file.createdAt.toISOString(),
    })
    .execute();
  return { ok: true, id };
}

/** The owner's files, oldest first. */
export async function ownerFiles(db: Kysely<Database>, owner: FileOwner): Promise<FileTable[]> {
  return db.selectFrom('files').selectAll().where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).orderBy('created_at').orderBy('id').execute();
}

/** One file of the owner's; a file of anyone else is as if it did not exist. */
export async function findOwnerFile(db: Kysely<Database>, owner: FileOwner, id: string): Promise<FileTable | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).executeTakeFirst();
}

/**
 * Gives every file of `from` to `to` (a draft's to the case it became), inside the caller's
 * transaction so that submission moves them with everything else or not at all. How many moved.
 */
export async function moveOwnerFiles(trx: Transaction<Database>, kind: DatabaseKind, from: FileOwner, to: FileOwner): Promise<number> {
  await lock(trx, kind, ownerKey(from));
  const result = await trx.updateTable('files').set({ owner_kind: to.kind, owner_id: to.id }).where('owner_kind', '=', from.kind).where('owner_id', '=', from.id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes the owner's records: how many, and the addresses they named, for the caller to release from the store. */
export async function deleteOwnerFileRecords(db: Kysely<Database>, kind: DatabaseKind, owner: FileOwner): Promise<{ deleted: number; addresses: string[] }> {
  return db.transaction().execute(async (trx) => {
    await lock(trx, kind, ownerKey(owner));
    const rows = await trx.deleteFrom('files').where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).returning('address').execute();
    return { deleted: rows.length, addresses: [...new Set(rows.map((row) => row.address))] };
  });
}

/** Removes one of the owner's records: the address it named, for the caller to release, or undefined when the owner has no such file. */
export async function deleteOwnerFileRecord(db: Kysely<Database>, kind: DatabaseKind, owner: FileOwner, id: string): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    await lock(trx, kind, ownerKey(owner));
    const row = await trx.deleteFrom('files').where('id', '=', id).where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).returning('address').executeTakeFirst();
    return row?.address;
  });
}

/** Which of `addresses` some file names (one query for a batch of the sweep's candidates). */
export async function namedAddresses(db: Kysely<Database>, addresses: readonly string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await db.selectFrom('files').select('address').distinct().where('address', 'in', addresses).execute();
  return new Set(rows.map((row) => row.address));
}

/**
 * Runs `remove` (which deletes the content at `address` from the store) if no file names the
 * address, under the address's lock, so that no file is recorded for it meanwhile. Whether it ran.
 */
export async function releaseAddress(db: Kysely<Database>, kind: DatabaseKind, address: string, remove: () => Promise<void>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lock(trx, kind, addressKey(address));
    const named = await trx.selectFrom('files').select('id').where('address', '=', address).limit(1).executeTakeFirst();
    if (named) return false;
    await remove();
    return true;
  });
}
