/**
 * Reads content/guides/<lang>/<slug>.md from disk. This is the only module that knows the folder
 * layout; the data layer loads what it returns into the database.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { LOCALES, type Locale } from '../domain/guides/guide.schema.ts';
import { parseGuideFile, GuideFileError, type GuideFile } from '../domain/guides/guide-file.ts';

export interface GuideSource extends GuideFile {
  lang: Locale;
  path: string;
  /** sha256 of the file, to tell whether it changed since it was last loaded. */
  contentHash: string;
}

export interface GuideDirectoryReport {
  guides: GuideSource[];
  problems: string[];
}

export async function readGuideDirectory(root: URL): Promise<GuideDirectoryReport> {
  const guides: GuideSource[] = [];
  const problems: string[] = [];
  for (const lang of LOCALES) {
    const dir = new URL(`${lang}/`, root);
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
    } catch {
      problems.push(`content/guides/${lang}/ is missing`);
      continue;
    }
    for (const name of names) {
      const path = `content/guides/${lang}/${name}`;
      try {
        const text = await readFile(new URL(name, dir), 'utf8');
        const contentHash = createHash('sha256').update(text).digest('hex');
        guides.push({ ...parseGuideFile(text, path, name.slice(0, -3)), lang, path, contentHash });
      } catch (error) {
        if (error instanceof GuideFileError) problems.push(error.message);
        else throw error;
      }
    }
  }
  const slugsByLang = new Map<Locale, Set<string>>(
    LOCALES.map((lang) => [lang, new Set(guides.filter((g) => g.lang === lang).map((g) => g.frontmatter.slug))]),
  );
  for (const lang of LOCALES) {
    for (const other of LOCALES) {
      if (lang === other) continue;
      for (const slug of slugsByLang.get(lang) ?? []) {
        if (!slugsByLang.get(other)?.has(slug)) problems.push(`${slug} exists in ${lang} but not in ${other}`);
      }
    }
  }
  for (const guide of guides) {
    for (const related of guide.frontmatter.related) {
      if (!slugsByLang.get(guide.lang)?.has(related)) problems.push(`${guide.path}: related guide "${related}" does not exist`);
    }
  }
  return { guides, problems };
}
