/**
 * Loads content/guides into the database: on first start every guide, later only the files that
 * changed. A guide whose newest version was published by staff is left alone, so a restart never
 * overwrites an editor's work with the file it started from.
 */
import type { Kysely } from 'kysely';
import { renderGuideBody } from '../domain/guides/guide-text.ts';
import { latestGuideStamps, publishGuides, type PublishGuideInput } from '../db/guides.repo.ts';
import type { Database } from '../db/schema.ts';
import { filesAsLoaded, readGuideFileTexts } from './guide-files.ts';

export class GuideContentError extends Error {
  override name = 'GuideContentError';
}

export interface GuideSyncResult {
  published: number;
  unchanged: number;
  keptStaffVersion: number;
}

export const DEFAULT_GUIDES_DIR = new URL('../../content/guides/', import.meta.url);

export async function syncGuidesFromFiles(db: Kysely<Database>, root: URL, now: Date): Promise<GuideSyncResult> {
  const read = await readGuideFileTexts(root);
  const latest = await latestGuideStamps(db);
  // The usual start: nothing changed since the files were loaded. Their YAML and Markdown are then
  // neither parsed nor rendered again, and the parsers are not even loaded (docs/decisions/078).
  if (filesAsLoaded(read, latest)) return { published: 0, unchanged: read.files.length, keptStaffVersion: 0 };
  const { checkGuideFiles } = await import('./guide-directory.ts');
  const { guides, problems } = checkGuideFiles(read);
  if (problems.length > 0) throw new GuideContentError(`content/guides has problems:\n${problems.join('\n')}`);
  const stamps = new Map(latest.map((s) => [`${s.lang}/${s.slug}`, s]));
  const toPublish: PublishGuideInput[] = [];
  const result: GuideSyncResult = { published: 0, unchanged: 0, keptStaffVersion: 0 };
  for (const guide of guides) {
    const stamp = stamps.get(`${guide.lang}/${guide.frontmatter.slug}`);
    if (stamp?.contentHash === guide.contentHash) result.unchanged += 1;
    else if (stamp && stamp.source !== 'file') result.keptStaffVersion += 1;
    else {
      toPublish.push({
        lang: guide.lang,
        frontmatter: guide.frontmatter,
        bodyMd: guide.body,
        bodyHtml: renderGuideBody(guide.body),
        contentHash: guide.contentHash,
        source: 'file',
      });
    }
  }
  await publishGuides(db, toPublish, now);
  result.published = toPublish.length;
  return result;
}
