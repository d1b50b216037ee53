/**
 * Search finds a guide by the words people actually use (低保, 离婚, 火化, dibao, cremation), in
 * traditional characters and full-width letters too, highlights what matched, helps when nothing
 * matches, and explains a query that is too long. A plain GET form: works without JavaScript.
 */
import { expect, test, type Page } from '@playwright/test';
import { english, escapeRegExp, guideFile, LANGUAGES, zh, type Language } from './support/portal.ts';

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

/** Types into the page's one search form and submits it. */
async function searchFor(page: Page, language: Language, query: string) {
  const s = language.strings;
  const form = page.getByRole('search');
  await form.getByRole('searchbox', { name: s.search.label }).fill(query);
  await form.getByRole('button', { name: s.search.button }).click();
}

for (const language of LANGUAGES) {
  const s = language.strings;
  /** The list of results: the last list in the main content. */
  const results = (page: Page) => page.getByRole('main').getByRole('list').last();

  test.describe(`In ${language.name}, search`, () => {
    for (const { query, slug, kind } of CASES.get(language) ?? []) {
      const guide = guideFile(language, slug);
      test(`finds “${guide.title}” first for “${query}” (${kind}), with the match highlighted`, async ({ page }) => {
        if (kind === 'everyday word') expect(guide.aliases, `"${query}" is one of the guide's own aliases`).toContain(query);

        await page.goto(`${language.path('/search')}?q=${encodeURIComponent(query)}`);
        const heading = language.t(s.search.titleWithQuery, { query });
        await expect(page).toHaveTitle(`${heading} - ${s.site.name}`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
        await expect(page.getByRole('searchbox', { name: s.search.label })).toHaveValue(query);

        const items = results(page).getByRole('listitem');
        const first = items.first();
        await expect(first.getByRole('link').first()).toHaveText(guide.title);
        await expect(first.getByRole('link').first()).toHaveAttribute('href', language.path(`/guides/${slug}`));
        await expect(first.locator('mark').first()).toBeVisible();

        const count = await items.count();
        await expect(page.getByRole('status')).toHaveText(language.t(count === 1 ? s.search.resultCount_one : s.search.resultCount_other, { count }));
      });
    }

    test('works from the large search box on the home page', async ({ page }) => {
      const query = language === zh ? '低保' : 'dibao';
      await page.goto(language.path('/'));
      const panel = page.getByRole('region', { name: s.home.searchTitle });
      // The home page's box has a visible label, and the header has no second search box.
      await expect(panel.getByText(s.search.label, { exact: true })).toBeVisible();
      await expect(page.getByRole('search')).toHaveCount(1);
      await expect(page.getByRole('searchbox', { name: s.search.label })).toHaveAttribute('placeholder', s.search.placeholder);
      await searchFor(page, language, query);
      await expect(page).toHaveURL(`${language.path('/search')}?q=${encodeURIComponent(query)}`);
      await expect(results(page).getByRole('listitem').first().getByRole('link').first()).toHaveText(guideFile(language, 'minimum-living-allowance').title);
    });

    test('works from the search box in the header of a guide page', async ({ page }) => {
      const query = language === zh ? '离婚' : 'divorce';
      await page.goto(language.path('/guides/marriage-registration'));
      const header = page.getByRole('banner');
      await header.getByRole('searchbox', { name: s.search.label }).fill(query);
      await header.getByRole('button', { name: s.search.button }).click();
      await expect(page).toHaveURL(`${language.path('/search')}?q=${encodeURIComponent(query)}`);
      await expect(results(page).getByRole('listitem').first().getByRole('link').first()).toHaveText(guideFile(language, 'divorce-registration').title);
    });

    test('that finds nothing says so and offers the service list and the hotline', async ({ page }) => {
      const query = 'zzqxjv';
      await page.goto(language.path('/search'));
      await expect(page.getByText(s.search.emptyQuery)).toBeVisible();
      await searchFor(page, language, query);

      const help = page.getByRole('status');
      await expect(help.getByRole('heading', { level: 2 })).toHaveText(language.t(s.search.noResults, { query }));
      await expect(help).toContainText(s.search.noResultsHelp);
      await expect(help).toContainText(s.search.noResultsTryFewer);
      await expect(help).toContainText(language.t(s.search.noResultsCall, { hotline: s.site.hotline }));
      await expect(page.getByRole('searchbox', { name: s.search.label })).toHaveValue(query);
      await help.getByRole('link', { name: s.search.noResultsBrowse }).click();
      await expect(page).toHaveURL(language.path('/services'));
    });

    test('of more than 100 characters shows an error naming the field, and keeps what was typed', async ({ page }) => {
      const query = (language === zh ? '低保' : 'dibao ').repeat(60).slice(0, 101);
      expect(query).toHaveLength(101);
      const response = await page.goto(`${language.path('/search')}?q=${encodeURIComponent(query)}`);
      expect(response?.status()).toBe(422);

      const message = language.t(s.search.queryTooLong, { max: 100 });
      expect(message).toContain(language === zh ? zh.strings.fields.q : 'Search text');
      await expect(page).toHaveTitle(`${s.errors.title}${s.search.title} - ${s.site.name}`);

      const summary = page.getByRole('alert');
      await expect(summary.getByRole('heading', { level: 2 })).toHaveText(s.errors.summaryTitle);
      await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', '#search-page');

      const box = page.getByRole('searchbox', { name: s.search.label });
      await expect(box).toHaveValue(query.trim());
      await expect(box).toHaveAccessibleDescription(new RegExp(`^${escapeRegExp(s.errors.title.trim())}\\s*${escapeRegExp(message)}$`));
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText(message, { exact: true }).last()).toBeVisible();
      await expect(page.getByRole('status')).toHaveCount(0);
    });
  });
}
