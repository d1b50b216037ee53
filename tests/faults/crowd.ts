/**
 * What the fault tests share: a flash crowd of bookings kept running against a portal process while
 * something goes wrong, each answer noted (with the tracking number of every booking acknowledged),
 * and what the database holds afterwards compared with what was acknowledged.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../api/db/schema.ts';
import { attemptBody, attemptHeaders, BOOKING_PATH, readBookingState, type CrowdProofs, type FlashCrowdPlan } from '../support/flash-crowd.ts';

export interface CrowdAnswers {
  /** Tracking numbers of the bookings answered 201. */
  acknowledged: string[];
  full: number;
  /** Answers per status (and network failures as "network"), for the report. */
  statuses: Record<string, number>;
  /** When each answer came (ms since the crowd began) and its status, for the recovery time. */
  timeline: { at: number; status: number | 'network' }[];
}

export const newAnswers = (): CrowdAnswers => ({ acknowledged: [], full: 0, statuses: {}, timeline: [] });

/**
 * Sends the crowd's attempts, `inFlight` at a time, until every attempt has an answer that is final
 * (201 booked, 409 full) or `stop()` says so. An attempt answered 503 (the database away) is sent
 * again after its Retry-After (shortened to `retryMs`), with the same Idempotency-Key, as a client
 * should; a network failure (the process killed) ends that attempt unanswered.
 */
export async function runCrowd(
  url: string,
  plan: FlashCrowdPlan,
  proofs: CrowdProofs,
  options: { attempts: number; inFlight: number; retryMs: number; stop?: () => boolean; into?: CrowdAnswers },
): Promise<CrowdAnswers> {
  // Filled as answers come (`into`), so that a test can act in the middle of the crowd.
  const answers: CrowdAnswers = options.into ?? newAnswers();
  const started = performance.now();
  const note = (status: number | 'network') => {
    answers.statuses[String(status)] = (answers.statuses[String(status)] ?? 0) + 1;
    answers.timeline.push({ at: performance.now() - started, status });
  };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < options.attempts && !options.stop?.(); i = next++) {
      for (;;) {
        let response: Response;
        let body: string;
        try {
          response = await fetch(url + BOOKING_PATH, { method: 'POST', headers: attemptHeaders(i), body: attemptBody(plan, i, { proofs }), signal: AbortSignal.timeout(20_000) });
          body = await response.text();
        } catch {
          // No answer read whole: the client was told nothing, so nothing counts as acknowledged.
          note('network');
          break;
        }
        note(response.status);
        // As stored: without the dashes it is shown with.
        if (response.status === 201) answers.acknowledged.push((JSON.parse(body) as { trackingNumber: string }).trackingNumber.replaceAll('-', ''));
        const code = /"code":"([^"]+)"/.exec(body)?.[1];
        if (response.status === 503 && !response.headers.get('retry-after')) answers.statuses['503 without Retry-After'] = (answers.statuses['503 without Retry-After'] ?? 0) + 1;
        if (response.status === 409 && code === 'slot_full') answers.full += 1;
        if (response.status === 409 || response.status === 422) answers.statuses[`${response.status} ${code ?? ''}`] = (answers.statuses[`${response.status} ${code ?? ''}`] ?? 0) + 1;
        // A 503, or the same request still "in progress" (its first try's key not yet released), is tried again.
        const again = response.status === 503 || (response.status === 409 && code === 'request_in_progress');
        if (!again || options.stop?.()) break;
        await new Promise((resolve) => setTimeout(resolve, options.retryMs));
      }
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  return answers;
}

export interface Reckoning {
  acknowledged: number;
  found: number;
  lost: number;
  overbooked: number;
  /** Slots whose places taken differ from their active appointments: a place taken twice, or lost. */
  slotMismatches: number;
  /** Cases of the crowd's office with no appointment: a booking half written. */
  halfWritten: number;
}

/** What the database holds against what was acknowledged. */
export async function reckon(db: Kysely<Database>, plan: FlashCrowdPlan, acknowledged: readonly string[]): Promise<Reckoning> {
  const found = new Set<string>();
  for (let from = 0; from < acknowledged.length; from += 500) {
    const batch = acknowledged.slice(from, from + 500);
    const rows = await db.selectFrom('cases').innerJoin('appointments', 'appointments.case_id', 'cases.id').select('cases.tracking_number').where('cases.tracking_number', 'in', batch).where('appointments.status', '=', 'active').execute();
    for (const row of rows) found.add(row.tracking_number);
  }
  const state = await readBookingState(db, plan);
  const halfWritten = await db
    .selectFrom('cases')
    .select(sql<number>`count(*)`.as('count'))
    .where('cases.service', '=', 'marriage-appointment')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('appointments').select('appointments.id').whereRef('appointments.case_id', '=', 'cases.id'))))
    .executeTakeFirstOrThrow();
  return {
    acknowledged: acknowledged.length,
    found: found.size,
    lost: acknowledged.length - found.size,
    overbooked: state.overbooked,
    slotMismatches: state.slotMismatches,
    halfWritten: Number(halfWritten.count),
  };
}
