/**
 * `npm test`: the whole suite, in the order a change can break things.
 *   0. type-check the TypeScript (.ts/.tsx; .astro templates are not: `astro check` needs the
 *      TypeScript 5 language service, and the project is on TypeScript 7);
 *   1. build the site when the sources changed since the last build (the browser and process tests
 *      run against the built server, as users do);
 *   2. Vitest: unit, data layer and API tests (and PostgreSQL too when TEST_DATABASE_URL is set);
 *   3. Playwright: every page in Chromium, with and without JavaScript, in both languages.
 * Ends with one line "N passed, N failed" over both runners.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtFingerprint, PROJECT_ROOT, sourceFingerprint } from '../api/cli/build-stamp.ts';

const bin = (name: string) => join(PROJECT_ROOT, 'node_modules/.bin', name);
const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit', env: process.env }).status ?? 1;
const reports = mkdtempSync(join(tmpdir(), 'portal-test-reports-'));

console.log('\n▶ Type check');
if (run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (builtFingerprint() !== sourceFingerprint()) {
  console.log('\n▶ Building the site');
  if (run(process.execPath, ['--run', 'build']) !== 0) process.exit(1);
}

console.log(`\n▶ Unit, data-layer and API tests (${process.env.TEST_DATABASE_URL ? 'SQLite and PostgreSQL' : 'SQLite; set TEST_DATABASE_URL for PostgreSQL too'})`);
const vitestJson = join(reports, 'vitest.json');
const vitestStatus = run(bin('vitest'), ['run', '--config', 'tests/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);

console.log('\n▶ Browser tests (Chromium)');
const playwrightJson = join(reports, 'playwright.json');
const playwrightStatus = spawnSync(bin('playwright'), ['test', '--config', 'tests/playwright.config.ts', '--reporter=list,json'], {
  cwd: PROJECT_ROOT,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
}).status ?? 1;

function counts(file: string, read: (json: Record<string, unknown>) => { passed: number; failed: number; skipped: number }) {
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}
const vitest = counts(vitestJson, (json) => ({
  passed: Number(json.numPassedTests ?? 0),
  failed: Number(json.numFailedTests ?? 0),
  skipped: Number(json.numPendingTests ?? 0) + Number(json.numTodoTests ?? 0),
}));
const playwright = counts(playwrightJson, (json) => {
  const stats = (json.stats ?? {}) as Record<string, number>;
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
});
const failed = vitest.failed + playwright.failed + (vitestStatus !== 0 && vitest.failed === 0 ? 1 : 0) + (playwrightStatus !== 0 && playwright.failed === 0 ? 1 : 0);
console.log(`\nvitest ${vitest.passed} passed, ${vitest.failed} failed · playwright ${playwright.passed} passed, ${playwright.failed} failed`);
console.log(`${vitest.passed + playwright.passed} passed, ${failed} failed${vitest.skipped + playwright.skipped ? `, ${vitest.skipped + playwright.skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
