import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Published content whose change every process's page cache follows: guides (docs/decisions/001) and notices (docs/decisions/056). */
export type ContentName = 'guides' | 'notices';

/** Called inside the transaction that publishes, so readers never see new content with an old version. */
export async function bumpContentVersion(trx: Transaction<Database>, name: ContentName, now: Date): Promise<void> {
  const updated = await trx
    .updateTable('content_state')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now.toISOString() }))
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await trx.insertInto('content_state').values({ name, version: 1, updated_at: now.toISOString() }).execute();
  }
}

export async function readContentVersion(db: Kysely<Database>, name: ContentName): Promise<number> {
  const row = await db.selectFrom('content_state').select('version').where('name', '=', name).executeTakeFirst();
  return row ? Number(row.version) : 0;
}
