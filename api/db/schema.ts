/**
 * The database's tables as Kysely types: the one place the shape of stored data is written down.
 *
 * Both dialects store the same types (docs/decisions/002-one-schema-two-databases.md): ids are
 * text, timestamps are ISO-8601 UTC text (sortable), booleans are 0/1 integers and structured
 * values are JSON text. The data layer converts rows to domain objects; nothing above it sees a row.
 */
export interface GuideVersionTable {
  id: string;
  slug: string;
  lang: string;
  version: number;
  title: string;
  /** The validated frontmatter as JSON (GuideFrontmatter). */
  frontmatter_json: string;
  body_md: string;
  body_html: string;
  /** sha256 of the source file, so a restart only republishes a guide whose file changed. */
  content_hash: string;
  /** 'file' when loaded from content/guides, 'staff' when published through the editor. */
  source: string;
  published_at: string;
  created_at: string;
}

/** A counter per kind of content; every publish bumps it so each process can drop stale caches. */
export interface ContentStateTable {
  name: string;
  version: number;
  updated_at: string;
}

export interface Database {
  guide_versions: GuideVersionTable;
  content_state: ContentStateTable;
}
