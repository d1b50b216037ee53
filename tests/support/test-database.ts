/**
 * A database of its own for each test file: a fresh SQLite file always (a copy of the migrated
 * template when the run made one: template-database.ts), and a fresh PostgreSQL
 * schema whenever TEST_DATABASE_URL is set (CI sets it). Dropped at the end, so parallel runs and
 * parallel workers never meet.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../api/db/connect.ts';
import { migrateToLatest } from '../../api/db/migrate.ts';
import type { DatabaseKind, DatabaseTarget } from '../../api/db/connect.ts';
import { useAuditKeys } from '../../api/db/audit.repo.ts';
import { deriveAuditKeys } from '../../api/platform/audit-keys.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/**
 * In-process tests audit under keys of their own, set for every file that opens a database (a
 * server process derives its keys from its secret: api/server/main.ts).
 */
export const TEST_AUDIT_KEYS = deriveAuditKeys(randomBytes(32));
useAuditKeys(TEST_AUDIT_KEYS);

/** The dialects every data-layer and API test runs against. */
export const DIALECTS: DatabaseKind[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  target: DatabaseTarget;
  /** Removes the file or schema. */
  drop(): Promise<void>;
}

/** `fresh`: an empty database even when a migrated template exists (for tests of the migrations themselves). */
export async function createTestDatabase(kind: DatabaseKind, options: { fresh?: boolean } = {}): Promise<TestDatabase> {
  // Again for every database, not only when this module is first imported: a worker runs file after
  // file in one process (tests/vitest.config.ts), and a file may have put keys of its own in force.
  useAuditKeys(TEST_AUDIT_KEYS);
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'portal-db-'));
    const path = join(dir, 'test.sqlite');
    // A copy of the migrated template (template-database.ts) when the run made one: migrating finds nothing left to do.
    const template = inject('sqliteTemplate');
    if (template && !options.fresh && existsSync(template)) copyFileSync(template, path);
    return { target: { kind: 'sqlite', path }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    target: { kind: 'postgres', url: TEST_DATABASE_URL, schema, poolSize: 4 },
    drop: async () => {
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`drop schema if exists ${schema} cascade`);
      await dropper.end();
    },
  };
}

/**
 * Inside a describe block: a migrated database of its own for the block, opened before its tests
 * and dropped after them.
 */
export function useMigratedDatabase(kind: DatabaseKind): { readonly handle: DatabaseHandle; readonly target: DatabaseTarget } {
  let testDatabase: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    handle = openDatabase(testDatabase.target);
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
    await testDatabase?.drop();
  });
  return {
    get handle() {
      if (!handle) throw new Error('the database opens in beforeAll');
      return handle;
    },
    get target() {
      if (!testDatabase) throw new Error('the database opens in beforeAll');
      return testDatabase.target;
    },
  };
}
