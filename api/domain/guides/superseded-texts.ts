/**
 * Texts a guide must no longer rest on, because a newer one is in force: a text replaced by
 * another (the 社会救助暂行办法 by the 社会救助法), or a regulation revised under the same name (the
 * 婚姻登记条例 of 1994 and 2003 by that of 2025). A guide is checked against the texts in force on
 * the day it was last checked (`updated`), so adding a row here flags every guide that still
 * cites the old text. Names are matched in both languages.
 */
import type { GuideFrontmatter } from './guide.schema.ts';

export interface SupersededText {
  /** How a guide names the text, in Chinese or in English. */
  name: RegExp;
  /** The text now in force, as the message names it. */
  current: string;
  /** From when (YYYY-MM-DD) the current text is in force. */
  inForceFrom: string;
  /**
   * For a text revised under the same name: what marks an old version (its years, its order
   * numbers) and what marks the current one. Absent when the text was replaced by another.
   */
  versions?: { old: RegExp; current: RegExp };
}

export const SUPERSEDED_TEXTS: readonly SupersededText[] = [
  {
    name: /社会救助暂行办法|Interim Measures (?:for|on) Social Assistance/i,
    current: '中华人民共和国社会救助法 (Social Assistance Law)',
    inForceFrom: '2026-07-01',
  },
  {
    name: /婚姻登记条例|Marriage Registration Regulations|Regulations on Marriage Registration/i,
    current: '婚姻登记条例（2025 年修订，国务院令第 804 号）',
    inForceFrom: '2025-05-10',
    versions: { old: /1994|2003|第\s*387\s*号|No\.\s*387/, current: /2025/ },
  },
  {
    name: /殡葬管理条例|Regulations on Funeral and Interment Administration/i,
    current: '殡葬管理条例（2026 年修订）',
    inForceFrom: '2026-03-30',
    versions: { old: /1997|2012|第\s*(?:225|628)\s*号|No\.\s*(?:225|628)/, current: /2026/ },
  },
];

/** How far around a mention an old version's year or number is taken to belong to it. */
const NEARBY = 30;
/** A mention's neighbourhood ends with its sentence or line. */
const SENTENCE_END = /[。；;\n]|\.\s/g;

/** The text around a mention, within NEARBY characters and the same sentence. */
function nearby(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - NEARBY), start);
  const after = text.slice(end, end + NEARBY);
  const lastEndBefore = [...before.matchAll(SENTENCE_END)].at(-1);
  const firstEndAfter = [...after.matchAll(SENTENCE_END)].at(0);
  return (
    before.slice(lastEndBefore ? lastEndBefore.index + lastEndBefore[0].length : 0) +
    after.slice(0, firstEndAfter ? firstEndAfter.index : after.length)
  );
}

/** The line of `text` (one field of the guide) that holds the offset. */
function lineAt(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(text.lastIndexOf('\n', offset) + 1, end < 0 ? text.length : end);
}

/** Every text a reader of the guide reads, one line per field. */
function guideTexts(frontmatter: GuideFrontmatter, body: string): string {
  const { legalBasis, materials, steps, locations, timeLimits, fees, eligibility, apply } = frontmatter;
  return [
    frontmatter.summary,
    frontmatter.summaryPlain ?? '',
    ...eligibility,
    ...materials.flatMap((m) => [m.name, m.issuer, m.note ?? '']),
    ...steps.flatMap((s) => [s.title, s.detail]),
    timeLimits.statutory,
    timeLimits.promised,
    fees.detail,
    ...legalBasis.flatMap((l) => [l.document, l.articles ?? '', l.note ?? '']),
    ...locations.flatMap((l) => [l.name, l.address, l.hours, l.note ?? '']),
    apply.note ?? '',
    body,
  ].join('\n');
}

/**
 * What in a guide rests on a superseded text, one message each; none when the guide is in step.
 * - A replaced text may not be named at all.
 * - A legal basis naming a revised text names its current version, and no older one.
 * - Elsewhere, a revised text may be named without its version (the legal basis says which), but
 *   never next to an old version's year or number.
 */
export function supersededCitations(
  frontmatter: GuideFrontmatter,
  body: string,
  texts: readonly SupersededText[] = SUPERSEDED_TEXTS,
): string[] {
  const problems: string[] = [];
  const all = guideTexts(frontmatter, body);
  for (const text of texts) {
    if (frontmatter.updated < text.inForceFrom) continue;
    const since = `in force since ${text.inForceFrom}`;
    if (!text.versions) {
      const mention = all.match(text.name);
      if (mention) problems.push(`cites "${mention[0]}", replaced by ${text.current} (${since})`);
      continue;
    }
    const { old, current } = text.versions;
    for (const basis of frontmatter.legalBasis) {
      const entry = [basis.document, basis.articles ?? '', basis.note ?? ''].join('\n');
      if (!text.name.test(basis.document)) continue;
      if (!current.test(basis.document) || old.test(entry)) {
        problems.push(`legal basis "${basis.document}" does not name the version in force: ${text.current} (${since})`);
      }
    }
    const legalBasisDocuments = new Set(frontmatter.legalBasis.map((basis) => basis.document));
    for (const mention of all.matchAll(new RegExp(text.name, 'gi'))) {
      if (legalBasisDocuments.has(lineAt(all, mention.index))) continue; // judged above, as a whole entry
      if (old.test(nearby(all, mention.index, mention.index + mention[0].length))) {
        problems.push(`names an old version of "${mention[0]}": ${text.current} is ${since}`);
      }
    }
  }
  return problems;
}
