/**
 * Full-text search over policy guides, with highlight ranges and a snippet for each hit.
 *
 * Ranking is MiniSearch's BM25 under one rule of its own: a guide that recognises more of what was
 * typed as one of its everyday names or phrases, whole, comes first (docs/decisions/020). Chinese
 * has no spaces, so a run of Han characters becomes overlapping bigrams (离婚登记 → 离婚 婚登 登记):
 * a two-character word, the commonest length, is then matched exactly wherever it occurs. Other
 * letters and digits form words, lightly stemmed for English plurals. All text passes through
 * normalizeForSearch first, which keeps lengths, so every term carries offsets valid in the
 * original string.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { normalizeForSearch } from './normalize.ts';

export type SearchLanguage = 'zh-CN' | 'en';

export interface SearchDocument {
  slug: string;
  lang: SearchLanguage;
  title: string;
  aliases: string[];
  /** How people ask about the situation in their own words (没钱吃饭, 老人走了): searched, never shown. */
  phrases: string[];
  summary: string;
  /** Plain text of all other fields and the body. */
  text: string;
}

/** On the original string; end exclusive; sorted, non-overlapping, merged. */
export interface HighlightRange {
  start: number;
  end: number;
}

export interface SearchHit {
  slug: string;
  lang: SearchLanguage;
  score: number;
  title: string;
  titleHighlights: HighlightRange[];
  snippet: string;
  snippetHighlights: HighlightRange[];
  matchedAliases: string[];
}

export interface GuideSearchIndex {
  search(query: string, lang: SearchLanguage, options?: { limit?: number }): SearchHit[];
  readonly size: number;
}

const MAX_QUERY_LENGTH = 100;
const DEFAULT_LIMIT = 20;
/** Chinese packs about twice the meaning per character, so its snippet is half as long. */
const SNIPPET_WIDTH: Record<SearchLanguage, number> = { 'zh-CN': 80, en: 160 };
/**
 * Aliases are the everyday names (低保, 火化) citizens actually type, so they outrank even titles;
 * phrases (家里揭不开锅) are longer and looser, so a partial match there counts like one in a title.
 */
const FIELD_BOOSTS = { aliases: 5, phrases: 4, title: 4, summary: 2, text: 1 };
const FIELDS = Object.keys(FIELD_BOOSTS);

const HAN = /\p{Script=Han}/u;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const LATIN_WORD = /^[a-z]+$/;
/** Words found in nearly every English guide: left in, they would outweigh the words that matter. */
const ENGLISH_STOPWORDS = new Set(
  'a an and are as at be by can do does for from how i in is it my of on or the to what when where who with'.split(' '),
);

interface Token {
  term: string;
  start: number;
  end: number;
}

/** Folds common English plurals (burials → burial, allowances → allowance, subsidies → subsidy). */
function stemEnglish(word: string): string {
  if (word.length < 4 || !LATIN_WORD.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function wordToken(normalized: string, start: number, end: number): Token | undefined {
  const word = normalized.slice(start, end);
  // A lone letter is a stray initial or the "s" of a possessive, never a useful search term.
  if (/^\p{L}$/u.test(word) || ENGLISH_STOPWORDS.has(word)) return undefined;
  return { term: stemEnglish(word), start, end };
}

/**
 * Single characters: the index holds every Han character as a unigram besides the bigrams, so a
 * one-character query (葬) finds every guide containing it, at either end of a word. A query keeps
 * unigrams only for runs of length one, so a longer query never matches single characters loosely.
 */
function hanTokens(characters: Token[], withUnigrams: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i + 1 < characters.length; i++) {
    const first = characters[i];
    const second = characters[i + 1];
    if (first && second) tokens.push({ term: first.term + second.term, start: first.start, end: second.end });
  }
  if (withUnigrams || characters.length === 1) tokens.push(...characters);
  return tokens;
}

/** Tokens of an already normalized string; offsets are UTF-16 code units. */
function tokenizeNormalized(normalized: string, withUnigrams: boolean): Token[] {
  const tokens: Token[] = [];
  let hanRun: Token[] = [];
  let wordStart = -1;
  const flushWord = (end: number): void => {
    if (wordStart < 0) return;
    const token = wordToken(normalized, wordStart, end);
    if (token) tokens.push(token);
    wordStart = -1;
  };
  const flushHan = (): void => {
    tokens.push(...hanTokens(hanRun, withUnigrams));
    hanRun = [];
  };
  let offset = 0;
  for (const character of normalized) {
    const end = offset + character.length;
    if (HAN.test(character)) {
      flushWord(offset);
      hanRun.push({ term: character, start: offset, end });
    } else if (WORD_CHARACTER.test(character)) {
      flushHan();
      if (wordStart < 0) wordStart = offset;
    } else {
      flushWord(offset);
      flushHan();
    }
    offset = end;
  }
  flushWord(offset);
  flushHan();
  return tokens;
}

/**
 * Highlighting re-reads the fields of every hit; the same texts come back query after query, so
 * their tokens are kept (bounded: the cache starts afresh when it grows past a few thousand texts).
 */
const tokenCache = new Map<string, Token[]>();
const TOKEN_CACHE_LIMIT = 4000;

function indexTokens(text: string): Token[] {
  let tokens = tokenCache.get(text);
  if (!tokens) {
    tokens = tokenizeNormalized(normalizeForSearch(text), true);
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(text, tokens);
  }
  return tokens;
}

/** The part of a query that is searched: its first 100 characters, never half a surrogate pair. */
function truncateQuery(query: string): string {
  const truncated = query.slice(0, MAX_QUERY_LENGTH);
  return /[\uD800-\uDBFF]$/.test(truncated) ? truncated.slice(0, -1) : truncated;
}

function queryTerms(query: string): string[] {
  const terms = tokenizeNormalized(normalizeForSearch(truncateQuery(query)), false).map((token) => token.term);
  return [...new Set(terms)];
}

/**
 * A text as the units a whole match is judged on: each Han character, and each other word as the
 * search sees it (stemmed; stopwords and stray letters left out). Punctuation and spaces only
 * separate words, so 没钱，吃饭 and 没钱吃饭 are the same units.
 */
function phraseUnits(text: string): string[] {
  const normalized = normalizeForSearch(text);
  const units: string[] = [];
  let wordStart = -1;
  const flushWord = (end: number): void => {
    if (wordStart < 0) return;
    const token = wordToken(normalized, wordStart, end);
    if (token) units.push(token.term);
    wordStart = -1;
  };
  let offset = 0;
  for (const character of normalized) {
    if (HAN.test(character)) {
      flushWord(offset);
      units.push(character);
    } else if (WORD_CHARACTER.test(character)) {
      if (wordStart < 0) wordStart = offset;
    } else {
      flushWord(offset);
    }
    offset += character.length;
  }
  flushWord(offset);
  return units;
}

/**
 * How many units of the query are covered by names or phrases that occur in it whole (all their
 * units, in order, side by side): 领结婚证 covers all four of 领结婚证, while 补领结婚证 covers none,
 * however many bigrams it shares. Overlapping names count each unit once.
 */
function wholeMatchCoverage(queryUnits: readonly string[], names: readonly (readonly string[])[]): number {
  const covered = new Array<boolean>(queryUnits.length).fill(false);
  for (const name of names) {
    for (let start = 0; start + name.length <= queryUnits.length; start++) {
      if (name.every((unit, i) => queryUnits[start + i] === unit)) covered.fill(true, start, start + name.length);
    }
  }
  return covered.filter(Boolean).length;
}

function mergeRanges(ranges: HighlightRange[]): HighlightRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: HighlightRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Tokens of `original` whose term the search matched; unsorted (a Han run yields bigrams, then unigrams). */
function matchedTokens(original: string, matchedTerms: ReadonlySet<string>): Token[] {
  if (matchedTerms.size === 0) return [];
  return indexTokens(original).filter((token) => matchedTerms.has(token.term));
}

function highlightRanges(original: string, matchedTerms: ReadonlySet<string>): HighlightRange[] {
  return mergeRanges(matchedTokens(original, matchedTerms).map(({ start, end }) => ({ start, end })));
}

/**
 * Where the snippet should begin: at the first match, unless a later match starts a stretch that
 * shows more distinct query terms ("social security card" beats an earlier lone "card").
 */
function bestAnchor(tokens: Token[], span: number): number {
  let best = { start: 0, distinctTerms: 0 };
  for (const anchor of tokens) {
    const inSpan = tokens.filter((token) => token.start >= anchor.start && token.end <= anchor.start + span);
    const distinctTerms = new Set(inSpan.map((token) => token.term)).size;
    const better =
      distinctTerms > best.distinctTerms || (distinctTerms === best.distinctTerms && anchor.start < best.start);
    if (better) best = { start: anchor.start, distinctTerms };
  }
  return best.start;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Moves a cut in English text back to a space, so no word is shown half. */
function snapToSpace(text: string, start: number, end: number): [number, number] {
  const reach = 20;
  let snappedStart = start;
  let snappedEnd = end;
  if (start > 0 && text[start - 1] !== ' ') {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space - start <= reach) snappedStart = space + 1;
  }
  if (end < text.length && text[end] !== ' ') {
    const space = text.lastIndexOf(' ', end);
    if (space > snappedStart && end - space <= reach) snappedEnd = space;
  }
  return [snappedStart, snappedEnd];
}

/** Line breaks of the body mean nothing in a one-line snippet. */
function flatten(text: string): string {
  return /\s\s|[\n\r\t]/.test(text) || text !== text.trim() ? text.replace(/\s+/g, ' ').trim() : text;
}

/** A window of `text` that starts a little before the best match; "…" marks each cut. */
function snippetOf(
  text: string,
  matchedTerms: ReadonlySet<string>,
  lang: SearchLanguage,
): { snippet: string; snippetHighlights: HighlightRange[] } {
  const flat = flatten(text);
  const width = SNIPPET_WIDTH[lang];
  const lead = Math.floor(width / 4);
  const anchor = bestAnchor(matchedTokens(flat, matchedTerms), width - lead);
  let end = Math.min(flat.length, Math.max(0, anchor - lead) + width);
  let start = Math.max(0, end - width);
  if (lang === 'en') [start, end] = snapToSpace(flat, start, end);
  if (start > 0 && isLowSurrogate(flat.charCodeAt(start))) start += 1;
  if (end < flat.length && isLowSurrogate(flat.charCodeAt(end))) end -= 1;
  const snippet = `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
  return { snippet, snippetHighlights: highlightRanges(snippet, matchedTerms) };
}

function fieldText(doc: SearchDocument, field: string): string {
  switch (field) {
    case 'slug':
      return doc.slug;
    case 'title':
      return doc.title;
    // A line break between aliases (or phrases) keeps bigrams from spanning two of them.
    case 'aliases':
      return doc.aliases.join('\n');
    case 'phrases':
      return doc.phrases.join('\n');
    case 'summary':
      return doc.summary;
    case 'text':
      return doc.text;
    default:
      return '';
  }
}

/** The document terms (after prefix and fuzzy expansion) that matched in `field`. */
function termsMatchedIn(result: SearchResult, field: string): Set<string> {
  const terms = Object.entries(result.match).filter(([, fields]) => fields.includes(field));
  return new Set(terms.map(([term]) => term));
}

function toHit(result: SearchResult, doc: SearchDocument): SearchHit {
  const summaryTerms = termsMatchedIn(result, 'summary');
  const textTerms = termsMatchedIn(result, 'text');
  // The field matching more distinct terms shows best why the guide was found; on a tie the
  // summary wins, being written to be read on its own. Nothing matched there: the plain summary.
  const snippet =
    textTerms.size > summaryTerms.size
      ? snippetOf(doc.text, textTerms, doc.lang)
      : snippetOf(doc.summary, summaryTerms, doc.lang);
  const aliasTerms = termsMatchedIn(result, 'aliases');
  return {
    slug: doc.slug,
    lang: doc.lang,
    score: result.score,
    title: doc.title,
    titleHighlights: highlightRanges(doc.title, termsMatchedIn(result, 'title')),
    ...snippet,
    matchedAliases: doc.aliases.filter((alias) => indexTokens(alias).some((token) => aliasTerms.has(token.term))),
  };
}

function newEngine(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>({
    idField: 'slug',
    fields: FIELDS,
    extractField: fieldText,
    tokenize: (text) => indexTokens(text).map((token) => token.term),
    // Terms come out of the tokenizer final (normalized, stemmed); MiniSearch must not lower-case again.
    processTerm: (term) => term,
    searchOptions: {
      tokenize: queryTerms,
      processTerm: (term) => term,
      boost: FIELD_BOOSTS,
      combineWith: 'OR',
      // Prefix and fuzzy matching would turn a Chinese bigram into noise, so only Latin words get them.
      prefix: (term) => LATIN_WORD.test(term) && term.length >= 3,
      fuzzy: (term) => (LATIN_WORD.test(term) && term.length >= 5 ? 1 : false),
    },
  });
}

interface LanguageIndex {
  engine: MiniSearch<SearchDocument>;
  bySlug: Map<string, SearchDocument>;
  namesBySlug: Map<string, string[][]>;
}

/** One index per language keeps each language's term statistics (IDF) its own. */
const LANGUAGES: readonly SearchLanguage[] = ['zh-CN', 'en'];

/** A language's documents and lookups, its engine still empty. */
function languageIndex(docs: SearchDocument[], lang: SearchLanguage): { docs: SearchDocument[]; index: LanguageIndex } {
  // Whitespace is collapsed once here, so snippets find the text already flat (and its tokens cached).
  const docsInLanguage = docs
    .filter((doc) => doc.lang === lang)
    .map((doc) => ({ ...doc, summary: flatten(doc.summary), text: flatten(doc.text) }));
  const bySlug = new Map(docsInLanguage.map((doc) => [doc.slug, doc]));
  // The everyday names and phrases of each guide, as units, for telling a whole match from a partial one.
  const namesBySlug = new Map(
    docsInLanguage.map((doc) => [
      doc.slug,
      [...doc.aliases, ...doc.phrases].map(phraseUnits).filter((units) => units.length > 0),
    ]),
  );
  return { docs: docsInLanguage, index: { engine: newEngine(), bySlug, namesBySlug } };
}

export function buildGuideSearchIndex(docs: SearchDocument[]): GuideSearchIndex {
  const byLanguage = new Map(
    LANGUAGES.map((lang) => {
      const { docs: docsInLanguage, index } = languageIndex(docs, lang);
      index.engine.addAll(docsInLanguage); // throws on a slug repeated within one language
      return [lang, index] as const;
    }),
  );
  return searchIndexOver(byLanguage, docs.length);
}

/**
 * The same index, built a guide at a time with a turn of the event loop between guides: a server
 * answers other requests meanwhile (a guide's bigrams take ~10 ms; all of them ~0.3 s, which no
 * request should wait behind: docs/decisions/078). Rejects on a slug repeated within one language.
 */
export async function buildGuideSearchIndexInSteps(docs: SearchDocument[]): Promise<GuideSearchIndex> {
  const byLanguage = new Map<SearchLanguage, LanguageIndex>();
  for (const lang of LANGUAGES) {
    const { docs: docsInLanguage, index } = languageIndex(docs, lang);
    await index.engine.addAllAsync(docsInLanguage, { chunkSize: 1 });
    byLanguage.set(lang, index);
  }
  return searchIndexOver(byLanguage, docs.length);
}

function searchIndexOver(byLanguage: ReadonlyMap<SearchLanguage, LanguageIndex>, size: number): GuideSearchIndex {
  return {
    size,
    search(query, lang, options = {}) {
      const termCount = queryTerms(query).length;
      const language = byLanguage.get(lang);
      if (termCount === 0 || !language) return [];
      const limit = Math.max(0, options.limit ?? DEFAULT_LIMIT);
      const units = phraseUnits(truncateQuery(query));
      const coverage = new Map<string, number>();
      for (const [slug, names] of language.namesBySlug) {
        const covered = wholeMatchCoverage(units, names);
        if (covered > 0) coverage.set(slug, covered);
      }
      const results = language.engine.search(query);
      // A one-character phrase inside a longer query (穷 in 我很穷) shares no bigram with it, so
      // BM25 never saw it; a whole match is a match all the same.
      const found = new Set(results.map((result) => String(result.id)));
      for (const slug of coverage.keys()) {
        if (!found.has(slug)) results.push({ id: slug, score: 0, terms: [], queryTerms: [], match: {} });
      }
      // First the guide that recognises more of what was typed as its own everyday words, whole
      // (家里有人去世 is a death, whatever else shares 家里有); then, as MiniSearch scores an OR query
      // by summed BM25, the guide matching more of the query's terms, so one frequent term cannot
      // outrank a guide that has them all; then BM25.
      const wholly = (slug: unknown): number => coverage.get(String(slug)) ?? 0;
      results.sort(
        (a, b) => wholly(b.id) - wholly(a.id) || b.queryTerms.length - a.queryTerms.length || b.score - a.score,
      );
      const hits: SearchHit[] = [];
      for (const result of results.slice(0, limit)) {
        const doc = language.bySlug.get(String(result.id));
        if (doc) hits.push(toHit(result, doc));
      }
      return hits;
    },
  };
}
