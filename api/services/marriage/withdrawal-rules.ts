/**
 * How a divorce application is withdrawn online during the cooling-off period (离婚冷静期), by the
 * rule in force where it was accepted. The national procedure (民发〔2020〕116号) has the party who
 * withdraws do it in person at the accepting office, with a signed form, and receive a withdrawal
 * confirmation (撤回确认): so an online withdrawal is a request that the office confirms, unless the
 * province allows it outright. That is `office-confirms`, the default; `immediate` only where a
 * rule says so.
 *
 * Rules are data (the registry offices file's `withdrawalRules`, docs/decisions/025, the source rows
 * of the rule table marriage.withdrawal-rules: withdrawal-table.ts, docs/decisions/030): each for a
 * province (its two-digit administrative code, GB/T 2260, which each office names as `province`) or
 * for one office, from the day it takes effect. On a given day an office follows the latest rule in
 * force among its own and its province's (a newer text supersedes an older one, as between laws);
 * when two take effect the same day, the office's own. Pure: the day is given.
 */
import { z } from 'zod';

export const WITHDRAWAL_MODES = ['office-confirms', 'immediate'] as const;
export type WithdrawalMode = (typeof WITHDRAWAL_MODES)[number];

/** What the national procedure gives where no rule says otherwise. */
export const DEFAULT_WITHDRAWAL_MODE: WithdrawalMode = 'office-confirms';

export const WithdrawalRuleSchema = z
  .strictObject({
    /** A province's two-digit administrative code (33 浙江, 44 广东): every office that names it. */
    province: z.string().regex(/^\d{2}$/, 'a province’s two-digit code, e.g. "33"').optional(),
    /** One office's id (an office of the same file). */
    office: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower case letters, digits and "-", at most 60').optional(),
    /** YYYY-MM-DD, the first day it applies. */
    effectiveFrom: z.iso.date(),
    mode: z.enum(WITHDRAWAL_MODES),
    /** The text that sets it, as published (shown to the applicant): e.g. 《某省婚姻登记工作规范》第二十条. */
    basis: z.string().trim().min(1).max(200),
  })
  .refine((rule) => (rule.province === undefined) !== (rule.office === undefined), 'a rule names either a province or an office');
export type WithdrawalRule = z.infer<typeof WithdrawalRuleSchema>;

/** The rule an office follows on a day: from a rule (its basis and first day), or the national default. */
export interface WithdrawalRuleInForce {
  mode: WithdrawalMode;
  /** The local text that set it; null for the national default. */
  basis: string | null;
  effectiveFrom: string | null;
}

export function withdrawalRuleOn(rules: readonly WithdrawalRule[], office: { id: string; province?: string | undefined }, day: string): WithdrawalRuleInForce {
  const applying = rules.filter((rule) => rule.effectiveFrom <= day && (rule.office === office.id || (rule.province !== undefined && rule.province === office.province)));
  const latest = applying.reduce<WithdrawalRule | undefined>((best, rule) => {
    if (!best || rule.effectiveFrom > best.effectiveFrom) return rule;
    // The same day: the office's own rule is the more particular one.
    return rule.effectiveFrom === best.effectiveFrom && rule.office !== undefined ? rule : best;
  }, undefined);
  return latest ? { mode: latest.mode, basis: latest.basis, effectiveFrom: latest.effectiveFrom } : { mode: DEFAULT_WITHDRAWAL_MODE, basis: null, effectiveFrom: null };
}
