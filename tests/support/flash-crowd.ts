/**
 * A flash crowd on a popular date, shared by the benchmark (tests/bench/flash-crowd.ts) and the
 * process test (tests/api/booking-flash-crowd.test.ts): an offices file (MARRIAGE_OFFICES_FILE) with
 * one registry office whose popular date has exactly `places` places and was released a minute ago,
 * the attempts of distinct couples spread over that date's slots, how each answer counts, and what
 * the database holds afterwards.
 *
 * Dates come from the real clock and the shipped holiday calendar, as the server sees them: the
 * popular date is the first working day at least two days ahead in China (so a run that crosses
 * midnight there still books within the window), the warm-up date the working day after it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { loadWorkingDayCalendar } from '../../api/content/holidays.ts';
import type { Database } from '../../api/db/schema.ts';
import { checkBookable, slotsOn, type ResourceSchedule } from '../../api/engine/booking/schedule.ts';
import { chinaDate } from '../../api/domain/calendar/china-time.ts';
import { addDays, type WorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { RegistryOfficesFileSchema, type RegistryOffice } from '../../api/services/marriage/offices.ts';
import { marriageAppointment } from './applications.ts';
import { phoneProof } from './portal-api.ts';

export const FLASH_OFFICE_ID = 'flash-crowd-registry';
export const BOOKING_PATH = '/api/v1/marriage/appointments';
/** Couples of the warm-up are numbered from here, those of the crowd from 1: nobody is in both. */
export const WARMUP_PEOPLE_FROM = 1_000_000;
const SLOT_MINUTES = 30;
/** At most this many slots on the popular date (a morning's worth). */
const MAX_SLOTS = 8;

export interface FlashCrowdPlan {
  office: string;
  /** The popular date: released a minute before the file was written. */
  date: string;
  releasesAt: string;
  slots: { start: string; end: string }[];
  placesPerSlot: number;
  /** Places on the popular date (slots × placesPerSlot): what the crowd must take exactly. */
  places: number;
  /** A normal working day after it, for warming the server up. */
  warmupDate: string;
  warmupSlots: { start: string; end: string }[];
  /** The offices file, written by `writeOfficesFile`. */
  file: { offices: RegistryOffice[] };
}

const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** China's wall clock as an ISO instant with its +08:00 offset. */
const chinaInstant = (at: Date) => `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

function nextWorkingDay(calendar: WorkingDayCalendar, from: string): string {
  let day = from;
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The slot count: the largest divisor of `places` up to MAX_SLOTS, so that every slot has as many places. */
function slotCount(places: number): number {
  for (let slots = MAX_SLOTS; slots > 1; slots -= 1) if (places % slots === 0) return slots;
  return 1;
}

export function planFlashCrowd(places: number, now = new Date(), calendar: WorkingDayCalendar = loadWorkingDayCalendar()): FlashCrowdPlan {
  const slots = slotCount(places);
  const placesPerSlot = places / slots;
  if (!Number.isInteger(placesPerSlot) || placesPerSlot < 1 || placesPerSlot > 1000) throw new Error(`cannot make ${places} places`);
  const today = chinaDate(now);
  const date = nextWorkingDay(calendar, addDays(today, 2));
  const warmupDate = nextWorkingDay(calendar, addDays(date, 1));
  const releasesAt = chinaInstant(new Date(now.getTime() - 60_000));
  const weekdays = [
    { from: '09:00', to: '12:00' },
    { from: '13:30', to: '17:00' },
  ];
  const schedule: ResourceSchedule = {
    weekly: { '1': weekdays, '2': weekdays, '3': weekdays, '4': weekdays, '5': weekdays },
    slotMinutes: SLOT_MINUTES,
    placesPerSlot: { marriage: placesPerSlot, divorce: 2, reissue: 2 },
    window: { minDaysAhead: 1, maxDaysAhead: 30 },
    closures: [],
    specialDates: [{ date, releasesAt, sessions: [{ from: '09:00', to: time(9 * 60 + slots * SLOT_MINUTES) }] }],
    followsWorkingDays: true,
  };
  const file = RegistryOfficesFileSchema.parse({
    offices: [
      {
        id: FLASH_OFFICE_ID,
        office: 'demo-county',
        // Chinese only: the English pages fall back to it.
        text: { 'zh-CN': { name: '示例县热门日期婚姻登记处', address: '示例县城关镇民政路 1 号', accessibility: ['入口无台阶'] } },
        phone: '0000-12345009',
        mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%8E%BF',
        schedule,
      },
    ],
  });
  const office = file.offices[0] as RegistryOffice;
  // What the server will say: every slot of both days bookable now, by the same schedule core.
  const clock = { today, now, calendar };
  const popularSlots = slotsOn(office.schedule, date, calendar);
  const warmupSlots = slotsOn(office.schedule, warmupDate, calendar);
  for (const slot of [...popularSlots, ...warmupSlots]) {
    const bookable = checkBookable(office.schedule, slot, 'marriage', clock);
    if (!bookable.ok) throw new Error(`${slot.date} ${slot.start} would not be bookable: ${bookable.refusal}`);
  }
  if (popularSlots.length * placesPerSlot !== places) throw new Error(`the popular date has ${popularSlots.length} slots of ${placesPerSlot}, not ${places} places`);
  const times = (list: typeof popularSlots) => list.map(({ start, end }) => ({ start, end }));
  return { office: FLASH_OFFICE_ID, date, releasesAt, slots: times(popularSlots), placesPerSlot, places, warmupDate, warmupSlots: times(warmupSlots), file };
}

/** Writes the plan's offices file into a folder of its own; `remove` deletes both. */
export function writeOfficesFile(plan: FlashCrowdPlan): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'portal-offices-'));
  const path = join(dir, 'offices.json');
  writeFileSync(path, `${JSON.stringify(plan.file, null, 2)}\n`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Each couple's proofs of their confirmed phones (docs/decisions/019), by attempt. */
export type CrowdProofs = ReadonlyMap<number, { partyA: string; partyB: string }>;

/** As long as a real proof (32 random bytes, base64url): a body of the same size where no proof is checked (the bare baseline). */
const PLACEHOLDER_PROOFS = { partyA: 'x'.repeat(43), partyB: 'x'.repeat(43) };

const couple = (plan: FlashCrowdPlan, i: number, options: { warmup?: boolean }) => {
  const slots = options.warmup ? plan.warmupSlots : plan.slots;
  const slot = slots[i % slots.length] as { start: string };
  const person = (options.warmup ? WARMUP_PEOPLE_FROM : 1) + i;
  return marriageAppointment(person, { office: plan.office, date: options.warmup ? plan.warmupDate : plan.date, start: slot.start });
};

/**
 * Attempt `i` (0-based) of a crowd: couple `firstPerson + i` asks for slot `i mod slots` of `date`,
 * with the proofs of their phones (confirmed before the rush: `confirmCrowdPhones`).
 */
export function attemptBody(plan: FlashCrowdPlan, i: number, options: { warmup?: boolean; proofs?: CrowdProofs } = {}): string {
  return JSON.stringify({ ...couple(plan, i, options), phoneProofs: options.proofs?.get(i) ?? PLACEHOLDER_PROOFS });
}

/**
 * Confirms the phones of a crowd's first `count` couples before the rush (not timed), as each couple
 * does on the phones step before booking: a code sent, read back from the development route,
 * confirmed. `inFlight` at a time. The server must allow that many codes from one address
 * (PHONE_CODE_LIMIT_PER_CLIENT).
 */
export async function confirmCrowdPhones(baseUrl: string, plan: FlashCrowdPlan, count: number, options: { warmup?: boolean; inFlight?: number } = {}): Promise<CrowdProofs> {
  const proofs = new Map<number, { partyA: string; partyB: string }>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const people = couple(plan, i, options);
      proofs.set(i, { partyA: await phoneProof(baseUrl, people.partyA.phone), partyB: await phoneProof(baseUrl, people.partyB.phone) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.inFlight ?? 50, count) }, worker));
  return proofs;
}

/** Headers of every attempt: JSON, English answers, and an Idempotency-Key of its own (as the portal's forms send). */
export function attemptHeaders(i: number, options: { warmup?: boolean } = {}): Record<string, string> {
  return { 'content-type': 'application/json', 'accept-language': 'en', 'idempotency-key': `flash-crowd-${options.warmup ? 'warmup-' : ''}${String(i).padStart(8, '0')}` };
}

/** What an answer counts as: booked (201), full (409 slot_full), or an error (anything else). */
export type AttemptOutcome = 'booked' | 'full' | `error ${string}`;

export function classifyAnswer(status: number, body: string): AttemptOutcome {
  if (status === 201) return 'booked';
  const code = /"code":"([^"]+)"/.exec(body)?.[1] ?? 'no code';
  if (status === 409 && code === 'slot_full') return 'full';
  return `error ${status} ${code}`;
}

export function countOutcomes(outcomes: Iterable<AttemptOutcome>): { booked: number; full: number; errors: Record<string, number> } {
  const counts = { booked: 0, full: 0, errors: {} as Record<string, number> };
  for (const outcome of outcomes) {
    if (outcome === 'booked') counts.booked += 1;
    else if (outcome === 'full') counts.full += 1;
    else counts.errors[outcome] = (counts.errors[outcome] ?? 0) + 1;
  }
  return counts;
}

export interface BookingState {
  /** Places taken on the popular date (sum over its slots). */
  placesTaken: number;
  /** Places held beyond capacity, over every slot of the office: Σ max(0, max(taken, appointments) − capacity). Must be 0. */
  overbooked: number;
  /** booking_places rows anywhere whose taken exceeds capacity (the check constraint forbids it): must be 0. */
  overbookedRows: number;
  /** Active appointments on the popular date. */
  appointments: number;
  /** Slots (any date) whose active appointments differ from the places taken, or exceed capacity: must be 0. */
  slotMismatches: number;
  /** Per slot of the popular date. */
  slots: { start: string; capacity: number; taken: number; appointments: number }[];
}

/** What the database holds after a crowd: read directly, not through the API. */
export async function readBookingState(db: Kysely<Database>, plan: FlashCrowdPlan): Promise<BookingState> {
  const places = await db.selectFrom('booking_places').select(['key', 'date', 'start', 'capacity', 'taken']).where('resource_id', '=', plan.office).where('kind', '=', 'marriage').execute();
  const held = await db
    .selectFrom('appointments')
    .select(['place_key', sql<number>`count(*)`.as('count')])
    .where('resource_id', '=', plan.office)
    .where('status', '=', 'active')
    .groupBy('place_key')
    .execute();
  const heldBy = new Map(held.map((row) => [row.place_key, Number(row.count)]));
  const overbooked = await db.selectFrom('booking_places').select(sql<number>`count(*)`.as('count')).where(sql<boolean>`taken > capacity`).executeTakeFirstOrThrow();
  const onDate = places.filter((row) => row.date === plan.date);
  return {
    placesTaken: onDate.reduce((sum, row) => sum + Number(row.taken), 0),
    overbooked: places.reduce((sum, row) => sum + Math.max(0, Math.max(Number(row.taken), heldBy.get(row.key) ?? 0) - Number(row.capacity)), 0),
    overbookedRows: Number(overbooked.count),
    appointments: onDate.reduce((sum, row) => sum + (heldBy.get(row.key) ?? 0), 0),
    slotMismatches: places.filter((row) => (heldBy.get(row.key) ?? 0) !== Number(row.taken) || Number(row.taken) > Number(row.capacity)).length,
    slots: plan.slots.map((slot) => {
      const row = onDate.find((place) => place.start === slot.start);
      return { start: slot.start, capacity: row ? Number(row.capacity) : plan.placesPerSlot, taken: row ? Number(row.taken) : 0, appointments: row ? (heldBy.get(row.key) ?? 0) : 0 };
    }),
  };
}
