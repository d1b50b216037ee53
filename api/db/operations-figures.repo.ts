/**
 * What an operator watches (the /metrics endpoint, docs/operations.md), read in a few grouped
 * queries over indexed columns: how many cases wait in each state, what the outbox and the
 * hand-offs have not delivered and since when, and what the drafts and the file store hold.
 * Counts only: nothing here reads a person's data.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface OperationsFigures {
  /** Cases per service and state (terminal states included: the caller leaves them out). */
  casesByState: { service: string; state: string; count: number }[];
  /** Notifications per status ('pending', 'sent', 'failed'), and the oldest pending one's creation. */
  outbox: { byStatus: Record<string, number>; oldestPendingAt: string | null };
  /** Hand-off requests per hand-off and status, and the oldest open (pending or waiting) one's creation. */
  handoffs: { byStatus: { handoff: string; status: string; count: number }[]; oldestOpenAt: string | null };
  /** Citizens' saved applications not yet submitted nor expired, and editorial drafts per kind and state. */
  drafts: { citizen: number; editorial: { kind: string; state: string; count: number }[] };
  /** Stored files and their bytes, per owner kind ('draft', 'case'). */
  files: { ownerKind: string; count: number; bytes: number }[];
}

const count = (value: unknown) => Number(value ?? 0);

export async function readOperationsFigures(db: Kysely<Database>, now: Date): Promise<OperationsFigures> {
  const [casesByState, outboxRows, oldestPending, handoffRows, oldestOpen, citizenDrafts, editorialRows, fileRows] = await Promise.all([
    // The queue's counts, kept by triggers (docs/decisions/071): a few dozen rows at a million cases.
    db.selectFrom('case_queue_counts').select((eb) => ['service', 'state', eb.fn.sum<string | number>('cases').as('count')]).groupBy(['service', 'state']).execute(),
    db.selectFrom('notification_outbox').select((eb) => ['status', eb.fn.countAll().as('count')]).groupBy('status').execute(),
    db.selectFrom('notification_outbox').select((eb) => eb.fn.min('created_at').as('at')).where('status', '=', 'pending').executeTakeFirst(),
    db.selectFrom('handoff_requests').select((eb) => ['handoff', 'status', eb.fn.countAll().as('count')]).groupBy(['handoff', 'status']).execute(),
    db.selectFrom('handoff_requests').select((eb) => eb.fn.min('created_at').as('at')).where('status', 'in', ['pending', 'waiting']).executeTakeFirst(),
    db.selectFrom('drafts').select((eb) => eb.fn.countAll().as('count')).where('submitted_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst(),
    db.selectFrom('editorial_drafts').select((eb) => ['kind', 'state', eb.fn.countAll().as('count')]).groupBy(['kind', 'state']).execute(),
    db
      .selectFrom('files')
      .select((eb) => ['owner_kind', eb.fn.countAll().as('count'), sql<string | number | null>`sum(${sql.ref('size')})`.as('bytes')])
      .groupBy('owner_kind')
      .execute(),
  ]);
  return {
    casesByState: casesByState.map((row) => ({ service: row.service, state: row.state, count: count(row.count) })),
    outbox: { byStatus: Object.fromEntries(outboxRows.map((row) => [row.status, count(row.count)])), oldestPendingAt: oldestPending?.at ?? null },
    handoffs: { byStatus: handoffRows.map((row) => ({ handoff: row.handoff, status: row.status, count: count(row.count) })), oldestOpenAt: oldestOpen?.at ?? null },
    drafts: { citizen: count(citizenDrafts?.count), editorial: editorialRows.map((row) => ({ kind: row.kind, state: row.state, count: count(row.count) })) },
    files: fileRows.map((row) => ({ ownerKind: row.owner_kind, count: count(row.count), bytes: count(row.bytes) })),
  };
}
