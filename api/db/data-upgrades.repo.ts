/**
 * Data upgrades done once at start with the portal's key (migration 2026120801_data_upgrades,
 * docs/decisions/049): whether one is done, and recording that it is.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export async function isUpgradeDone(db: Kysely<Database>, name: string): Promise<boolean> {
  return (await db.selectFrom('data_upgrades').select('name').where('name', '=', name).executeTakeFirst()) !== undefined;
}

/** Records an upgrade as done; a second record of the same one (another process finished it too) is ignored. */
export async function recordUpgradeDone(db: Kysely<Database>, name: string, changed: number, at: Date): Promise<void> {
  await db
    .insertInto('data_upgrades')
    .values({ name, changed, done_at: at.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
