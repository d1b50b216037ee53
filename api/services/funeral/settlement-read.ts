/**
 * The monthly exemption settlement per funeral home for civil affairs staff (docs/decisions/072,
 * the report of 065): what each home waived in a month, read from the bookings' priced lines. No
 * names or ID numbers leave it, only counts and amounts; still a report of the bureau's money and of
 * how many 低保/特困 families lost someone, so it is for the dashboard's readers (an office admin of
 * the home's district, a system admin for every home), and every read is audited.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../db/audit.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { waivedLinesOfMonth } from '../../db/funeral-home-day.repo.ts';
import type { Database } from '../../db/schema.ts';
import type { StaffMember } from '../../domain/staff/staff.ts';
import { formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { FUNERAL_HOMES } from './homes.ts';
import { SETTLED_GROUNDS, settlementReport, type ExemptionRecord, type SettledGround, type SettlementRow } from './fee-exemption-settlement.ts';

export interface SettlementDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
}

/** The homes whose settlement a member reads: a system admin's all, an office admin's in their offices' districts. */
export function settlementHomesOf(member: StaffMember): string[] {
  if (member.roles.includes('system-admin')) return FUNERAL_HOMES.map((home) => home.id);
  if (!member.roles.includes('office-admin')) return [];
  return FUNERAL_HOMES.filter((home) => member.offices.includes(home.district)).map((home) => home.id);
}

const isSettledGround = (ground: string | null): ground is SettledGround => ground !== null && (SETTLED_GROUNDS as readonly string[]).includes(ground);

/**
 * The bookings' waived lines as the settlement's records: one per booking, its day the last day it
 * was served in the month (a booking whose storage began the month before counts the lines of each
 * month in that month, and the person in both: each month's claim is for what was given in it).
 */
export function exemptionRecords(lines: readonly { caseId: string; trackingNumber: string; home: string; item: string; waivedFen: number; ground: string | null; servedOn: string }[]): ExemptionRecord[] {
  const byCase = new Map<string, ExemptionRecord & { items: { item: string; waivedFen: number }[] }>();
  for (const line of lines) {
    if (!isSettledGround(line.ground) || line.waivedFen <= 0) continue;
    const held = byCase.get(line.caseId);
    if (held) {
      held.items.push({ item: line.item, waivedFen: line.waivedFen });
      if (line.servedOn > held.servedOn) held.servedOn = line.servedOn;
    } else {
      byCase.set(line.caseId, { trackingNumber: formatTrackingNumber(line.trackingNumber), home: line.home, servedOn: line.servedOn, ground: line.ground, items: [{ item: line.item, waivedFen: line.waivedFen }] });
    }
  }
  return [...byCase.values()];
}

/** A month's settlement rows for the member's homes (a row per home, with nothing waived: zero), or undefined when they read none. Audited. */
export async function monthSettlement(deps: SettlementDeps, member: StaffMember, month: string, origin: string | null): Promise<{ homes: string[]; rows: SettlementRow[] } | undefined> {
  const homes = settlementHomesOf(member);
  if (homes.length === 0) return undefined;
  const found = settlementReport(exemptionRecords(await waivedLinesOfMonth(deps.db, homes, month)), month);
  // Every home of the member's, so that a month with nothing waived says so rather than leaving the home out.
  const rows = homes.map((home) => found.find((row) => row.home === home) ?? { home, month, deceased: 0, byGround: Object.fromEntries(SETTLED_GROUNDS.map((ground) => [ground, 0])) as Record<SettledGround, number>, byItem: [], waivedFen: 0 });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, { at: deps.now(), actorId: member.id, actorRole: member.roles.join(','), action: 'funeral.settlement-read', recordType: 'funeral_settlement', recordId: month, origin, details: { homes } }),
  );
  return { homes, rows };
}
