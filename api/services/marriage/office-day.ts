/**
 * A registry office's day for its intake clerks: every appointment by slot, with who is coming
 * (names; ID numbers masked), its state, and each person's no-shows in the last 30 days. Only for
 * members of the office that runs the registry; every look is audited, like opening a case.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../db/audit.repo.ts';
import { appointmentsOfDay, noShowsSince } from '../../db/booking.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { addDays, type WorkingDayCalendar } from '../../domain/calendar/working-days.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { closedFor, slotsOn, type ClosedFor } from '../../engine/booking/schedule.ts';
import { checkTrackingNumber, formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { maskDocumentNumber } from '../../domain/identity/id-document.ts';
import { handlesCasesOf } from '../../domain/staff/access.ts';
import type { StaffMember } from '../../domain/staff/staff.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import { ANSWERS_CONTEXT, PERSON_HASH_CONTEXT } from '../../cases/case-service.ts';
import type { MarriageAppointment } from './appointment.schema.ts';
import type { RegistryOffices } from './offices.ts';
import { CASE_SERVICES, REGISTRY_DAY_SERVICES } from '../registry.ts';

export interface OfficeDayDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  now: () => Date;
  /** The portal's registry offices (docs/decisions/035). */
  offices: RegistryOffices;
}

export interface OfficeDay {
  office: string;
  date: string;
  /** Why the day has no slots (none when it has). */
  closedFor?: ClosedFor;
  slots: {
    start: string;
    end: string;
    appointments: {
      trackingNumber: string;
      kind: string;
      /** 2 for a divorce's second visit (to receive the certificate). */
      visit: number;
      state: string;
      /** `idType`: the document the person books with, which the clerk asks to see. */
      people: { name: string; idType: string; idNumber: string; noShows: number }[];
    }[];
  }[];
}

/**
 * The registry offices whose day a member may see: those run by one of the member's offices, for a
 * member who handles marriage registration's cases there (the registry clerk: intake). The day shows
 * names and documents, so administering the office is not enough.
 */
export function registriesOf(offices: Pick<RegistryOffices, 'all'>, member: StaffMember): string[] {
  const handled = REGISTRY_DAY_SERVICES.some((id) => handlesCasesOf(member, CASE_SERVICES[id].workflow));
  if (!handled) return [];
  return offices.all().filter((office) => member.offices.includes(office.office)).map((office) => office.id);
}

/**
 * Whether an appointment is the one a clerk looks for: by its tracking number, by a person's full ID
 * number (from the card they hold out), or by its last four characters. Case, spaces, hyphens and
 * full-width characters do not matter.
 */
export function matchesSearch(search: string, appointment: { trackingNumber: string; idNumbers: readonly string[] }): boolean {
  const wanted = search.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  if (wanted.length === 0) return true;
  const tracking = checkTrackingNumber(wanted);
  if (tracking.ok) return appointment.trackingNumber === tracking.value;
  if (wanted.length === 4) return appointment.idNumbers.some((id) => id.endsWith(wanted));
  // A whole number of any document (18 for a resident ID card, 9 for many passports).
  if (wanted.length >= 5) return appointment.idNumbers.includes(wanted);
  return false;
}

/** @param search a tracking number or (part of) an ID number to find in the day; every look is audited, the search itself is not recorded. */
export async function officeDay(deps: OfficeDayDeps, member: StaffMember, officeId: string, date: string, origin: string | null, search = ''): Promise<OfficeDay | undefined> {
  const office = deps.offices.get(officeId);
  if (!office || !registriesOf(deps.offices, member).includes(office.id)) return undefined;
  const rows = await appointmentsOfDay(deps.db, office.id, date);
  const decrypted = rows.map((row) => ({ row, answers: JSON.parse(deps.crypto.decrypt(row.answersEnc, ANSWERS_CONTEXT)) as MarriageAppointment }));
  const found = decrypted.filter(({ row, answers }) =>
    matchesSearch(search, { trackingNumber: row.trackingNumber, idNumbers: [answers.partyA.idNumber, ...(answers.partyB ? [answers.partyB.idNumber] : [])] }),
  );
  const since = addDays(chinaDate(deps.now()), -30);
  // Each person's keyed hash once: it finds their no-shows.
  const people = found.map(({ row, answers }) => {
    const persons = [answers.partyA, ...(answers.partyB ? [answers.partyB] : [])];
    return { row, persons: persons.map((person) => ({ ...person, hash: deps.crypto.lookupHash(person.idNumber, PERSON_HASH_CONTEXT) })) };
  });
  const noShows = await noShowsSince(deps.db, people.flatMap(({ persons }) => persons.map((person) => person.hash)), since);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, { at: deps.now(), actorId: member.id, actorRole: member.roles.join(','), action: search ? 'appointments.day-search' : 'appointments.day-view', recordType: 'registry_office', recordId: `${office.id}|${date}`, origin }),
  );
  const slots = slotsOn(office.schedule, date, deps.calendar).map((slot) => ({
    start: slot.start,
    end: slot.end,
    appointments: people
      .filter(({ row }) => row.start === slot.start)
      .map(({ row, persons }) => ({
        trackingNumber: formatTrackingNumber(row.trackingNumber),
        kind: row.kind,
        visit: row.visit,
        state: row.state,
        people: persons.map((person) => ({
          name: person.name,
          idType: person.idType ?? 'resident-id',
          idNumber: maskDocumentNumber(person.idNumber),
          noShows: noShows.get(person.hash) ?? 0,
        })),
      })),
  }));
  const closed = closedFor(office.schedule, date, deps.calendar);
  return { office: office.id, date, ...(closed ? { closedFor: closed } : {}), slots };
}
