/**
 * The effective-dated rule tables of the services (docs/decisions/030), and the portal's own (the
 * working days to answer a bad rating, docs/decisions/053; the funeral homes and their price lists, 062; the funeral fee exemption, 065; the public cemeteries, 064; the funeral homes' bookable resources, 063): every table staff may read
 * and add rows to at /staff/rules, and that each process keeps in memory (api/engine/rules/live-rules.ts).
 * A table keyed by a portal's own data (the withdrawal rules, by its registry offices) is made with
 * that portal's data (docs/decisions/035).
 */
import type { AnyRuleTable } from '../engine/rules/rule-table.ts';
import { ECO_BURIAL_AMOUNTS_TABLE } from './eco-burial-subsidy/amounts-table.ts';
import { withdrawalRulesTable } from './marriage/withdrawal-table.ts';
import { ALLOWANCE_STANDARDS_TABLE } from './old-age-allowance/standards-table.ts';
import { RELIEF_SETTINGS_TABLE } from './social-relief/settings-table.ts';
import { RELIEF_STANDARDS_TABLE } from './social-relief/standards-table.ts';
import type { ServiceData } from './service-data.ts';
import { FOLLOW_UP_TABLE } from '../ratings/follow-up-table.ts';
import { FUNERAL_HOMES_TABLE } from './funeral/homes-table.ts';
import { FUNERAL_PRICE_LISTS_TABLE } from './funeral/price-list-table.ts';
import { FEE_EXEMPTIONS_TABLE } from './funeral/fee-exemption-table.ts';
import { CEMETERIES_TABLE } from './public-cemetery/cemeteries-table.ts';
import { FUNERAL_RESOURCES_TABLE } from './funeral/resources-table.ts';

export function ruleTables(data: Pick<ServiceData, 'offices'>): readonly AnyRuleTable[] {
  return [ALLOWANCE_STANDARDS_TABLE, withdrawalRulesTable(data.offices), RELIEF_STANDARDS_TABLE, RELIEF_SETTINGS_TABLE, ECO_BURIAL_AMOUNTS_TABLE, FOLLOW_UP_TABLE, FUNERAL_HOMES_TABLE, FUNERAL_PRICE_LISTS_TABLE, FEE_EXEMPTIONS_TABLE, CEMETERIES_TABLE, FUNERAL_RESOURCES_TABLE];
}
