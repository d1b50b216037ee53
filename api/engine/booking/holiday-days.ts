/**
 * What loading a year's public holidays does to one bookable resource's days (docs/decisions/022):
 * which days it closes and which it opens, and the places of a day's slots that close or reopen in
 * the database. Pure: the calendars before and after the year are arguments. Any resource that
 * follows the working-day calendar (a registry office, later a funeral home's hall) uses the same
 * rules; who is told and how an appointment is cancelled belong to the service.
 */
import { type HolidayYear, type WorkingDayCalendar } from '../../domain/calendar/working-days.ts';
import { placeKey, slotsOn, type ResourceSchedule } from './schedule.ts';

/** Whether a day is one the year's arrangement speaks about: in the year, or in one of its holidays (元旦 may start in the December before). */
export function concerns(year: HolidayYear, day: string): boolean {
  return day.startsWith(`${year.year}-`) || year.holidays.some((holiday) => holiday.from <= day && day <= holiday.to) || year.makeUpWorkdays.includes(day);
}

/** The places of a day's slots, every kind: the rows that close or reopen it in the database. */
export function placesOfDay(resourceId: string, schedule: ResourceSchedule, date: string, calendar: WorkingDayCalendar) {
  const kinds = Object.keys(schedule.placesPerSlot);
  return slotsOn(schedule, date, calendar).flatMap((slot) => kinds.map((kind) => ({ key: placeKey(resourceId, slot, kind), start: slot.start, kind })));
}

const isOpen = (schedule: ResourceSchedule, date: string, calendar: WorkingDayCalendar) => slotsOn(schedule, date, calendar).length > 0;

/** Of `days`, those the new calendar closes for this schedule and those it opens (a make-up working day). */
export function holidayChanges(schedule: ResourceSchedule, days: readonly string[], before: WorkingDayCalendar, after: WorkingDayCalendar): { closing: string[]; opening: string[] } {
  return {
    closing: days.filter((day) => isOpen(schedule, day, before) && !isOpen(schedule, day, after)),
    opening: days.filter((day) => !isOpen(schedule, day, before) && isOpen(schedule, day, after)),
  };
}
