/**
 * Places and appointments. A place is taken by one conditional update (`taken < capacity`), so two
 * requests can never both take the last place, on SQLite or PostgreSQL, in one process or many;
 * releasing it (a cancellation, a reschedule) happens in the same transaction as the change that
 * frees it. An appointment is recorded with its case, its place and its people in one transaction:
 * all of it, or none.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AppointmentEffect } from '../engine/booking/appointment-effect.ts';
import { insertSubmission, type NewCase, type QueuedNotification } from './cases.repo.ts';
import { compiledOnce } from './compiled-query.ts';
import { isUniqueViolation } from './errors.ts';
import type { Database } from './schema.ts';

export interface Place {
  key: string;
  resourceId: string;
  date: string;
  start: string;
  kind: string;
  capacity: number;
}

/**
 * Takes one place if one is left; false when the slot is full. One statement: the slot's row is
 * created with this first place taken, or, if it exists, updated on condition that `taken < capacity`
 * (PostgreSQL locks the row and checks the condition on its latest version; SQLite has one writer).
 */
export async function takePlace(trx: Transaction<Database>, place: Place): Promise<boolean> {
  if (place.capacity < 1) return false;
  const result = await trx
    .insertInto('booking_places')
    .values({ key: place.key, resource_id: place.resourceId, date: place.date, start: place.start, kind: place.kind, capacity: place.capacity, taken: 1 })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ taken: eb('booking_places.taken', '+', 1) }))
        .whereRef('booking_places.taken', '<', 'booking_places.capacity'),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Whether a slot's places are known to be all taken, from one read outside any transaction: in a
 * rush for a popular date most attempts are for a full slot, and are answered without a transaction.
 * A place released meanwhile may be missed, as if the attempt had come a moment earlier; whether a
 * place is taken is decided by `takePlace` alone.
 */
const placeFilling = compiledOnce(1, (db, key: string) => db.selectFrom('booking_places').select(['taken', 'capacity']).where('key', '=', key));

export async function isKnownFull(db: Kysely<Database>, key: string): Promise<boolean> {
  const [row] = (await placeFilling(db, key)).rows;
  return row !== undefined && Number(row.taken) >= Number(row.capacity);
}

export async function releasePlace(trx: Transaction<Database>, key: string): Promise<void> {
  await trx
    .updateTable('booking_places')
    .set((eb) => ({ taken: eb('taken', '-', 1) }))
    .where('key', '=', key)
    .where('taken', '>', 0)
    .execute();
}

/** Places taken per day and slot start, for a calendar. */
export async function takenPlaces(db: Kysely<Database>, resourceId: string, kind: string, from: string, to: string): Promise<{ date: string; start: string; taken: number }[]> {
  const rows = await db
    .selectFrom('booking_places')
    .select(['date', 'start', 'taken'])
    .where('resource_id', '=', resourceId)
    .where('kind', '=', kind)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return rows.map((row) => ({ date: row.date, start: row.start, taken: Number(row.taken) }));
}

export class SlotFullError extends Error {
  override name = 'SlotFullError';
}

export class PersonAlreadyBookedError extends Error {
  override name = 'PersonAlreadyBookedError';
  /** The keyed hash of the person who already holds an appointment, so the caller can name them. */
  readonly personHash: string;
  constructor(personHash: string) {
    super('a person already holds an active appointment of this kind');
    this.personHash = personHash;
  }
}

/** Undoing a no-show would hold a person again who has since booked another appointment of the kind. */
export class PeopleBookedAgainError extends Error {
  override name = 'PeopleBookedAgainError';
}

export interface NewAppointment {
  place: Place;
  end: string;
  /** Keyed hashes of the people's ID numbers: one active appointment per person per kind. */
  personHashes: readonly string[];
}

/**
 * A booking: the case (with its first event and notification), the place and the appointment with
 * its people, in one transaction.
 * @throws SlotFullError when no place is left; PersonAlreadyBookedError (naming the person) when someone
 * already holds an active appointment of this kind; a unique violation on the tracking number (the caller draws again).
 */
export async function recordBooking(
  db: Kysely<Database>,
  newCase: NewCase,
  notifications: readonly QueuedNotification[],
  appointment: NewAppointment,
  /** Also written in the booking's transaction (the request's Idempotency-Key answered: http/idempotency.ts). */
  alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>,
): Promise<{ caseId: string; appointmentId: string }> {
  if (await isKnownFull(db, appointment.place.key)) throw new SlotFullError('the slot is full');
  return db.transaction().execute(async (trx) => {
    if (!(await takePlace(trx, appointment.place))) throw new SlotFullError('the slot is full');
    const caseId = await insertSubmission(trx, newCase, notifications);
    const appointmentId = await insertAppointment(trx, caseId, appointment.place, appointment.end, 1, newCase.at);
    // One row at a time, so a clash names its person (PostgreSQL allows no query after a failed one).
    for (const hash of appointment.personHashes) {
      try {
        await trx.insertInto('appointment_people').values({ appointment_id: appointmentId, kind: appointment.place.kind, person_hash: hash, active: 1 }).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new PersonAlreadyBookedError(hash);
        throw error;
      }
    }
    await alsoInTransaction?.(trx);
    return { caseId, appointmentId };
  });
}

async function insertAppointment(trx: Transaction<Database>, caseId: string, place: Place, end: string, visit: number, at: Date): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('appointments')
    .values({
      id,
      case_id: caseId,
      resource_id: place.resourceId,
      kind: place.kind,
      date: place.date,
      start: place.start,
      end,
      place_key: place.key,
      status: 'active',
      visit,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    .execute();
  return id;
}

/** A case's latest appointment (a divorce's second visit once it is booked). */
export async function findAppointmentByCase(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('appointments').selectAll().where('case_id', '=', caseId).orderBy('visit', 'desc').orderBy('created_at', 'desc').executeTakeFirst();
}

/** A case's appointments, first visit first. */
const caseAppointments = compiledOnce(1, (db, caseId: string) => db.selectFrom('appointments').selectAll().where('case_id', '=', caseId).orderBy('visit').orderBy('created_at'));

export async function appointmentsOfCase(db: Kysely<Database>, caseId: string) {
  return (await caseAppointments(db, caseId)).rows;
}

/**
 * Books a further visit of a case (a divorce's second visit): takes the place (SlotFullError when
 * it is full) and records the appointment. Its people are the case's: they are held from the first
 * visit. Call inside the transaction that records the step.
 */
export async function addVisit(trx: Transaction<Database>, caseId: string, place: Place, end: string, visit: number, at: Date): Promise<void> {
  if (!(await takePlace(trx, place))) throw new SlotFullError('the slot is full');
  await insertAppointment(trx, caseId, place, end, visit, at);
}

/**
 * Carries out what a step does to the case's appointments (see AppointmentEffect): ends the active
 * ones, gives their places back, frees the case's people. Call inside the transaction that records the step.
 */
export async function applyAppointmentEffect(trx: Transaction<Database>, caseId: string, effect: AppointmentEffect, at: Date): Promise<void> {
  if (effect.close) {
    // Every active one: a marriage case has one at a time, a funeral booking one per place it took (docs/decisions/063).
    const active = await trx.selectFrom('appointments').select(['id', 'place_key']).where('case_id', '=', caseId).where('status', '=', 'active').execute();
    for (const appointment of active) {
      await trx.updateTable('appointments').set({ status: effect.close, updated_at: at.toISOString() }).where('id', '=', appointment.id).execute();
      if (effect.releasePlace) await releasePlace(trx, appointment.place_key);
    }
  }
  if (effect.freePeople) {
    await trx
      .updateTable('appointment_people')
      .set({ active: 0 })
      .where('active', '=', 1)
      .where('appointment_id', 'in', (eb) => eb.selectFrom('appointments').select('id').where('case_id', '=', caseId))
      .execute();
  }
  if (effect.reopenMissed) {
    // The latest visit, as the moments the undo was allowed by were read from it.
    const latest = await trx.selectFrom('appointments').select(['id', 'status']).where('case_id', '=', caseId).orderBy('visit', 'desc').orderBy('created_at', 'desc').executeTakeFirst();
    if (latest?.status === 'no-show') await trx.updateTable('appointments').set({ status: 'active', updated_at: at.toISOString() }).where('id', '=', latest.id).execute();
  }
  if (effect.holdPeople) {
    try {
      await trx
        .updateTable('appointment_people')
        .set({ active: 1 })
        .where('active', '=', 0)
        .where('appointment_id', 'in', (eb) => eb.selectFrom('appointments').select('id').where('case_id', '=', caseId))
        .execute();
    } catch (error) {
      // One active appointment per person and kind: someone booked again since (the whole step is rolled back).
      if (isUniqueViolation(error)) throw new PeopleBookedAgainError('a person of the case holds another appointment of this kind');
      throw error;
    }
  }
}

/** A case's latest visit's times and status: the moments its workflow's time conditions read. */
export async function latestAppointmentTimes(db: Kysely<Database>, caseId: string) {
  const row = await db
    .selectFrom('appointments')
    .select(['date', 'start', 'end', 'status', 'updated_at'])
    .where('case_id', '=', caseId)
    .orderBy('visit', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? { date: row.date, start: row.start, end: row.end, status: row.status, updatedAt: row.updated_at } : undefined;
}

/**
 * Moves a case's active appointment to another slot: takes the new place (SlotFullError when it is
 * full) and releases the old one. Call inside the transaction that records the change.
 */
export async function moveAppointment(trx: Transaction<Database>, caseId: string, to: Place, end: string, at: Date): Promise<void> {
  const appointment = await trx.selectFrom('appointments').select(['id', 'place_key']).where('case_id', '=', caseId).where('status', '=', 'active').executeTakeFirst();
  if (!appointment) throw new Error('the case has no active appointment');
  if (appointment.place_key === to.key) return;
  if (!(await takePlace(trx, to))) throw new SlotFullError('the slot is full');
  await releasePlace(trx, appointment.place_key);
  await trx
    .updateTable('appointments')
    .set({ date: to.date, start: to.start, end, place_key: to.key, updated_at: at.toISOString() })
    .where('id', '=', appointment.id)
    .execute();
}

/** A registry office's appointments of one day that are still on (active, arrived or done), with their cases. */
export async function appointmentsOfDay(db: Kysely<Database>, resourceId: string, date: string) {
  const rows = await db
    .selectFrom('appointments')
    .innerJoin('cases', 'cases.id', 'appointments.case_id')
    .select(['appointments.start', 'appointments.kind', 'appointments.status', 'appointments.visit', 'cases.tracking_number', 'cases.state', 'cases.answers_enc'])
    .where('appointments.resource_id', '=', resourceId)
    .where('appointments.date', '=', date)
    .where('appointments.status', '!=', 'cancelled')
    .orderBy('appointments.start')
    .orderBy('appointments.created_at')
    .execute();
  return rows.map((row) => ({ start: row.start, kind: row.kind, status: row.status, visit: Number(row.visit), trackingNumber: row.tracking_number, state: row.state, answersEnc: row.answers_enc }));
}

/** How many no-shows each of these people (keyed hashes) has had on appointments since `since`. */
export async function noShowsSince(db: Kysely<Database>, personHashes: readonly string[], since: string): Promise<Map<string, number>> {
  if (personHashes.length === 0) return new Map();
  const rows = await db
    .selectFrom('appointment_people')
    .innerJoin('appointments', 'appointments.id', 'appointment_people.appointment_id')
    .select(['appointment_people.person_hash', (eb) => eb.fn.countAll().as('count')])
    .where('appointment_people.person_hash', 'in', personHashes)
    .where('appointments.status', '=', 'no-show')
    .where('appointments.date', '>=', since)
    .groupBy('appointment_people.person_hash')
    .execute();
  return new Map(rows.map((row) => [row.person_hash, Number(row.count)]));
}

/** The days of each of these people's (keyed hashes) missed appointments since `since`. */
export async function missedDaysSince(db: Kysely<Database>, personHashes: readonly string[], since: string): Promise<Map<string, string[]>> {
  if (personHashes.length === 0) return new Map();
  const rows = await db
    .selectFrom('appointment_people')
    .innerJoin('appointments', 'appointments.id', 'appointment_people.appointment_id')
    .select(['appointment_people.person_hash', 'appointments.date'])
    .where('appointment_people.person_hash', 'in', personHashes)
    .where('appointments.status', '=', 'no-show')
    .where('appointments.date', '>=', since)
    .execute();
  const days = new Map<string, string[]>();
  for (const row of rows) days.set(row.person_hash, [...(days.get(row.person_hash) ?? []), row.date]);
  return days;
}

/** An office's active appointments from `from` on (date and start): what a schedule change must keep. */
export async function activeAppointmentsFrom(db: Kysely<Database>, resourceId: string, from: string): Promise<{ date: string; start: string }[]> {
  return db
    .selectFrom('appointments')
    .select(['date', 'start'])
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'active')
    .where('date', '>=', from)
    .orderBy('date')
    .orderBy('start')
    .execute();
}

/** An office's appointments of one day with their cases' tracking numbers (every status): what a closure would touch. */
export async function appointmentsOnDay(db: Kysely<Database>, resourceId: string, date: string) {
  return appointmentsWithCases(db, resourceId, { from: date, to: date });
}

/** An office's active appointments from `from` to `to` (both included), with their cases' tracking numbers: what a holiday year loaded over them would touch. */
export async function activeAppointmentsBetween(db: Kysely<Database>, resourceId: string, from: string, to: string) {
  return appointmentsWithCases(db, resourceId, { from, to, status: 'active' });
}

async function appointmentsWithCases(db: Kysely<Database>, resourceId: string, where: { from: string; to: string; status?: string }) {
  let query = db
    .selectFrom('appointments')
    .innerJoin('cases', 'cases.id', 'appointments.case_id')
    .select(['appointments.case_id', 'appointments.date', 'appointments.start', 'appointments.end', 'appointments.kind', 'appointments.status', 'cases.tracking_number', 'cases.answers_enc'])
    .where('appointments.resource_id', '=', resourceId)
    .where('appointments.date', '>=', where.from)
    .where('appointments.date', '<=', where.to);
  if (where.status) query = query.where('appointments.status', '=', where.status);
  const rows = await query.orderBy('appointments.date').orderBy('appointments.start').orderBy('appointments.created_at').execute();
  return rows.map((row) => ({
    caseId: row.case_id,
    trackingNumber: row.tracking_number,
    date: row.date,
    start: row.start,
    end: row.end,
    kind: row.kind,
    status: row.status,
    answersEnc: row.answers_enc,
  }));
}

/** The places rows of one kind from `from` on (slots someone has booked since the row was made). */
export async function placesFrom(db: Kysely<Database>, resourceId: string, kind: string, from: string): Promise<{ date: string; start: string; capacity: number; taken: number }[]> {
  const rows = await db
    .selectFrom('booking_places')
    .select(['date', 'start', 'capacity', 'taken'])
    .where('resource_id', '=', resourceId)
    .where('kind', '=', kind)
    .where('date', '>=', from)
    .execute();
  return rows.map((row) => ({ date: row.date, start: row.start, capacity: Number(row.capacity), taken: Number(row.taken) }));
}

/**
 * Gives the existing slots of one kind from `from` on the schedule's new capacity, never below what
 * is taken (a slot with more taken keeps exactly those: nobody is dropped, nobody more gets in).
 * Rows were made with the capacity of their first booking, and `takePlace` counts against the row,
 * so without this a raised capacity would not reach them. Closed days keep none.
 */
export async function setCapacityFrom(trx: Transaction<Database>, resourceId: string, kind: string, from: string, capacity: number, closedDays: readonly string[]): Promise<void> {
  let query = trx
    .updateTable('booking_places')
    .set((eb) => ({ capacity: eb.case().when('taken', '>', capacity).then(eb.ref('taken')).else(capacity).end() }))
    .where('resource_id', '=', resourceId)
    .where('kind', '=', kind)
    .where('date', '>=', from);
  if (closedDays.length > 0) query = query.where('date', 'not in', closedDays);
  await query.execute();
}

/**
 * A closed day takes no more bookings, in the database itself: each of its slots (and kinds) gets a
 * row whose capacity is what is still taken (none, once its appointments are cancelled), so a
 * process whose cached schedule does not know the closure yet finds the slot full.
 */
export async function closePlacesOfDay(trx: Transaction<Database>, resourceId: string, date: string, places: readonly { key: string; start: string; kind: string }[]): Promise<void> {
  await trx
    .updateTable('booking_places')
    .set((eb) => ({ capacity: eb.ref('taken') }))
    .where('resource_id', '=', resourceId)
    .where('date', '=', date)
    .execute();
  const rows = places.map((place) => ({ key: place.key, resource_id: resourceId, date, start: place.start, kind: place.kind, capacity: 0, taken: 0 }));
  if (rows.length > 0) await trx.insertInto('booking_places').values(rows).onConflict((oc) => oc.column('key').doNothing()).execute();
}

/** A day opened again: its rows get the schedule's capacity per kind back (never below what is taken). */
export async function reopenPlacesOfDay(trx: Transaction<Database>, resourceId: string, date: string, capacities: Readonly<Record<string, number>>): Promise<void> {
  for (const [kind, capacity] of Object.entries(capacities)) {
    await trx
      .updateTable('booking_places')
      .set((eb) => ({ capacity: eb.case().when('taken', '>', capacity).then(eb.ref('taken')).else(capacity).end() }))
      .where('resource_id', '=', resourceId)
      .where('date', '=', date)
      .where('kind', '=', kind)
      .execute();
  }
}

/**
 * The appointment a person (by keyed hash) holds for a kind of business, with its case's encrypted
 * answers: whom a refused booking may be told more about it (docs/decisions/019). The case's
 * latest visit gives the date.
 */
export async function heldAppointmentOf(db: Kysely<Database>, personHash: string, kind: string): Promise<{ kind: string; date: string; answersEnc: string } | undefined> {
  const row = await db
    .selectFrom('appointment_people')
    .innerJoin('appointments as held', 'held.id', 'appointment_people.appointment_id')
    .innerJoin('cases', 'cases.id', 'held.case_id')
    .innerJoin('appointments as latest', 'latest.case_id', 'cases.id')
    .select(['latest.kind', 'latest.date', 'cases.answers_enc'])
    .where('appointment_people.person_hash', '=', personHash)
    .where('appointment_people.kind', '=', kind)
    .where('appointment_people.active', '=', 1)
    .orderBy('latest.visit', 'desc')
    .orderBy('latest.created_at', 'desc')
    .executeTakeFirst();
  return row ? { kind: row.kind, date: row.date, answersEnc: row.answers_enc } : undefined;
}
