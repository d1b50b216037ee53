/**
 * A query built and compiled once per dialect, then run with each call's values: for the statements
 * on the hottest paths (a status lookup, a booking attempt refused as full), where Kysely building the
 * query tree and compiling it to SQL again on every request cost more than SQLite running it.
 *
 * The query is built once with stand-in values (a marker string per argument), compiled by the
 * dialect of the database it first runs on, and each marker's position among the compiled
 * parameters noted; a call swaps its own values in. Kysely never writes a value into the SQL text
 * (every value is a bound parameter), so the SQL does not depend on the values; the check below
 * refuses a query where an argument did not come out as bound parameters only.
 */
import { CompiledQuery, type Compilable, type DialectAdapter, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.ts';

const MARKER = '\u0000compiled-query-argument:';

interface Compiled {
  sql: string;
  /** Per compiled parameter: the argument it takes (its index), or the constant the builder gave. */
  slots: ({ argument: number } | { constant: unknown })[];
}

/**
 * `build` receives one marker per argument in place of the values: use each only as a value (never
 * in a name or a `sql.raw`). The SQL text is the same for a database and its transactions (they share
 * the dialect's adapter), so it is compiled once for both.
 */
export function compiledOnce<Args extends readonly unknown[], Row>(arity: Args['length'], build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>) {
  const byAdapter = new WeakMap<DialectAdapter, Compiled>();
  const compile = (db: Kysely<Database>): Compiled => {
    const markers = Array.from({ length: arity }, (_, index) => `${MARKER}${index}`);
    const compiled = build(db, ...(markers as unknown as Args)).compile();
    const seen = new Set<number>();
    const slots = compiled.parameters.map((value) => {
      if (typeof value === 'string' && value.startsWith(MARKER)) {
        const argument = Number(value.slice(MARKER.length));
        seen.add(argument);
        return { argument };
      }
      return { constant: value };
    });
    if (seen.size !== arity || compiled.sql.includes(MARKER)) throw new Error(`compiledOnce: every argument must be a bound value (query: ${compiled.sql})`);
    return { sql: compiled.sql, slots };
  };
  return async (db: Kysely<Database>, ...args: Args): Promise<QueryResult<Row>> => {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) byAdapter.set(adapter, (compiled = compile(db)));
    const parameters = compiled.slots.map((slot) => ('argument' in slot ? args[slot.argument] : slot.constant));
    return db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>);
  };
}
