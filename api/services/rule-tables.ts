/**
 * The effective-dated rule tables of the services (docs/decisions/030): every table staff may read
 * and add rows to at /staff/rules, and that each process keeps in memory (api/engine/rules/live-rules.ts).
 */
import type { AnyRuleTable } from '../engine/rules/rule-table.ts';
import { WITHDRAWAL_RULES_TABLE } from './marriage/withdrawal-table.ts';
import { ALLOWANCE_STANDARDS_TABLE } from './old-age-allowance/standards-table.ts';

export const RULE_TABLES: readonly AnyRuleTable[] = [ALLOWANCE_STANDARDS_TABLE, WITHDRAWAL_RULES_TABLE];
