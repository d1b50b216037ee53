/**
 * `npm test`: the whole suite, tier by tier, in the order a change can break things
 * (tests/README.md):
 *   0. type-check the TypeScript (.ts/.tsx; .astro templates are not: `astro check` needs the
 *      TypeScript 5 language service, and the project is on TypeScript 7);
 *   1. build the site when the sources changed since the last build (the HTML, browser and process
 *      tests run against the built server, as users do);
 *   2. unit, 3. data and API (PostgreSQL too when TEST_DATABASE_URL is set), 4. HTML: Vitest;
 *   5. browser, 6. accessibility sweep: Playwright in Chromium.
 * Every tier runs even when an earlier one failed, so one run shows every failure. It ends with
 * the time and count per tier, the ten slowest tests (from the runners' JSON reports), and one
 * line "N passed, N failed".
 *
 * `node tests/run-all.ts html [filter…]` runs one tier (after building when needed), passing any
 * filters to its runner: `npm run test:html -- track` runs tests/html/track.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtFingerprint, PROJECT_ROOT, sourceFingerprint } from '../api/cli/build-stamp.ts';

interface Tier {
  name: string;
  title: string;
  runner: 'vitest' | 'playwright';
  /** The runner's project(s). */
  projects: string[];
  needsBuild: boolean;
}

const TIERS: Tier[] = [
  { name: 'unit', title: 'Unit tests', runner: 'vitest', projects: ['unit'], needsBuild: false },
  { name: 'api', title: `Data-layer and API tests (${process.env.TEST_DATABASE_URL ? 'SQLite and PostgreSQL' : 'SQLite; set TEST_DATABASE_URL for PostgreSQL too'})`, runner: 'vitest', projects: ['api', 'api-statuses'], needsBuild: true },
  { name: 'html', title: 'HTML tests (every page and plain form, no browser)', runner: 'vitest', projects: ['html'], needsBuild: true },
  { name: 'e2e', title: 'Browser tests (Chromium)', runner: 'playwright', projects: ['chromium', 'chromium-no-js', 'phone'], needsBuild: true },
  { name: 'a11y', title: 'Accessibility sweep (axe in Chromium)', runner: 'playwright', projects: ['a11y'], needsBuild: true },
];

interface Outcome {
  tier: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  /** The tier whose run this one shared (its seconds are counted there). */
  ranWith?: string;
  tests: { title: string; seconds: number }[];
}

const bin = (name: string) => join(PROJECT_ROOT, 'node_modules/.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'portal-test-reports-'));

const [first, ...rest] = process.argv.slice(2);
const only = TIERS.find((tier) => tier.name === first);
if (first && !only) {
  console.error(`unknown tier "${first}": one of ${TIERS.map((tier) => tier.name).join(', ')}`);
  process.exit(2);
}
const tiers = only ? [only] : TIERS;
const filters = only ? rest : [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  return spawnSync(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit', env }).status ?? 1;
}

if (!only) {
  console.log('\n▶ Type check');
  const started = performance.now();
  if (run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`type check: ${seconds(started)} s`);
}

if (tiers.some((tier) => tier.needsBuild) && builtFingerprint() !== sourceFingerprint()) {
  console.log('\n▶ Building the site');
  if (run(process.execPath, ['--run', 'build']) !== 0) process.exit(1);
}

// In the whole suite the browser tiers are one Playwright run: its two workers start their servers
// and browsers once, and a long journey at the end of one tier no longer leaves a core idle while
// the other tier waits to start (docs/decisions/082). Each tier still gets its own line below.
const runs: Tier[][] = only ? [[only]] : [...tiers.filter((tier) => tier.runner === 'vitest').map((tier) => [tier]), tiers.filter((tier) => tier.runner === 'playwright')];

const outcomes: Outcome[] = [];
for (const group of runs) {
  const [first] = group;
  if (!first) continue;
  console.log(`\n▶ ${group.map((tier) => tier.title).join(' + ')}`);
  const started = performance.now();
  const json = join(reports, `${group.map((tier) => tier.name).join('+')}.json`);
  const projects = group.flatMap((tier) => tier.projects);
  const status =
    first.runner === 'vitest'
      ? run(bin('vitest'), ['run', '--config', 'tests/vitest.config.ts', ...projects.map((project) => `--project=${project}`), '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...filters])
      : run(bin('playwright'), ['test', '--config', 'tests/playwright.config.ts', ...projects.map((project) => `--project=${project}`), '--reporter=list,json', ...filters], { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: json });
  const elapsed = Number(seconds(started));
  const grouped: Outcome[] = group.map((tier, index) => ({
    tier: tier.name,
    seconds: index === 0 ? elapsed : 0,
    ...(index === 0 ? {} : { ranWith: first.name }),
    ...(tier.runner === 'vitest' ? readVitest(json) : readPlaywright(json, tier.projects)),
  }));
  // A runner that failed without a failed test (a crash, a failed set-up) still fails the run.
  const [lead] = grouped;
  if (status !== 0 && lead && grouped.every((outcome) => outcome.failed === 0)) lead.failed = 1;
  outcomes.push(...grouped);
}

console.log('\n▶ Summary');
console.log('tier   tests   failed  skipped  seconds');
for (const o of outcomes) console.log(`${o.tier.padEnd(6)} ${String(o.passed).padStart(5)}   ${String(o.failed).padStart(6)}  ${String(o.skipped).padStart(7)}  ${(o.ranWith ? `(in ${o.ranWith})` : o.seconds.toFixed(1)).padStart(7)}`);
const slowest = outcomes.flatMap((o) => o.tests.map((test) => ({ ...test, tier: o.tier }))).sort((a, b) => b.seconds - a.seconds).slice(0, 10);
console.log('\nthe ten slowest tests:');
for (const test of slowest) console.log(`${test.seconds.toFixed(1).padStart(6)} s  ${test.tier.padEnd(5)} ${test.title}`);
const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
const skipped = outcomes.reduce((sum, o) => sum + o.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

interface VitestFile {
  name: string;
  assertionResults?: { fullName?: string; title?: string; status: string; duration?: number | null }[];
}

function readVitest(file: string): Omit<Outcome, 'tier' | 'seconds'> {
  const json = readJson(file);
  if (!json) return { passed: 0, failed: 1, skipped: 0, tests: [] };
  const files = (json.testResults ?? []) as VitestFile[];
  const tests = files.flatMap((result) =>
    (result.assertionResults ?? []).map((test) => ({ title: `${result.name.replace(`${PROJECT_ROOT}`, '')} › ${test.fullName ?? test.title ?? ''}`, seconds: (test.duration ?? 0) / 1000 })),
  );
  return {
    passed: Number(json.numPassedTests ?? 0),
    failed: Number(json.numFailedTests ?? 0),
    skipped: Number(json.numPendingTests ?? 0) + Number(json.numTodoTests ?? 0),
    tests,
  };
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; file: string; tests: { projectName: string; status?: string; results: { duration: number }[] }[] }[];
  suites?: PlaywrightSuite[];
}

/** The tests of the given projects in a Playwright JSON report, counted by their status. */
function readPlaywright(file: string, projects: readonly string[]): Omit<Outcome, 'tier' | 'seconds'> {
  const json = readJson(file);
  if (!json) return { passed: 0, failed: 1, skipped: 0, tests: [] };
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const tests: Outcome['tests'] = [];
  const walk = (suite: PlaywrightSuite, path: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (!projects.includes(test.projectName)) continue;
        if (test.status === 'expected' || test.status === 'flaky') counts.passed += 1;
        else if (test.status === 'skipped') counts.skipped += 1;
        else counts.failed += 1;
        const duration = test.results.reduce((sum, result) => sum + result.duration, 0);
        tests.push({ title: `[${test.projectName}] ${spec.file} › ${[...path, spec.title].join(' › ')}`, seconds: duration / 1000 });
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.file ? path : [...path, child.title]);
  };
  for (const suite of (json.suites ?? []) as PlaywrightSuite[]) walk(suite, []);
  return { ...counts, tests };
}
