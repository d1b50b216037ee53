/**
 * The data and API tier's template database: SQLite migrated once before the run, then copied for
 * every test file that asks for a database (a file copy instead of running every migration again;
 * as the Epic Stack builds each worker's database from a migrated template). PostgreSQL gets a
 * fresh schema migrated per file: copying a database from a template there costs as much as the
 * migrations (measured: 0.5–1.2 s per CREATE DATABASE … TEMPLATE on this machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../api/db/connect.ts';
import { migrateToLatest } from '../../api/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated SQLite file to copy; absent when the tier runs without this set-up. */
    sqliteTemplate?: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'portal-template-'));
  const path = join(dir, 'template.sqlite');
  const handle = openDatabase({ kind: 'sqlite', path });
  await migrateToLatest(handle.db);
  // Closing checkpoints the write-ahead log into the file, so the file alone is the whole database.
  await handle.close();
  project.provide('sqliteTemplate', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
