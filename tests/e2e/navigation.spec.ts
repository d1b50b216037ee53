/**
 * Finding a service: the home page's top tasks and life events, the full service list, moving
 * between the two languages without losing one's place, the skip link, and the page-not-found page.
 * Runs with and without JavaScript: all of it is plain links and HTML.
 */
import { expect, test } from '@playwright/test';
import { exactly, guideFile, guideFiles, guidesFor, LANGUAGES, LIFE_EVENTS, otherLanguage } from './support/portal.ts';

const TOP_TASKS = ['marriage', 'relief', 'funeral', 'track'] as const;

for (const language of LANGUAGES) {
  const s = language.strings;
  const other = otherLanguage(language);

  test.describe(`In ${language.name}`, () => {
    test('the home page offers the four top tasks and the guides grouped by the four life events', async ({ page }) => {
      await page.goto(language.path('/'));
      await expect(page.locator('html')).toHaveAttribute('lang', language.code);
      await expect(page).toHaveTitle(s.home.title);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.home.title);

      const topTasks = page.getByRole('region', { name: s.home.topTasksTitle });
      await expect(topTasks.getByRole('link')).toHaveText(TOP_TASKS.map((task) => s.home.topTask[task]));
      for (const task of TOP_TASKS) await expect(topTasks).toContainText(s.home.topTask[`${task}Hint`]);

      const lifeEvents = page.getByRole('region', { name: s.home.lifeEventsTitle });
      await expect(lifeEvents.getByRole('heading', { level: 3 })).toHaveText(LIFE_EVENTS.map((event) => s.lifeEvent[event]));
      for (const event of LIFE_EVENTS) {
        const titles = guidesFor(language, event).map((guide) => guide.title);
        expect(titles.length).toBeGreaterThan(0);
        await expect(lifeEvents.getByRole('region', { name: s.lifeEvent[event] }).getByRole('link')).toHaveText(titles);
      }
      await expect(lifeEvents.getByRole('link', { name: s.home.allServices })).toHaveAttribute('href', language.path('/services'));
    });

    test('the service catalogue lists all 12 guides under their life events', async ({ page }) => {
      await page.goto(language.path('/'));
      await page.getByRole('navigation', { name: s.nav.label }).getByRole('link', { name: s.nav.services }).click();
      await expect(page).toHaveURL(language.path('/services'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.services.title);
      await expect(page.getByText(language.t(s.services.count_other, { count: 12 }), { exact: true })).toBeVisible();

      expect(guideFiles(language)).toHaveLength(12);
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 2 })).toHaveText(LIFE_EVENTS.map((event) => s.lifeEvent[event]));
      for (const event of LIFE_EVENTS) {
        const guides = guidesFor(language, event);
        const links = main.getByRole('region', { name: s.lifeEvent[event] }).getByRole('link');
        await expect(links).toHaveText(guides.map((guide) => guide.title));
        expect(await links.evaluateAll((all) => all.map((link) => link.getAttribute('href')))).toEqual(guides.map((guide) => language.path(`/guides/${guide.slug}`)));
      }
      await expect(main.getByRole('listitem')).toHaveCount(12);
    });

    test(`the language switch on a guide opens the same guide in ${other.name}, and back`, async ({ page }) => {
      const guide = guideFile(language, 'divorce-registration');
      const guideInOther = guideFile(other, 'divorce-registration');

      await page.goto(language.path('/'));
      await page.getByRole('region', { name: s.home.lifeEventsTitle }).getByRole('link', { name: guide.title, exact: true }).click();
      await expect(page).toHaveURL(language.path('/guides/divorce-registration'));
      await expect(page.locator('html')).toHaveAttribute('lang', language.code);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(guide.title);

      const switchLink = page.getByRole('link', { name: exactly(s.language.switchTo) });
      await expect(switchLink).toHaveAttribute('lang', other.code);
      await switchLink.click();
      await expect(page).toHaveURL(other.path('/guides/divorce-registration'));
      await expect(page.locator('html')).toHaveAttribute('lang', other.code);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(guideInOther.title);

      await page.getByRole('link', { name: exactly(other.strings.language.switchTo) }).click();
      await expect(page).toHaveURL(language.path('/guides/divorce-registration'));
      await expect(page.locator('html')).toHaveAttribute('lang', language.code);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(guide.title);
    });

    test('the skip link is the first thing the keyboard reaches, and it moves focus to the main content', async ({ page }) => {
      await page.goto(language.path('/guides/marriage-registration'));
      await page.keyboard.press('Tab');
      const skipLink = page.getByRole('link', { name: s.site.skipLink });
      await expect(skipLink).toBeFocused();
      await expect(skipLink).toBeInViewport();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main')).toBeFocused();
      await expect(page).toHaveURL(/#main-content$/);
    });

    test('an unknown address shows "page not found" in the reader’s language, with status 404', async ({ page }) => {
      for (const path of ['/no-such-page', '/guides/no-such-guide']) {
        const response = await page.goto(language.path(path));
        expect(response?.status()).toBe(404);
        await expect(page.locator('html')).toHaveAttribute('lang', language.code);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.pages.notFound.title);
        await expect(page).toHaveTitle(`${s.pages.notFound.title} - ${s.site.name}`);
        await expect(page.getByText(s.pages.notFound.text)).toBeVisible();
        await expect(page.getByRole('main').getByRole('link', { name: s.pages.notFound.home })).toHaveAttribute('href', language.path('/'));
        await expect(page.getByRole('main').getByRole('link', { name: s.home.allServices })).toHaveAttribute('href', language.path('/services'));
      }
    });
  });
}
