/**
 * Text rules of a guide: local figures marked {{ex:…}}, the Markdown body, and the plain text that
 * search indexes.
 *
 * A bureau adopting the portal must replace our sample figures (standards in yuan, addresses,
 * phone numbers) with its own; marking each one keeps a sample from being published as fact.
 */
import MarkdownIt from 'markdown-it';
import type { SearchDocument, SearchLanguage } from '../search/guide-search.ts';
import type { GuideFrontmatter } from './guide.schema.ts';

const EXAMPLE = /\{\{ex:([^{}]*)\}\}/g;

export interface TextSegment {
  text: string;
  /** A local figure the bureau must set; shown with an "example" badge. */
  example: boolean;
}

export function splitExampleFigures(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(EXAMPLE)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), example: false });
    segments.push({ text: (match[1] ?? '').trim(), example: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), example: false });
  return segments;
}

export function withoutExampleMarks(text: string): string {
  return text.replace(EXAMPLE, (_whole, inner: string) => inner.trim());
}

// Private-use characters survive Markdown rendering and HTML escaping untouched.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

// "## Heading {#anchor}" gives a heading a stable id that other pages can link to.
const HEADING_ID = /\s*\{#([a-z][a-z0-9-]*)\}\s*$/;
markdown.core.ruler.push('heading_ids', (state) => {
  state.tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const inline = state.tokens[index + 1];
    const match = inline ? HEADING_ID.exec(inline.content) : null;
    if (!inline || !match) return;
    token.attrSet('id', match[1] ?? '');
    inline.content = inline.content.replace(HEADING_ID, '');
    const last = inline.children?.at(-1);
    if (last?.type === 'text') last.content = last.content.replace(HEADING_ID, '');
  });
  return true;
});

/**
 * Renders a guide body. Raw HTML in the source is escaped, never passed through. Each local
 * figure becomes <span class="ex">…</span>; the page adds the translated badge.
 */
export function renderGuideBody(source: string): string {
  return renderContentMarkdown(source, { demoteHeadings: true });
}

/** Markdown of guides and content pages, with {{ex:…}} figures and {#id} heading anchors. */
export function renderContentMarkdown(source: string, options: { demoteHeadings: boolean }): string {
  const marked = source.replace(EXAMPLE, (_whole, inner: string) => `${OPEN}${inner.trim()}${CLOSE}`);
  const html = markdown.render(marked).replaceAll(OPEN, '<span class="ex">').replaceAll(CLOSE, '</span>');
  if (!options.demoteHeadings) return html;
  return html
    // The page puts the body under its own h2 ("more information"): body headings go one level down.
    .replace(/<(\/?)h([1-5])([ >])/g, (_whole, slash: string, level: string, after: string) => `<${slash}h${Number(level) + 1}${after}`);
}

function markdownToPlain(source: string): string {
  return withoutExampleMarks(source)
    .replace(/^#+\s*/gm, '')
    .replace(/[*_`>|]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything a reader could search for besides the title, aliases and summary. */
export function guideSearchText(frontmatter: GuideFrontmatter, body: string): string {
  const parts = [
    frontmatter.matterType,
    ...frontmatter.eligibility,
    ...frontmatter.materials.flatMap((m) => [m.name, m.issuer, m.note ?? '']),
    ...frontmatter.steps.flatMap((s) => [s.title, s.detail]),
    frontmatter.timeLimits.statutory,
    frontmatter.timeLimits.promised,
    frontmatter.fees.detail,
    ...frontmatter.legalBasis.flatMap((l) => [l.document, l.articles ?? '', l.note ?? '']),
    markdownToPlain(body),
  ];
  return withoutExampleMarks(parts.filter(Boolean).join(' '));
}

/** What search indexes of a guide: the same for the published catalogue and for tests of the guides. */
export function guideSearchDocument(frontmatter: GuideFrontmatter, lang: SearchLanguage, bodyHtml: string): SearchDocument {
  return {
    slug: frontmatter.slug,
    lang,
    title: frontmatter.title,
    aliases: frontmatter.aliases,
    phrases: frontmatter.phrases,
    summary: withoutExampleMarks(frontmatter.summary),
    text: guideSearchText(frontmatter, bodyHtml.replace(/<[^>]+>/g, ' ')),
  };
}
