/**
 * The flash crowd (issue 5): a popular date opens with M places and N couples, all different
 * people, try to book it at once over HTTP against the real portal process; then the database is
 * read to prove that exactly M places were taken, none twice, and that every other answer was
 * "full". The same N requests (same bodies, same connections) against the bare Hono baseline give
 * the ratio.
 *
 * The load: autocannon with `connections` requests in flight, each connection sending its next
 * attempt when the previous is answered; every request gets its own body (couple n asks for slot
 * n mod slots) and its own Idempotency-Key, as the portal's forms send one. Latency is each
 * request's, send to full answer; the rate is answers over the time from the first request sent
 * to the last answer.
 */
import autocannon from 'autocannon';
import { openDatabase, type DatabaseTarget } from '../../api/db/connect.ts';
import { attemptBody, attemptHeaders, BOOKING_PATH, classifyAnswer, confirmCrowdPhones, planFlashCrowd, readBookingState, writeOfficesFile, type BookingState, type FlashCrowdPlan } from '../support/flash-crowd.ts';
import { coresOf, cpuBetween, cpuSample, serverPids, type Server } from './processes.ts';

export const FLASH_SETTINGS = {
  /** N: booking attempts, each from a different couple. */
  attempts: 5_000,
  /** M: places on the popular date. */
  places: 200,
  /** Requests in flight at once. */
  connections: 250,
  /** Attempts on another day first (discarded): the server's code paths warmed up, as in production. */
  warmupAttempts: 1_000,
  /** The baseline is measured this many times; the median run counts (one run lasts well under a second). */
  baselineRuns: 3,
};

export interface CrowdRun {
  attempts: number;
  seconds: number;
  /** Answers of any kind per second. */
  attemptsPerSecond: number;
  /** Successful answers per second: bookings (201) for the portal, 2xx for the baseline. */
  successesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * p99 of each connection's first request, and of the others. All connections open at once; a
   * busy Node server accepts the waiting ones only a few per event-loop turn, so first requests
   * include time in the kernel's accept queue.
   */
  p99FirstOnConnectionMs: number;
  p99LaterMs: number;
  /** From the first request sent to the last booking's answer: how long the places lasted (NaN without bookings). */
  lastBookedAfterMs: number;
  /** Answers by outcome: booked, full, or "error <status> <code>" (network errors: "error network"). */
  outcomes: Record<string, number>;
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * Fires `count` POSTs at `url`, `connections` at a time; request i has body `body(i)` and headers
 * `headers(i)`, and its answer counts as `outcome(status, body)`.
 */
export async function fireCrowd(
  url: string,
  count: number,
  connections: number,
  request: { body: (i: number) => string; headers: (i: number) => Record<string, string>; outcome: (status: number, body: string) => string },
): Promise<CrowdRun> {
  const times = new Float64Array(count);
  const firstTimes: number[] = [];
  const laterTimes: number[] = [];
  const seenClients = new Set<unknown>();
  let answered = 0;
  let prepared = 0;
  const outcomes: Record<string, number> = {};
  let firstSentAt = Infinity;
  let lastAnsweredAt = -Infinity;
  let lastBookedAt = NaN;
  const instance = autocannon({
    url,
    connections: Math.min(connections, count),
    amount: count,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        // Called for every request autocannon prepares: a new couple each time (a few prepared at
        // the end are never sent, which only skips their numbers).
        setupRequest: (spec) => {
          const i = prepared++;
          return { ...spec, method: 'POST', headers: { ...spec.headers, ...request.headers(i) }, body: request.body(i) };
        },
        onResponse: (status, body) => {
          const outcome = request.outcome(status, body);
          if (outcome === 'booked') lastBookedAt = performance.now();
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        },
      },
    ],
  }).on('response', (client, _status, _bytes, ms) => {
    const now = performance.now();
    if (seenClients.has(client)) laterTimes.push(ms);
    else {
      seenClients.add(client);
      firstTimes.push(ms);
    }
    firstSentAt = Math.min(firstSentAt, now - ms);
    lastAnsweredAt = now;
    if (answered < count) times[answered] = ms;
    answered += 1;
  });
  const result = await instance;
  // Requests without an answer (refused connection, timeout) are errors too.
  const lost = count - Math.min(answered, count);
  if (lost > 0 || result.errors > 0) outcomes['error network'] = (outcomes['error network'] ?? 0) + Math.max(lost, result.errors);
  const sorted = times.subarray(0, Math.min(answered, count)).sort();
  const seconds = (lastAnsweredAt - firstSentAt) / 1000;
  const successes = outcomes.booked ?? outcomes.ok ?? 0;
  return {
    attempts: count,
    seconds,
    attemptsPerSecond: Math.min(answered, count) / seconds,
    successesPerSecond: successes / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    p99FirstOnConnectionMs: percentile(Float64Array.from(firstTimes).sort(), 99),
    p99LaterMs: percentile(Float64Array.from(laterTimes).sort(), 99),
    lastBookedAfterMs: lastBookedAt - firstSentAt,
    outcomes,
  };
}

/** The baseline's answer: 2xx is ok, anything else an error. */
const baselineOutcome = (status: number) => (status >= 200 && status < 300 ? 'ok' : `error ${status}`);

/** The same crowd against the bare Hono baseline's POST / (warm-up, then the median of a few runs): bodies of the same size, with stand-in proofs. */
export async function baselineCrowd(server: Server, plan: FlashCrowdPlan): Promise<CrowdRun & { runs: number[] }> {
  const fire = () =>
    fireCrowd(`${server.url}/`, FLASH_SETTINGS.attempts, FLASH_SETTINGS.connections, { body: (i) => attemptBody(plan, i), headers: attemptHeaders, outcome: baselineOutcome });
  await fire(); // warm-up
  const runs: CrowdRun[] = [];
  for (let run = 0; run < FLASH_SETTINGS.baselineRuns; run += 1) runs.push(await fire());
  runs.sort((a, b) => a.attemptsPerSecond - b.attemptsPerSecond);
  const median = runs[Math.floor(runs.length / 2)] as CrowdRun;
  return { ...median, runs: runs.map((run) => run.attemptsPerSecond) };
}

export interface FlashCrowdResult {
  kind: 'sqlite' | 'postgres';
  date: string;
  releasesAt: string;
  slots: number;
  placesPerSlot: number;
  warmup: { date: string; outcomes: Record<string, number> };
  crowd: CrowdRun;
  /** Answers other than booked and full: must be 0. */
  nonFullErrors: number;
  state: BookingState;
  /** Average cores while the crowd ran: the portal (all its processes), its proxy (the fleet's nginx), the load generator, everything else (PostgreSQL among them). */
  cpu: { server: number; proxy?: number; generator: number; others: number };
  /** Whether everything the issue demands held. */
  passed: boolean;
}

/** Writes the offices file for a popular date of FLASH_SETTINGS.places places, for the portal's MARRIAGE_OFFICES_FILE. */
export function prepareFlashCrowd(): { plan: FlashCrowdPlan; officesFile: ReturnType<typeof writeOfficesFile> } {
  const plan = planFlashCrowd(FLASH_SETTINGS.places);
  return { plan, officesFile: writeOfficesFile(plan) };
}

/**
 * Against a portal started with the plan's offices file on `target`: checks the popular date is
 * open, confirms every couple's phones (before the rush, not timed: as couples do on the phones
 * step before a popular date opens), warms up on the warm-up date, fires the crowd, reads the database.
 */
export async function runFlashCrowd(server: Server, plan: FlashCrowdPlan, kind: 'sqlite' | 'postgres', target: DatabaseTarget): Promise<FlashCrowdResult> {
  const slotsUrl = `${server.url}/api/v1/marriage/offices/${plan.office}/slots?kind=marriage&date=${plan.date}`;
  const open = (await (await fetch(slotsUrl)).json()) as { slots?: { placesLeft: number }[] };
  const left = (open.slots ?? []).reduce((sum, slot) => sum + slot.placesLeft, 0);
  if (left !== plan.places) throw new Error(`the popular date ${plan.date} shows ${left} places left, not ${plan.places}: was the offices file loaded? ${JSON.stringify(open)}`);

  const warmupProofs = await confirmCrowdPhones(server.url, plan, FLASH_SETTINGS.warmupAttempts, { warmup: true });
  const proofs = await confirmCrowdPhones(server.url, plan, FLASH_SETTINGS.attempts);
  const url = server.url + BOOKING_PATH;
  const warmup = await fireCrowd(url, FLASH_SETTINGS.warmupAttempts, FLASH_SETTINGS.connections, {
    body: (i) => attemptBody(plan, i, { warmup: true, proofs: warmupProofs }),
    headers: (i) => attemptHeaders(i, { warmup: true }),
    outcome: classifyAnswer,
  });
  const pids = serverPids(server);
  const watched = [...pids.server, ...pids.proxy, process.pid];
  const before = cpuSample(watched);
  const crowd = await fireCrowd(url, FLASH_SETTINGS.attempts, FLASH_SETTINGS.connections, { body: (i) => attemptBody(plan, i, { proofs }), headers: (i) => attemptHeaders(i), outcome: classifyAnswer });
  const used = cpuBetween(before, cpuSample(watched));
  const handle = openDatabase(target);
  let state: BookingState;
  try {
    state = await readBookingState(handle.db, plan);
  } finally {
    await handle.close();
  }
  const nonFullErrors = Object.entries(crowd.outcomes).reduce((sum, [outcome, n]) => sum + (outcome.startsWith('error') ? n : 0), 0);
  const booked = crowd.outcomes.booked ?? 0;
  return {
    kind,
    date: plan.date,
    releasesAt: plan.releasesAt,
    slots: plan.slots.length,
    placesPerSlot: plan.placesPerSlot,
    warmup: { date: plan.warmupDate, outcomes: warmup.outcomes },
    crowd,
    nonFullErrors,
    state,
    cpu: { server: coresOf(used, pids.server), ...(pids.proxy.length ? { proxy: coresOf(used, pids.proxy) } : {}), generator: used.byPid.get(process.pid) ?? NaN, others: used.others },
    passed:
      state.placesTaken === plan.places &&
      booked === plan.places &&
      state.appointments === plan.places &&
      state.overbooked === 0 &&
      state.overbookedRows === 0 &&
      state.slotMismatches === 0 &&
      nonFullErrors === 0,
  };
}
