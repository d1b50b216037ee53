/**
 * A funeral home's day for its staff (docs/decisions/072), as a registry office's day is for its
 * clerks (marriage/office-day.ts): the transport requests of the day with their windows and pickup
 * places, the cremations and farewell halls by slot, who is in storage; and the home's three actions:
 * confirm a transport, mark a service done, record the cremation certificate's number. Each look and
 * each action is audited, each action in one transaction with its audit entry.
 *
 * Who: a member who handles the funeral bookings' cases (intake in the funeral area) in the office
 * of the home's district — the office a booking's case belongs to, so the same members open the case
 * on the workbench. The pickup place is the family's address: it is shown only here, to them, and the
 * look is audited; the deceased's ID number is masked, the certificate number masked once recorded.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../db/audit.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { funeralBookingByTracking, homePlacesOfDay, homeTransportsOfDay, markServiceDone, moveTransport, recordCremationCertificate } from '../../db/funeral-home-day.repo.ts';
import type { Database } from '../../db/schema.ts';
import { checkTrackingNumber, formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { maskDocumentNumber } from '../../domain/identity/id-document.ts';
import { handlesCasesOf } from '../../domain/staff/access.ts';
import type { StaffMember } from '../../domain/staff/staff.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import { ANSWERS_CONTEXT } from '../../cases/case-service.ts';
import type { FuneralBooking } from './booking.schema.ts';
import { funeralBookingWorkflow } from './booking-workflow.ts';
import { FUNERAL_HOMES, funeralHome } from './homes.ts';
import { CREMATION_CERTIFICATE_CONTEXT, itemOfPlace, type HomeDayItem } from './home-day.schema.ts';

export interface HomeDayDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  now: () => Date;
}

/** The homes whose day a member may see and act on: those of their offices' districts, for a handler of funeral bookings. */
export function homesOf(member: StaffMember): string[] {
  if (!handlesCasesOf(member, funeralBookingWorkflow)) return [];
  return FUNERAL_HOMES.filter((home) => member.offices.includes(home.district)).map((home) => home.id);
}

export interface HomeDayPlace {
  trackingNumber: string;
  start: string;
  end: string;
  /** The resource: cremation, hall-small/-medium/-large, storage. */
  kind: string;
  state: string;
  deceased: { name: string; idNumber: string };
  done: boolean;
  /** The cremation certificate's number, masked, once recorded (cremations only). */
  certificate?: string;
}

export interface HomeDay {
  home: string;
  date: string;
  transports: { trackingNumber: string; from: string; to: string; status: string; deceased: string; address: string }[];
  cremations: HomeDayPlace[];
  halls: HomeDayPlace[];
  storage: HomeDayPlace[];
}

const auditOf = (member: StaffMember, deps: HomeDayDeps, action: string, recordType: string, recordId: string, origin: string | null, details?: Record<string, unknown>) => ({
  at: deps.now(),
  actorId: member.id,
  actorRole: member.roles.join(','),
  action,
  recordType,
  recordId,
  origin,
  ...(details ? { details } : {}),
});

/** The day, or undefined when the home is none of the member's. Audited (the pickup places are read). */
export async function homeDay(deps: HomeDayDeps, member: StaffMember, home: string, date: string, origin: string | null): Promise<HomeDay | undefined> {
  if (!homesOf(member).includes(home)) return undefined;
  const answersOf = (enc: string) => JSON.parse(deps.crypto.decrypt(enc, ANSWERS_CONTEXT)) as FuneralBooking;
  const transports = (await homeTransportsOfDay(deps.db, home, date)).map((row) => {
    const answers = answersOf(row.answersEnc);
    return { trackingNumber: formatTrackingNumber(row.trackingNumber), from: row.from, to: row.to, status: row.status, deceased: answers.deceased.name, address: answers.transport?.address ?? '' };
  });
  const places = (await homePlacesOfDay(deps.db, home, date)).map((row): HomeDayPlace => {
    const answers = answersOf(row.answersEnc);
    const item = itemOfPlace(row.kind);
    return {
      trackingNumber: formatTrackingNumber(row.trackingNumber),
      start: row.start,
      end: row.end,
      kind: row.kind,
      state: row.state,
      deceased: { name: answers.deceased.name, idNumber: maskDocumentNumber(answers.deceased.idNumber) },
      done: row.done.has(item),
      ...(item === 'cremation' && row.certificateEnc ? { certificate: maskDocumentNumber(deps.crypto.decrypt(row.certificateEnc, CREMATION_CERTIFICATE_CONTEXT)) } : {}),
    };
  });
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps.kind, auditOf(member, deps, 'funeral.day-view', 'funeral_home', `${home}|${date}`, origin, { transports: transports.length })));
  return {
    home,
    date,
    transports,
    cremations: places.filter((place) => place.kind === 'cremation'),
    halls: places.filter((place) => itemOfPlace(place.kind) === 'hall'),
    storage: places.filter((place) => place.kind === 'storage'),
  };
}

export type HomeAction = { action: 'confirm-transport' } | { action: 'done'; item: HomeDayItem } | { action: 'certificate'; number: string };

export type HomeActionResult =
  | { ok: true; home: string }
  | { ok: false; reason: 'not_permitted' }
  | { ok: false; reason: 'not_found' }
  /** The booking is not in a state for it, or has no such service, or it was done already. */
  | { ok: false; reason: 'not_possible'; field: string };

/**
 * One of the home's actions on a booking, with its audit entry, in one transaction. A member of
 * another home (or no home) is told the booking is not found, as a case outside their office is.
 */
export async function actOnBooking(deps: HomeDayDeps, member: StaffMember, tracking: string, action: HomeAction, origin: string | null): Promise<HomeActionResult> {
  const homes = homesOf(member);
  if (homes.length === 0) return { ok: false, reason: 'not_permitted' };
  const number = checkTrackingNumber(tracking);
  if (!number.ok) return { ok: false, reason: 'not_found' };
  const booking = await funeralBookingByTracking(deps.db, number.value);
  if (!booking || !homes.includes(booking.home) || !funeralHome(booking.home)) return { ok: false, reason: 'not_found' };
  const at = deps.now();
  const audit = (name: string, details?: Record<string, unknown>) => auditOf(member, deps, name, 'case', booking.caseId, origin, details);
  const refused = (field: string): HomeActionResult => ({ ok: false, reason: 'not_possible', field });
  // Refused inside the transaction throws this, so nothing of it is kept.
  class NotPossible extends Error {}
  try {
    return await deps.db.transaction().execute(async (trx): Promise<HomeActionResult> => {
      if (action.action === 'certificate') {
        // The certificate follows the cremation: a booking that has one, not cancelled.
        if (!booking.placeKinds.includes('cremation') || !['booked', 'completed'].includes(booking.state)) throw new NotPossible('number');
        const { replaced } = await recordCremationCertificate(trx, booking.caseId, deps.crypto.encrypt(action.number, CREMATION_CERTIFICATE_CONTEXT), at, member.id);
        await appendAudit(trx, deps.kind, audit('funeral.cremation-certificate', { replaced }));
        return { ok: true, home: booking.home };
      }
      if (booking.state !== 'booked') throw new NotPossible(action.action === 'done' ? 'item' : 'transport');
      if (action.action === 'confirm-transport') {
        if (!(await moveTransport(trx, booking.caseId, 'requested', 'confirmed', at))) throw new NotPossible('transport');
        await appendAudit(trx, deps.kind, audit('funeral.transport-confirm'));
        return { ok: true, home: booking.home };
      }
      if (action.item === 'transport') {
        // Done only once confirmed: a request nobody confirmed was never sent out.
        if (!(await moveTransport(trx, booking.caseId, 'confirmed', 'done', at))) throw new NotPossible('item');
      } else {
        if (!booking.placeKinds.some((kind) => itemOfPlace(kind) === action.item)) throw new NotPossible('item');
        if (!(await markServiceDone(trx, booking.caseId, action.item, at, member.id))) throw new NotPossible('item');
      }
      await appendAudit(trx, deps.kind, audit('funeral.service-done', { item: action.item }));
      return { ok: true, home: booking.home };
    });
  } catch (error) {
    if (error instanceof NotPossible) return refused(error.message);
    throw error;
  }
}
