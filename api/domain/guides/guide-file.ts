/**
 * Reads one guide file of content/guides/<lang>/<slug>.md: YAML frontmatter between `---` lines,
 * then the Markdown body. Pure: the caller reads the file.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { GuideFrontmatterSchema, type GuideFrontmatter } from './guide.schema.ts';

export interface GuideFile {
  frontmatter: GuideFrontmatter;
  body: string;
}

export class GuideFileError extends Error {
  readonly issues: string[];
  constructor(source: string, issues: string[]) {
    super(`${source}: ${issues.join('; ')}`);
    this.name = 'GuideFileError';
    this.issues = issues;
  }
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** @param source names the file in error messages; `expectedSlug` is the file name without .md */
export function parseGuideFile(text: string, source: string, expectedSlug?: string): GuideFile {
  const match = FRONTMATTER.exec(text);
  if (!match) throw new GuideFileError(source, ['the file must start with a --- frontmatter block']);
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new GuideFileError(source, [`frontmatter is not valid YAML: ${(error as Error).message}`]);
  }
  const parsed = GuideFrontmatterSchema.safeParse(raw);
  if (!parsed.success) throw new GuideFileError(source, describeIssues(parsed.error));
  if (expectedSlug !== undefined && parsed.data.slug !== expectedSlug) {
    throw new GuideFileError(source, [`slug "${parsed.data.slug}" differs from the file name "${expectedSlug}"`]);
  }
  const body = (match[2] ?? '').trim();
  return { frontmatter: parsed.data, body };
}
