/**
 * Registry offices' schedules as changed by admins (docs/decisions/009): read all (for every
 * process's cache), and change one under a lock, so two admins changing the same office at once
 * apply one after the other instead of one overwriting the other.
 */
import type { Kysely, Transaction } from 'kysely';
import { ResourceScheduleSchema, type ResourceSchedule } from '../engine/booking/schedule.ts';
import type { DatabaseKind } from './connect.ts';
import type { Database } from './schema.ts';

export interface StoredOfficeSchedule {
  officeId: string;
  schedule: ResourceSchedule;
  updatedAt: string;
  updatedBy: string | null;
}

export async function listOfficeSchedules(db: Kysely<Database>): Promise<StoredOfficeSchedule[]> {
  const rows = await db.selectFrom('office_schedules').selectAll().orderBy('office_id').execute();
  return rows.map((row) => ({ officeId: row.office_id, schedule: ResourceScheduleSchema.parse(JSON.parse(row.schedule_json)), updatedAt: row.updated_at, updatedBy: row.updated_by }));
}

export async function findOfficeSchedule(db: Kysely<Database>, officeId: string): Promise<StoredOfficeSchedule | undefined> {
  const row = await db.selectFrom('office_schedules').selectAll().where('office_id', '=', officeId).executeTakeFirst();
  return row ? { officeId: row.office_id, schedule: ResourceScheduleSchema.parse(JSON.parse(row.schedule_json)), updatedAt: row.updated_at, updatedBy: row.updated_by } : undefined;
}

/** What a change decided: the schedule to save (with whatever else it did in the transaction), or nothing to save. */
export type ScheduleChangeOutcome<T> = { save: ResourceSchedule; by: string; result: T } | { save: null; result: T };

class NothingToSave {
  readonly result: unknown;
  constructor(result: unknown) {
    this.result = result;
  }
}

/**
 * Changes one office's schedule in one transaction: the office's row is created from `configured`
 * (its file's or the demo's schedule) if it has none, locked, and handed to `change` with the
 * transaction, in which the change does everything else it must (cancel appointments, update
 * places, audit). Nothing is written when `change` saves nothing or throws.
 */
export async function changeOfficeSchedule<T>(
  db: Kysely<Database>,
  kind: DatabaseKind,
  officeId: string,
  configured: ResourceSchedule,
  at: Date,
  change: (trx: Transaction<Database>, current: ResourceSchedule) => Promise<ScheduleChangeOutcome<T>>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('office_schedules')
        .values({ office_id: officeId, schedule_json: JSON.stringify(configured), updated_at: at.toISOString(), updated_by: null })
        .onConflict((oc) => oc.column('office_id').doNothing())
        .execute();
      // SQLite's transactions hold the one write lock from BEGIN IMMEDIATE; PostgreSQL locks the row.
      const read = trx.selectFrom('office_schedules').select('schedule_json').where('office_id', '=', officeId);
      const row = await (kind === 'postgres' ? read.forUpdate() : read).executeTakeFirstOrThrow();
      const outcome = await change(trx, ResourceScheduleSchema.parse(JSON.parse(row.schedule_json)));
      if (outcome.save === null) throw new NothingToSave(outcome.result);
      await trx
        .updateTable('office_schedules')
        .set({ schedule_json: JSON.stringify(ResourceScheduleSchema.parse(outcome.save)), updated_at: at.toISOString(), updated_by: outcome.by })
        .where('office_id', '=', officeId)
        .execute();
      return outcome.result;
    });
  } catch (error) {
    // A refusal rolls back the row made for it too: an office nobody changed keeps following its file.
    if (error instanceof NothingToSave) return error.result as T;
    throw error;
  }
}
