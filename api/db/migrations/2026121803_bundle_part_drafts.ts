import type { Kysely } from 'kysely';

/**
 * A bundle's item applied for later gets a draft of its own journey, prefilled at the bundle's
 * submission from what the bundle holds (docs/decisions/076): the part's row names that draft
 * (`draft_id`), and the draft the bundle itself was gathered in (`bundle_draft_id`), so that only the
 * bundle's applicant may continue it — whoever opens the bundle with its second factor, or holds the
 * reference to the bundle's own (submitted) draft on its confirmation page. Neither is a foreign key:
 * drafts are deleted by the sweep when they expire, and the part then simply has none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_parts').addColumn('draft_id', 'text').execute();
  await db.schema.alterTable('case_parts').addColumn('bundle_draft_id', 'text').execute();
  await db.schema.createIndex('case_parts_bundle_draft').on('case_parts').column('bundle_draft_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('case_parts_bundle_draft').execute();
  await db.schema.alterTable('case_parts').dropColumn('bundle_draft_id').execute();
  await db.schema.alterTable('case_parts').dropColumn('draft_id').execute();
}
