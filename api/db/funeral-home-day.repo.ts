/**
 * A funeral home's day (docs/decisions/072): the bookings whose places fall on it, the transport
 * requests of the day, and what the home records (a service done, the cremation certificate sealed).
 * Each write is one statement inside the caller's transaction, with the audit entry beside it.
 */
import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from './errors.ts';
import type { Database } from './schema.ts';

/** The places a home's bookings take on a day (cancelled ones left out), with the case and what the home recorded. */
export async function homePlacesOfDay(db: Kysely<Database>, home: string, date: string) {
  const rows = await db
    .selectFrom('appointments')
    .innerJoin('cases', 'cases.id', 'appointments.case_id')
    .leftJoin('funeral_cremation_certificates', 'funeral_cremation_certificates.case_id', 'cases.id')
    .select(['appointments.kind', 'appointments.start', 'appointments.end', 'cases.id as caseId', 'cases.tracking_number', 'cases.state', 'cases.answers_enc', 'funeral_cremation_certificates.number_enc'])
    .where('appointments.resource_id', 'like', `${home}:%`)
    .where('appointments.date', '=', date)
    .where('appointments.status', '!=', 'cancelled')
    .where('cases.service', '=', 'funeral-booking')
    .orderBy('appointments.start')
    .orderBy('appointments.created_at')
    .execute();
  const done = await doneOf(db, [...new Set(rows.map((row) => row.caseId))]);
  return rows.map((row) => ({
    caseId: row.caseId,
    kind: row.kind,
    start: row.start,
    end: row.end,
    trackingNumber: row.tracking_number,
    state: row.state,
    answersEnc: row.answers_enc,
    certificateEnc: row.number_enc ?? undefined,
    done: done.get(row.caseId) ?? new Set<string>(),
  }));
}

async function doneOf(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  if (caseIds.length === 0) return map;
  for (const row of await db.selectFrom('funeral_services_done').select(['case_id', 'item']).where('case_id', 'in', caseIds).execute()) {
    map.set(row.case_id, (map.get(row.case_id) ?? new Set()).add(row.item));
  }
  return map;
}

/** A home's transport requests of a day (cancelled ones left out), by window. */
export async function homeTransportsOfDay(db: Kysely<Database>, home: string, date: string) {
  const rows = await db
    .selectFrom('funeral_transports')
    .innerJoin('cases', 'cases.id', 'funeral_transports.case_id')
    .select(['funeral_transports.window_from', 'funeral_transports.window_to', 'funeral_transports.status', 'cases.tracking_number', 'cases.state', 'cases.answers_enc'])
    .where('funeral_transports.home', '=', home)
    .where('funeral_transports.date', '=', date)
    .where('funeral_transports.status', '!=', 'cancelled')
    .orderBy('funeral_transports.window_from')
    .orderBy('cases.tracking_number')
    .execute();
  return rows.map((row) => ({ from: row.window_from, to: row.window_to, status: row.status, trackingNumber: row.tracking_number, state: row.state, answersEnc: row.answers_enc }));
}

/** A funeral booking by its tracking number, with its home (its priced lines name it) and what it booked. */
export async function funeralBookingByTracking(db: Kysely<Database>, trackingNumber: string) {
  const row = await db
    .selectFrom('cases')
    .innerJoin('funeral_booking_lines', (join) => join.onRef('funeral_booking_lines.case_id', '=', 'cases.id').on('funeral_booking_lines.line', '=', 1))
    .select(['cases.id', 'cases.state', 'funeral_booking_lines.home'])
    .where('cases.tracking_number', '=', trackingNumber)
    .where('cases.service', '=', 'funeral-booking')
    .executeTakeFirst();
  if (!row) return undefined;
  const places = await db.selectFrom('appointments').select('kind').where('case_id', '=', row.id).where('status', '!=', 'cancelled').execute();
  const transport = await db.selectFrom('funeral_transports').select('status').where('case_id', '=', row.id).executeTakeFirst();
  return { caseId: row.id, state: row.state, home: row.home, placeKinds: places.map((place) => place.kind), transportStatus: transport?.status };
}

/** The transport moved on from `from` to `to`; false when it was not at `from` (someone else moved it first). */
export async function moveTransport(trx: Transaction<Database>, caseId: string, from: string, to: string, at: Date): Promise<boolean> {
  const result = await trx.updateTable('funeral_transports').set({ status: to, updated_at: at.toISOString() }).where('case_id', '=', caseId).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A booked service marked done; false when it was already. */
export async function markServiceDone(trx: Transaction<Database>, caseId: string, item: string, at: Date, by: string): Promise<boolean> {
  const held = await trx.selectFrom('funeral_services_done').select('item').where('case_id', '=', caseId).where('item', '=', item).executeTakeFirst();
  if (held) return false;
  try {
    await trx.insertInto('funeral_services_done').values({ case_id: caseId, item, done_at: at.toISOString(), done_by: by }).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** The cremation certificate's number (sealed by the caller) recorded, replacing one recorded before; whether one was replaced. */
export async function recordCremationCertificate(trx: Transaction<Database>, caseId: string, numberEnc: string, at: Date, by: string): Promise<{ replaced: boolean }> {
  const removed = await trx.deleteFrom('funeral_cremation_certificates').where('case_id', '=', caseId).executeTakeFirst();
  await trx.insertInto('funeral_cremation_certificates').values({ case_id: caseId, number_enc: numberEnc, recorded_at: at.toISOString(), recorded_by: by }).execute();
  return { replaced: Number(removed.numDeletedRows) > 0 };
}

/** A booking's sealed cremation certificate number, if the home recorded one. */
export async function cremationCertificateOf(db: Kysely<Database>, caseId: string): Promise<string | undefined> {
  return (await db.selectFrom('funeral_cremation_certificates').select('number_enc').where('case_id', '=', caseId).executeTakeFirst())?.number_enc;
}

/**
 * The waived lines of the funeral bookings not cancelled, of the homes given, counted in the month
 * (YYYY-MM): what the settlement sums. A line waived at booking counts on the day it is served; a
 * line waived by a confirmed manual claim (docs/decisions/075) counts on the day the claim was
 * confirmed (`servedOn` is then that day), since that is when the bureau took the cost on.
 */
export async function waivedLinesOfMonth(db: Kysely<Database>, homes: readonly string[], month: string) {
  if (homes.length === 0) return [];
  const base = () =>
    db
      .selectFrom('funeral_booking_lines')
      .innerJoin('cases', 'cases.id', 'funeral_booking_lines.case_id')
      .leftJoin('funeral_exemption_claims', (join) => join.onRef('funeral_exemption_claims.case_id', '=', 'funeral_booking_lines.case_id').on('funeral_exemption_claims.status', '=', 'confirmed'))
      .select(['cases.tracking_number', 'funeral_booking_lines.case_id', 'funeral_booking_lines.home', 'funeral_booking_lines.item', 'funeral_booking_lines.waived_fen', 'funeral_booking_lines.ground', 'funeral_booking_lines.served_on', 'funeral_exemption_claims.decided_on'])
      .where('funeral_booking_lines.home', 'in', homes)
      .where('funeral_booking_lines.waived_fen', '>', 0)
      .where('cases.state', 'not in', ['cancelled', 'cancelled-by-home'])
      .orderBy('funeral_booking_lines.case_id')
      .orderBy('funeral_booking_lines.line');
  const [atBooking, byClaim] = await Promise.all([
    base().where('funeral_exemption_claims.case_id', 'is', null).where('funeral_booking_lines.served_on', '>=', `${month}-01`).where('funeral_booking_lines.served_on', '<=', `${month}-31`).execute(),
    base().where('funeral_exemption_claims.decided_on', '>=', `${month}-01`).where('funeral_exemption_claims.decided_on', '<=', `${month}-31`).execute(),
  ]);
  return [...atBooking, ...byClaim].map((row) => ({ trackingNumber: row.tracking_number, caseId: row.case_id, home: row.home, item: row.item, waivedFen: Number(row.waived_fen), ground: row.ground, servedOn: row.decided_on ?? row.served_on }));
}

/**
 * The funeral bookings about a person (by the keyed hash of their ID number, case_people) that are
 * not cancelled and have a cremation certificate recorded: their sealed answers (to compare the death
 * certificate's number) and the sealed certificate number. Found by hash, never by a clear number.
 */
export async function cremationRecordsOfPerson(db: Kysely<Database>, personHash: string) {
  return db
    .selectFrom('case_people')
    .innerJoin('cases', 'cases.id', 'case_people.case_id')
    .innerJoin('funeral_cremation_certificates', 'funeral_cremation_certificates.case_id', 'cases.id')
    .select(['cases.tracking_number', 'cases.answers_enc', 'funeral_cremation_certificates.number_enc', 'funeral_cremation_certificates.recorded_at'])
    .where('case_people.person_hash', '=', personHash)
    .where('cases.service', '=', 'funeral-booking')
    .where('cases.state', 'not in', ['cancelled', 'cancelled-by-home'])
    .orderBy('funeral_cremation_certificates.recorded_at', 'desc')
    .execute();
}
