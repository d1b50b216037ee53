/**
 * The monthly settlement of fee exemptions per funeral home (docs/decisions/065): what each home
 * waived in a month, the treasury's claim (under an all-residents scheme the home waives at the
 * counter and the finance bureau pays it back). Pure: the records are an argument, grouped by the
 * home and the month of the day the services were given; the table is said in a language, header
 * and rows ready for the staff CSV (site/lib/csv.ts: BOM, formula-safe cells).
 *
 * The records are what a booking keeps of its exemption when the services are given (the booking
 * slice stores them: its tracking number, the home, the day, the ground and each item's amount
 * waived, as decideExemption answered or as staff confirmed a claim). Until bookings exist the CSV
 * has no route; this is the report's whole rule.
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { BASIC_SERVICES } from './catalogue.ts';
import type { ExemptionClaimGround } from './fee-exemption-claim.ts';
import type { Ground } from './fee-exemption.ts';
import { homeName, itemName } from './words.ts';

/** A ground as settled: decided by the portal, or a claim staff confirmed. */
export type SettledGround = Ground | ExemptionClaimGround;
export const SETTLED_GROUNDS = ['resident', 'dibao', 'tekun', 'relief', 'youfu', 'unidentified'] as const satisfies readonly SettledGround[];

export interface ExemptionRecord {
  trackingNumber: string;
  home: string;
  /** YYYY-MM-DD: the day the services were given (what the month is counted by). */
  servedOn: string;
  ground: SettledGround;
  /** What was waived of each basic item, fen. */
  items: readonly { item: string; waivedFen: number }[];
}

export interface SettlementRow {
  home: string;
  /** YYYY-MM */
  month: string;
  /** People whose fees were waived. */
  deceased: number;
  byGround: Record<SettledGround, number>;
  /** Fen waived per basic item, in the national list's order (items with nothing waived left out). */
  byItem: { item: string; waivedFen: number }[];
  waivedFen: number;
}

/** The records grouped per home and month, by home then month; `month` (YYYY-MM) keeps one month only. */
export function settlementReport(records: readonly ExemptionRecord[], month?: string): SettlementRow[] {
  const rows = new Map<string, SettlementRow>();
  for (const record of records) {
    const recordMonth = record.servedOn.slice(0, 7);
    if (month !== undefined && recordMonth !== month) continue;
    const key = `${record.home} ${recordMonth}`;
    const row = rows.get(key) ?? { home: record.home, month: recordMonth, deceased: 0, byGround: Object.fromEntries(SETTLED_GROUNDS.map((ground) => [ground, 0])) as Record<SettledGround, number>, byItem: [], waivedFen: 0 };
    const waived = record.items.reduce((sum, entry) => sum + entry.waivedFen, 0);
    if (waived === 0) continue;
    row.deceased += 1;
    row.byGround[record.ground] += 1;
    for (const entry of record.items) {
      if (entry.waivedFen === 0) continue;
      const held = row.byItem.find((candidate) => candidate.item === entry.item);
      if (held) held.waivedFen += entry.waivedFen;
      else row.byItem.push({ item: entry.item, waivedFen: entry.waivedFen });
    }
    row.waivedFen += waived;
    rows.set(key, row);
  }
  const order = (item: string) => (BASIC_SERVICES as readonly string[]).indexOf(item);
  return [...rows.values()]
    .map((row) => ({ ...row, byItem: [...row.byItem].sort((a, b) => order(a.item) - order(b.item)) }))
    .sort((a, b) => a.home.localeCompare(b.home) || a.month.localeCompare(b.month));
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * The report as a table in `lang`: a row per home and month, a column per ground and per basic
 * item, amounts in yuan with two decimals (what a finance office's spreadsheet sums).
 */
export function settlementTable(rows: readonly SettlementRow[], lang: Locale): { header: string[]; rows: (string | number)[][] } {
  const t = translator(lang);
  const c = (key: string) => t(dynamicKey`funeral:exemption.settlement.${key}`);
  const header = [c('home'), c('month'), c('deceased'), ...SETTLED_GROUNDS.map((ground) => t(dynamicKey`funeral:exemption.settlement.grounds.${ground}`)), ...BASIC_SERVICES.map((item) => t('funeral:exemption.settlement.itemWaived', { item: itemName(item, lang) })), c('waived')];
  return {
    header,
    rows: rows.map((row) => [
      homeName(row.home, lang),
      row.month,
      row.deceased,
      ...SETTLED_GROUNDS.map((ground) => row.byGround[ground]),
      ...BASIC_SERVICES.map((item) => yuan(row.byItem.find((entry) => entry.item === item)?.waivedFen ?? 0)),
      yuan(row.waivedFen),
    ]),
  };
}
