import type { Kysely } from 'kysely';

/**
 * Staff editing and publishing guides (docs/decisions/052).
 *
 * - `guide_drafts`: one draft per guide being edited, both languages together, with where it stands
 *   in the editorial lifecycle, who changed, submitted and approved it, and its schedule.
 *   `lock_version` is compared on every change (optimistic locking: the second of two editors saving
 *   the same version is told it changed, nothing is overwritten) and is what the scheduled-publishing
 *   pass claims a due draft by, so that of several processes exactly one publishes it.
 * - `guide_versions` gets each publication's change note (major or minor) and who published it.
 * - `guide_unpublished`: a guide taken off the site, redirected to another or left with a notice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('guide_drafts')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    /** draft, submitted, approved or scheduled (api/domain/content/editorial.ts). */
    .addColumn('state', 'text', (c) => c.notNull())
    /** Both languages' frontmatter and Markdown body as JSON (GuideContent). */
    .addColumn('content_json', 'text', (c) => c.notNull())
    /** The published versions it was opened from, per language ({"zh-CN": 3, "en": 2}). */
    .addColumn('base_versions_json', 'text', (c) => c.notNull())
    /** staff.id of each. */
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_changed_by', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('change_note', 'text')
    /** major or minor. */
    .addColumn('change_kind', 'text')
    /** ISO moment, when scheduled. */
    .addColumn('scheduled_at', 'text')
    .addColumn('scheduled_by', 'text')
    .addColumn('lock_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The pass looks for due scheduled drafts every few seconds.
  await db.schema.createIndex('guide_drafts_due').on('guide_drafts').columns(['state', 'scheduled_at']).execute();
  await db.schema.alterTable('guide_versions').addColumn('change_note', 'text').execute();
  await db.schema.alterTable('guide_versions').addColumn('change_kind', 'text').execute();
  await db.schema.alterTable('guide_versions').addColumn('published_by', 'text').execute();
  await db.schema
    .createTable('guide_unpublished')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    /** The guide readers are sent to (301), or null… */
    .addColumn('redirect_to', 'text')
    /** …and then the notice shown at the address (410), per language, as JSON. */
    .addColumn('notice_json', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('unpublished_by', 'text', (c) => c.notNull())
    .addColumn('unpublished_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('guide_unpublished').execute();
  await db.schema.alterTable('guide_versions').dropColumn('published_by').execute();
  await db.schema.alterTable('guide_versions').dropColumn('change_kind').execute();
  await db.schema.alterTable('guide_versions').dropColumn('change_note').execute();
  await db.schema.dropIndex('guide_drafts_due').execute();
  await db.schema.dropTable('guide_drafts').execute();
}
