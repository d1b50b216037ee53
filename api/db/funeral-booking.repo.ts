/**
 * Funeral bookings (docs/decisions/063): the case, every place it takes (a cremation slot, a hall's
 * slot, a storage place for each day), an appointment per place, its priced lines, its transport
 * request and who it is about, in ONE transaction: all of it, or none. A place is taken by the
 * booking engine's conditional update (booking.repo.ts `takePlace`), so two families can never both
 * take the last one; the first place found full undoes everything taken before it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { isKnownFull, takePlace, type Place } from './booking.repo.ts';
import { insertSubmission, type NewCase, type QueuedNotification } from './cases.repo.ts';
import { isUniqueViolation } from './errors.ts';
import { openClaim } from './funeral-claims.repo.ts';
import type { Database } from './schema.ts';

/** A place of the booking was full: `index` says which (the caller names its field). */
export class FuneralPlaceFullError extends Error {
  override name = 'FuneralPlaceFullError';
  readonly index: number;
  constructor(index: number) {
    super('a place of the funeral booking is full');
    this.index = index;
  }
}

/** The deceased already has an active funeral booking (one per person who died). */
export class DeceasedAlreadyBookedError extends Error {
  override name = 'DeceasedAlreadyBookedError';
}

export interface NewFuneralLine {
  home: string;
  item: string;
  itemKind: string;
  unit: string;
  unitFen: number;
  quantity: number;
  chargedFen: number;
  waivedFen: number;
  reason: string;
  ground: string | null;
  servedOn: string;
}

export interface NewFuneralBooking {
  places: readonly (Place & { end: string })[];
  lines: readonly NewFuneralLine[];
  transport?: { home: string; date: string; from: string; to: string } | undefined;
  /** Keyed hash of the deceased's ID number: one active booking per person who died, and found again by other services (case_people). */
  deceasedHash: string;
  /** The kind the deceased is held under among appointment_people. */
  holdKind: string;
  /** The manual exemption claim the booking calls for, where the portal could not decide (docs/decisions/075): opened with it. */
  claim?: { home: string; ground: string } | undefined;
}

export async function recordFuneralBooking(
  db: Kysely<Database>,
  newCase: NewCase,
  notifications: readonly QueuedNotification[],
  booking: NewFuneralBooking,
  /** Also written in the booking's transaction (the request's Idempotency-Key answered: http/idempotency.ts). */
  alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>,
): Promise<{ caseId: string }> {
  // A place already known full is refused without a transaction (booking.repo.ts isKnownFull).
  for (const [index, place] of booking.places.entries()) if (await isKnownFull(db, place.key)) throw new FuneralPlaceFullError(index);
  return db.transaction().execute(async (trx) => {
    for (const [index, place] of booking.places.entries()) if (!(await takePlace(trx, place))) throw new FuneralPlaceFullError(index);
    const caseId = await insertSubmission(trx, newCase, notifications);
    const at = newCase.at.toISOString();
    let first: string | undefined;
    for (const place of booking.places) {
      const id = randomUUID();
      first ??= id;
      await trx
        .insertInto('appointments')
        .values({ id, case_id: caseId, resource_id: place.resourceId, kind: place.kind, date: place.date, start: place.start, end: place.end, place_key: place.key, status: 'active', visit: 1, created_at: at, updated_at: at })
        .execute();
    }
    if (first !== undefined) {
      try {
        await trx.insertInto('appointment_people').values({ appointment_id: first, kind: booking.holdKind, person_hash: booking.deceasedHash, active: 1 }).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new DeceasedAlreadyBookedError('the deceased already has an active funeral booking');
        throw error;
      }
    }
    await trx.insertInto('case_people').values({ case_id: caseId, person_hash: booking.deceasedHash }).execute();
    for (const [index, line] of booking.lines.entries()) {
      await trx
        .insertInto('funeral_booking_lines')
        .values({
          case_id: caseId,
          line: index + 1,
          home: line.home,
          item: line.item,
          item_kind: line.itemKind,
          unit: line.unit,
          unit_fen: line.unitFen,
          quantity: line.quantity,
          charged_fen: line.chargedFen,
          waived_fen: line.waivedFen,
          reason: line.reason,
          ground: line.ground,
          served_on: line.servedOn,
        })
        .execute();
    }
    if (booking.transport) {
      const { home, date, from, to } = booking.transport;
      await trx.insertInto('funeral_transports').values({ case_id: caseId, home, date, window_from: from, window_to: to, status: 'requested', updated_at: at }).execute();
    }
    if (booking.claim) await openClaim(trx, { caseId, ...booking.claim }, newCase.at);
    await alsoInTransaction?.(trx);
    return { caseId };
  });
}

/** A booking's priced lines, in order: what its receipt lists. */
export async function funeralLinesOf(db: Kysely<Database>, caseId: string) {
  const rows = await db.selectFrom('funeral_booking_lines').selectAll().where('case_id', '=', caseId).orderBy('line').execute();
  return rows.map((row) => ({
    item: row.item,
    itemKind: row.item_kind,
    unit: row.unit,
    unitFen: Number(row.unit_fen),
    quantity: Number(row.quantity),
    chargedFen: Number(row.charged_fen),
    waivedFen: Number(row.waived_fen),
    reason: row.reason,
    ground: row.ground,
    servedOn: row.served_on,
  }));
}

/** A booking's transport request. */
export async function funeralTransportOf(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('funeral_transports').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}
