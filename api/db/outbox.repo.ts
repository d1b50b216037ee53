/**
 * The notification outbox: rows written in the same transaction as the event they announce, then
 * claimed and delivered by workers in any number of processes. A claim is a lease (lease.ts:
 * locked_by, locked_until): only the claiming worker may mark the message, and a worker that died
 * loses its lease when it expires, so the message is tried again.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from './connect.ts';
import { claimDueRows, updateWhileLeased, type LeaseClaim } from './lease.ts';
import type { Database, NotificationOutboxTable } from './schema.ts';

export type OutboxMessage = NotificationOutboxTable;

export async function claimDueMessages(db: Kysely<Database>, kind: DatabaseKind, options: LeaseClaim): Promise<OutboxMessage[]> {
  return claimDueRows(db, kind, 'notification_outbox', options);
}

export async function markSent(db: Kysely<Database>, id: string, workerId: string, at: Date): Promise<boolean> {
  return updateWhileLeased(db, 'notification_outbox', { id, workerId }, { status: 'sent', sent_at: at.toISOString(), last_error: null });
}

export async function markFailedAttempt(
  db: Kysely<Database>,
  id: string,
  workerId: string,
  failure: { error: string; nextAttemptAt: Date | null },
): Promise<void> {
  await updateWhileLeased(db, 'notification_outbox', { id, workerId }, {
    attempts: sql<number>`attempts + 1`,
    // No next attempt: given up, kept for staff to see (status 'failed', last_error).
    status: failure.nextAttemptAt ? 'pending' : 'failed',
    ...(failure.nextAttemptAt ? { next_attempt_at: failure.nextAttemptAt.toISOString() } : {}),
    last_error: failure.error.slice(0, 500),
  });
}
