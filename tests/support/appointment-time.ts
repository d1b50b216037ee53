/**
 * Puts a booked appointment at another time, straight in a test server's database: the workbench
 * offers a clerk's steps only at their time (arrived on the appointment's day, not come once it is
 * over), and a booking is never made for today or the past. The server reads the appointment's
 * times from the database whenever it shows or takes a step (shared by the HTML and browser tiers).
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { addDays, chinaToday } from './portal-api.ts';

export interface AppointmentTime {
  date: string;
  start: string;
  end: string;
}

/** Today 00:00–00:30 in China: a clerk may mark the couple arrived now, and not yet as not come (until 00:30). */
export const earlyToday = (): AppointmentTime => ({ date: chinaToday(), start: '00:00', end: '00:30' });
/** Yesterday 09:00–09:30: over, so the couple may be marked as not come. */
export const yesterday = (): AppointmentTime => ({ date: addDays(chinaToday(), -1), start: '09:00', end: '09:30' });

/** Moves the case's latest visit to `to` (its place stays where it was: only the time a clerk sees changes). */
export function setAppointmentTime(portal: { dataDir: string }, trackingNumber: string, to: AppointmentTime): void {
  const database = new DatabaseSync(join(portal.dataDir, 'portal.sqlite'), { timeout: 5000 });
  try {
    const number = trackingNumber.replaceAll('-', '').toUpperCase();
    const latest = database
      .prepare(`select appointments.id as id from appointments join cases on cases.id = appointments.case_id where cases.tracking_number = ? order by appointments.visit desc, appointments.created_at desc limit 1`)
      .get(number) as { id: string } | undefined;
    if (!latest) throw new Error(`no appointment for ${trackingNumber}`);
    database.prepare('update appointments set date = ?, start = ?, "end" = ? where id = ?').run(to.date, to.start, to.end, latest.id);
  } finally {
    database.close();
  }
}
