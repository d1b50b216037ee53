/**
 * Checks that help an editor at save (docs/decisions/052): shown as warnings next to the fields,
 * never refusing the save (the schema alone refuses). Each is a mistake a reader pays for:
 *
 * - a link in the body to a guide that does not exist (a reader lands on "not found");
 * - a figure (an amount in yuan, a number of days or working days, an age) not marked as a local
 *   example `{{ex:…}}`: a bureau adopting the portal would publish our sample as its own, or a
 *   national time limit would read as local (the editor decides which; a statutory one stays plain);
 * - a legal basis that cites no article (第…条 / art.): a reader cannot find what applies.
 *
 * Pure: the published slugs are an argument.
 */
import type { GuideLanguageContent } from './guide-diff.ts';
import type { Locale } from './guide.schema.ts';

export interface EditorWarning {
  /** Where in the language's content: `body`, `legalBasis.0`, `materials.2.note`… */
  field: string;
  code: 'broken_link' | 'unmarked_figure' | 'no_article';
  /** What the message names: the link's guide, or the figure as written. */
  detail: string;
}

const EXAMPLE = /\{\{ex:[^{}]*\}\}/g;
/** A Markdown link or bare path to a guide of this site, in either language. */
const GUIDE_LINK = /\]\(\s*(?:\/en)?\/guides\/([^\s)#?/]+)/g;
const FIGURE: Record<Locale, RegExp> = {
  'zh-CN': /\d[\d,.]*\s*(?:元|个工作日|工作日|天|周岁|岁)/g,
  en: /\d[\d,.]*\s*(?:yuan|working days?|days?|years? old)\b/gi,
};
const ARTICLE: Record<Locale, RegExp> = {
  'zh-CN': /第[一二三四五六七八九十百千零〇两\d]+条/,
  en: /\b(?:arts?\.|articles?)\s*\d/i,
};

/** Links in the body to guides not among `known` (the published slugs and this guide's own). */
export function brokenGuideLinks(body: string, known: ReadonlySet<string>): string[] {
  const broken = new Set<string>();
  for (const match of body.matchAll(GUIDE_LINK)) {
    const slug = (match[1] ?? '').trim();
    if (slug && !known.has(slug)) broken.add(slug);
  }
  return [...broken];
}

/** Figures in a text outside its {{ex:…}} marks. */
export function unmarkedFigures(text: string, lang: Locale): string[] {
  return [...text.replace(EXAMPLE, ' ').matchAll(FIGURE[lang])].map((match) => match[0].trim());
}

/** Every text field of the frontmatter a figure may sit in, with its path. */
function textFields(content: GuideLanguageContent): { field: string; text: string }[] {
  const { frontmatter: f } = content;
  const fields: { field: string; text: string }[] = [
    { field: 'summary', text: f.summary },
    ...f.eligibility.map((text, i) => ({ field: `eligibility.${i}`, text })),
    ...f.materials.flatMap((m, i) => [{ field: `materials.${i}.name`, text: m.name }, { field: `materials.${i}.note`, text: m.note ?? '' }]),
    ...f.steps.flatMap((s, i) => [{ field: `steps.${i}.detail`, text: s.detail }]),
    { field: 'timeLimits.promised', text: f.timeLimits.promised },
    { field: 'fees.detail', text: f.fees.detail },
  ];
  return fields.filter((entry) => entry.text);
}

export function editorWarnings(content: GuideLanguageContent, lang: Locale, known: ReadonlySet<string>): EditorWarning[] {
  const warnings: EditorWarning[] = [];
  for (const slug of brokenGuideLinks(content.body, new Set([...known, content.frontmatter.slug]))) warnings.push({ field: 'body', code: 'broken_link', detail: slug });
  for (const { field, text } of [...textFields(content), { field: 'body', text: content.body }]) {
    const figures = unmarkedFigures(text, lang);
    if (figures.length > 0) warnings.push({ field, code: 'unmarked_figure', detail: [...new Set(figures)].join(lang === 'zh-CN' ? '、' : ', ') });
  }
  content.frontmatter.legalBasis.forEach((basis, index) => {
    // A local rule written wholly as an example names no article yet: the bureau fills in its own.
    if (/^\s*\{\{ex:[^{}]*\}\}\s*$/.test(basis.document)) return;
    if (!ARTICLE[lang].test(`${basis.document} ${basis.articles ?? ''}`)) warnings.push({ field: `legalBasis.${index}`, code: 'no_article', detail: basis.document.replace(EXAMPLE, (mark) => mark.slice(5, -2)) });
  });
  return warnings;
}
