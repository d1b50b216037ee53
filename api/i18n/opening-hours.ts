/**
 * A resource's regular opening hours as a person reads them, from its weekly schedule: one line per
 * set of sessions, e.g. "周一至周五 09:00–12:00，13:30–17:00" / "Monday to Friday 09:00–12:00,
 * 13:30–17:00". The schedule itself (ISO weekdays → sessions) is the booking engine's; the words are
 * the resources' (`openingHours.*`); lists follow the language's own rules (Intl.ListFormat).
 */
import type { ResourceSchedule } from '../engine/booking/schedule.ts';
import { dynamicKey, translator, type Locale } from './index.ts';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Weekday = (typeof WEEKDAYS)[number];
type Session = { from: string; to: string };

/** Consecutive days with the same sessions, in week order (Monday first, as in China). */
function runsOf(weekly: ResourceSchedule['weekly']): { days: Weekday[]; sessions: Session[] }[] {
  const runs: { days: Weekday[]; sessions: Session[]; key: string }[] = [];
  for (const day of WEEKDAYS) {
    const sessions = [...(weekly[day] ?? [])].sort((a, b) => a.from.localeCompare(b.from));
    if (sessions.length === 0) continue;
    const key = JSON.stringify(sessions);
    const last = runs.at(-1);
    if (last && last.key === key && Number(last.days.at(-1)) === Number(day) - 1) last.days.push(day);
    else runs.push({ days: [day], sessions, key });
  }
  return runs;
}

export function formatOpeningHours(schedule: Pick<ResourceSchedule, 'weekly' | 'followsWorkingDays'>, lang: Locale): string[] {
  const t = translator(lang);
  const runs = runsOf(schedule.weekly);
  if (runs.length === 0) return [t('marriage:openingHours.none')];
  const dayName = (day: Weekday) => t(dynamicKey`marriage:openingHours.weekday.${day}`);
  // A run of three days or more reads as a range (周一至周五); one or two days are named (周六和周日).
  const daysOf = (days: Weekday[]) => {
    const first = days[0] ?? '1';
    const last = days.at(-1) ?? first;
    return days.length >= 3 ? [t('marriage:openingHours.range', { from: dayName(first), to: dayName(last) })] : days.map(dayName);
  };
  // Runs that open the same hours share a line (周一至周五和周日 …), in the order they first appear.
  const lines = new Map<string, { days: string[]; sessions: Session[] }>();
  for (const run of runs) {
    const key = JSON.stringify(run.sessions);
    const line = lines.get(key) ?? { days: [], sessions: run.sessions };
    line.days.push(...daysOf(run.days));
    lines.set(key, line);
  }
  const list = new Intl.ListFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { type: 'conjunction' });
  const text = [...lines.values()].map((line) =>
    t('marriage:openingHours.line', {
      days: list.format(line.days),
      hours: line.sessions.map((session) => t('marriage:openingHours.session', { from: session.from, to: session.to })).join(t('marriage:openingHours.sessionSeparator')),
    }),
  );
  return schedule.followsWorkingDays ? [...text, t('marriage:openingHours.holidays')] : text;
}
