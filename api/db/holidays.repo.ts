/** Holiday years: read all, load one (with its audit entry, in one transaction), seed from files. */
import type { Kysely, Transaction } from 'kysely';
import { HolidayYearSchema, type HolidayYear } from '../domain/calendar/working-days.ts';
import { appendAudit } from './audit.repo.ts';
import type { DatabaseKind } from './connect.ts';
import type { Database } from './schema.ts';

export interface StoredHolidayYear {
  data: HolidayYear;
  loadedAt: string;
  loadedBy: string | null;
}

export async function listHolidayYears(db: Kysely<Database>): Promise<StoredHolidayYear[]> {
  const rows = await db.selectFrom('holiday_years').selectAll().orderBy('year').execute();
  return rows.map((row) => ({ data: HolidayYearSchema.parse(JSON.parse(row.data_json)), loadedAt: row.loaded_at, loadedBy: row.loaded_by }));
}

/** Years shipped as files are loaded once; a year already in the database (maybe corrected by an admin) is kept. */
export async function insertHolidayYearIfAbsent(db: Kysely<Database>, year: HolidayYear, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('holiday_years')
    .values({ year: year.year, data_json: JSON.stringify(year), source: year.source, loaded_at: at.toISOString(), loaded_by: null })
    .onConflict((oc) => oc.column('year').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Loads (or corrects) a year, with its audit entry, inside the caller's transaction (which may also
 * cancel the appointments the year's new holidays cover; `cancelled` names them in the entry).
 */
export async function saveHolidayYearIn(
  trx: Transaction<Database>,
  kind: DatabaseKind,
  year: HolidayYear,
  by: { staffId: string; role: string; origin: string | null },
  at: Date,
  cancelled: readonly string[] = [],
): Promise<void> {
  const values = { data_json: JSON.stringify(year), source: year.source, loaded_at: at.toISOString(), loaded_by: by.staffId };
  await trx
    .insertInto('holiday_years')
    .values({ year: year.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .execute();
  await appendAudit(trx, kind, {
    at,
    actorId: by.staffId,
    actorRole: by.role,
    action: 'holidays.load',
    recordType: 'holiday_year',
    recordId: String(year.year),
    origin: by.origin,
    details: { holidays: year.holidays.length, makeUpWorkdays: year.makeUpWorkdays.length, ...(cancelled.length > 0 ? { cancelled } : {}) },
  });
}
