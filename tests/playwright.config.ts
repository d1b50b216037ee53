/**
 * The browser tier (tests/README.md): real Chromium for what only a browser shows, and the
 * accessibility sweep. Each worker starts its own server and database (tests/e2e/support/fixtures.ts).
 *   chromium        islands, keyboard and focus, computed styles, downloads, and one happy journey
 *                   per service in each language (tests/e2e);
 *   chromium-no-js  the journeys tagged @no-js (one per service), with JavaScript off: the HTML tier
 *                   covers every plain-form path, this proves a real browser gets through too;
 *   phone           the layout on a phone (tests tagged @phone);
 *   a11y            axe once per page template and state, both languages (tests/a11y).
 *
 * The browser: CHROMIUM_PATH when set; else Debian's /usr/bin/chromium when present; else the
 * browser Playwright installed for itself (`npx playwright install chromium`), if any.
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const executablePath = process.env.CHROMIUM_PATH || systemChromium;

const launchOptions = {
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
};

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  fullyParallel: true,
  // Two cores: two workers, each with its own server process.
  workers: 2,
  retries: 0,
  // A test should take seconds (tests/README.md: none over 20 s); this only stops one that hangs.
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    // A failed test keeps its trace (each step's DOM, the network, the console) but not the
    // screencast: recording a screenshot at every step cost ~10–15% of the browser tiers' time, and
    // the DOM snapshots show what the screenshots would (docs/decisions/082).
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions,
  },
  projects: [
    { name: 'chromium', testDir: './e2e', use: { ...devices['Desktop Chrome'], launchOptions }, grepInvert: /@phone/ },
    { name: 'chromium-no-js', testDir: './e2e', use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions }, grep: /@no-js/ },
    { name: 'phone', testDir: './e2e', use: { ...devices['Pixel 7'], launchOptions }, grep: /@phone/ },
    { name: 'a11y', testDir: './a11y', use: { ...devices['Desktop Chrome'], launchOptions } },
  ],
});
