/**
 * Drafts of every kind of edited content (docs/decisions/057), one table keyed by kind and key.
 * Every change is a conditional update on `lock_version` (optimistic locking): an update that finds
 * another version changes nothing and says so, and the caller answers 409 with the draft as it now
 * is. The same condition is how a due scheduled draft is claimed by exactly one process, and how a
 * draft is discarded only as the editor saw it. The content and base are the kind's JSON: the
 * engine checks them with the kind's schemas as they are read.
 */
import type { Kysely, Transaction } from 'kysely';
import { DraftStateSchema, type EditorialDraft } from '../domain/content/editorial.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import type { Database, EditorialDraftTable } from './schema.ts';

/** A stored draft, its content and base as JSON values the kind's schemas have yet to check. */
export interface StoredEditorialRow extends EditorialDraft {
  kind: string;
  key: string;
  content: unknown;
  base: unknown;
  lockVersion: number;
  createdAt: string;
  updatedAt: string;
}

type Db = Kysely<Database> | Transaction<Database>;

function toRow(row: EditorialDraftTable): StoredEditorialRow {
  return {
    kind: row.kind,
    key: row.key,
    state: DraftStateSchema.parse(row.state),
    content: JSON.parse(row.content_json) as unknown,
    base: JSON.parse(row.base_json) as unknown,
    createdBy: row.created_by,
    lastChangedBy: row.last_changed_by,
    submittedBy: row.submitted_by,
    approvedBy: row.approved_by,
    reviewComment: row.review_comment,
    changeNote: row.change_note ? (JSON.parse(row.change_note) as Record<Locale, string>) : null,
    changeKind: row.change_kind === 'major' || row.change_kind === 'minor' ? row.change_kind : null,
    scheduledAt: row.scheduled_at,
    scheduledBy: row.scheduled_by,
    lockVersion: Number(row.lock_version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const lifecycleColumns = (draft: EditorialDraft) => ({
  state: draft.state,
  created_by: draft.createdBy,
  last_changed_by: draft.lastChangedBy,
  submitted_by: draft.submittedBy,
  approved_by: draft.approvedBy,
  review_comment: draft.reviewComment,
  change_note: draft.changeNote ? JSON.stringify(draft.changeNote) : null,
  change_kind: draft.changeKind,
  scheduled_at: draft.scheduledAt,
  scheduled_by: draft.scheduledBy,
});

export async function readEditorialDraft(db: Db, kind: string, key: string): Promise<StoredEditorialRow | undefined> {
  const row = await db.selectFrom('editorial_drafts').selectAll().where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** A kind's drafts, the most recently changed first. */
export async function listEditorialDrafts(db: Db, kind: string): Promise<StoredEditorialRow[]> {
  const rows = await db.selectFrom('editorial_drafts').selectAll().where('kind', '=', kind).orderBy('updated_at', 'desc').orderBy('key').execute();
  return rows.map(toRow);
}

/** A new draft; false when the piece already has one (two editors opening it at once: the second reads the first's). */
export async function insertEditorialDraft(db: Db, draft: Omit<StoredEditorialRow, 'lockVersion' | 'updatedAt'>): Promise<boolean> {
  const result = await db
    .insertInto('editorial_drafts')
    .values({
      kind: draft.kind,
      key: draft.key,
      ...lifecycleColumns(draft),
      content_json: JSON.stringify(draft.content),
      base_json: JSON.stringify(draft.base ?? null),
      lock_version: 1,
      created_at: draft.createdAt,
      updated_at: draft.createdAt,
    })
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Writes the draft's state (and its content, when given) if it is still at `expected`; the new
 * lock version, or undefined when someone changed it first.
 */
export async function updateEditorialDraft(db: Db, kind: string, key: string, expected: number, draft: EditorialDraft, at: Date, content?: unknown): Promise<number | undefined> {
  const result = await db
    .updateTable('editorial_drafts')
    .set({ ...lifecycleColumns(draft), ...(content === undefined ? {} : { content_json: JSON.stringify(content) }), lock_version: expected + 1, updated_at: at.toISOString() })
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('lock_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? expected + 1 : undefined;
}

/**
 * Removes the draft if it is still at `expected` (and in `state`, when given): how a publication
 * claims it in the transaction that publishes, and how an editor discards it. Of two processes
 * claiming the same draft, one deletes the row and the other's delete finds nothing (PostgreSQL
 * re-reads the row after the first commits; SQLite runs one write transaction at a time).
 */
export async function claimEditorialDraft(db: Db, kind: string, key: string, expected: number, state?: EditorialDraft['state']): Promise<boolean> {
  let query = db.deleteFrom('editorial_drafts').where('kind', '=', kind).where('key', '=', key).where('lock_version', '=', expected);
  if (state !== undefined) query = query.where('state', '=', state);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Every kind's scheduled drafts whose moment has come, the earliest first (ISO strings compare as moments). */
export async function dueEditorialDrafts(db: Db, now: Date): Promise<StoredEditorialRow[]> {
  const rows = await db.selectFrom('editorial_drafts').selectAll().where('state', '=', 'scheduled').where('scheduled_at', '<=', now.toISOString()).orderBy('scheduled_at').execute();
  return rows.map(toRow);
}

/** Whether a kind has any draft open (the example notices are made only where none is). */
export async function anyEditorialDraft(db: Db, kind: string): Promise<boolean> {
  return (await db.selectFrom('editorial_drafts').select('key').where('kind', '=', kind).limit(1).executeTakeFirst()) !== undefined;
}

/** Removes a piece's draft whatever its version (demo data removed with everything it had). */
export async function removeEditorialDraft(db: Db, kind: string, key: string): Promise<void> {
  await db.deleteFrom('editorial_drafts').where('kind', '=', kind).where('key', '=', key).execute();
}
