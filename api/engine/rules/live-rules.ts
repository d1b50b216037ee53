/**
 * The rule tables as one process reads them: each table's source rows (its file's, or the rows the
 * process was started with: `useSource`) and the overrides staff saved in the database, kept in
 * memory so that readers stay synchronous. The process that saves a row refreshes at once; every
 * other process refreshes periodically (api/server/main.ts), so a change reaches all within a
 * minute, as the holiday calendar's does.
 */
import type { Kysely } from 'kysely';
import { listRuleOverrides, type StoredRuleOverride } from '../../db/rule-overrides.repo.ts';
import type { Database } from '../../db/schema.ts';
import type { AnyRuleTable, RuleRow, RuleTable } from './rule-table.ts';

/** What readers of rules need: every row of a table, its source's and the database's. */
export interface RuleBook {
  rows<V>(table: RuleTable<V>): RuleRow<V>[];
}

export interface LiveRuleTables extends RuleBook {
  readonly tables: readonly AnyRuleTable[];
  table(name: string): AnyRuleTable | undefined;
  /** Replaces a table's source rows for this process (at start-up, from a file the configuration names). */
  useSource<V>(table: RuleTable<V>, rows: readonly RuleRow<V>[]): void;
  /** Reads the overrides again (after a change here, or periodically for changes elsewhere). */
  refresh(): Promise<void>;
}

/**
 * The rows of `table` among `candidates`, each value checked again by the table's schema: a row
 * saved under an older schema that no longer passes is left out rather than read as something else.
 */
function rowsOf<V>(table: RuleTable<V>, candidates: readonly RuleRow<unknown>[]): RuleRow<V>[] {
  return candidates.flatMap((row) => {
    const parsed = table.valueSchema.safeParse(row.value);
    return parsed.success ? [{ ...row, value: parsed.data }] : [];
  });
}

const asRow = (stored: StoredRuleOverride): RuleRow<unknown> => ({
  key: stored.key,
  value: stored.value,
  effectiveFrom: stored.effectiveFrom,
  basis: stored.basis,
  origin: 'override',
  changedBy: stored.changedBy,
  changedByName: stored.changedByName,
  reason: stored.reason,
  recordedAt: stored.recordedAt,
  savedSeq: stored.auditSeq,
});

/** A book of the tables' source rows alone: for code run outside a portal (a seed, a script), which reads no overrides. */
export function sourceRuleBook(): RuleBook {
  return { rows: (table) => rowsOf(table, table.source()) };
}

export async function openLiveRuleTables(db: Kysely<Database>, tables: readonly AnyRuleTable[]): Promise<LiveRuleTables> {
  const sources = new Map<string, readonly RuleRow<unknown>[]>();
  let overrides = new Map<string, RuleRow<unknown>[]>();
  const refresh = async () => {
    const next = new Map<string, RuleRow<unknown>[]>();
    for (const stored of await listRuleOverrides(db)) next.set(stored.table, [...(next.get(stored.table) ?? []), asRow(stored)]);
    overrides = next;
  };
  await refresh();
  return {
    tables,
    table: (name) => tables.find((table) => table.name === name),
    useSource: (table, rows) => {
      sources.set(table.name, rows);
    },
    rows: (table) => rowsOf(table, [...(sources.get(table.name) ?? table.source()), ...(overrides.get(table.name) ?? [])]),
    refresh,
  };
}
