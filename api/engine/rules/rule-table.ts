/**
 * Effective-dated rule tables (docs/decisions/030): a policy figure as data, by key (a district, an
 * office), each value from the day it takes effect, with the text that sets it and, for a change made
 * by staff, who made it and why. The default rows come from a source file (the service's data);
 * staff add rows in the database (overrides), never change or remove one: a correction is a newer
 * row. Readers ask for the value of a key on a day. Pure: the day is an argument.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { textLine, textLines } from '../../domain/text.ts';

/** Where a row comes from: the source file, or a change staff saved in the database. */
export type RuleOrigin = 'source' | 'override';

export interface RuleRow<V> {
  key: string;
  value: V;
  /** YYYY-MM-DD, the first day it applies. */
  effectiveFrom: string;
  /** The text that sets it, as published (a notice, a regulation's article). */
  basis: string;
  origin: RuleOrigin;
  /** For an override: the staff member who saved it (their id and name), why, and when (ISO instant); null for the source's rows. */
  changedBy: string | null;
  changedByName: string | null;
  reason: string | null;
  recordedAt: string | null;
  /** For an override: the order it was saved in among all overrides (its audit entry's seq); null for the source's rows. */
  savedSeq: number | null;
}

/** A row of a table's source (its file's or the built-in example's): no one changed it, so it has no author, reason or save order. */
export function sourceRow<V>(row: Pick<RuleRow<V>, 'key' | 'value' | 'effectiveFrom' | 'basis'>): RuleRow<V> {
  return { ...row, origin: 'source', changedBy: null, changedByName: null, reason: null, recordedAt: null, savedSeq: null };
}

/** A value's fields as a plain form edits them: each a line, a block of lines, or one of some options. */
export interface RuleValueField {
  name: string;
  control: 'text' | 'textarea' | 'select';
  /** A select's options, each named in the reader's language. */
  options?: readonly string[];
  optionLabel?: (option: string, lang: Locale) => string;
}

/** What a reader of the staff pages is shown of a key: its name in the reader's language. */
export interface RuleKeyView {
  key: string;
  label: string;
}

/**
 * A named table: the schema its values must pass, the keys it has (a key not among them is refused),
 * and how a value is named and edited in a language. A service defines its own (it knows its keys
 * and values); the engine knows none of them.
 */
export interface RuleTable<V> {
  /** `<area>.<table>`, e.g. old-age-allowance.standards: in URLs and in the audit log. */
  name: string;
  valueSchema: z.ZodType<V>;
  /** The keys a row may have, now (an office added to the offices file adds its key). */
  keys(lang: Locale): RuleKeyView[];
  /** The value in one line, in `lang` (the staff pages and the API's history show it). */
  describe(value: V, lang: Locale): string;
  /** The form's fields for a value, what a value fills them with, and the value a filled form gives (checked by `valueSchema` after). */
  fields: readonly RuleValueField[];
  toForm(value: V): Record<string, string>;
  fromForm(form: Readonly<Record<string, string>>): unknown;
  /** The rows of its source file. */
  source(): readonly RuleRow<V>[];
  /**
   * What a value may not be for one key though the schema takes it (a funeral home's price list may
   * list only its own province's added items): problems at paths inside the value, each message a
   * translation key with its parameters. Checked when a row is added; absent, every key takes what
   * the schema takes.
   */
  checkForKey?(key: string, value: V): readonly KeyedProblem[];
}

/** A problem of a value for its key: where in the value, and a message key with what it names. */
export interface KeyedProblem {
  path: readonly (string | number)[];
  message: string;
  params?: Record<string, unknown>;
}

/** A table with its value's type forgotten: what lists of tables hold. */
export type AnyRuleTable = RuleTable<unknown>;

/** A day as the API takes it: YYYY-MM-DD, in the years a rule may name. */
const Day = z.iso.date().refine((day) => day >= '2000-01-01' && day <= '2100-12-31', 'errors.rules.dayOutOfRange');

/**
 * A row staff add (POST /staff/rules/{table}). The value is checked against the table's own schema
 * after this (rule-changes.ts); the reason is what the audit log and the history keep.
 */
export const NewRuleRowSchema = z.strictObject({
  key: textLine().trim().min(1).max(80),
  effectiveFrom: Day,
  value: z.record(z.string(), z.unknown()),
  basis: textLine().trim().min(1).max(200),
  reason: textLines().trim().min(2, 'errors.rules.reason').max(500, 'errors.rules.reason'),
});
export type NewRuleRow = z.infer<typeof NewRuleRowSchema>;

/**
 * Of the rows of one key that take effect on the same day, the one that counts: a database override
 * over the source file's row, and of two overrides the later saved (a correction).
 */
function outranks<V>(row: RuleRow<V>, other: RuleRow<V>): boolean {
  if (row.origin !== other.origin) return row.origin === 'override';
  return (row.savedSeq ?? 0) > (other.savedSeq ?? 0);
}

/** The rows of `key` that count, one per day they take effect, earliest first: the key's history without the rows a same-day row replaced. */
export function effectiveRows<V>(rows: readonly RuleRow<V>[], key: string): RuleRow<V>[] {
  const byDay = new Map<string, RuleRow<V>>();
  for (const row of rows) {
    if (row.key !== key) continue;
    const held = byDay.get(row.effectiveFrom);
    if (!held || outranks(row, held)) byDay.set(row.effectiveFrom, row);
  }
  return [...byDay.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/** The row of `key` in force on `day` (YYYY-MM-DD): the latest that took effect on or before it; undefined before the first. */
export function rowOn<V>(rows: readonly RuleRow<V>[], key: string, day: string): RuleRow<V> | undefined {
  return effectiveRows(rows, key)
    .filter((row) => row.effectiveFrom <= day)
    .at(-1);
}

/** Each key's row in force on `day`, the rows it will be followed by, and every row ever given it (newest saved first), for the staff pages. */
export interface KeyHistory<V> {
  key: string;
  inForce: RuleRow<V> | undefined;
  upcoming: RuleRow<V>[];
  history: RuleRow<V>[];
}

export function keyHistories<V>(rows: readonly RuleRow<V>[], keys: readonly string[], day: string): KeyHistory<V>[] {
  const named = [...new Set([...keys, ...rows.map((row) => row.key)])];
  return named.map((key) => {
    const effective = effectiveRows(rows, key);
    const all = rows.filter((row) => row.key === key);
    return {
      key,
      inForce: effective.filter((row) => row.effectiveFrom <= day).at(-1),
      upcoming: effective.filter((row) => row.effectiveFrom > day),
      // Newest first by day, and on a day the row that counts first.
      history: [...all].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || (outranks(a, b) ? -1 : outranks(b, a) ? 1 : 0)),
    };
  });
}

/**
 * Checks a new row against its table: its key must be one of the table's and its value pass the
 * table's schema. The issues' paths are the request's (`key`, `value.<field>…`), so that each is
 * answered next to its field.
 */
export function checkNewRow<V>(table: RuleTable<V>, row: NewRuleRow): { ok: true; value: V } | { ok: false; error: z.ZodError } {
  const issues: z.core.$ZodIssue[] = [];
  if (!table.keys('zh-CN').some((known) => known.key === row.key)) {
    issues.push({ code: 'invalid_value', values: [], path: ['key'], message: 'errors.rules.unknownKey', input: row.key });
  }
  const parsed = table.valueSchema.safeParse(row.value);
  if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: ['value', ...issue.path] })));
  else if (issues.length === 0) {
    for (const problem of table.checkForKey?.(row.key, parsed.data) ?? []) {
      issues.push({ code: 'custom', path: ['value', ...problem.path], message: problem.message, input: row.value, ...(problem.params ? { params: problem.params } : {}) });
    }
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, error: new z.ZodError(issues) };
  return { ok: true, value: parsed.data };
}

/**
 * A row as a form sent it, checked whole at once: the row's own fields and, as far as they were
 * given, its key and value against the table, so that a page shows every problem on one answer.
 */
export function checkRowInput<V>(table: RuleTable<V>, input: unknown): { ok: true; row: NewRuleRow; value: V } | { ok: false; error: z.ZodError } {
  const base = NewRuleRowSchema.safeParse(input);
  if (base.success) {
    const checked = checkNewRow(table, base.data);
    return checked.ok ? { ok: true, row: base.data, value: checked.value } : checked;
  }
  const given = z.looseObject({ key: z.string().catch(''), value: z.unknown() }).catch({ key: '', value: undefined }).parse(input);
  const issues = [...base.error.issues];
  const flagged = (field: string) => issues.some((issue) => issue.path[0] === field);
  if (!flagged('key') && !table.keys('zh-CN').some((known) => known.key === given.key.trim())) {
    issues.push({ code: 'invalid_value', values: [], path: ['key'], message: 'errors.rules.unknownKey', input: given.key });
  }
  if (!flagged('value')) {
    const value = table.valueSchema.safeParse(given.value);
    if (!value.success) issues.push(...value.error.issues.map((issue) => ({ ...issue, path: ['value', ...issue.path] })));
  }
  return { ok: false, error: new z.ZodError(issues) };
}
