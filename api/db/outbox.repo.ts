/**
 * The notification outbox: rows written in the same transaction as the event they announce, then
 * claimed and delivered by workers in any number of processes. A claim is a lease (locked_by,
 * locked_until): only the claiming worker may mark the message, and a worker that died loses its
 * lease when it expires, so the message is tried again.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from './connect.ts';
import type { Database, NotificationOutboxTable } from './schema.ts';

export type OutboxMessage = NotificationOutboxTable;

export async function claimDueMessages(
  db: Kysely<Database>,
  kind: DatabaseKind,
  options: { workerId: string; now: Date; leaseMs: number; limit: number },
): Promise<OutboxMessage[]> {
  const now = options.now.toISOString();
  const until = new Date(options.now.getTime() + options.leaseMs).toISOString();
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('notification_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(options.limit);
    // PostgreSQL: workers skip each other's rows instead of waiting; SQLite's write lock serialises.
    if (kind === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('notification_outbox')
      .set({ locked_by: options.workerId, locked_until: until })
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  });
}

export async function markSent(db: Kysely<Database>, id: string, workerId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('notification_outbox')
    .set({ status: 'sent', sent_at: at.toISOString(), locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markFailedAttempt(
  db: Kysely<Database>,
  id: string,
  workerId: string,
  failure: { error: string; nextAttemptAt: Date | null },
): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set({
      attempts: sql<number>`attempts + 1`,
      // No next attempt: given up, kept for staff to see (status 'failed', last_error).
      status: failure.nextAttemptAt ? 'pending' : 'failed',
      ...(failure.nextAttemptAt ? { next_attempt_at: failure.nextAttemptAt.toISOString() } : {}),
      last_error: failure.error.slice(0, 500),
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}
