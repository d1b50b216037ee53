/**
 * Vitest runs three tiers of the pyramid (tests/README.md), each a project of its own so that one
 * tier runs alone (`npm run test:unit`, `test:api`, `test:html`):
 *   unit: rules, schemas, engines and formatters, no I/O;
 *   api:  the data layer and the API in process, SQLite always and PostgreSQL when TEST_DATABASE_URL
 *         is set (and the tests of the server as a process);
 *   html: every page and plain-form path against one real server per worker, without a browser.
 * Two workers: the machines have two cores, and Vitest's default (cores − 1) would leave one idle.
 */
import { defineConfig } from 'vitest/config';

const root = new URL('..', import.meta.url).pathname;

export default defineConfig({
  test: {
    root,
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['tests/api/**/*.test.ts', 'tests/db/**/*.test.ts'], globalSetup: ['tests/support/template-database.ts'] } },
      { extends: true, test: { name: 'html', include: ['tests/html/**/*.test.ts'], globalSetup: ['tests/html/support/global-setup.ts'] } },
    ],
  },
});
