/**
 * Leases on the rows workers process (the notification outbox, the hand-off requests): a worker in
 * any number of processes claims due rows by writing its id and an expiry on them (locked_by,
 * locked_until), and only the worker that holds a row's lease may record what became of it. A
 * worker that died loses its lease when it expires, so the row is tried again by another.
 */
import type { Kysely, Selectable, UpdateObject } from 'kysely';
import type { DatabaseKind } from './connect.ts';
import type { Database } from './schema.ts';

/** The columns a lease reads and writes; a table with them can be claimed. */
export interface LeaseColumns {
  id: string;
  /** Only 'pending' rows are claimed. */
  status: string;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
}

/** The schema's tables whose rows are claimed under a lease (every table with the lease's columns). */
export type LeasedTable = { [T in keyof Database]: Database[T] extends LeaseColumns ? T : never }[keyof Database];

export interface LeaseClaim {
  workerId: string;
  now: Date;
  /** How long the claim holds: a worker that has not finished by then loses its rows to another. */
  leaseMs: number;
  /** The most rows one claim takes. */
  limit: number;
}

/** What every lease-ending update sets: the row is nobody's again. */
export const LEASE_RELEASED = { locked_by: null, locked_until: null } as const;

/**
 * Claims up to `limit` pending rows of `table` that are due and whose lease is free or expired,
 * earliest due first, for `workerId` until `now + leaseMs`; returns them as claimed.
 */
export async function claimDueRows<T extends LeasedTable>(db: Kysely<Database>, kind: DatabaseKind, table: T, claim: LeaseClaim): Promise<Selectable<Database[T]>[]> {
  const now = claim.now.toISOString();
  const until = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
  // Kysely cannot resolve column names on a generic table name: the queries are built on the union of
  // the leased tables, where the lease's columns are common to all.
  const leased: LeasedTable = table;
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom(leased)
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(claim.limit);
    // PostgreSQL: workers skip each other's rows instead of waiting. SQLite: every transaction
    // begins IMMEDIATE (sqlite-dialect.ts), so one claim at a time holds the write lock.
    if (kind === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    // The rows of `table` itself; typed on the union, they would merge the columns of every leased table.
    return trx.updateTable(leased).set({ locked_by: claim.workerId, locked_until: until }).where('id', 'in', ids).returningAll().execute() as Promise<Selectable<Database[T]>[]>;
  });
}

/**
 * Records what became of a row and releases its lease, only while `workerId` still holds it (and,
 * given `status`, the row is still in it): false when the lease had expired and passed to another
 * worker, or the row was closed meanwhile, and then nothing was written.
 */
export async function updateWhileLeased<T extends LeasedTable>(
  db: Kysely<Database>,
  table: T,
  lease: { id: string; workerId: string; status?: string },
  set: UpdateObject<Database, T>,
): Promise<boolean> {
  const leased: LeasedTable = table;
  let update = db.updateTable(leased).set({ ...set, ...LEASE_RELEASED }).where('id', '=', lease.id);
  if (lease.status !== undefined) update = update.where('status', '=', lease.status);
  const result = await update.where('locked_by', '=', lease.workerId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
