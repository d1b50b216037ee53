import type { Kysely } from 'kysely';

/**
 * Notices (通知公告, docs/decisions/056), edited with the guides' lifecycle (docs/decisions/052).
 *
 * - `notice_drafts`: one draft per notice being written or corrected, both languages and the
 *   metadata together as JSON, with where it stands in the lifecycle, who changed, submitted and
 *   approved it, and its schedule. `lock_version` is compared on every change and is what the
 *   scheduled-publishing pass claims a due draft by (a conditional delete), so it is published once.
 * - `notice_versions`: every publication of a notice, append-only (a correction supersedes the
 *   version before; both are kept), with its note and who published it.
 * - `notices`: each published notice as readers see it now: its current version, the columns the
 *   public list sorts and filters by, when each language last changed, and its withdrawal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notice_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    /** NoticeContent as JSON (api/domain/notices/notice.ts). */
    .addColumn('content_json', 'text', (c) => c.notNull())
    /** The published version it was opened from, or null for a notice not yet published. */
    .addColumn('base_version', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_changed_by', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('change_note', 'text')
    .addColumn('change_kind', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('scheduled_by', 'text')
    .addColumn('lock_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_drafts_due').on('notice_drafts').columns(['state', 'scheduled_at']).execute();
  await db.schema
    .createTable('notice_versions')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    /** The change note per language as JSON (a correction's), or null (a first publication). */
    .addColumn('change_note', 'text')
    .addColumn('change_kind', 'text')
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_versions_pk', ['id', 'version'])
    .execute();
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    /** 发布日期 (YYYY-MM-DD): the list's order, newest first. */
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('office', 'text')
    .addColumn('service', 'text')
    .addColumn('first_published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    /** When each language's text last changed (the English page says when it is older). */
    .addColumn('zh_updated_at', 'text', (c) => c.notNull())
    .addColumn('en_updated_at', 'text')
    /** Withdrawn: the moment, the reason (staff) and the note readers see (JSON per language). */
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('withdrawn_note', 'text')
    .execute();
  await db.schema.createIndex('notices_list').on('notices').columns(['withdrawn_at', 'date', 'first_published_at']).execute();
  await db.schema.createIndex('notices_service').on('notices').columns(['service', 'date']).execute();
  await db.schema.createIndex('notices_office').on('notices').columns(['office', 'date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notices').execute();
  await db.schema.dropTable('notice_versions').execute();
  await db.schema.dropIndex('notice_drafts_due').execute();
  await db.schema.dropTable('notice_drafts').execute();
}
