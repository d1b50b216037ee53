/**
 * Pages load within their Content-Security-Policy and without console errors, and the one piece of
 * JavaScript (the read-aloud island) runs: its button appears only where it works, so nobody meets
 * a button that does nothing — without JavaScript there is none.
 */
import { expect, test, type Page } from '@playwright/test';
import { escapeRegExp, LANGUAGES } from './support/portal.ts';

const PAGES = ['/', '/guides/basic-funeral-services'];

/** Console errors and warnings (the browser reports CSP violations there) and uncaught exceptions. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** Also reports each violation as the page sees it (where the page runs scripts at all). */
async function reportPolicyViolations(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
}

for (const language of LANGUAGES) {
  const { readAloud, stopReading, switchOn } = language.strings.elder;

  test.describe(`In ${language.name}`, () => {
    for (const path of PAGES) {
      test(`${language.path(path)} loads with no policy violations or console errors, and offers read-aloud only where it works`, async ({ page, javaScriptEnabled }) => {
        const problems = collectProblems(page);
        await reportPolicyViolations(page);
        const response = await page.goto(language.path(path));
        expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
        const header = page.getByRole('banner');
        const button = header.getByRole('button', { name: readAloud });

        if (javaScriptEnabled) {
          // The island renders its button only once its script has run, and only where the browser can speak.
          const reported = problems.length > 0 ? `; the page reported:\n${problems.join('\n')}` : '';
          await expect(button, `the read-aloud button should appear${reported}`).toBeVisible();
          await expect(button).toBeEnabled();
          await expect(button).toHaveAttribute('aria-pressed', 'false');
          await button.click();
          // Speaking starts (the button turns into "stop"), or ends at once on a machine without voices.
          await expect(header.getByRole('button', { name: new RegExp(`^(${escapeRegExp(stopReading)}|${escapeRegExp(readAloud)})$`) })).toBeVisible();
          await page.evaluate(() => window.speechSynthesis.cancel());
        } else {
          await expect(header.getByRole('button', { name: switchOn })).toBeVisible();
          await expect(button).toHaveCount(0);
          await expect(page.getByText(readAloud)).toBeHidden();
        }
        expect(problems, problems.join('\n')).toEqual([]);
      });
    }
  });
}
