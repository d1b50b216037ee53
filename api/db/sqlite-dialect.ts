/**
 * Kysely on Node's built-in `node:sqlite` (no native addon to build, nothing to download).
 *
 * Kysely's SqliteDialect takes any better-sqlite3-shaped database; node:sqlite differs only in how
 * statements take parameters and report whether they return rows, which the adapter below bridges.
 * Every transaction begins IMMEDIATE: a deferred transaction that reads and then writes can fail
 * with SQLITE_BUSY despite the busy timeout when a second process writes to the same file.
 */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase } from 'kysely';

export interface NodeSqliteOptions {
  /** A file path, or ':memory:'. */
  path: string;
  busyTimeoutMs?: number;
}

function adapt(database: DatabaseSync): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const statement = database.prepare(sql);
      const params = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
      return {
        reader: statement.columns().length > 0,
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
