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
}

function toGuide(row: GuideVersionTable): Guide {
  const frontmatter = GuideFrontmatterSchema.parse(JSON.parse(row.frontmatter_json));
  return {
    ...frontmatter,
    lang: row.lang as Locale,
    version: row.version,
    bodyHtml: row.body_html,
    publishedAt: row.published_at,
  };
}

async function insertVersion(trx: Transaction<Database>, input: PublishGuideInput, now: Date): Promise<number> {
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

export async function listPublishedGuides(db: Kysely<Database>): Promise<Guide[]> {
  const rows = await latestVersions(db).orderBy('g.slug').orderBy('g.lang').execute();
  return rows.map(toGuide);
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
