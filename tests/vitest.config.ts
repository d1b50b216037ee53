/**
 * Vitest runs three tiers of the pyramid (tests/README.md), each a project of its own so that one
 * tier runs alone (`npm run test:unit`, `test:api`, `test:html`):
 *   unit: rules, schemas, engines and formatters, no I/O;
 *   api:  the data layer and the API in process, SQLite always and PostgreSQL when TEST_DATABASE_URL
 *         is set (and the tests of the server as a process);
 *   html: every page and plain-form path against one real server per worker, without a browser;
 *   api-statuses: after the api project (sequence.groupOrder), the check that every status the API
 *         tests were answered is documented for its operation (tests/support/answered-statuses.ts).
 * Two workers: the machines have two cores, and Vitest's default (cores − 1) would leave one idle.
 * Not isolated (`isolate: false`): a worker imports the portal's modules once and runs file after
 * file on them, instead of importing them all again for every file (that import was half of the unit
 * tier's time and a quarter of the HTML tier's; docs/decisions/082). Test files therefore must not
 * leave state behind in a module (every portal, database and clock is made per file, as before), and
 * a test file never imports another test file: one would run the other's tests again inside it.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const root = new URL('..', import.meta.url).pathname;
/** Where this run's API tests note the statuses they were answered (created by the first one). */
const answeredStatuses = join(tmpdir(), `portal-answered-statuses-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
const ANSWERED_STATUSES_CHECK = 'tests/api/answered-statuses.test.ts';

export default defineConfig({
  test: {
    root,
    environment: 'node',
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts', 'tests/db/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ANSWERED_STATUSES_CHECK],
          globalSetup: ['tests/support/template-database.ts'],
          provide: { answeredStatuses },
        },
      },
      { extends: true, test: { name: 'api-statuses', include: [ANSWERED_STATUSES_CHECK], sequence: { groupOrder: 1 }, provide: { answeredStatuses } } },
      { extends: true, test: { name: 'html', include: ['tests/html/**/*.test.ts'], globalSetup: ['tests/html/support/global-setup.ts'] } },
      // Not part of `npm test`: `npm run test:faults` (kill -9, a database restart; minutes, and a database server to restart).
      { extends: true, test: { name: 'faults', include: ['tests/faults/**/*.fault.test.ts'], testTimeout: 300_000, maxWorkers: 1 } },
    ],
  },
});
