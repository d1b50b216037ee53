/**
 * WCAG 2.2 AA, as far as axe-core can tell: no violations on any kind of page, in either language,
 * in the standard view and in elder mode. Each page is opened in a context made with
 * browser.newContext(), as @axe-core/playwright asks; a page's two views are checked side by side.
 * axe runs in the page, so this needs JavaScript: the JavaScript project only.
 */
import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { elderCookie, expectNoAxeViolations, LANGUAGES } from './support/portal.ts';

const test = base.extend<{ openPage: (options: { elder: boolean }) => Promise<Page> }>({
  openPage: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async ({ elder }) => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      if (elder) await context.addCookies([elderCookie(baseURL ?? '')]);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

// Tagged @needs-js: axe-core runs as JavaScript in the page, so the no-JavaScript project leaves these out.

const BOTH_VIEWS = [false, true];
const STANDARD_VIEW = [false];

for (const language of LANGUAGES) {
  const everydayWord = language.code === 'zh-CN' ? '低保' : 'dibao';
  const pages: [name: string, path: string, elderViews: boolean[]][] = [
    ['the home page', '/', BOTH_VIEWS],
    ['a guide', '/guides/minimum-living-allowance', BOTH_VIEWS],
    ['search results', `/search?q=${encodeURIComponent(everydayWord)}`, BOTH_VIEWS],
    ['a search that finds nothing', '/search?q=zzqxjv', BOTH_VIEWS],
    ['the service catalogue', '/services', BOTH_VIEWS],
    ['the accessibility statement', '/accessibility', BOTH_VIEWS],
    ['the privacy notice', '/privacy', BOTH_VIEWS],
    ['the contact page', '/contact', BOTH_VIEWS],
    // Made of the same parts as the pages above: the standard view is enough.
    ['the printable guide', '/guides/minimum-living-allowance/print', STANDARD_VIEW],
    ['a search that is too long', `/search?q=${'x'.repeat(101)}`, STANDARD_VIEW],
    ['page not found', '/no-such-page', STANDARD_VIEW],
  ];

  test.describe(`In ${language.name}`, { tag: '@needs-js' }, () => {
    for (const [name, path, elderViews] of pages) {
      const views = elderViews.length > 1 ? ', in the standard view and in elder mode' : '';
      test(`${name} has no axe violations${views}`, async ({ openPage }) => {
        await Promise.all(
          elderViews.map(async (elder) => {
            const page = await openPage({ elder });
            await page.goto(language.path(path));
            await expect(page.locator('html')).toHaveAttribute('lang', language.code);
            if (elder) await expect(page.locator('html')).toHaveClass(/(^|\s)elder(\s|$)/);
            else await expect(page.locator('html')).not.toHaveClass(/(^|\s)elder(\s|$)/);
            await expectNoAxeViolations(page, elder ? 'elder mode' : 'standard view');
          }),
        );
      });
    }
  });
}
