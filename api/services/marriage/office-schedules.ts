/**
 * The schedules admins have changed, read from the database into the process-wide office list
 * (api/services/marriage/offices.ts), so that `registryOffice(id)` stays synchronous. The process
 * that saves a change refreshes at once; every other process refreshes periodically (api/server/main.ts).
 */
import type { Kysely } from 'kysely';
import { listOfficeSchedules } from '../../db/office-schedules.repo.ts';
import type { Database } from '../../db/schema.ts';
import { useScheduleOverrides } from './offices.ts';

export interface LiveOfficeSchedules {
  /** Reads the changed schedules again (after a change here, or periodically for changes elsewhere). */
  refresh(): Promise<void>;
}

export async function openLiveOfficeSchedules(db: Kysely<Database>): Promise<LiveOfficeSchedules> {
  const refresh = async () => {
    const stored = await listOfficeSchedules(db);
    useScheduleOverrides(new Map(stored.map((row) => [row.officeId, row.schedule])));
  };
  await refresh();
  return { refresh };
}
