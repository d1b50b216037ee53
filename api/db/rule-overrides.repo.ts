/**
 * Rows staff added to effective-dated rule tables (docs/decisions/030): read all (every process
 * keeps them in memory: api/engine/rules/live-rules.ts), and add one. Never updated or deleted.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export interface StoredRuleOverride {
  id: string;
  table: string;
  key: string;
  effectiveFrom: string;
  /** As saved; the table's schema checks it again when it is read. */
  value: unknown;
  basis: string;
  reason: string;
  changedBy: string;
  /** The member's display name (null if the account is gone). */
  changedByName: string | null;
  recordedAt: string;
  /** Its audit entry's seq: the order rows were saved in. */
  auditSeq: number;
}

export async function listRuleOverrides(db: Kysely<Database>): Promise<StoredRuleOverride[]> {
  const rows = await db
    .selectFrom('rule_overrides')
    .leftJoin('staff', 'staff.id', 'rule_overrides.changed_by')
    .select(['rule_overrides.id', 'table_name', 'rule_key', 'effective_from', 'value_json', 'basis', 'reason', 'changed_by', 'staff.display_name', 'recorded_at', 'audit_seq'])
    .orderBy('audit_seq')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    table: row.table_name,
    key: row.rule_key,
    effectiveFrom: row.effective_from,
    value: JSON.parse(row.value_json) as unknown,
    basis: row.basis,
    reason: row.reason,
    changedBy: row.changed_by,
    changedByName: row.display_name ?? null,
    recordedAt: row.recorded_at,
    auditSeq: Number(row.audit_seq),
  }));
}

export async function insertRuleOverride(trx: Transaction<Database>, row: Omit<StoredRuleOverride, 'changedByName'>): Promise<void> {
  await trx
    .insertInto('rule_overrides')
    .values({ id: row.id, table_name: row.table, rule_key: row.key, effective_from: row.effectiveFrom, value_json: JSON.stringify(row.value), basis: row.basis, reason: row.reason, changed_by: row.changedBy, recorded_at: row.recordedAt, audit_seq: row.auditSeq })
    .execute();
}
