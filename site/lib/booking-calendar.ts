/**
 * What the month-grid island (site/islands/BookingCalendar.tsx) shows, worked out on the server:
 * every day of each month the office's calendar touches, already named in the reader's language,
 * so the island carries no translations or date library of its own. The days the calendar lists
 * keep its state; the others of those months are past, today, too soon or beyond the window, and
 * are shown (the grid needs whole weeks) but cannot be chosen.
 */
import { dynamicKey } from '../../api/i18n/index.ts';
import type { CalendarDay, CalendarMonth, CalendarProps } from '../islands/BookingCalendar.tsx';
import type { DayChoice } from './marriage-booking.ts';
import type { PageContext } from './page-context.ts';

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const timeOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The state a day outside the office's list has, named like the calendar's own states. */
function stateOutside(date: string, today: string, first: string): string {
  if (date < today) return 'past';
  return date < first ? 'too-soon' : 'beyond-window';
}

export function bookingCalendar(days: readonly DayChoice[], today: string, context: Pick<PageContext, 't' | 'lang' | 'weekday' | 'formatDateTime'>, name = 'date'): CalendarProps | undefined {
  const first = days[0]?.date;
  const last = days.at(-1)?.date;
  if (!first || !last) return undefined;
  const { t, lang } = context;
  // Calendar days are dates, not instants: format them in UTC so no time zone moves them.
  const locale = lang === 'zh-CN' ? 'zh-CN' : 'en-GB';
  const dayMonth = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' });
  const monthYear = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const shortWeekday = new Intl.DateTimeFormat(locale, { weekday: lang === 'zh-CN' ? 'narrow' : 'short', timeZone: 'UTC' });
  const listed = new Map(days.map((day) => [day.date, day]));

  const describe = (date: string): CalendarDay => {
    const day = listed.get(date) ?? { date, state: stateOutside(date, today, first) };
    const values = { count: day.placesLeft ?? 0, time: day.releasesAt ? context.formatDateTime(day.releasesAt) : '' };
    const state = t(dynamicKey`marriage:booking.day.${day.state}`, values);
    const isToday = date === today;
    return {
      date,
      name: t(isToday ? 'marriage:booking.calendar.dayNameToday' : 'marriage:booking.calendar.dayName', { date: dayMonth.format(new Date(timeOf(date))), weekday: context.weekday(date), state }),
      mark: isToday ? t('marriage:booking.calendar.today') : t(dynamicKey`marriage:booking.calendar.mark.${day.state}`, values),
      available: day.state === 'available',
      ...(isToday ? { today: true } : {}),
    };
  };

  const months: CalendarMonth[] = [];
  for (let start = `${first.slice(0, 7)}-01`; start <= last; ) {
    const monthDays: CalendarDay[] = [];
    let time = timeOf(start);
    for (; dayOf(time).slice(0, 7) === start.slice(0, 7); time += DAY_MS) monthDays.push(describe(dayOf(time)));
    months.push({ month: start.slice(0, 7), caption: monthYear.format(new Date(timeOf(start))), days: monthDays });
    start = dayOf(time);
  }

  // 2024-01-01 was a Monday: the week starts on Monday in China.
  const weekdays = Array.from({ length: 7 }, (_, i) => {
    const date = dayOf(timeOf('2024-01-01') + i * DAY_MS);
    return { short: shortWeekday.format(new Date(timeOf(date))), long: context.weekday(date) };
  });

  return {
    name,
    months,
    weekdays,
    labels: {
      previousMonth: t('marriage:booking.calendar.previousMonth'),
      nextMonth: t('marriage:booking.calendar.nextMonth'),
      chosenMark: t('marriage:booking.calendar.chosenMark'),
      // The island puts the day's name where {{day}} stands, in the order this language wants.
      chosen: t('marriage:booking.calendar.chosen', { day: '{{day}}' }),
      cannotChoose: t('marriage:booking.calendar.cannotChoose', { day: '{{day}}' }),
    },
  };
}
