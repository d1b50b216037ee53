/**
 * Guides being edited (docs/decisions/052): one draft per guide, both languages. Every change is a
 * conditional update on `lock_version` (optimistic locking): an update that finds another version
 * changes nothing and says so, and the caller answers 409 with the draft as it now is. The same
 * condition is how a due scheduled draft is claimed by exactly one process.
 */
import type { Kysely, Transaction } from 'kysely';
import { DraftStateSchema, type EditorialDraft } from '../domain/content/editorial.ts';
import { GuideContentSchema, type GuideContent } from '../domain/guides/guide-diff.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import type { Database, GuideDraftTable } from './schema.ts';

export interface StoredGuideDraft extends EditorialDraft {
  slug: string;
  content: GuideContent;
  /** The published versions it was opened from. */
  baseVersions: Partial<Record<Locale, number>>;
  lockVersion: number;
  createdAt: string;
  updatedAt: string;
}

type Db = Kysely<Database> | Transaction<Database>;

function toDraft(row: GuideDraftTable): StoredGuideDraft {
  return {
    slug: row.slug,
    state: DraftStateSchema.parse(row.state),
    // Checked as it is read: content an older schema accepted and this one refuses is a bug to see, not to publish.
    content: GuideContentSchema.parse(JSON.parse(row.content_json)),
    baseVersions: JSON.parse(row.base_versions_json) as Partial<Record<Locale, number>>,
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

const editorialColumns = (draft: EditorialDraft) => ({
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

export async function readGuideDraft(db: Db, slug: string): Promise<StoredGuideDraft | undefined> {
  const row = await db.selectFrom('guide_drafts').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toDraft(row) : undefined;
}

export async function listGuideDrafts(db: Db): Promise<StoredGuideDraft[]> {
  const rows = await db.selectFrom('guide_drafts').selectAll().orderBy('slug').execute();
  return rows.map(toDraft);
}

/** A new draft; false when the guide already has one (two editors opening it at once: the second reads the first's). */
export async function insertGuideDraft(db: Db, draft: Omit<StoredGuideDraft, 'lockVersion' | 'updatedAt'>): Promise<boolean> {
  const result = await db
    .insertInto('guide_drafts')
    .values({
      slug: draft.slug,
      ...editorialColumns(draft),
      content_json: JSON.stringify(draft.content),
      base_versions_json: JSON.stringify(draft.baseVersions),
      lock_version: 1,
      created_at: draft.createdAt,
      updated_at: draft.createdAt,
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Writes the draft's state (and its content, when given) if it is still at `expected`; the new
 * lock version, or undefined when someone changed it first.
 */
export async function updateGuideDraft(db: Db, slug: string, expected: number, draft: EditorialDraft, at: Date, content?: GuideContent): Promise<number | undefined> {
  const result = await db
    .updateTable('guide_drafts')
    .set({ ...editorialColumns(draft), ...(content ? { content_json: JSON.stringify(content) } : {}), lock_version: expected + 1, updated_at: at.toISOString() })
    .where('slug', '=', slug)
    .where('lock_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? expected + 1 : undefined;
}

/**
 * Removes the draft if it is still in `state` at `expected`: how a publication claims it, in the
 * transaction that publishes. Of two processes claiming the same draft, one deletes the row and
 * the other's delete finds nothing (PostgreSQL re-reads the row after the first commits; SQLite
 * runs one write transaction at a time).
 */
export async function claimGuideDraft(trx: Transaction<Database>, slug: string, expected: number, state: EditorialDraft['state']): Promise<boolean> {
  const result = await trx.deleteFrom('guide_drafts').where('slug', '=', slug).where('lock_version', '=', expected).where('state', '=', state).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Scheduled drafts whose moment has come (ISO strings compare as moments). */
export async function dueGuideDrafts(db: Db, now: Date): Promise<StoredGuideDraft[]> {
  const rows = await db.selectFrom('guide_drafts').selectAll().where('state', '=', 'scheduled').where('scheduled_at', '<=', now.toISOString()).orderBy('scheduled_at').execute();
  return rows.map(toDraft);
}

export async function deleteGuideDraft(db: Db, slug: string, expected: number): Promise<boolean> {
  const result = await db.deleteFrom('guide_drafts').where('slug', '=', slug).where('lock_version', '=', expected).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
