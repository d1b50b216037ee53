/**
 * The registry offices a runtime owns (docs/decisions/035): its file's (or the demo's) offices, with
 * the schedules admins have changed read from the database, so that `offices.get(id)` stays
 * synchronous on the booking's hot path. The process that saves a change refreshes at once; every
 * process refreshes every minute (api/server/main.ts), so several processes agree within a minute.
 */
import type { Kysely } from 'kysely';
import { listOfficeSchedules } from '../../db/office-schedules.repo.ts';
import type { Database } from '../../db/schema.ts';
import { DEMO_REGISTRY_OFFICES, registryOfficesOf, validRegistryOffices, type RegistryOffice, type RegistryOffices } from './offices.ts';

export interface LiveRegistryOffices extends RegistryOffices {
  /** Reads the changed schedules again (after a change here, or periodically for changes elsewhere). */
  refresh(): Promise<void>;
}

/** Opens the offices of `configured` (the demo's when absent), with the schedules saved in `db`. */
export async function openLiveRegistryOffices(db: Kysely<Database>, configured: readonly RegistryOffice[] = DEMO_REGISTRY_OFFICES): Promise<LiveRegistryOffices> {
  const base = validRegistryOffices(configured);
  let current = registryOfficesOf(base);
  const refresh = async () => {
    const stored = await listOfficeSchedules(db);
    current = registryOfficesOf(base, new Map(stored.map((row) => [row.officeId, row.schedule])));
  };
  await refresh();
  return {
    all: () => current.all(),
    get: (id) => current.get(id),
    configured: (id) => current.configured(id),
    refresh,
  };
}
