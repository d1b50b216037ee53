/**
 * Staff sign-in counters (docs/decisions/014). Taking a count is one conditional upsert: it adds
 * one only while the window has room and returns nothing when it has none, so however many
 * requests and processes race, no more attempts pass than the limit. Correct on SQLite (one writer)
 * and PostgreSQL (ON CONFLICT locks the row and re-checks the condition against its newest version).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type CountTaken =
  /** Counted: `windowStart` identifies the window, to give the count back to that window only. */
  | { taken: true; windowStart: string; lastSignedInAt: string | null }
  /** The window is full: nothing was counted. */
  | { taken: false; windowStart: string };

/** One more attempt on `key` if its window (which starts at its first attempt) has room for it. */
export async function takeSignInCount(db: Kysely<Database>, key: string, options: { limit: number; windowMs: number; now: Date }): Promise<CountTaken> {
  const now = options.now.toISOString();
  // A window that began at or before this moment is over: the attempt starts a new one.
  const over = new Date(options.now.getTime() - options.windowMs).toISOString();
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ key, window_start: now, count: 1, last_signed_in_at: null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          count: sql<number>`case when sign_in_throttle.window_start <= ${over} then 1 else sign_in_throttle.count + 1 end`,
          window_start: sql<string>`case when sign_in_throttle.window_start <= ${over} then ${now} else sign_in_throttle.window_start end`,
        })
        .where((eb) => eb.or([eb('sign_in_throttle.window_start', '<=', over), eb('sign_in_throttle.count', '<', options.limit)])),
    )
    .returning(['window_start', 'last_signed_in_at'])
    .executeTakeFirst();
  if (row) return { taken: true, windowStart: row.window_start, lastSignedInAt: row.last_signed_in_at };
  const full = await db.selectFrom('sign_in_throttle').select('window_start').where('key', '=', key).executeTakeFirst();
  return { taken: false, windowStart: full?.window_start ?? now };
}

/** Gives back one attempt counted in the window that began at `windowStart` (never to a later window). */
export async function giveBackSignInCount(db: Kysely<Database>, key: string, windowStart: string): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({ count: sql<number>`count - 1` })
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('count', '>', 0)
    .execute();
}

/** A successful sign-in: the pair's count starts again, and the address is known to the account from now. */
export async function recordSignInSuccess(db: Kysely<Database>, pairKey: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('sign_in_throttle')
    .values({ key: pairKey, window_start: at, count: 0, last_signed_in_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: 0, last_signed_in_at: at }))
    .execute();
}

/** Forgets counters whose window is over and that remember no recent sign-in; returns how many. */
export async function pruneSignInCounts(db: Kysely<Database>, options: { now: Date; windowMs: number; rememberMs: number }): Promise<number> {
  const over = new Date(options.now.getTime() - options.windowMs).toISOString();
  const forgotten = new Date(options.now.getTime() - options.rememberMs).toISOString();
  const result = await db
    .deleteFrom('sign_in_throttle')
    .where('window_start', '<=', over)
    .where((eb) => eb.or([eb('last_signed_in_at', 'is', null), eb('last_signed_in_at', '<=', forgotten)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
