/**
 * Every public page (GET) in both languages answers with its status, says its language on <html>,
 * has a title and a main heading, and shows no sign of a missing translation: no raw i18next key,
 * no unfilled {{placeholder}}, and on an English page no Chinese that the English sources did not
 * write themselves (support/translations.ts says which Chinese is legitimate). The pages are the
 * templates under site/pages that a visitor reaches without signing in or starting a form, plus
 * the API reference and a page that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { FUNERAL_HOMES, FUNERAL_SOURCE_PRICE_LISTS } from '../../api/services/funeral/homes.ts';
import { guideFiles, LANGUAGES, zh, type Language } from '../support/site.ts';
import { visitor } from './support/portal.ts';
import { englishContentPage, ENGLISH_GUIDES, missingTranslations } from './support/translations.ts';

interface PublicPage {
  /** The site path (in the Chinese site; the English one is under /en). */
  path: string;
  status: number;
  /** The English texts this page may quote Chinese from, besides the resource strings. */
  sources: (language: Language) => Promise<string[]> | string[];
  /** The API reference is one address in both languages: the browser's Accept-Language chooses. */
  sameAddressInBothLanguages?: boolean;
}

const SEARCH_QUERY = '低保';
// Both languages have the same guides (navigation.test.ts lists them in each).
const slugs = guideFiles(zh).map((guide) => guide.slug);
const none = () => [];
const guides = () => [ENGLISH_GUIDES];
const contentPage = (name: string) => () => [englishContentPage(name)];

const PAGES: PublicPage[] = [
  { path: '/', status: 200, sources: guides },
  { path: '/services', status: 200, sources: guides },
  ...slugs.flatMap((slug) => [
    { path: `/guides/${slug}`, status: 200, sources: guides },
    { path: `/guides/${slug}/print`, status: 200, sources: guides },
  ]),
  { path: '/search', status: 200, sources: none },
  // The reader's own words are echoed (title, heading, box, highlights), and the results are guides.
  { path: `/search?q=${encodeURIComponent(SEARCH_QUERY)}`, status: 200, sources: () => [ENGLISH_GUIDES, SEARCH_QUERY] },
  { path: '/accessibility', status: 200, sources: contentPage('accessibility') },
  { path: '/privacy', status: 200, sources: contentPage('privacy') },
  { path: '/contact', status: 200, sources: contentPage('contact') },
  { path: '/track', status: 200, sources: none },
  // How people rated each service (docs/decisions/055): service names and counts only.
  { path: '/ratings', status: 200, sources: none },
  { path: '/apply/old-age-allowance', status: 200, sources: none },
  { path: '/book/marriage', status: 200, sources: none },
  { path: '/staff/sign-in', status: 200, sources: none },
  // The notice boards (docs/decisions/045): the list of places, a community's boards, and each board (none of the tests' entries hang here).
  { path: '/notices/relief', status: 200, sources: none },
  { path: '/notices/relief/heping-community', status: 200, sources: none },
  { path: '/notices/relief/heping-community/notice', status: 200, sources: none },
  { path: '/notices/relief/heping-community/announcement', status: 200, sources: none },
  // Notices (docs/decisions/056): the list (its English titles are the notices' own; one without English is marked Chinese).
  { path: '/announcements', status: 200, sources: guides },
  // Funeral homes and their price lists (docs/decisions/062): a list's basis is the notice's title as published, in Chinese.
  { path: '/funeral-homes', status: 200, sources: none },
  ...FUNERAL_HOMES.map((home) => ({ path: `/funeral-homes/${home.id}`, status: 200, sources: () => FUNERAL_SOURCE_PRICE_LISTS.map((list) => list.basis) })),
  { path: '/funeral-homes/no-such-home', status: 404, sources: none },
  // A reference for developers, rendered from the OpenAPI document, which is written in English with Chinese terms.
  {
    path: '/api/docs',
    status: 200,
    sameAddressInBothLanguages: true,
    sources: async (language) => [await (await fetch(visitor(language).url('/api/v1/openapi.json'))).text()],
  },
  { path: '/no-such-page', status: 404, sources: none },
  { path: '/guides/no-such-guide', status: 404, sources: none },
];

describe.each(LANGUAGES)('every public page in $name', (language) => {
  it.each(PAGES.map((page) => ({ ...page, address: page.sameAddressInBothLanguages ? page.path : language.path(page.path) })))(
    '$address answers $status in its language, with a title, a heading and every text translated',
    async ({ address, status, sources }) => {
      const page = await visitor(language).get(address);
      expect(page.status).toBe(status);
      expect(page.lang).toBe(language.code);
      expect(page.title).not.toBe('');
      expect(page.h1).not.toBe('');
      expect(missingTranslations(page, language, await sources(language))).toEqual([]);
    },
  );
});
