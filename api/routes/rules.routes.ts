/**
 * Effective-dated rule tables for staff (docs/decisions/030): each key's value in force, the values
 * to come and every row ever given (any signed-in member reads them), and adding a row from a day on
 * (system admins; audited; every process picks it up within a minute, this one at once).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { addRuleRow } from '../engine/rules/rule-changes.ts';
import { effectiveRows, keyHistories, NewRuleRowSchema, type AnyRuleTable, type RuleRow } from '../engine/rules/rule-table.ts';
import { ApiErrorSchema, requestLocale } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { dynamicKey, translator } from '../i18n/index.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Policy figures decide what people are paid and how their cases go: the system admins' (docs/access-control.md). */
const RULE_EDITOR = 'system-admin';

const TableParam = z.object({
  table: z
    .string()
    .regex(/^[a-z0-9-]+\.[a-z0-9-]+$/)
    .openapi({ param: { name: 'table', in: 'path' }, example: 'old-age-allowance.standards', description: 'The table’s name: `<area>.<table>`' }),
});

const RuleRowView = z
  .object({
    key: z.string(),
    effectiveFrom: z.string().meta({ description: 'YYYY-MM-DD, the first day it applies' }),
    value: z.record(z.string(), z.unknown()).meta({ description: 'As the table’s `valueSchema` describes it' }),
    text: z.string().meta({ description: 'The value in one line, in the reader’s language' }),
    form: z.record(z.string(), z.string()).meta({ description: 'The value as the table’s form fields hold it' }),
    basis: z.string().meta({ description: 'The text that sets it, as published' }),
    origin: z.enum(['source', 'override']).meta({ description: '`source`: the configuration file’s row; `override`: added by staff' }),
    changedBy: z.string().nullable().meta({ description: 'The name of the member who added it; null for a source row' }),
    reason: z.string().nullable(),
    recordedAt: z.string().nullable(),
    counts: z.boolean().meta({ description: 'False when a newer row of the same key and day replaces it' }),
  })
  .openapi('RuleRow');

const RuleTableView = z
  .object({
    name: z.string(),
    title: z.string(),
    lead: z.string(),
    /** The day "in force" is for: today in China. */
    on: z.string(),
    fields: z.array(z.object({ name: z.string(), control: z.enum(['text', 'textarea', 'select']), options: z.array(z.object({ value: z.string(), label: z.string() })).optional() })),
    valueSchema: z.record(z.string(), z.unknown()).meta({ description: 'The JSON Schema a row’s `value` must meet' }),
    keys: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        inForce: RuleRowView.nullable(),
        upcoming: z.array(RuleRowView),
        history: z.array(RuleRowView).meta({ description: 'Every row of the key, the latest first day first' }),
      }),
    ),
  })
  .openapi('RuleTable');

const NewRuleRowBody = NewRuleRowSchema.meta({ id: 'NewRuleRow' });

const read = createRoute({
  method: 'get',
  path: '/staff/rules/{table}',
  operationId: 'getRuleTable',
  middleware: requireStaff(),
  tags: ['Staff'],
  summary: 'A rule table: each key’s value in force today, the values to come, and every row ever given it',
  request: { params: TableParam },
  responses: {
    200: json(RuleTableView, 'The table'),
    401: json(ApiErrorSchema, 'Not signed in'),
    404: json(ApiErrorSchema, 'No such table'),
    422: json(ApiErrorSchema, 'The table’s name is not `<area>.<table>`'),
  },
});

const add = createRoute({
  method: 'post',
  path: '/staff/rules/{table}',
  operationId: 'addRuleRow',
  middleware: requireStaff({ roles: [RULE_EDITOR] }),
  tags: ['Staff'],
  summary:
    'Add a row to a rule table: the value of one key from a day on, with its basis and the reason for the change. System admins only; audited. Rows are never changed or removed: a correction is a newer row (the later of two rows of a key on the same day counts). Every server uses it within a minute.',
  request: { params: TableParam, body: { content: { 'application/json': { schema: NewRuleRowBody } }, required: true } },
  responses: {
    201: json(RuleTableView, 'Added; the table as it now is'),
    401: json(ApiErrorSchema, 'Not signed in'),
    403: json(ApiErrorSchema, 'Only system admins change rule tables'),
    404: json(ApiErrorSchema, 'No such table'),
    422: json(ApiErrorSchema, 'A field is missing or not valid: the key is not one of the table’s, the value does not meet its schema, the reason is not 2 to 500 characters…'),
  },
});

function rowView(table: AnyRuleTable, row: RuleRow<unknown>, counting: ReadonlySet<RuleRow<unknown>>, lang: Locale): z.infer<typeof RuleRowView> {
  return {
    key: row.key,
    effectiveFrom: row.effectiveFrom,
    value: z.record(z.string(), z.unknown()).parse(row.value),
    text: table.describe(row.value, lang),
    form: table.toForm(row.value),
    basis: row.basis,
    origin: row.origin,
    changedBy: row.origin === 'override' ? (row.changedByName ?? row.changedBy) : null,
    reason: row.reason,
    recordedAt: row.recordedAt,
    counts: counting.has(row),
  };
}

function tableView<E extends ApiEnv>(c: Context<E>, table: AnyRuleTable): z.infer<typeof RuleTableView> {
  const deps = c.get('deps');
  const lang = requestLocale(c);
  const t = translator(lang);
  const on = chinaDate(deps.now());
  const rows = deps.rules.rows(table);
  const keys = table.keys(lang);
  const counting = new Set(keys.flatMap((key) => effectiveRows(rows, key.key)));
  const view = (row: RuleRow<unknown>) => rowView(table, row, counting, lang);
  return {
    name: table.name,
    title: t(dynamicKey`rules.tables.${table.name}.title`),
    lead: t(dynamicKey`rules.tables.${table.name}.lead`),
    on,
    fields: table.fields.map((field) => ({
      name: field.name,
      control: field.control,
      ...(field.options ? { options: field.options.map((value) => ({ value, label: field.optionLabel?.(value, lang) ?? value })) } : {}),
    })),
    valueSchema: z.toJSONSchema(table.valueSchema, { io: 'input', unrepresentable: 'any' }),
    // Only the keys the table has now: a row of a key since removed (an office no longer in the file) is not read by anyone.
    keys: keyHistories(rows, keys.map((key) => key.key), on)
      .filter((history) => keys.some((key) => key.key === history.key))
      .map((history) => ({
        key: history.key,
        label: keys.find((key) => key.key === history.key)?.label ?? history.key,
        inForce: history.inForce ? view(history.inForce) : null,
        upcoming: history.upcoming.map(view),
        history: history.history.map(view),
      })),
  };
}

export const ruleRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(read, (c) => {
    c.header('Cache-Control', 'no-store');
    const table = c.get('deps').rules.table(c.req.valid('param').table);
    if (!table) return refuse(c, 'ruleTable', { ok: false, reason: 'unknown_table' });
    return c.json(tableView(c, table), 200);
  })
  .openapi(add, async (c) => {
    c.header('Cache-Control', 'no-store');
    const deps = c.get('deps');
    const name = c.req.valid('param').table;
    const result = await addRuleRow({ db: deps.database.db, kind: deps.database.kind, now: deps.now, rules: deps.rules }, c.get('staff'), RULE_EDITOR, name, c.req.valid('json'), clientAddress(c));
    if (!result.ok) return refuse(c, 'ruleTable', result);
    const table = deps.rules.table(name);
    if (!table) return refuse(c, 'ruleTable', { ok: false, reason: 'unknown_table' });
    return c.json(tableView(c, table), 201);
  });
