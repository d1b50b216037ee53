/**
 * The timeout warning on a journey page (docs/decisions/033, GOV.UK's pattern): five minutes before
 * the draft's reference lapses an accessible dialog says so; "continue" extends the reference on the
 * server without reloading, so what was typed stays; when the time runs out the page leaves for the
 * journey's start. The reader's clock is Playwright's, moved on instead of waited for.
 */
import { OLD_AGE_ALLOWANCE_ANSWERS } from '../support/applications.ts';
import { exactly, LANGUAGES } from '../support/site.ts';
import { expect, test } from './support/fixtures.ts';

for (const language of LANGUAGES) {
  const s = language.strings;
  const label = (text: string) => exactly(text.charAt(0).toUpperCase() + text.slice(1));

  test(`In ${language.name}, a journey page warns before the application times out and continuing keeps what was typed`, async ({ page, withDraft }) => {
    await withDraft(page, 'old-age-allowance', { ...OLD_AGE_ALLOWANCE_ANSWERS });
    await page.clock.install();
    await page.goto(language.path('/apply/old-age-allowance/bank'));
    await page.getByLabel(label(s.fields.bank.bankName)).fill('另一家银行');
    const dialog = page.getByRole('dialog', { name: s.draft.timeout.title });
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('24:00');
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('01:30');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(s.draft.timeout.body);
    const extended = page.waitForResponse((response) => response.url().includes('/apply/keep-alive'));
    await dialog.getByRole('button', { name: s.draft.timeout.continue }).click();
    expect((await extended).status()).toBe(200);
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: s.draft.timeout.extended })).toHaveCount(1);
    await expect(page.getByLabel(label(s.fields.bank.bankName))).toHaveValue('另一家银行');
    // Left alone past the new time: the page goes to the start, showing nothing of the answers.
    await page.clock.fastForward('31:00');
    await expect(page).toHaveURL(new RegExp(`${language.path('/apply/old-age-allowance')}$`));
  });
}
