/**
 * The hand-off outbox (docs/decisions/044): requests to other systems, written in the transaction
 * of the transition that sends them, claimed under a lease (lease.ts: locked_by, locked_until;
 * PostgreSQL's SKIP LOCKED) by workers in any number of processes, as the notification outbox is.
 * Only the lease holder marks an attempt; an answer closes a request once, whoever brings it (the
 * worker with an immediate answer, a callback, a failure after the last attempt): the first
 * conditional update wins.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseKind } from './connect.ts';
import { claimDueRows, LEASE_RELEASED, updateWhileLeased, type LeaseClaim } from './lease.ts';
import type { Database, HandoffRequestTable } from './schema.ts';

export type HandoffRequestRow = HandoffRequestTable;

/** A request not yet answered, failed or superseded: the only ones an answer may close. */
export const OPEN_HANDOFF_STATUSES = ['pending', 'waiting'] as const;

/**
 * A new request inside the transition's transaction; the earlier open requests of the same hand-off
 * on the case give way to it (a re-check asked for supersedes the one still running).
 */
export async function insertHandoffRequest(trx: Transaction<Database>, request: { caseId: string; handoff: string; payloadEnc: string; at: Date }): Promise<string> {
  await supersedeOpenRequests(trx, request.caseId, request.handoff);
  const id = randomUUID();
  await trx
    .insertInto('handoff_requests')
    .values({
      id,
      case_id: request.caseId,
      handoff: request.handoff,
      payload_enc: request.payloadEnc,
      status: 'pending',
      attempts: 0,
      next_attempt_at: request.at.toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: null,
      sent_at: null,
      answered_at: null,
      answer_enc: null,
      created_at: request.at.toISOString(),
    })
    .execute();
  return id;
}

/** The case's open requests of a hand-off end unanswered (a newer request, or an answer entered by hand). */
export async function supersedeOpenRequests(trx: Transaction<Database>, caseId: string, handoff: string): Promise<number> {
  const result = await trx
    .updateTable('handoff_requests')
    .set({ status: 'superseded', ...LEASE_RELEASED })
    .where('case_id', '=', caseId)
    .where('handoff', '=', handoff)
    .where('status', 'in', OPEN_HANDOFF_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function claimDueHandoffs(db: Kysely<Database>, kind: DatabaseKind, options: LeaseClaim): Promise<HandoffRequestRow[]> {
  return claimDueRows(db, kind, 'handoff_requests', options);
}

export async function findHandoffRequest(db: Kysely<Database>, id: string): Promise<HandoffRequestRow | undefined> {
  return db.selectFrom('handoff_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every request of a case, oldest first: what the workbench shows. */
export async function caseHandoffRequests(db: Kysely<Database>, caseId: string): Promise<HandoffRequestRow[]> {
  return db.selectFrom('handoff_requests').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

/** The receiving system took the request and will answer later (202): counted as an attempt, no longer sent. */
export async function markHandoffWaiting(db: Kysely<Database>, id: string, workerId: string, at: Date): Promise<boolean> {
  return updateWhileLeased(db, 'handoff_requests', { id, workerId, status: 'pending' }, { status: 'waiting', attempts: sql<number>`attempts + 1`, sent_at: at.toISOString(), last_error: null });
}

/** An attempt that failed (`count`), or a request that could not be sent at all, tried again at `nextAttemptAt`. */
export async function markHandoffRetry(db: Kysely<Database>, id: string, workerId: string, failure: { error: string; nextAttemptAt: Date; count: boolean }): Promise<boolean> {
  return updateWhileLeased(
    db,
    'handoff_requests',
    { id, workerId, status: 'pending' },
    { ...(failure.count ? { attempts: sql<number>`attempts + 1` } : {}), next_attempt_at: failure.nextAttemptAt.toISOString(), last_error: failure.error.slice(0, 200) },
  );
}

/**
 * Closes an open request with its outcome, inside the transaction that records it on the case:
 * false when it was already closed (a duplicate callback, a retry's late answer), and then nothing
 * else may be recorded.
 * @param attempt the attempt that brought the outcome counts (the worker's); a callback adds none.
 */
export async function closeHandoffRequest(
  trx: Transaction<Database>,
  id: string,
  outcome: { status: 'answered' | 'failed'; answerEnc: string; at: Date; attempt: boolean; error?: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('handoff_requests')
    .set({
      status: outcome.status,
      answer_enc: outcome.answerEnc,
      answered_at: outcome.at.toISOString(),
      ...(outcome.attempt ? { attempts: sql<number>`attempts + 1` } : {}),
      ...(outcome.error ? { last_error: outcome.error.slice(0, 200) } : {}),
      ...LEASE_RELEASED,
    })
    .where('id', '=', id)
    .where('status', 'in', OPEN_HANDOFF_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
