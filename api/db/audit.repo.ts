/**
 * The audit log: append-only, every entry chained to the one before by a SHA-256 hash, so that a
 * deleted or edited entry breaks the chain at a point `npm run audit:verify` can name. Appends are
 * serialised (SQLite: the write transaction; PostgreSQL: a transaction-scoped advisory lock), so two
 * processes can never fork the chain.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseKind } from './connect.ts';
import type { AuditLogTable, Database } from './schema.ts';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK_KEY = 727_001;

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string;
  recordId: string;
  /** Where the request came from (an IP address). */
  origin: string | null;
  details?: Record<string, unknown>;
}

function entryHash(row: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([row.seq, row.at, row.actor_id, row.actor_role, row.action, row.record_type, row.record_id, row.origin, row.details_json, row.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Call inside the transaction that makes the change being audited. */
export async function appendAudit(trx: Transaction<Database>, kind: DatabaseKind, entry: AuditEntry): Promise<number> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: Omit<AuditLogTable, 'hash'> = {
    seq: Number(last?.seq ?? 0) + 1,
    at: entry.at.toISOString(),
    actor_id: entry.actorId,
    actor_role: entry.actorRole,
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId,
    origin: entry.origin,
    details_json: entry.details ? JSON.stringify(entry.details) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx.insertInto('audit_log').values({ ...row, hash: entryHash(row) }).execute();
  return row.seq;
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenSeq: number; reason: 'hash' | 'link' | 'gap' };

export async function verifyAuditChain(db: Kysely<Database>, batchSize = 1000): Promise<AuditVerification> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batchSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, firstBrokenSeq: expectedSeq, reason: 'gap' };
      if (row.prev_hash !== previousHash) return { ok: false, entries: seq - 1, firstBrokenSeq: seq, reason: 'link' };
      const { hash, ...rest } = row;
      if (entryHash({ ...rest, seq }) !== hash) return { ok: false, entries: seq - 1, firstBrokenSeq: seq, reason: 'hash' };
      previousHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < batchSize) return { ok: true, entries: expectedSeq - 1 };
  }
}
