/**
 * Search finds a guide by the words people actually use (低保, 离婚, 火化, dibao, cremation), in
 * traditional characters and full-width letters too, highlights what matched, helps when nothing
 * matches, and explains a query that is too long. A plain GET form: this is what a reader without
 * JavaScript gets.
 */
import { describe, expect, it } from 'vitest';
import { english, escapeRegExp, guideFile, LANGUAGES, zh, type Language } from '../support/site.ts';
import { Form, normalize, type HtmlPage } from './support/html-client.ts';
import { landmarks, listItems, region } from './support/landmarks.ts';
import { visitor } from './support/portal.ts';

interface SearchCase {
  query: string;
  /** The guide that must come first. */
  slug: string;
  /** Why this query: a name from the guide's alias list, or a variant of one. */
  kind: 'everyday word' | 'traditional characters' | 'full-width letters' | 'full-width digits';
}

const CASES = new Map<Language, SearchCase[]>([
  [
    zh,
    [
      { query: '低保', slug: 'minimum-living-allowance', kind: 'everyday word' },
      { query: '离婚', slug: 'divorce-registration', kind: 'everyday word' },
      { query: '火化', slug: 'basic-funeral-services', kind: 'everyday word' },
      { query: '離婚', slug: 'divorce-registration', kind: 'traditional characters' },
      { query: '８０岁补贴', slug: 'old-age-allowance', kind: 'full-width digits' },
    ],
  ],
  [
    english,
    [
      { query: 'cremation', slug: 'basic-funeral-services', kind: 'everyday word' },
      { query: 'dibao', slug: 'minimum-living-allowance', kind: 'everyday word' },
      { query: 'divorce', slug: 'divorce-registration', kind: 'everyday word' },
      { query: '離婚', slug: 'divorce-registration', kind: 'traditional characters' },
      { query: 'ＣＲＥＭＡＴＩＯＮ', slug: 'basic-funeral-services', kind: 'full-width letters' },
    ],
  ],
]);

/** The address a search for this query lands on. */
const searchAddress = (language: Language, query: string) => `${language.path('/search')}?q=${encodeURIComponent(query)}`;

/** The list of results: the last list in the main content. */
function results(page: HtmlPage) {
  const lists = page.all('main ul, main ol');
  const last = lists.at(-1);
  if (!last) throw new Error(`${page.path}${page.url.search} has no list in main`);
  return listItems(last);
}

/** The first link of the first result. */
function firstResultLink(page: HtmlPage) {
  const [first] = results(page);
  if (!first) throw new Error(`${page.path}${page.url.search} lists no result`);
  return page.one('a[href]', first);
}

/** The search form inside this part of the page. */
function searchFormIn(page: HtmlPage, language: Language, within: ReturnType<HtmlPage['one']>): Form {
  const [button] = page.buttons(language.strings.search.button, within);
  const form = button?.closest('form');
  if (!button || !form) throw new Error(`${page.path}: no search form there`);
  return new Form(page, form as typeof within, button);
}

describe.each(LANGUAGES)('search in $name', (language) => {
  const s = language.strings;

  for (const { query, slug, kind } of CASES.get(language) ?? []) {
    const guide = guideFile(language, slug);
    it(`finds “${guide.title}” first for “${query}” (${kind}), with the match highlighted`, async () => {
      if (kind === 'everyday word') expect(guide.aliases, `"${query}" is one of the guide's own aliases`).toContain(query);

      const page = await visitor(language).get(searchAddress(language, query));
      expect(page.status).toBe(200);
      const heading = language.t(s.search.titleWithQuery, { query });
      expect(page.title).toBe(`${heading} - ${s.site.name}`);
      expect(page.texts('h1')).toEqual([heading]);
      expect(page.valueOf(s.search.label)).toBe(query);

      const items = results(page);
      const [first] = items;
      if (!first) throw new Error(`nothing found for “${query}”`);
      const link = page.one('a[href]', first);
      expect(normalize(link.textContent)).toBe(guide.title);
      expect(link.getAttribute('href')).toBe(language.path(`/guides/${slug}`));
      expect(page.texts('mark', first).filter(Boolean), 'the first result highlights what matched').not.toHaveLength(0);

      const count = items.length;
      expect(page.role('status')).toBe(language.t(count === 1 ? s.search.resultCount_one : s.search.resultCount_other, { count }));
    });
  }

  it('is kept as a page until the next publish: the same words asked again are served from the page cache, an empty answer too', async () => {
    const query = language === zh ? '高龄津贴 缓存' : 'old age allowance cache';
    const reader = visitor(language);
    const first = await reader.request(searchAddress(language, query));
    const again = await reader.request(searchAddress(language, query));
    expect(first.status).toBe(200);
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(await again.text()).toContain(language.t(s.search.titleWithQuery, { query }));
    // A refusal is never kept.
    const tooLong = await reader.request(searchAddress(language, '字'.repeat(101)));
    const tooLongAgain = await reader.request(searchAddress(language, '字'.repeat(101)));
    expect([tooLong.status, tooLongAgain.status, tooLongAgain.headers.get('x-cache')]).toEqual([422, 422, null]);
  });

  it('works from the large search box on the home page', async () => {
    const query = language === zh ? '低保' : 'dibao';
    const page = await visitor(language).get(language.path('/'));
    const panel = region(page, s.home.searchTitle);
    // The home page's box has a visible label, and the header has no second search box.
    const label = page.all('label', panel).find((candidate) => normalize(candidate.textContent) === s.search.label);
    expect(label, 'the search box has a label in the panel').toBeDefined();
    expect(label?.closest('form')?.classList.contains('visible-label'), 'the label is shown (not only for screen readers)').toBe(true);
    expect(landmarks(page, 'search')).toHaveLength(1);
    expect(page.field(s.search.label).getAttribute('placeholder')).toBe(s.search.placeholder);

    const answer = await searchFormIn(page, language, panel).fill(s.search.label, query).submit();
    expect(answer.path + answer.url.search).toBe(searchAddress(language, query));
    expect(normalize(firstResultLink(answer).textContent)).toBe(guideFile(language, 'minimum-living-allowance').title);
  });

  it('works from the search box in the header of a guide page', async () => {
    const query = language === zh ? '离婚' : 'divorce';
    const page = await visitor(language).get(language.path('/guides/marriage-registration'));
    const [header] = landmarks(page, 'banner');
    if (!header) throw new Error('the guide page has no banner');
    const answer = await searchFormIn(page, language, header).fill(s.search.label, query).submit();
    expect(answer.path + answer.url.search).toBe(searchAddress(language, query));
    expect(normalize(firstResultLink(answer).textContent)).toBe(guideFile(language, 'divorce-registration').title);
  });

  it('that finds nothing says so and offers the service list and the hotline', async () => {
    const query = 'zzqxjv';
    const reader = visitor(language);
    const empty = await reader.get(language.path('/search'));
    expect(empty.text()).toContain(s.search.emptyQuery);
    const page = await empty.form(s.search.button).fill(s.search.label, query).submit();

    const help = page.one('[role="status"]');
    expect(page.texts('h2', help)).toEqual([language.t(s.search.noResults, { query })]);
    const helpText = normalize(help.textContent);
    expect(helpText).toContain(s.search.noResultsHelp);
    expect(helpText).toContain(s.search.noResultsTryFewer);
    expect(helpText).toContain(language.t(s.search.noResultsCall, { hotline: s.site.hotline }));
    expect(page.valueOf(s.search.label)).toBe(query);
    const services = await page.follow(s.search.noResultsBrowse, help);
    expect(services.path).toBe(language.path('/services'));
  });

  it('of more than 100 characters shows an error naming the field, and keeps what was typed', async () => {
    const query = (language === zh ? '低保' : 'dibao ').repeat(60).slice(0, 101);
    expect(query).toHaveLength(101);
    const page = await visitor(language).get(searchAddress(language, query));
    expect(page.status).toBe(422);

    const message = language.t(s.search.queryTooLong, { max: 100 });
    expect(message).toContain(language === zh ? zh.strings.fields.q : 'Search text');
    expect(page.title).toBe(`${s.errors.title}${s.search.title} - ${s.site.name}`);

    const summary = page.one('[role="alert"]');
    expect(page.texts('h2', summary)).toEqual([s.errors.summaryTitle]);
    expect(page.hrefOf(message, summary)).toBe('#search-page');

    const box = page.field(s.search.label);
    expect(box.getAttribute('id')).toBe('search-page');
    expect(page.valueOf(s.search.label)).toBe(query.trim());
    const described = new RegExp(`^${escapeRegExp(s.errors.title.trim())}\\s*${escapeRegExp(message)}$`);
    expect(page.descriptionOf(box)).toMatch(described);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    // The message also stands next to the box, not only in the summary.
    const nextToBox = page.all('main p').filter((p) => p.closest('[role="alert"]') === null && described.test(normalize(p.textContent)));
    expect(nextToBox).toHaveLength(1);
    expect(page.all('[role="status"]')).toHaveLength(0);
  });
});
