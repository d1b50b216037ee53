/**
 * A flash crowd against the real server process: 300 couples at once for the 20 places of a popular
 * date just released (an offices file loaded through MARRIAGE_OFFICES_FILE). Every place is taken
 * once and only once: places taken = 201 answers = active appointments = 20; every other answer is
 * 409 slot_full, never a 5xx or a 422. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
 * (`npm run bench`, section flash-crowd, does the same with 5,000 for 200 and measures it.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../api/db/connect.ts';
import { attemptBody, attemptHeaders, BOOKING_PATH, classifyAnswer, confirmCrowdPhones, countOutcomes, planFlashCrowd, readBookingState, writeOfficesFile, type AttemptOutcome, type FlashCrowdPlan } from '../support/flash-crowd.ts';
import { startPortalProcess, type PortalProcess } from '../support/portal-process.ts';
import { createTestDatabase, DIALECTS, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.ts';

const ATTEMPTS = 300;
const PLACES = 20;
const IN_FLIGHT = 100;

/** Runs `count` tasks, at most `limit` at a time. */
async function pooled<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

describe.each(DIALECTS)('a flash crowd on a popular date, real server process on %s', (kind) => {
  let plan: FlashCrowdPlan;
  let officesFile: ReturnType<typeof writeOfficesFile>;
  let database: TestDatabase | undefined;
  let portal: PortalProcess;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    plan = planFlashCrowd(PLACES);
    officesFile = writeOfficesFile(plan);
    let env: Record<string, string> = { DATABASE_URL: '' };
    if (kind === 'postgres') {
      database = await createTestDatabase('postgres');
      if (database.target.kind !== 'postgres') throw new Error('expected postgres');
      env = { DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.target.schema}`)}` };
    }
    portal = await startPortalProcess({ env: { ...env, LOG_LEVEL: 'warn', MARRIAGE_OFFICES_FILE: officesFile.path, BOOKING_LIMIT_PER_CLIENT: '100000', PHONE_CODE_LIMIT_PER_CLIENT: '100000' } });
    handle = openDatabase(database?.target ?? { kind: 'sqlite', path: `${portal.dataDir}/portal.sqlite` });
  });
  afterAll(async () => {
    await handle?.close();
    await portal?.stop();
    await database?.drop();
    officesFile?.remove();
  });

  it('serves the offices from the file: the popular date is open with all its places', async () => {
    const offices = (await (await fetch(`${portal.url}/api/v1/marriage/offices`)).json()) as { offices: { id: string }[] };
    expect(offices.offices.map((office) => office.id)).toEqual([plan.office]);
    const slots = (await (await fetch(`${portal.url}/api/v1/marriage/offices/${plan.office}/slots?kind=marriage&date=${plan.date}`)).json()) as { slots: { start: string; placesLeft: number }[] };
    expect(slots.slots.reduce((sum, slot) => sum + slot.placesLeft, 0)).toBe(PLACES);
  });

  it(`gives ${PLACES} places to exactly ${PLACES} of ${ATTEMPTS} couples trying at once, and tells the others it is full`, async () => {
    // Every couple confirmed their phones before the date opened (docs/decisions/019).
    const proofs = await confirmCrowdPhones(portal.url, plan, ATTEMPTS);
    const outcomes = await pooled(ATTEMPTS, IN_FLIGHT, async (i): Promise<AttemptOutcome> => {
      try {
        const response = await fetch(portal.url + BOOKING_PATH, { method: 'POST', headers: attemptHeaders(i), body: attemptBody(plan, i, { proofs }), signal: AbortSignal.timeout(15_000) });
        return classifyAnswer(response.status, await response.text());
      } catch (error) {
        return `error network ${error instanceof Error ? error.name : 'unknown'}`;
      }
    });
    const counts = countOutcomes(outcomes);
    expect(counts.errors).toEqual({});
    expect(counts.booked).toBe(PLACES);
    expect(counts.full).toBe(ATTEMPTS - PLACES);

    const state = await readBookingState(handle.db, plan);
    expect(state).toMatchObject({ placesTaken: PLACES, appointments: PLACES, overbooked: 0, overbookedRows: 0, slotMismatches: 0 });
    expect(state.slots.map((slot) => slot.taken)).toEqual(plan.slots.map(() => plan.placesPerSlot));
    // One case per booking, none for a refused attempt.
    const cases = await handle.db.selectFrom('cases').select('id').where('service', '=', 'marriage-appointment').execute();
    expect(cases).toHaveLength(PLACES);
  });
});
