/**
 * The divorce withdrawal rules as an effective-dated rule table (docs/decisions/030): keyed
 * `office:<registry id>` or `province:<two-digit code>`, each value a withdrawal mode. The source
 * rows are the offices file's `withdrawalRules` (handed over at start-up: api/server/main.ts); a
 * system admin may set others from a day on. `withdrawalRuleOn` then decides between an office's
 * own rule and its province's, as before.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { effectiveRows, type RuleRow, type RuleTable } from '../../engine/rules/rule-table.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { officeText, registryOffices } from './offices.ts';
import { WITHDRAWAL_MODES, type WithdrawalRule } from './withdrawal-rules.ts';

export const WithdrawalValueSchema = z.strictObject({ mode: z.enum(WITHDRAWAL_MODES) });
export type WithdrawalValue = z.infer<typeof WithdrawalValueSchema>;

const officeKey = (id: string) => `office:${id}`;
const provinceKey = (code: string) => `province:${code}`;
const keyOf = (rule: Pick<WithdrawalRule, 'office' | 'province'>) => (rule.office !== undefined ? officeKey(rule.office) : provinceKey(rule.province ?? ''));

export const WITHDRAWAL_RULES_TABLE: RuleTable<WithdrawalValue> = {
  name: 'marriage.withdrawal-rules',
  valueSchema: WithdrawalValueSchema,
  keys: (lang: Locale) => {
    const offices = registryOffices();
    const provinces = [...new Set(offices.flatMap((office) => (office.province ? [office.province] : [])))].sort();
    return [
      ...offices.map((office) => ({ key: officeKey(office.id), label: officeText(office, lang).name })),
      ...provinces.map((code) => ({ key: provinceKey(code), label: translator(lang)('rules.province', { code }) })),
    ];
  },
  describe: (value, lang) => translator(lang)(dynamicKey`rules.withdrawalMode.${value.mode}`),
  fields: [{ name: 'mode', control: 'select', options: WITHDRAWAL_MODES, optionLabel: (mode, lang) => translator(lang)(dynamicKey`rules.withdrawalMode.${mode}`) }],
  toForm: (value) => ({ mode: value.mode }),
  fromForm: (form) => ({ mode: form.mode ?? '' }),
  // None built in: the national procedure applies until the offices file or a system admin says otherwise.
  source: () => [],
};

/** The offices file's rules as the table's source rows. */
export function withdrawalSourceRows(rules: readonly WithdrawalRule[]): RuleRow<WithdrawalValue>[] {
  return rules.map((rule) => ({ key: keyOf(rule), value: { mode: rule.mode }, effectiveFrom: rule.effectiveFrom, basis: rule.basis, origin: 'source', changedBy: null, changedByName: null, reason: null, recordedAt: null, savedSeq: null }));
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
