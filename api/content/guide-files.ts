/**
 * The files of content/guides/<lang>/<slug>.md as they are on disk, each with its sha256, unparsed.
 * This is the only module that knows the folder layout; guide-directory.ts parses what it reads,
 * and a start whose files are all as last loaded needs no more than this (docs/decisions/078).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { LOCALES, type Locale } from '../domain/guides/guide.schema.ts';

export interface GuideFileText {
  lang: Locale;
  /** The file name without .md: what the frontmatter's slug must be. */
  slug: string;
  /** content/guides/<lang>/<name>, for messages. */
  path: string;
  text: string;
  /** sha256 of the file, to tell whether it changed since it was last loaded. */
  contentHash: string;
}

export interface GuideFileTexts {
  files: GuideFileText[];
  /** Languages whose folder is missing. */
  missing: Locale[];
}

export async function readGuideFileTexts(root: URL): Promise<GuideFileTexts> {
  const files: GuideFileText[] = [];
  const missing: Locale[] = [];
  for (const lang of LOCALES) {
    const dir = new URL(`${lang}/`, root);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
    } catch {
      missing.push(lang);
      continue;
    }
    for (const name of names) {
      const text = await readFile(new URL(name, dir), 'utf8');
      files.push({ lang, slug: name.slice(0, -3), path: `content/guides/${lang}/${name}`, text, contentHash: createHash('sha256').update(text).digest('hex') });
    }
  }
  return { files, missing };
}

/**
 * Whether the files are exactly those the database was loaded from: each one's hash is its guide's
 * newest version's, and every guide whose newest version came from a file still has its file. Such
 * a set passed every check of guide-directory.ts when it was loaded, and the checks read nothing
 * else, so it need not be parsed again. (A guide an editor changed since has a hash of its own: the
 * files are then read in full, as before.)
 */
export function filesAsLoaded(read: GuideFileTexts, stamps: ReadonlyArray<{ lang: Locale; slug: string; contentHash: string; source: string }>): boolean {
  if (read.missing.length > 0 || read.files.length === 0) return false;
  const byKey = new Map(stamps.map((stamp) => [`${stamp.lang}/${stamp.slug}`, stamp]));
  if (!read.files.every((file) => byKey.get(`${file.lang}/${file.slug}`)?.contentHash === file.contentHash)) return false;
  const present = new Set(read.files.map((file) => `${file.lang}/${file.slug}`));
  return stamps.every((stamp) => stamp.source !== 'file' || present.has(`${stamp.lang}/${stamp.slug}`));
}
