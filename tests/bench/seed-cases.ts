/**
 * Many cases, fast, for the scaling measurements: rows written straight through Kysely in batches
 * inside transactions of a few thousand cases (multi-row INSERTs on SQLite; on PostgreSQL one
 * INSERT … SELECT FROM unnest(arrays) per table and batch), not through the API.
 *
 * The cases look like two offices' 高龄津贴 work over two years: created uniformly over the last
 * 730 days and written oldest first, as they accrue; those of the last weeks still in progress
 * (submitted, accepted, reviewed, or waiting for documents, some overdue), the older ones decided
 * (approved, refused, not accepted) or withdrawn, each with the timeline events its state implies.
 * Deadlines are computed with the working-day calendar and the queue columns with the domain's own
 * helper. Answers are encrypted once with the real FieldCrypto and that ciphertext reused; the
 * lookup hashes (the status lookup's second factor) are real, keyed with the portal's secret, for
 * the sampled cases that lookups ask for. Deterministic for a given start index (a seeded PRNG),
 * except the random ids and tracking numbers. */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ANSWERS_CONTEXT, ID_HASH_CONTEXT, PHONE_HASH_CONTEXT } from '../../api/cases/crypto-contexts.ts';
import type { DatabaseHandle } from '../../api/db/connect.ts';
import type { CaseTable, CaseEventTable } from '../../api/db/schema.ts';
import { addDays, addWorkingDays, type WorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { newTrackingNumber } from '../../api/domain/cases/tracking-number.ts';
import { nextRunningDeadline } from '../../api/domain/workflow/queue-position.ts';
import type { Deadline } from '../../api/domain/workflow/workflow.ts';
import type { FieldCrypto } from '../../api/platform/field-crypto.ts';
import { oldAgeAllowanceApplication } from '../support/applications.ts';


export const SEED_OFFICES = ['demo-district', 'demo-county'] as const;
const HISTORY_DAYS = 730;
const IN_PROGRESS_DAYS = 45;
const CASES_PER_INSERT = 400;
const EVENTS_PER_INSERT = 800;
const CASES_PER_TRANSACTION = 4000;

export interface SeededApplicant {
  trackingNumber: string;
  idNumber: string;
  phone: string;
}

/** mulberry32: a small, fast, seeded PRNG (the data, not the security, must be reproducible). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const seedIdNumber = (index: number) => `11010119${String(4_000_000_000 + index).slice(-10)}`;
export const seedPhone = (index: number) => `13${String(900_000_000 + index).slice(-9)}`;

interface Generated {
  row: CaseTable;
  events: CaseEventTable[];
}

function generator(calendar: WorkingDayCalendar, today: string, crypto: FieldCrypto, sampled: (index: number) => boolean) {
  const answersEnc = crypto.encrypt(JSON.stringify(oldAgeAllowanceApplication()), ANSWERS_CONTEXT);
  const workingDaysAfter = new Map<string, string>();
  const after = (day: string, count: number) => {
    const key = `${day}+${count}`;
    let value = workingDaysAfter.get(key);
    if (value === undefined) workingDaysAfter.set(key, (value = addWorkingDays(calendar, day, count)));
    return value;
  };
  const minDay = (a: string, b: string) => (a < b ? a : b);
  // Keyed hashes (HMAC) for the cases lookups may ask for; the others get a string of the same
  // length that nothing matches (no index covers these columns, so their content costs nothing).
  const lookupHashes = (index: number) =>
    sampled(index)
      ? { applicant_id_hash: crypto.lookupHash(seedIdNumber(index), ID_HASH_CONTEXT), applicant_phone_hash: crypto.lookupHash(seedPhone(index), PHONE_HASH_CONTEXT) }
      : { applicant_id_hash: `unmatched-${index}`.padEnd(43, '~'), applicant_phone_hash: `unmatched-${index}`.padEnd(43, '~') };

  return (index: number, age: number): Generated => {
    const random = prng(index * 2654435761);
    const office = SEED_OFFICES[index % SEED_OFFICES.length] ?? 'demo-district';
    const created = addDays(today, -age);
    // Office hours in China (UTC+8): 01:00–09:00 UTC.
    const at = (day: string, hourOffset = 0) => new Date(Date.parse(`${day}T01:00:00Z`) + (random() * 8 + hourOffset) * 3_600_000).toISOString();
    const createdAt = at(created);
    const id = randomUUID();
    const events: CaseEventTable[] = [];
    const event = (transition: string, from: string | null, to: string, day: string, visibility = 'applicant') =>
      events.push({
        id: randomUUID(),
        case_id: id,
        seq: events.length + 1,
        at: events.length === 0 ? createdAt : at(day, 0),
        actor_kind: transition === 'submit' || transition === 'withdraw' ? 'applicant' : 'staff',
        actor_id: null,
        actor_role: null,
        transition,
        from_state: from,
        to_state: to,
        visibility,
        input_json: null,
      });
    event('submit', '', 'submitted', created);

    const acceptance: Deadline = { key: 'acceptance', startedOn: created, dueOn: after(created, 5) };
    // Still in progress: certainly when recent, less likely the older the case (some run late).
    const inProgress = age < IN_PROGRESS_DAYS && random() > age / IN_PROGRESS_DAYS;
    let state: string;
    let previousState: string | null = null;
    let deadlines: Deadline[];
    const acceptedOn = minDay(addDays(created, 1 + Math.floor(random() * 4)), today);
    const decision: Deadline = { key: 'decision', startedOn: acceptedOn, dueOn: after(acceptedOn, 20) };
    const accepted = () => {
      event('accept', 'submitted', 'accepted', acceptedOn);
      return { ...acceptance, stoppedOn: acceptedOn };
    };
    const pick = random();
    if (inProgress && (age <= 8 || pick < 0.05)) {
      state = 'submitted';
      deadlines = [acceptance];
    } else if (inProgress) {
      const stopped = accepted();
      const reviewedOn = minDay(addDays(acceptedOn, 2 + Math.floor(random() * 10)), today);
      if (pick < 0.45) {
        state = 'accepted';
        deadlines = [stopped, decision];
      } else if (pick < 0.8) {
        event('review', 'accepted', 'reviewed', reviewedOn);
        state = 'reviewed';
        deadlines = [stopped, decision];
      } else {
        event('request-documents', 'accepted', 'awaiting-documents', reviewedOn);
        state = 'awaiting-documents';
        previousState = 'accepted';
        deadlines = [stopped, { ...decision, pausedOn: reviewedOn }];
      }
    } else if (pick < 0.05) {
      const notAcceptedOn = minDay(addDays(created, 2), today);
      event('not-accept', 'submitted', 'not-accepted', notAcceptedOn);
      state = 'not-accepted';
      deadlines = [{ ...acceptance, stoppedOn: notAcceptedOn }];
    } else if (pick < 0.12) {
      const withdrawnOn = minDay(addDays(created, 1), today);
      event('withdraw', 'submitted', 'withdrawn', withdrawnOn);
      state = 'withdrawn';
      deadlines = [{ ...acceptance, stoppedOn: withdrawnOn }];
    } else {
      const stopped = accepted();
      const reviewedOn = minDay(addDays(acceptedOn, 5), today);
      const decidedOn = minDay(addDays(acceptedOn, 12 + Math.floor(random() * 14)), today);
      event('review', 'accepted', 'reviewed', reviewedOn);
      state = pick < 0.92 ? 'approved' : 'refused';
      event(state === 'approved' ? 'approve' : 'refuse', 'reviewed', state, decidedOn);
      deadlines = [stopped, { ...decision, stoppedOn: decidedOn }];
    }
    const { nextDueOn, clockPaused } = nextRunningDeadline(deadlines);
    const trackingNumber = newTrackingNumber(randomBytes);
    return {
      row: {
        id,
        tracking_number: trackingNumber,
        service: 'old-age-allowance',
        office,
        state,
        previous_state: previousState,
        version: events.length,
        lang: index % 5 === 0 ? 'en' : 'zh-CN',
        ...lookupHashes(index),
        answers_enc: answersEnc,
        deadlines_json: JSON.stringify(deadlines),
        next_due_on: nextDueOn,
        clock_paused: clockPaused ? 1 : 0,
        periods_json: null,
        periods_end_on: null,
        created_at: createdAt,
        updated_at: events.at(-1)?.at ?? createdAt,
      },
      events,
    };
  };
}

const CASE_COLUMNS: Record<keyof CaseTable, 'text' | 'integer'> = {
  id: 'text',
  tracking_number: 'text',
  service: 'text',
  office: 'text',
  state: 'text',
  previous_state: 'text',
  periods_json: 'text',
  periods_end_on: 'text',
  version: 'integer',
  lang: 'text',
  applicant_id_hash: 'text',
  applicant_phone_hash: 'text',
  answers_enc: 'text',
  deadlines_json: 'text',
  next_due_on: 'text',
  clock_paused: 'integer',
  created_at: 'text',
  updated_at: 'text',
};
const EVENT_COLUMNS: Record<keyof CaseEventTable, 'text' | 'integer'> = {
  id: 'text',
  case_id: 'text',
  seq: 'integer',
  at: 'text',
  actor_kind: 'text',
  actor_id: 'text',
  actor_role: 'text',
  transition: 'text',
  from_state: 'text',
  to_state: 'text',
  visibility: 'text',
  input_json: 'text',
};

/** PostgreSQL: `(col, …) select * from unnest($1::text[], $2::integer[], …)`, one array per column. */
function unnest<Row extends object>(rows: readonly Row[], columns: Record<keyof Row & string, 'text' | 'integer'>) {
  const names = Object.keys(columns) as (keyof Row & string)[];
  const arrays = names.map((name) => sql`${rows.map((row) => row[name])}::${sql.raw(columns[name])}[]`);
  return sql`(${sql.join(names.map((name) => sql.ref(name)))}) select * from unnest(${sql.join(arrays)})`;
}

export interface SeedResult {
  cases: number;
  events: number;
  seconds: number;
  /** Every `sampleEvery`-th case: tracking numbers and second factors for lookups. */
  sample: SeededApplicant[];
}

/**
 * Adds cases number `from` … `from + count - 1` to a migrated database, then refreshes the
 * planner's statistics (PostgreSQL's autovacuum would do so shortly after a bulk load).
 */
export async function seedCases(
  handle: DatabaseHandle,
  options: { crypto: FieldCrypto; calendar: WorkingDayCalendar; today: string; from: number; count: number; sampleSize: number },
): Promise<SeedResult> {
  const started = performance.now();
  const sampleEvery = Math.max(1, Math.floor(options.count / options.sampleSize));
  const sampled = (index: number) => (index - options.from) % sampleEvery === 0 && index - options.from < sampleEvery * options.sampleSize;
  const generate = generator(options.calendar, options.today, options.crypto, sampled);
  // The bench's own connection, on a throwaway file: more page cache than the portal's (random keys,
  // UUIDs, spread inserts over the whole of each index, which SQLite's default 2 MB cache turns into
  // I/O), no syncing, and no foreign key lookups (the rows are consistent by construction).
  if (handle.kind === 'sqlite') {
    await sql`pragma cache_size = -524288`.execute(handle.db);
    await sql`pragma synchronous = off`.execute(handle.db);
    await sql`pragma wal_autocheckpoint = 100000`.execute(handle.db);
    await sql`pragma foreign_keys = off`.execute(handle.db);
  }
  const sample: SeededApplicant[] = [];
  let events = 0;
  // Ages (days before today) spread uniformly over the history, and written oldest first, the way
  // cases accrue: each call adds a representative sample of the two years.
  const ageOf = prng(options.from + 1);
  const ages = Float64Array.from({ length: options.count }, () => Math.floor(ageOf() * HISTORY_DAYS)).sort().reverse();
  for (let start = options.from; start < options.from + options.count; start += CASES_PER_TRANSACTION) {
    const end = Math.min(options.from + options.count, start + CASES_PER_TRANSACTION);
    const batch: Generated[] = [];
    for (let index = start; index < end; index += 1) {
      const generated = generate(index, ages[index - options.from] ?? 0);
      batch.push(generated);
      if (sampled(index)) {
        sample.push({ trackingNumber: generated.row.tracking_number, idNumber: seedIdNumber(index), phone: seedPhone(index) });
      }
    }
    const allEvents = batch.flatMap((generated) => generated.events);
    events += allEvents.length;
    const rows = batch.map((generated) => generated.row);
    await handle.db.transaction().execute(async (trx) => {
      if (handle.kind === 'postgres') {
        // One statement per table and batch: arrays unnested into rows (a large VALUES list costs
        // PostgreSQL more to parse and plan than the rows cost to write).
        await sql`insert into cases ${unnest(rows, CASE_COLUMNS)}`.execute(trx);
        await sql`insert into case_events ${unnest(allEvents, EVENT_COLUMNS)}`.execute(trx);
        return;
      }
      for (let i = 0; i < rows.length; i += CASES_PER_INSERT) await trx.insertInto('cases').values(rows.slice(i, i + CASES_PER_INSERT)).execute();
      for (let i = 0; i < allEvents.length; i += EVENTS_PER_INSERT) await trx.insertInto('case_events').values(allEvents.slice(i, i + EVENTS_PER_INSERT)).execute();
    });
  }
  if (handle.kind === 'postgres') await sql`vacuum analyze`.execute(handle.db);
  return { cases: options.count, events, seconds: (performance.now() - started) / 1000, sample };
}
