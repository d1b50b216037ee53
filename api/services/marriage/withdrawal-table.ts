/**
 * The divorce withdrawal rules as an effective-dated rule table (docs/decisions/030): keyed
 * `office:<registry id>` or `province:<two-digit code>`, each value a withdrawal mode. The source
 * rows are the offices file's `withdrawalRules` (handed over at start-up: api/server/main.ts); a
 * system admin may set others from a day on. `withdrawalRuleOn` then decides between an office's
 * own rule and its province's, as before.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { effectiveRows, type RuleRow, type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { DEMO_OFFICES, officeText, type RegistryOffices } from './offices.ts';
import { WITHDRAWAL_MODES, type WithdrawalRule } from './withdrawal-rules.ts';

export const WithdrawalValueSchema = z.strictObject({ mode: z.enum(WITHDRAWAL_MODES) });
export type WithdrawalValue = z.infer<typeof WithdrawalValueSchema>;

const officeKey = (id: string) => `office:${id}`;
const provinceKey = (code: string) => `province:${code}`;
const keyOf = (rule: Pick<WithdrawalRule, 'office' | 'province'>) => (rule.office !== undefined ? officeKey(rule.office) : provinceKey(rule.province ?? ''));

/**
 * The table over a portal's registry offices (their keys are its offices' and their provinces'): the
 * runtime makes it with its own offices (api/services/rule-tables.ts). Its name, schema and rows are
 * the same whatever the offices, so a reader of rows may name it by `WITHDRAWAL_RULES_TABLE`.
 */
export function withdrawalRulesTable(registry: Pick<RegistryOffices, 'all'>): RuleTable<WithdrawalValue> {
  return { ...WITHDRAWAL_RULES_TABLE, keys: (lang: Locale) => withdrawalKeys(registry.all(), lang) };
}

function withdrawalKeys(offices: ReturnType<RegistryOffices['all']>, lang: Locale) {
  const provinces = [...new Set(offices.flatMap((office) => (office.province ? [office.province] : [])))].sort();
  return [
    ...offices.map((office) => ({ key: officeKey(office.id), label: officeText(office, lang).name })),
    ...provinces.map((code) => ({ key: provinceKey(code), label: translator(lang)('rules.province', { code }) })),
  ];
}

/** The table as read by name (`rules.rows(WITHDRAWAL_RULES_TABLE)`); its keys are the demo offices' (a portal's own table: withdrawalRulesTable). */
export const WITHDRAWAL_RULES_TABLE: RuleTable<WithdrawalValue> = {
  name: 'marriage.withdrawal-rules',
  valueSchema: WithdrawalValueSchema,
  keys: (lang: Locale) => withdrawalKeys(DEMO_OFFICES.all(), lang),
  describe: (value, lang) => translator(lang)(dynamicKey`rules.withdrawalMode.${value.mode}`),
  fields: [{ name: 'mode', control: 'select', options: WITHDRAWAL_MODES, optionLabel: (mode, lang) => translator(lang)(dynamicKey`rules.withdrawalMode.${mode}`) }],
  toForm: (value) => ({ mode: value.mode }),
  fromForm: (form) => ({ mode: form.mode ?? '' }),
  // None built in: the national procedure applies until the offices file or a system admin says otherwise.
  source: () => [],
};

/** The offices file's rules as the table's source rows. */
export function withdrawalSourceRows(rules: readonly WithdrawalRule[]): RuleRow<WithdrawalValue>[] {
  return rules.map((rule) => sourceRow({ key: keyOf(rule), value: { mode: rule.mode }, effectiveFrom: rule.effectiveFrom, basis: rule.basis }));
}

/** The table's rows that count (an override over the file's row of the same key and day), as the rules `withdrawalRuleOn` decides between. */
export function withdrawalRulesOf(rows: readonly RuleRow<WithdrawalValue>[]): WithdrawalRule[] {
  const keys = [...new Set(rows.map((row) => row.key))];
  return keys.flatMap((key) =>
    effectiveRows(rows, key).map((row) => {
      const [kind, id = ''] = row.key.split(/:(.*)/s);
      return { ...(kind === 'office' ? { office: id } : { province: id }), effectiveFrom: row.effectiveFrom, mode: row.value.mode, basis: row.basis };
    }),
  );
}
