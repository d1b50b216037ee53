/**
 * Parses and checks content/guides (read by guide-files.ts): each file's frontmatter and body, every
 * guide in both languages, related guides that exist. The data layer loads what it returns into the
 * database.
 */
import { LOCALES, type Locale } from '../domain/guides/guide.schema.ts';
import { parseGuideFile, GuideFileError, type GuideFile } from '../domain/guides/guide-file.ts';
import { readGuideFileTexts, type GuideFileTexts } from './guide-files.ts';

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
  return checkGuideFiles(await readGuideFileTexts(root));
}

export function checkGuideFiles(read: GuideFileTexts): GuideDirectoryReport {
  const guides: GuideSource[] = [];
  const problems: string[] = read.missing.map((lang) => `content/guides/${lang}/ is missing`);
  for (const file of read.files) {
    try {
      guides.push({ ...parseGuideFile(file.text, file.path, file.slug), lang: file.lang, path: file.path, contentHash: file.contentHash });
    } catch (error) {
      if (error instanceof GuideFileError) problems.push(error.message);
      else throw error;
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
