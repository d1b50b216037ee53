/**
 * The documents a case did not need as files because the portal held them itself
 * (docs/decisions/074), written with the case and read for its workbench page. What was found is
 * stored sealed; this file only moves the sealed rows.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Records what was found, inside the submission's transaction (one row per purpose). */
export async function recordCaseEvidence(trx: Transaction<Database> | Kysely<Database>, caseId: string, rows: readonly { purpose: string; referenceEnc: string }[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('case_evidence_on_record')
    .values(rows.map((row) => ({ case_id: caseId, purpose: row.purpose, reference_enc: row.referenceEnc, found_at: at.toISOString() })))
    .execute();
}

/** A case's documents on record, by purpose. */
export async function caseEvidence(db: Kysely<Database>, caseId: string): Promise<{ purpose: string; referenceEnc: string }[]> {
  const rows = await db.selectFrom('case_evidence_on_record').select(['purpose', 'reference_enc']).where('case_id', '=', caseId).orderBy('purpose').execute();
  return rows.map((row) => ({ purpose: row.purpose, referenceEnc: row.reference_enc }));
}
