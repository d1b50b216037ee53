/**
 * The audit log: append-only, every entry chained to the one before by an HMAC-SHA-256 under a key
 * derived from the portal secret (api/platform/audit-keys.ts), which never sits in the database, so
 * whoever can write to the database still cannot change an entry and re-hash the ones after it
 * (docs/decisions/015). The database refuses UPDATE and DELETE on the table (triggers, migration
 * 2026120502_audit_hmac); what an administrator does by removing the triggers, `npm run
 * audit:verify` names: an edited or re-hashed entry, a missing one, and (against the anchored head
 * written outside the database, api/platform/audit-anchor.ts) the last ones cut off.
 *
 * Entries written before that migration keep the plain SHA-256 they were written with; the
 * migration records the last of them (`audit_chain.legacy_until`), and the first keyed entry's hash
 * covers that last unkeyed hash, which seals them.
 *
 * Appends are serialised (SQLite: the write transaction; PostgreSQL: a transaction-scoped advisory
 * lock), so two processes can never fork the chain.
 */
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditKeys } from '../platform/audit-keys.ts';
import type { DatabaseKind } from './connect.ts';
import type { AuditLogTable, Database } from './schema.ts';

export const GENESIS_HASH = '0'.repeat(64);
/** Marks a keyed hash: the database refuses a new entry without it, so a process still running older code cannot extend the chain with an entry nobody could verify. */
export const KEYED_HASH_PREFIX = 'hmac-sha256:';
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

export class AuditKeysMissingError extends Error {
  override name = 'AuditKeysMissingError';
}

/*
 * The keys are the process's, like its secret: set once at start (api/server/main.ts, and the tests'
 * set-up) rather than passed through every use case that audits. An append without them fails, so
 * nothing is ever written that the verifier could not check.
 */
let processKeys: AuditKeys | undefined;

export function useAuditKeys(keys: AuditKeys): void {
  processKeys = keys;
}

type ChainedFields = Omit<AuditLogTable, 'hash'>;

function canonical(row: ChainedFields): string {
  return JSON.stringify([row.seq, row.at, row.actor_id, row.actor_role, row.action, row.record_type, row.record_id, row.origin, row.details_json, row.prev_hash]);
}

/** How entries were hashed before 2026120502_audit_hmac: anyone with the row can recompute it. */
export function unkeyedEntryHash(row: ChainedFields): string {
  return createHash('sha256').update(canonical(row)).digest('hex');
}

export function keyedEntryHash(row: ChainedFields, chainKey: KeyObject): string {
  return KEYED_HASH_PREFIX + createHmac('sha256', chainKey).update(canonical(row)).digest('hex');
}

/** Call inside the transaction that makes the change being audited. */
export async function appendAudit(trx: Transaction<Database>, kind: DatabaseKind, entry: AuditEntry): Promise<number> {
  const keys = processKeys;
  if (!keys) throw new AuditKeysMissingError('the audit keys are not set (useAuditKeys) in this process');
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: ChainedFields = {
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
  await trx.insertInto('audit_log').values({ ...row, hash: keyedEntryHash(row, keys.chain) }).execute();
  return row.seq;
}

/** The chain's last entry (seq 0 and the genesis hash when empty) and where keyed hashing began. */
export interface AuditHead {
  seq: number;
  hash: string;
  /** Entries up to this one carry the unkeyed hash of before 2026120502_audit_hmac. */
  legacyUntil: number;
}

/**
 * The smallest recorded boundary, 0 when none: adding or removing a row can only make the verifier
 * stricter; moving the boundary up takes an UPDATE, which the database refuses and the anchor shows.
 */
async function legacyUntil(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit_chain').select((eb) => eb.fn.min('legacy_until').as('until')).executeTakeFirst();
  return Number(row?.until ?? 0);
}

/**
 * Whether the database has reached migration 2026120502_audit_hmac (its `audit_chain` table): the
 * verifier reads and never migrates, so that checking a database (a copy kept as evidence, say)
 * does not change it.
 */
export async function hasKeyedAuditChain(db: Kysely<Database>): Promise<boolean> {
  try {
    await db.selectFrom('audit_chain').select('legacy_until').limit(1).execute();
    return true;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === '42P01' || message?.includes('no such table')) return false;
    throw error;
  }
}

/** Committed entries only: appends commit in sequence order (the lock above), so every entry before the head is there too. */
export async function readAuditHead(db: Kysely<Database>): Promise<AuditHead> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return { seq: Number(last?.seq ?? 0), hash: last?.hash ?? GENESIS_HASH, legacyUntil: await legacyUntil(db) };
}

/** The stored hash of one entry (the genesis hash for 0), or undefined when there is no such entry. */
export async function auditHashAt(db: Kysely<Database>, seq: number): Promise<string | undefined> {
  if (seq === 0) return GENESIS_HASH;
  return (await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst())?.hash;
}

/** What is wrong with the first bad entry (`firstBrokenSeq`). */
export type AuditBreak =
  /** The entry is missing: the chain jumps from the one before to `nextSeq`. */
  | { reason: 'gap'; firstBrokenSeq: number; nextSeq: number }
  /** The entry does not name the previous entry's hash. */
  | { reason: 'link'; firstBrokenSeq: number }
  /** The entry's contents do not give its hash: edited, or re-hashed without the audit key. */
  | { reason: 'hash'; firstBrokenSeq: number }
  /** An entry after keyed hashing began that carries no keyed hash. */
  | { reason: 'unkeyed'; firstBrokenSeq: number }
  /** The chain ends at `lastSeq`, before the anchor's entry `anchorSeq`: its last entries were removed. */
  | { reason: 'truncated'; firstBrokenSeq: number; lastSeq: number; anchorSeq: number }
  /** The entry's hash is not the one the anchor recorded for it. */
  | { reason: 'anchor-mismatch'; firstBrokenSeq: number }
  /** Keyed hashing begins elsewhere than the anchor says. */
  | { reason: 'boundary'; firstBrokenSeq: number; anchorLegacyUntil: number };

export type AuditVerification =
  | { ok: true; entries: number; legacyUntil: number }
  | ({ ok: false; /** Intact entries before the first bad one. */ entries: number; legacyUntil: number } & AuditBreak);

export interface VerifyOptions {
  keys: AuditKeys;
  /** An anchored head, already authenticated (api/platform/audit-anchor.ts): the chain must contain it. */
  anchor?: AuditHead | undefined;
  batchSize?: number;
}

/** Walks the whole chain in sequence; the first bad entry is named, with what is wrong with it. */
export async function verifyAuditChain(db: Kysely<Database>, options: VerifyOptions): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  const { anchor } = options;
  const until = await legacyUntil(db);
  const boundary: AuditBreak | undefined =
    anchor && anchor.legacyUntil !== until ? { reason: 'boundary', firstBrokenSeq: Math.min(anchor.legacyUntil, until) + 1, anchorLegacyUntil: anchor.legacyUntil } : undefined;
  const broken = (found: AuditBreak): AuditVerification => {
    const first = boundary && boundary.firstBrokenSeq <= found.firstBrokenSeq ? boundary : found;
    return { ok: false, entries: first.firstBrokenSeq - 1, legacyUntil: until, ...first };
  };

  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batchSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken({ reason: 'gap', firstBrokenSeq: expectedSeq, nextSeq: seq });
      if (row.prev_hash !== previousHash) return broken({ reason: 'link', firstBrokenSeq: seq });
      const { hash, ...fields } = row;
      const keyed = seq > until;
      if (keyed && !hash.startsWith(KEYED_HASH_PREFIX)) return broken({ reason: 'unkeyed', firstBrokenSeq: seq });
      const expected = keyed ? keyedEntryHash({ ...fields, seq }, options.keys.chain) : unkeyedEntryHash({ ...fields, seq });
      if (expected !== hash) return broken({ reason: 'hash', firstBrokenSeq: seq });
      if (anchor && seq === anchor.seq && hash !== anchor.hash) return broken({ reason: 'anchor-mismatch', firstBrokenSeq: seq });
      previousHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < batchSize) break;
  }
  const lastSeq = expectedSeq - 1;
  if (anchor && anchor.seq > lastSeq) return broken({ reason: 'truncated', firstBrokenSeq: lastSeq + 1, lastSeq, anchorSeq: anchor.seq });
  if (boundary) return broken(boundary);
  return { ok: true, entries: lastSeq, legacyUntil: until };
}
