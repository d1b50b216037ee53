/**
 * A registry office's day for its intake clerks: every appointment by slot, with who is coming
 * (names; ID numbers masked), its state, and each person's no-shows in the last 30 days. Only for
 * members of the office that runs the registry; every look is audited, like opening a case.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../db/audit.repo.ts';
import { appointmentsOfDay, noShowsSince } from '../db/booking.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { addDays, type WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { slotsOn } from '../domain/booking/schedule.ts';
import { formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import { maskResidentId } from '../domain/identity/resident-id.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import { ANSWERS_CONTEXT, PERSON_HASH_CONTEXT } from '../cases/case-service.ts';
import type { MarriageAppointment } from '../services/marriage/appointment.schema.ts';
import { REGISTRY_OFFICES, registryOffice } from '../services/marriage/offices.ts';

export interface OfficeDayDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  now: () => Date;
}

export interface OfficeDay {
  office: string;
  date: string;
  slots: {
    start: string;
    end: string;
    appointments: {
      trackingNumber: string;
      kind: string;
      state: string;
      people: { name: string; idNumber: string; noShows: number }[];
    }[];
  }[];
}

/** The registry offices a member may see: those run by one of the member's offices (all, for a system admin). */
export function registriesOf(member: StaffMember): string[] {
  if (!member.serviceAreas.includes('marriage') && !member.roles.includes('system-admin')) return [];
  return REGISTRY_OFFICES.filter((office) => member.roles.includes('system-admin') || member.offices.includes(office.office)).map((office) => office.id);
}

export async function officeDay(deps: OfficeDayDeps, member: StaffMember, officeId: string, date: string, origin: string | null): Promise<OfficeDay | undefined> {
  const office = registryOffice(officeId);
  if (!office || !registriesOf(member).includes(office.id)) return undefined;
  const rows = await appointmentsOfDay(deps.db, office.id, date);
  const since = addDays(chinaDate(deps.now()), -30);
  // Each person's keyed hash once: it finds their no-shows.
  const people = rows.map((row) => {
    const answers = JSON.parse(deps.crypto.decrypt(row.answersEnc, ANSWERS_CONTEXT)) as MarriageAppointment;
    const persons = [answers.partyA, ...(answers.partyB ? [answers.partyB] : [])];
    return { row, persons: persons.map((person) => ({ ...person, hash: deps.crypto.lookupHash(person.idNumber, PERSON_HASH_CONTEXT) })) };
  });
  const noShows = await noShowsSince(deps.db, people.flatMap(({ persons }) => persons.map((person) => person.hash)), since);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, { at: deps.now(), actorId: member.id, actorRole: member.roles.join(','), action: 'appointments.day-view', recordType: 'registry_office', recordId: `${office.id}|${date}`, origin }),
  );
  const slots = slotsOn(office.schedule, date, deps.calendar).map((slot) => ({
    start: slot.start,
    end: slot.end,
    appointments: people
      .filter(({ row }) => row.start === slot.start)
      .map(({ row, persons }) => ({
        trackingNumber: formatTrackingNumber(row.trackingNumber),
        kind: row.kind,
        state: row.state,
        people: persons.map((person) => ({
          name: person.name,
          idNumber: maskResidentId(person.idNumber),
          noShows: noShows.get(person.hash) ?? 0,
        })),
      })),
  }));
  return { office: office.id, date, slots };
}
