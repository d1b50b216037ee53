/**
 * Loading a year's public holidays (or correcting one) over days people have booked
 * (docs/decisions/022). A registry office follows the holiday calendar, so a day that becomes a
 * holiday closes: its appointments would be left on a day with no slots, their holders told
 * nothing. So the system admin is shown them first (masked), and on confirming they go the way of
 * an office closure (api/services/marriage/office-admin.ts `cancelByOffice`: cancelled by the office,
 * both parties texted a link to book again, places released), in the one transaction that saves
 * the year. A day the year opens (a make-up working day) gets its places back.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../db/audit.repo.ts';
import { activeAppointmentsBetween, closePlacesOfDay, reopenPlacesOfDay } from '../../db/booking.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { listHolidayYears, saveHolidayYearIn } from '../../db/holidays.repo.ts';
import { findOfficeSchedule } from '../../db/office-schedules.repo.ts';
import type { Database } from '../../db/schema.ts';
import { allConfirmed, outsideSlots } from '../../engine/booking/schedule-admin.ts';
import { concerns, holidayChanges, placesOfDay } from '../../engine/booking/holiday-days.ts';
import type { ResourceSchedule } from '../../engine/booking/schedule.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { addDays, createWorkingDayCalendar, type HolidayYear } from '../../domain/calendar/working-days.ts';
import type { StaffMember } from '../../domain/staff/staff.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import type { RegistryOffice, RegistryOffices } from './offices.ts';
import { affectedView, cancelByOffice, configuredSchedule, NotCancellable, withServices, type AffectedAppointment } from './office-admin.ts';

export interface HolidayLoadDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  now: () => Date;
  /** The process's calendar, read again once the year is saved. */
  calendar: { refresh(): Promise<void> };
  /** The portal's registry offices: every one's booked days are looked at. */
  offices: RegistryOffices;
}

/** An appointment a year's holidays would cancel, with the registry office it is at. */
export interface HolidayAffectedAppointment extends AffectedAppointment {
  office: string;
}

export type HolidayLoadResult =
  | { ok: true; cancelled: number }
  /** Booked appointments on the year's new holidays that the admin has not (or not all) confirmed: nothing saved. */
  | { ok: false; reason: 'needs_confirmation'; affected: HolidayAffectedAppointment[] }
  /** An appointment's service cannot cancel it now (another state): nothing saved. */
  | { ok: false; reason: 'not_cancellable'; trackingNumber: string };

class Unconfirmed extends Error {
  override name = 'Unconfirmed';
  readonly affected: HolidayAffectedAppointment[];
  constructor(affected: HolidayAffectedAppointment[]) {
    super('the year covers appointments the admin has not confirmed');
    this.affected = affected;
  }
}

/**
 * Saves a year's holidays. Appointments from tomorrow on that the year leaves outside every slot of
 * their day (at any registry office) must all be in `confirmed` (their tracking numbers, as the
 * admin was shown them); else nothing is saved and they are returned to be shown, the look audited.
 * Once confirmed, in one transaction: each is cancelled by the office (`siteOrigin`'s links in the
 * texts), the places of the days the year closes are closed in the database (a process whose
 * calendar is a minute old finds them full) and those of the days it opens reopened, and the year
 * is saved and audited with the tracking numbers it cancelled.
 */
export async function loadHolidayYear(
  deps: HolidayLoadDeps,
  member: StaffMember,
  input: HolidayYear & { confirmed: readonly string[] },
  origin: string | null,
  siteOrigin: string,
): Promise<HolidayLoadResult> {
  const { confirmed, ...year } = input;
  const now = deps.now();
  const today = chinaDate(now);
  // Today's visitors may already be at the counter: like a closure, only days after today.
  const tomorrow = addDays(today, 1);
  const firstDay = [tomorrow, `${year.year - 1}-12-01`].sort()[1] ?? tomorrow;
  const lastDay = `${year.year}-12-31`;
  const role = member.roles.join(',');
  let cancelled: number;
  try {
    cancelled = await deps.db.transaction().execute(async (trx) => {
      const stored = (await listHolidayYears(trx)).map((row) => row.data);
      const before = createWorkingDayCalendar(stored);
      const after = createWorkingDayCalendar([...stored.filter((known) => known.year !== year.year), year]);
      const days: string[] = [];
      for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) if (concerns(year, day)) days.push(day);

      const offices: { office: RegistryOffice; schedule: ResourceSchedule; closing: string[]; opening: string[]; booked: Awaited<ReturnType<typeof withServices>> }[] = [];
      for (const office of deps.offices.all()) {
        const schedule = (await findOfficeSchedule(trx, office.id))?.schedule ?? configuredSchedule(deps.offices, office);
        const { closing, opening } = holidayChanges(schedule, days, before, after);
        // Closed first: a booking in flight for one of these days waits for this transaction and is
        // then refused, or has committed and is read below.
        for (const day of closing) await closePlacesOfDay(trx, office.id, day, placesOfDay(office.id, schedule, day, before));
        const active = await activeAppointmentsBetween(trx, office.id, firstDay, lastDay);
        const booked = outsideSlots(schedule, active, after).filter((appointment) => concerns(year, appointment.date));
        offices.push({ office, schedule, closing, opening, booked: await withServices(trx, booked) });
      }

      const affected = offices.flatMap(({ booked }) => booked);
      if (!allConfirmed(affected, confirmed)) {
        throw new Unconfirmed(offices.flatMap(({ office, booked }) => booked.map((row) => ({ office: office.id, ...affectedView(deps, row) }))));
      }
      for (const { office, schedule, closing, opening, booked } of offices) {
        for (const appointment of booked) {
          const holiday = after.holidayOn(appointment.date)?.name;
          await cancelByOffice(trx, deps, member, office, appointment, {
            now,
            calendar: after,
            origin,
            siteOrigin,
            details: { reason: 'holiday', year: String(year.year) },
            // A make-up working day taken back closes the day without a holiday: the closure's words.
            ...(holiday ? { notify: { context: 'holiday', holiday } } : {}),
          });
        }
        // Again, now that the cancellations have released their places: none is left on a closed day.
        for (const day of new Set([...closing, ...booked.map((appointment) => appointment.date)])) {
          await closePlacesOfDay(trx, office.id, day, placesOfDay(office.id, schedule, day, before));
        }
        for (const day of opening) await reopenPlacesOfDay(trx, office.id, day, schedule.placesPerSlot);
      }
      await saveHolidayYearIn(trx, deps.kind, year, { staffId: member.id, role, origin }, now, affected.map((appointment) => appointment.trackingNumber));
      return affected.length;
    });
  } catch (error) {
    if (error instanceof Unconfirmed) {
      // The admin was shown who is booked (masked): recorded like a closure's preview.
      await deps.db.transaction().execute((trx) =>
        appendAudit(trx, deps.kind, { at: now, actorId: member.id, actorRole: role, action: 'holidays.load.preview', recordType: 'holiday_year', recordId: String(year.year), origin, details: { affected: error.affected.length } }),
      );
      return { ok: false, reason: 'needs_confirmation', affected: error.affected };
    }
    if (error instanceof NotCancellable) return { ok: false, reason: 'not_cancellable', trackingNumber: error.trackingNumber };
    throw error;
  }
  await deps.calendar.refresh();
  return { ok: true, cancelled };
}
