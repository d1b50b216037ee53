/**
 * Kysely on Node's built-in `node:sqlite` (no native addon to build, nothing to download).
 *
 * Kysely's SqliteDialect takes any better-sqlite3-shaped database; node:sqlite differs only in how
 * statements take parameters and report whether they return rows, which the adapter below bridges.
 * Every transaction begins IMMEDIATE: a deferred transaction that reads and then writes can fail
 * with SQLITE_BUSY despite the busy timeout when a second process writes to the same file.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase } from 'kysely';

export interface NodeSqliteOptions {
  /** A file path, or ':memory:'. */
  path: string;
  busyTimeoutMs?: number;
}

/** Prepared statements kept per SQL text: preparing again on every query cost ~13% of a lookup's CPU. */
const STATEMENT_CACHE_SIZE = 500;

function adapt(database: DatabaseSync): SqliteDatabase {
  const statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  const prepared = (sql: string) => {
    let entry = statements.get(sql);
    if (!entry) {
      // Queries are few and fixed; a flood of distinct texts (a bulk insert's) just starts the cache afresh.
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
      const statement = database.prepare(sql);
      entry = { statement, reader: statement.columns().length > 0 };
      statements.set(sql, entry);
    }
    return entry;
  };
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const { statement, reader } = prepared(sql);
      const params = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
      return {
        reader,
        all: (parameters) => statement.all(...params(parameters)),
        run: (parameters) => statement.run(...params(parameters)),
        iterate: (parameters) => statement.iterate(...params(parameters)),
      };
    },
  };
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function openDatabase(options: NodeSqliteOptions): Promise<SqliteDatabase> {
  const database = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  database.exec('pragma journal_mode = wal');
  database.exec('pragma synchronous = normal');
  database.exec('pragma foreign_keys = on');
  return Promise.resolve(adapt(database));
}

export class NodeSqliteDialect extends SqliteDialect {
  readonly #open: () => Promise<SqliteDatabase>;

  constructor(options: NodeSqliteOptions) {
    const open = () => openDatabase(options);
    super({ database: open });
    this.#open = open;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#open });
  }
}
