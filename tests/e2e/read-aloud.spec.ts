/**
 * The one piece of JavaScript on content pages, the read-aloud island: pages load within their
 * Content-Security-Policy and without console errors, and the button appears (only once its script
 * has run, and only where the browser can speak) and works, in a place held for it, so that nothing
 * moves when it appears (on English pages it once wrapped the header: a layout shift of 0.05).
 * Without JavaScript there is no button: tests/html/scripts.test.ts.
 */
import type { Page } from '@playwright/test';
import { escapeRegExp, LANGUAGES } from '../support/site.ts';
import { expect, test } from './support/fixtures.ts';

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

for (const language of LANGUAGES) {
  const { readAloud, stopReading } = language.strings.elder;

  test(`In ${language.name}, the home page and a guide load with no policy violations or console errors, and read aloud`, async ({ page }) => {
    const problems = collectProblems(page);
    // Also reports each violation as the page sees it.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`);
      });
    });
    for (const path of PAGES) {
      const response = await page.goto(language.path(path));
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      const header = page.getByRole('banner');
      const button = header.getByRole('button', { name: readAloud });
      const reported = problems.length > 0 ? `; the page reported:\n${problems.join('\n')}` : '';
      await expect(button, `the read-aloud button should appear on ${path}${reported}`).toBeVisible();
      await expect(button).toBeEnabled();
      await expect(button).toHaveAttribute('aria-pressed', 'false');
      await button.click();
      // Speaking starts (the button turns into "stop"), or ends at once on a machine without voices.
      await expect(header.getByRole('button', { name: new RegExp(`^(${escapeRegExp(stopReading)}|${escapeRegExp(readAloud)})$`) })).toBeVisible();
      await page.evaluate(() => window.speechSynthesis.cancel());
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

for (const language of LANGUAGES) {
  test(`In ${language.name}, the read-aloud button appears in its place without moving anything on the page`, async ({ page }) => {
    // Every layout shift since the page began to load (none after a person's input here).
    await page.addInitScript(() => {
      const shifts: number[] = [];
      Object.assign(window, { layoutShifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(language.path('/guides/basic-funeral-services'));
    await expect(page.getByRole('banner').getByRole('button', { name: language.strings.elder.readAloud })).toBeVisible();
    // Two frames, so a shift caused by the button's arrival is reported.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts);
    expect(shifts.reduce((sum, value) => sum + value, 0), `layout shifts: ${shifts.join(', ')}`).toBeLessThan(0.01);
  });
}
