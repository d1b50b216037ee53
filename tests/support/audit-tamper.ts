/**
 * What a database administrator can do and the portal cannot: remove the audit log's guards (the
 * triggers of migration 2026120502_audit_hmac) and change the log, re-hashing what follows with
 * whatever they can compute. For the tests that show `audit:verify` still names the first bad entry.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseKind } from '../../api/db/connect.ts';
import type { AuditLogTable, Database } from '../../api/db/schema.ts';

export type ChainedFields = Omit<AuditLogTable, 'hash'>;

/** PostgreSQL: the table owner disables its triggers; SQLite has no such switch, so they are dropped. */
export async function removeAuditGuards(db: Kysely<Database>, kind: DatabaseKind): Promise<void> {
  if (kind === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
    await sql`alter table audit_chain disable trigger user`.execute(db);
    return;
  }
  for (const name of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_keyed_only', 'audit_chain_no_update', 'audit_chain_no_delete']) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
}

/**
 * Re-chains every entry from `fromSeq` (to `toSeq`), in order: each names the hash before it and gets a new
 * hash from `hashOf`, so that only a verifier who can tell a right hash from a wrong one notices.
 */
export async function rechain(db: Kysely<Database>, fromSeq: number, hashOf: (row: ChainedFields) => string, toSeq?: number): Promise<void> {
  const before = await db.selectFrom('audit_log').select('hash').where('seq', '=', fromSeq - 1).executeTakeFirst();
  let previous = before?.hash ?? '0'.repeat(64);
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).$if(toSeq !== undefined, (q) => q.where('seq', '<=', toSeq ?? fromSeq)).orderBy('seq').execute();
  for (const { hash: _old, ...row } of rows) {
    const fields = { ...row, seq: Number(row.seq), prev_hash: previous };
    previous = hashOf(fields);
    await db.updateTable('audit_log').set({ prev_hash: fields.prev_hash, hash: previous }).where('seq', '=', fields.seq).execute();
  }
}

/** Deletes entries `fromSeq` on and writes `rows` in their place (numbered from `fromSeq`), re-chained with `hashOf`. */
export async function replaceFrom(db: Kysely<Database>, fromSeq: number, rows: ChainedFields[], hashOf: (row: ChainedFields) => string): Promise<void> {
  await db.deleteFrom('audit_log').where('seq', '>=', fromSeq).execute();
  const before = await db.selectFrom('audit_log').select('hash').where('seq', '=', fromSeq - 1).executeTakeFirst();
  let previous = before?.hash ?? '0'.repeat(64);
  for (const [index, row] of rows.entries()) {
    const fields = { ...row, seq: fromSeq + index, prev_hash: previous };
    previous = hashOf(fields);
    await db.insertInto('audit_log').values({ ...fields, hash: previous }).execute();
  }
}

class RolledBack<T> {
  readonly value: T;
  constructor(value: T) {
    this.value = value;
  }
}

/**
 * Tampers and looks inside one transaction that is then rolled back (DDL included, on both
 * databases), so each test starts again from the intact chain the others share.
 */
export async function tamperedThenRolledBack<T>(db: Kysely<Database>, kind: DatabaseKind, tamper: (trx: Transaction<Database>) => Promise<void>, look: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    await db.transaction().execute(async (trx) => {
      await removeAuditGuards(trx, kind);
      await tamper(trx);
      throw new RolledBack(await look(trx));
    });
  } catch (outcome) {
    if (outcome instanceof RolledBack) return outcome.value as T;
    throw outcome;
  }
  throw new Error('unreachable: the transaction always rolls back');
}
