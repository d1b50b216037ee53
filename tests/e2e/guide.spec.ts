/**
 * A guide page tells a citizen everything at once (一次性告知): every section, the main action, the
 * related guides, when it was last checked, and which local figures are only examples. Its
 * printable version carries the same sections without the site around it.
 */
import { expect, test } from '@playwright/test';
import { escapeRegExp, exactly, exampleFigures, guideFile, LANGUAGES, plainGuideText, sectionHeadings } from './support/portal.ts';

const SLUG = 'minimum-living-allowance';

for (const language of LANGUAGES) {
  const s = language.strings;
  const guide = guideFile(language, SLUG);

  test.describe(`In ${language.name}, a guide page`, () => {
    test('shows every section a citizen needs, the main action, related guides and the last-updated date', async ({ page }) => {
      await page.goto(language.path(`/guides/${SLUG}`));
      const main = page.getByRole('main');
      await expect(page).toHaveTitle(`${guide.title} - ${s.site.name}`);
      await expect(main.getByRole('heading', { level: 1 })).toHaveText(guide.title);
      await expect(main.getByText(plainGuideText(guide.summary), { exact: false }).first()).toBeVisible();

      await expect(main.getByRole('heading', { level: 2 })).toContainText(sectionHeadings(s).map(exactly));

      const contents = main.getByRole('navigation', { name: s.guide.onThisPage });
      await expect(contents.getByRole('link')).toHaveText([...sectionHeadings(s), s.guide.more]);

      const related = main.getByRole('region', { name: s.guide.related });
      for (const slug of guide.related) {
        await expect(related.getByRole('link', { name: guideFile(language, slug).title, exact: true })).toHaveAttribute('href', language.path(`/guides/${slug}`));
      }

      // Dates as each language writes them: 2026年11月25日 / 25 November 2026.
      expect(language.date('2026-11-25')).toBe(language.code === 'zh-CN' ? '2026年11月25日' : '25 November 2026');
      const lastUpdated = language.t(s.guide.lastUpdated, { date: language.date(guide.updated) });
      await expect(main.getByText(lastUpdated, { exact: true }).first()).toBeVisible();
      await expect(main.getByRole('link', { name: s.guide.printView })).toHaveAttribute('href', language.path(`/guides/${SLUG}/print`));

      const action = main.getByRole('link', { name: s.apply.howToApply, exact: true });
      await expect(action).toHaveAttribute('href', '#steps');
      await action.click();
      await expect(page).toHaveURL(/#steps$/);
      await expect(main.getByRole('heading', { level: 2, name: s.guide.steps, exact: true })).toBeInViewport();
    });

    test('marks every local figure with the “example” badge', async ({ page }) => {
      await page.goto(language.path(`/guides/${SLUG}`));
      const figures = guide.eligibility.flatMap(exampleFigures);
      expect(figures.length).toBeGreaterThan(0);
      const badged = page.getByRole('main').getByTitle(s.guide.exampleTitle, { exact: true });
      for (const figure of figures) {
        await expect(badged.filter({ hasText: figure }).first()).toHaveText(`${figure}${s.guide.example}`);
      }
      expect(await badged.count()).toBeGreaterThanOrEqual(figures.length);
    });
  });

  test.describe(`In ${language.name}, the printable guide`, () => {
    test('has every section, no site navigation, and says where and when it was printed', async ({ page, baseURL }) => {
      await page.goto(language.path(`/guides/${SLUG}/print`));
      await expect(page.locator('html')).toHaveAttribute('lang', language.code);
      await expect(page).toHaveTitle(`${guide.title} (${s.guide.printView}) - ${s.site.name}`);
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 1 })).toHaveText(guide.title);
      await expect(main.getByRole('heading', { level: 2 })).toContainText(sectionHeadings(s).map(exactly));

      await expect(page.getByRole('navigation')).toHaveCount(0);
      await expect(page.getByRole('banner')).toHaveCount(0);
      await expect(page.getByRole('contentinfo')).toHaveCount(0);
      await expect(page.getByRole('search')).toHaveCount(0);
      await expect(page.getByRole('link', { name: s.guide.backToGuide })).toHaveAttribute('href', language.path(`/guides/${SLUG}`));

      const sourceUrl = new URL(language.path(`/guides/${SLUG}`), baseURL).href;
      const datePattern = language.code === 'zh-CN' ? '\\d{4}年\\d{1,2}月\\d{1,2}日' : '\\d{1,2} [A-Z][a-z]+ \\d{4}';
      const [before, after] = s.guide.printedFrom.split('{{date}}').map((part) => escapeRegExp(language.t(part, { url: sourceUrl })));
      await expect(main.getByText(new RegExp(`^${before}${datePattern}${after}$`))).toBeVisible();
    });
  });
}
