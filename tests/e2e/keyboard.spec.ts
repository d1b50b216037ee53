/** The skip link: the first thing the keyboard reaches, and it moves the focus to the main content. */
import { LANGUAGES } from '../support/site.ts';
import { expect, test } from './support/fixtures.ts';

for (const language of LANGUAGES) {
  test(`In ${language.name}, the skip link is the first thing the keyboard reaches, and it moves focus to the main content`, async ({ page }) => {
    await page.goto(language.path('/guides/marriage-registration'));
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: language.strings.site.skipLink });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await expect(page).toHaveURL(/#main-content$/);
  });
}
