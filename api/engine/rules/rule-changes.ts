/**
 * Staff adding a row to a rule table (docs/decisions/030): checked against the table, saved with its
 * audit entry in one transaction, and read again by this process at once (others within a minute).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ZodError } from 'zod';
import { appendAudit } from '../../db/audit.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { insertRuleOverride } from '../../db/rule-overrides.repo.ts';
import type { Database } from '../../db/schema.ts';
import type { StaffMember, StaffRole } from '../../domain/staff/staff.ts';
import type { LiveRuleTables } from './live-rules.ts';
import { checkNewRow, type NewRuleRow } from './rule-table.ts';

export interface RuleChangeDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
  rules: LiveRuleTables;
}

export type AddRuleRowResult = { ok: true } | { ok: false; reason: 'unknown_table' } | { ok: false; reason: 'invalid'; error: ZodError };

export async function addRuleRow(deps: RuleChangeDeps, member: StaffMember, role: StaffRole, tableName: string, input: NewRuleRow, origin: string | null): Promise<AddRuleRowResult> {
  const table = deps.rules.table(tableName);
  if (!table) return { ok: false, reason: 'unknown_table' };
  const checked = checkNewRow(table, input);
  if (!checked.ok) return { ok: false, reason: 'invalid', error: checked.error };
  const at = deps.now();
  const row = { id: randomUUID(), table: table.name, key: input.key, effectiveFrom: input.effectiveFrom, value: checked.value, basis: input.basis, reason: input.reason, changedBy: member.id, recordedAt: at.toISOString() };
  await deps.db.transaction().execute(async (trx) => {
    // The audit entry first: its seq orders the row among the others (the chain's lock serialises both).
    const auditSeq = await appendAudit(trx, deps.kind, {
      at,
      actorId: member.id,
      actorRole: role,
      action: 'rules.add',
      recordType: 'rule_table',
      recordId: `${table.name}/${input.key}`,
      origin,
      details: { row: row.id, effectiveFrom: row.effectiveFrom, value: row.value, basis: row.basis, reason: row.reason },
    });
    await insertRuleOverride(trx, { ...row, auditSeq });
  });
  await deps.rules.refresh();
  return { ok: true };
}
