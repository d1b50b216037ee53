/**
 * Checks that help an editor at save (docs/decisions/052): shown as warnings next to the fields,
 * never refusing the save (the schema alone refuses). Each is a mistake a reader pays for:
 *
 * - a link in the body to a guide that does not exist (a reader lands on "not found");
 * - a figure (an amount in yuan, a number of days or working days, an age) not marked as a local
 *   example `{{ex:…}}`: a bureau adopting the portal would publish our sample as its own, or a
 *   national time limit would read as local (the editor decides which; a statutory one stays plain);
 * - a legal basis that cites no article (第…条 / art.): a reader cannot find what applies;
 * - for a guide whose service this portal runs, a number of working days for a stage (受理, 调查,
 *   决定, 书面告知) that none of the service's time limits for that stage has (docs/decisions/060):
 *   the page's 承诺时限 says the workflow's, and the text would say another.
 *
 * Pure: the published slugs and the service's time limits are arguments.
 */
import type { GuideLanguageContent } from './guide-diff.ts';
import type { Locale } from './guide.schema.ts';
import type { ServiceTimeLimit, TimeLimitStage } from './time-limits.ts';

export const EDITOR_WARNING_CODES = ['broken_link', 'unmarked_figure', 'no_article', 'contradicts_service'] as const;
export type EditorWarningCode = (typeof EDITOR_WARNING_CODES)[number];

export interface EditorWarning {
  /** Where in the language's content: `body`, `legalBasis.0`, `materials.2.note`… */
  field: string;
  code: EditorWarningCode;
  /** What the message names: the link's guide, the figure as written, or the clause that states another time limit. */
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

/**
 * How a guide's text names a stage next to its working days. Chinese says what is done after the
 * number (提交后 5 个工作日内决定是否受理, 受理后 20 个工作日内作出决定): the words after it, up to the
 * clause's end, name the stage, the first pattern that matches (是否受理 is acceptance, though it says
 * 决定). English puts the starting point after the number ("within 20 working days of acceptance"):
 * that phrase is dropped, and the sentence names the stage only when one pattern matches, or it asks
 * "whether to accept". Anything else is not read: the check warns only where the text is plain.
 */
const STAGE_WORDS: Record<Locale, readonly (readonly [TimeLimitStage, RegExp])[]> = {
  'zh-CN': [
    ['acceptance', /受理/],
    ['refusal-notice', /告知|通知/],
    ['investigation', /调查|核实|初审|入户/],
    ['decision', /决定|审批|确认|认定|办结|批准/],
  ],
  en: [
    ['acceptance', /\baccept/i],
    ['refusal-notice', /\bin writing\b|\btells? you\b|\binform/i],
    ['investigation', /\binvestigat|\bhome visit|\binitial opinion/i],
    ['decision', /\bdecid|\bdecision|\bapprov|\bconfirm/i],
  ],
};
const WORKING_DAYS: Record<Locale, RegExp> = {
  'zh-CN': /(\d+)\s*个?工作日/g,
  en: /(\d+)\s*working days?\b/gi,
};
const CLAUSE: Record<Locale, RegExp> = { 'zh-CN': /[，。；;,\n]/, en: /[.;\n]/ };
/** English: where a limit counts from ("of acceptance", "after you apply"), not what it limits. */
const STARTING_POINT = /\b(?:of|from|after|since)\s+(?:the\s+day\s+(?:of\s+|on\s+which\s+)?)?(?:your\s+|the\s+|its\s+)?(?:application\s+(?:is\s+|was\s+)?)?(?:acceptance|accepted|accepting|submission|submitting|submitted|applying|you\s+apply)\b/gi;

/** The stage an English sentence names, if it names one plainly. */
function englishStage(clause: string): TimeLimitStage | undefined {
  const plain = clause.replace(STARTING_POINT, ' ');
  if (/\bwhether (?:to|we|they|it) (?:\w+ )?accept/i.test(plain)) return 'acceptance';
  const named = STAGE_WORDS.en.filter(([, words]) => words.test(plain)).map(([stage]) => stage);
  return named.length === 1 ? named[0] : undefined;
}

/**
 * Each clause of a text that gives a stage a number of working days none of the service's limits
 * for that stage has (its working days or what it may be extended to), as written. A stage the
 * service states no limit for is not read.
 */
export function contradictedTimeLimits(text: string, lang: Locale, limits: readonly ServiceTimeLimit[]): string[] {
  const allowed = new Map<TimeLimitStage, Set<number>>();
  for (const limit of limits) {
    const days = allowed.get(limit.stage) ?? new Set<number>();
    days.add(limit.workingDays);
    if (limit.extendableTo !== undefined) days.add(limit.extendableTo);
    allowed.set(limit.stage, days);
  }
  // A figure marked as an example is still what the reader reads.
  const plain = text.replace(EXAMPLE, (mark) => mark.slice(5, -2));
  const found: string[] = [];
  for (const clause of plain.split(CLAUSE[lang])) {
    for (const match of clause.matchAll(WORKING_DAYS[lang])) {
      const stage = lang === 'zh-CN' ? STAGE_WORDS['zh-CN'].find(([, words]) => words.test(clause.slice((match.index ?? 0) + match[0].length)))?.[0] : englishStage(clause);
      const days = stage ? allowed.get(stage) : undefined;
      if (days && !days.has(Number(match[1]))) {
        found.push(clause.trim());
        break;
      }
    }
  }
  return found;
}

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

/** Where a guide's text may state a time: the statutory limit, the steps, the summary, the conditions and the body (the promised field is the service's then). */
function timeTexts(content: GuideLanguageContent): { field: string; text: string }[] {
  const { frontmatter: f } = content;
  return [
    { field: 'summary', text: f.summary },
    ...f.eligibility.map((text, i) => ({ field: `eligibility.${i}`, text })),
    ...f.steps.map((s, i) => ({ field: `steps.${i}.detail`, text: s.detail })),
    { field: 'timeLimits.statutory', text: f.timeLimits.statutory },
    { field: 'body', text: content.body },
  ];
}

/**
 * `serviceLimits`: the time limits of the service the guide is for, where this portal runs it
 * (api/services/guide-time-limits.ts); none for any other guide.
 */
export function editorWarnings(content: GuideLanguageContent, lang: Locale, known: ReadonlySet<string>, serviceLimits: readonly ServiceTimeLimit[] = []): EditorWarning[] {
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
  if (serviceLimits.length > 0) {
    for (const { field, text } of timeTexts(content)) {
      for (const clause of contradictedTimeLimits(text, lang, serviceLimits)) warnings.push({ field, code: 'contradicts_service', detail: clause });
    }
  }
  return warnings;
}
