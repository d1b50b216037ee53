/**
 * Guide versions. A guide is never edited in place: each publish adds a version, and the newest
 * published version of a (slug, language) is the one readers see.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { GuideFrontmatterSchema, type Guide, type GuideFrontmatter, type Locale } from '../domain/guides/guide.schema.ts';
import { bumpContentVersion } from './content-state.repo.ts';
import type { Database, GuideVersionTable } from './schema.ts';

export interface PublishGuideInput {
  lang: Locale;
  frontmatter: GuideFrontmatter;
  bodyMd: string;
  bodyHtml: string;
  contentHash: string;
  source: 'file' | 'staff';
  /** A staff publication's note and kind, and who published it (docs/decisions/052). */
  change?: { note: string; kind: 'major' | 'minor'; by: string };
}

function toGuide(row: GuideVersionTable): Guide {
  const frontmatter = GuideFrontmatterSchema.parse(JSON.parse(row.frontmatter_json));
  return {
    ...frontmatter,
    lang: row.lang as Locale,
    version: row.version,
    bodyHtml: row.body_html,
    publishedAt: row.published_at,
    changes: [],
  };
}

/** Adds one version; call inside the transaction that publishes (and bumps the content version). */
export async function insertVersion(trx: Transaction<Database>, input: PublishGuideInput, now: Date): Promise<number> {
  const { slug } = input.frontmatter;
  const latest = await trx
    .selectFrom('guide_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('slug', '=', slug)
    .where('lang', '=', input.lang)
    .executeTakeFirst();
  const version = Number(latest?.version ?? 0) + 1;
  const at = now.toISOString();
  await trx
    .insertInto('guide_versions')
    .values({
      id: randomUUID(),
      slug,
      lang: input.lang,
      version,
      title: input.frontmatter.title,
      frontmatter_json: JSON.stringify(input.frontmatter),
      body_md: input.bodyMd,
      body_html: input.bodyHtml,
      content_hash: input.contentHash,
      source: input.source,
      published_at: at,
      created_at: at,
      change_note: input.change?.note ?? null,
      change_kind: input.change?.kind ?? null,
      published_by: input.change?.by ?? null,
    })
    .execute();
  return version;
}

/** Publishes new versions in one transaction and bumps the guides' content version once. */
export async function publishGuides(db: Kysely<Database>, inputs: PublishGuideInput[], now: Date): Promise<void> {
  if (inputs.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const input of inputs) await insertVersion(trx, input, now);
    await bumpContentVersion(trx, 'guides', now);
  });
}

function latestVersions(db: Kysely<Database>) {
  return db
    .selectFrom('guide_versions as g')
    .selectAll('g')
    .where(({ eb, selectFrom }) =>
      eb(
        'g.version',
        '=',
        selectFrom('guide_versions as newer')
          .select((inner) => inner.fn.max('newer.version').as('v'))
          .whereRef('newer.slug', '=', 'g.slug')
          .whereRef('newer.lang', '=', 'g.lang'),
      ),
    );
}

/** The newest version of every guide in every language, unpublished guides (guide_unpublished) left out. */
export async function listPublishedGuides(db: Kysely<Database>): Promise<Guide[]> {
  const rows = await latestVersions(db)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('guide_unpublished as u').select('u.slug').whereRef('u.slug', '=', 'g.slug'))))
    .orderBy('g.slug')
    .orderBy('g.lang')
    .execute();
  // The major changes' notes, each on the version of its language it was published with.
  const notes = await db
    .selectFrom('guide_versions')
    .select(['slug', 'lang', 'change_note', 'published_at'])
    .where('change_kind', '=', 'major')
    .where('change_note', 'is not', null)
    .orderBy('published_at', 'desc')
    .execute();
  const byGuide = new Map<string, { note: string; publishedAt: string }[]>();
  for (const note of notes) {
    const key = `${note.lang}/${note.slug}`;
    byGuide.set(key, [...(byGuide.get(key) ?? []), { note: note.change_note ?? '', publishedAt: note.published_at }]);
  }
  return rows.map((row) => ({ ...toGuide(row), changes: byGuide.get(`${row.lang}/${row.slug}`) ?? [] }));
}

export interface UnpublishedGuide {
  slug: string;
  redirectTo: string | null;
  notice: Record<Locale, string> | null;
  reason: string;
  unpublishedBy: string;
  unpublishedAt: string;
}

export async function listUnpublishedGuides(db: Kysely<Database>): Promise<UnpublishedGuide[]> {
  const rows = await db.selectFrom('guide_unpublished').selectAll().execute();
  return rows.map((row) => ({
    slug: row.slug,
    redirectTo: row.redirect_to,
    notice: row.notice_json ? (JSON.parse(row.notice_json) as Record<Locale, string>) : null,
    reason: row.reason,
    unpublishedBy: row.unpublished_by,
    unpublishedAt: row.unpublished_at,
  }));
}

/** Takes a guide off the site (replacing an earlier unpublishing of it); in the transaction that audits it and bumps the content version. */
export async function recordUnpublished(trx: Transaction<Database>, entry: UnpublishedGuide): Promise<void> {
  await trx.deleteFrom('guide_unpublished').where('slug', '=', entry.slug).execute();
  await trx
    .insertInto('guide_unpublished')
    .values({ slug: entry.slug, redirect_to: entry.redirectTo, notice_json: entry.notice ? JSON.stringify(entry.notice) : null, reason: entry.reason, unpublished_by: entry.unpublishedBy, unpublished_at: entry.unpublishedAt })
    .execute();
}

/** Publishing a guide again puts it back on the site. */
export async function clearUnpublished(trx: Transaction<Database>, slug: string): Promise<void> {
  await trx.deleteFrom('guide_unpublished').where('slug', '=', slug).execute();
}

/** One stored version of a guide in one language, as the editor and its history read it. */
export interface StoredGuideVersion {
  slug: string;
  lang: Locale;
  version: number;
  frontmatter: GuideFrontmatter;
  bodyMd: string;
  source: string;
  publishedAt: string;
  changeNote: string | null;
  changeKind: 'major' | 'minor' | null;
  /** The member's display name, when staff published it. */
  publishedBy: string | null;
}

/** Every version of a guide, both languages, oldest first. */
export async function guideVersionHistory(db: Kysely<Database>, slug: string): Promise<StoredGuideVersion[]> {
  const rows = await db
    .selectFrom('guide_versions as g')
    .leftJoin('staff', 'staff.id', 'g.published_by')
    .select(['g.slug', 'g.lang', 'g.version', 'g.frontmatter_json', 'g.body_md', 'g.source', 'g.published_at', 'g.change_note', 'g.change_kind', 'staff.display_name'])
    .where('g.slug', '=', slug)
    .orderBy('g.published_at')
    .orderBy('g.version')
    .orderBy('g.lang')
    .execute();
  return rows.map((row) => ({
    slug: row.slug,
    lang: row.lang as Locale,
    version: Number(row.version),
    frontmatter: GuideFrontmatterSchema.parse(JSON.parse(row.frontmatter_json)),
    bodyMd: row.body_md,
    source: row.source,
    publishedAt: row.published_at,
    changeNote: row.change_note,
    changeKind: row.change_kind === 'major' || row.change_kind === 'minor' ? row.change_kind : null,
    publishedBy: row.display_name ?? null,
  }));
}

/** The newest version per guide and language, without bodies: for the editors' list. */
export async function latestVersionStamps(db: Kysely<Database>): Promise<{ slug: string; lang: Locale; version: number; title: string; publishedAt: string }[]> {
  const rows = await latestVersions(db).execute();
  return rows.map((row) => ({ slug: row.slug, lang: row.lang as Locale, version: Number(row.version), title: row.title, publishedAt: row.published_at }));
}

export interface GuideVersionStamp {
  slug: string;
  lang: Locale;
  contentHash: string;
  source: string;
}

export async function latestGuideStamps(db: Kysely<Database>): Promise<GuideVersionStamp[]> {
  const rows = await latestVersions(db).execute();
  return rows.map((row) => ({ slug: row.slug, lang: row.lang as Locale, contentHash: row.content_hash, source: row.source }));
}
