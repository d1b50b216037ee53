/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the embedded SQLite file.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { PortalPostgresDialect } from './postgres-introspector.ts';
import type * as Pg from 'pg';
import { NodeSqliteDialect } from './sqlite-dialect.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PostgreSQL's pool, for the operator's metrics: connections open, idle, and requests waiting for one. */
  poolFigures?: () => { total: number; idle: number; waiting: number };
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; /** search_path, for tests that each take a schema of their own */ schema?: string; poolSize?: number }
  | { kind: 'sqlite'; path: string };

export function databaseTarget(options: { databaseUrl?: string | undefined; dataDir: string }): DatabaseTarget {
  if (options.databaseUrl) return { kind: 'postgres', url: options.databaseUrl };
  mkdirSync(options.dataDir, { recursive: true });
  return { kind: 'sqlite', path: join(options.dataDir, 'portal.sqlite') };
}

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === 'sqlite') {
    const db = new Kysely<Database>({ dialect: new NodeSqliteDialect({ path: target.path }) });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  // Required here, not imported at the top: a process on SQLite never loads pg's ~35 modules (docs/decisions/078).
  const pg = createRequire(import.meta.url)('pg') as typeof Pg;
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // A connection the server closes (a restart, a failover, an idle timeout) emits 'error': on the
  // pool when idle, on the client when checked out (a transaction between two statements). Unheard,
  // either ends the process. The pool drops the connection and opens another when one is needed;
  // the statement that was using it fails on its own and its request is answered 503 (api/db/errors.ts).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PortalPostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy(), poolFigures: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) };
}
