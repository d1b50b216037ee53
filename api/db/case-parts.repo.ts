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
  /** An item applied for later: the draft prefilled for it (docs/decisions/076). */
  draftId?: string | null;
  /** The draft the bundle was gathered in, if it was (the pages'): its holder may continue `draftId`. */
  bundleDraftId?: string | null;
}

export async function insertCaseParts(trx: Transaction<Database>, parts: readonly NewCasePart[]): Promise<void> {
  if (parts.length === 0) return;
  await trx
    .insertInto('case_parts')
    .values(parts.map((part) => ({ bundle_case_id: part.bundleCaseId, item: part.item, position: part.position, part_case_id: part.partCaseId, draft_id: part.draftId ?? null, bundle_draft_id: part.bundleDraftId ?? null })))
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
  /** An item applied for later whose prefilled draft may still be continued: neither submitted nor expired at the `now` asked about (docs/decisions/076). */
  draftOpen: boolean;
}

/** A bundle's parts in their order, as they stand at `now`. */
export async function partsOfBundle(db: Kysely<Database>, bundleCaseId: string, now: Date): Promise<CasePartRow[]> {
  const found = await db
    .selectFrom('case_parts')
    .leftJoin('cases', 'cases.id', 'case_parts.part_case_id')
    .leftJoin('drafts', 'drafts.id', 'case_parts.draft_id')
    .select(['case_parts.item as item', 'case_parts.part_case_id as partCaseId', 'cases.tracking_number as trackingNumber', 'cases.service as service', 'cases.state as state', 'drafts.submitted_at as draftSubmittedAt', 'drafts.expires_at as draftExpiresAt'])
    .where('case_parts.bundle_case_id', '=', bundleCaseId)
    .orderBy('case_parts.position')
    .execute();
  const rows = found.map(({ draftSubmittedAt, draftExpiresAt, ...row }) => ({ ...row, draftOpen: draftExpiresAt !== null && draftSubmittedAt === null && draftExpiresAt > now.toISOString() }));
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

/** The draft prefilled for a bundle's item applied for later (docs/decisions/076), if the bundle has the item and the item one. */
export async function draftOfPart(db: Kysely<Database>, bundleCaseId: string, item: string): Promise<string | undefined> {
  const row = await db.selectFrom('case_parts').select('draft_id').where('bundle_case_id', '=', bundleCaseId).where('item', '=', item).executeTakeFirst();
  return row?.draft_id ?? undefined;
}

/** The same, found by the draft the bundle was gathered in (its key, which only the holder of its reference learns). */
export async function draftOfPartByBundleDraft(db: Kysely<Database>, bundleDraftId: string, item: string): Promise<string | undefined> {
  const row = await db.selectFrom('case_parts').select('draft_id').where('bundle_draft_id', '=', bundleDraftId).where('item', '=', item).executeTakeFirst();
  return row?.draft_id ?? undefined;
}

/** The bundle a case is a part of, if any (the part's own status page links back to it). */
export async function bundleOfPart(db: Kysely<Database>, partCaseId: string): Promise<{ bundleCaseId: string; item: string } | undefined> {
  const row = await db.selectFrom('case_parts').select(['bundle_case_id', 'item']).where('part_case_id', '=', partCaseId).executeTakeFirst();
  return row ? { bundleCaseId: row.bundle_case_id, item: row.item } : undefined;
}
