/**
 * Browser tests in real Chromium against the real server (started once per run on a free port
 * with a fresh data folder by global-setup.ts). Two projects: with JavaScript, and without it,
 * because every page and form must work without JavaScript.
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
  testDir: './e2e',
  outputDir: '../test-results',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: true,
  // The server runs in its own process; two workers keep both cores busy.
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: process.env.PORTAL_URL,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions }, grepInvert: /@phone/ },
    // Tests tagged @needs-js (axe runs as a script in the page) are left out without JavaScript.
    { name: 'chromium-no-js', use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions }, grepInvert: /@phone|@needs-js/ },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, grep: /@phone/ },
  ],
});
