/**
 * The parts of a bundle (身后一件事: docs/decisions/066): written with the bundle's submission, in its
 * transaction; read for the bundle's status page and the workbench, each part with its own case's
 * tracking number and state, and the latest hand-off request of a part that is one.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export interface NewCasePart {
  bundleCaseId: string;
  item: string;
  position: number;
  partCaseId: string | null;
}

export async function insertCaseParts(trx: Transaction<Database>, parts: readonly NewCasePart[]): Promise<void> {
  if (parts.length === 0) return;
  await trx
    .insertInto('case_parts')
    .values(parts.map((part) => ({ bundle_case_id: part.bundleCaseId, item: part.item, position: part.position, part_case_id: part.partCaseId })))
    .execute();
}

export interface CasePartRow {
  item: string;
  partCaseId: string | null;
  trackingNumber: string | null;
  service: string | null;
  state: string | null;
  /** The latest hand-off request of the part's case, if it sends one: its status, attempts so far and the answer recorded (encrypted). */
  handoff: { status: string; attempts: number; answerEnc: string | null } | null;
}

/** A bundle's parts in their order. */
export async function partsOfBundle(db: Kysely<Database>, bundleCaseId: string): Promise<CasePartRow[]> {
  const rows = await db
    .selectFrom('case_parts')
    .leftJoin('cases', 'cases.id', 'case_parts.part_case_id')
    .select(['case_parts.item as item', 'case_parts.part_case_id as partCaseId', 'cases.tracking_number as trackingNumber', 'cases.service as service', 'cases.state as state'])
    .where('case_parts.bundle_case_id', '=', bundleCaseId)
    .orderBy('case_parts.position')
    .execute();
  const caseIds = rows.map((row) => row.partCaseId).filter((id): id is string => id !== null);
  const requests =
    caseIds.length === 0
      ? []
      : await db.selectFrom('handoff_requests').select(['case_id', 'status', 'attempts', 'created_at', 'answer_enc']).where('case_id', 'in', caseIds).orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => {
    const latest = requests.filter((request) => request.case_id === row.partCaseId).at(-1);
    return { ...row, handoff: latest ? { status: latest.status, attempts: Number(latest.attempts), answerEnc: latest.answer_enc } : null };
  });
}

/** The bundle a case is a part of, if any (the part's own status page links back to it). */
export async function bundleOfPart(db: Kysely<Database>, partCaseId: string): Promise<{ bundleCaseId: string; item: string } | undefined> {
  const row = await db.selectFrom('case_parts').select(['bundle_case_id', 'item']).where('part_case_id', '=', partCaseId).executeTakeFirst();
  return row ? { bundleCaseId: row.bundle_case_id, item: row.item } : undefined;
}
