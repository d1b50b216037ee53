/**
 * The public holidays the law itself fixes (全国年节及纪念日放假办法, art. 2: 全体公民放假的节日),
 * without the State Council's yearly notice: what a year counts as closed until its notice is
 * loaded (docs/decisions/022). The notice adds the bridging days and the make-up working days
 * (调休) and the substitute day for a holiday on a weekend (art. 6), none of which the law fixes, so
 * none of which is guessed here.
 *
 * Lunar dates (除夕, 正月初一, 端午, 中秋) and the day of 清明 come from tyme4ts, not from
 * `Intl.DateTimeFormat('…-u-ca-chinese')`: Node's ICU puts 正月初一 of 2027 on 7 February and of
 * 2030 on 2 February, a day off each way (its new moons near midnight, Beijing time, fall on the
 * wrong side), where the Purple Mountain Observatory's calendar and an ephemeris say 6 February and
 * 3 February. Pure: no clock, no I/O.
 */
import { LunarDay, SolarTerm, type SolarDay } from 'tyme4ts';

export const STATUTORY_HOLIDAYS = ['new-year', 'spring-festival', 'qingming', 'labour-day', 'dragon-boat', 'mid-autumn', 'national-day'] as const;
export type StatutoryHolidayId = (typeof STATUTORY_HOLIDAYS)[number];

/** Each holiday's name as the law and the State Council's notices write it (content/holidays uses the same). */
export const STATUTORY_HOLIDAY_NAMES: Readonly<Record<StatutoryHolidayId, string>> = {
  'new-year': '元旦',
  'spring-festival': '春节',
  qingming: '清明节',
  'labour-day': '劳动节',
  'dragon-boat': '端午节',
  'mid-autumn': '中秋节',
  'national-day': '国庆节',
};

/** A day of a holiday: a Gregorian date, a lunar date of the lunar year that starts in this year, its 除夕, or the day of 清明. */
type HolidayDay = { solar: readonly [month: number, day: number] } | { lunar: readonly [month: number, day: number] } | { lunarNewYearsEve: true } | { solarTerm: '清明' };

const solar = (month: number, day: number): HolidayDay => ({ solar: [month, day] });
const lunar = (month: number, day: number): HolidayDay => ({ lunar: [month, day] });
const EVE: HolidayDay = { lunarNewYearsEve: true };
const QINGMING: HolidayDay = { solarTerm: '清明' };

/**
 * Art. 2 in each version of the 办法 since 2000, by the first year it governs: 国务院令第270号
 * (1999), 第513号 (2007, in force 2008), 第644号 (2013, in force 2014), 第795号 (2024, in force
 * 1 January 2025: 春节 four days from 除夕, 劳动节 two).
 */
const LAW_VERSIONS: readonly { from: number; days: Partial<Record<StatutoryHolidayId, readonly HolidayDay[]>> }[] = [
  {
    from: 2000,
    days: { 'new-year': [solar(1, 1)], 'spring-festival': [lunar(1, 1), lunar(1, 2), lunar(1, 3)], 'labour-day': [solar(5, 1), solar(5, 2), solar(5, 3)], 'national-day': [solar(10, 1), solar(10, 2), solar(10, 3)] },
  },
  {
    from: 2008,
    days: {
      'new-year': [solar(1, 1)],
      'spring-festival': [EVE, lunar(1, 1), lunar(1, 2)],
      qingming: [QINGMING],
      'labour-day': [solar(5, 1)],
      'dragon-boat': [lunar(5, 5)],
      'mid-autumn': [lunar(8, 15)],
      'national-day': [solar(10, 1), solar(10, 2), solar(10, 3)],
    },
  },
  {
    from: 2014,
    days: {
      'new-year': [solar(1, 1)],
      'spring-festival': [lunar(1, 1), lunar(1, 2), lunar(1, 3)],
      qingming: [QINGMING],
      'labour-day': [solar(5, 1)],
      'dragon-boat': [lunar(5, 5)],
      'mid-autumn': [lunar(8, 15)],
      'national-day': [solar(10, 1), solar(10, 2), solar(10, 3)],
    },
  },
  {
    from: 2025,
    days: {
      'new-year': [solar(1, 1)],
      'spring-festival': [EVE, lunar(1, 1), lunar(1, 2), lunar(1, 3)],
      qingming: [QINGMING],
      'labour-day': [solar(5, 1), solar(5, 2)],
      'dragon-boat': [lunar(5, 5)],
      'mid-autumn': [lunar(8, 15)],
      'national-day': [solar(10, 1), solar(10, 2), solar(10, 3)],
    },
  },
];

export interface StatutoryHoliday {
  id: StatutoryHolidayId;
  /** As the notices write it (元旦, 春节…). */
  name: string;
  /** YYYY-MM-DD, in order. */
  days: string[];
}

const pad = (value: number) => String(value).padStart(2, '0');
const isoDay = (day: SolarDay) => `${day.getYear()}-${pad(day.getMonth())}-${pad(day.getDay())}`;

function dayIn(year: number, rule: HolidayDay): string {
  if ('solar' in rule) return `${year}-${pad(rule.solar[0])}-${pad(rule.solar[1])}`;
  // 正月初一 always falls in January or February of the year the lunar year is named after.
  if ('lunar' in rule) return isoDay(LunarDay.fromYmd(year, rule.lunar[0], rule.lunar[1]).getSolarDay());
  if ('lunarNewYearsEve' in rule) return isoDay(LunarDay.fromYmd(year, 1, 1).getSolarDay().next(-1));
  return isoDay(SolarTerm.fromName(year, rule.solarTerm).getJulianDay().getSolarDay());
}

/** The version of the law that governs a year (the earliest for a year before it). */
function lawFor(year: number) {
  return [...LAW_VERSIONS].reverse().find((version) => version.from <= year) ?? LAW_VERSIONS[0];
}

/** The holidays the law fixes in a year, each with its days (in China's calendar, China time). */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const law = lawFor(year);
  return STATUTORY_HOLIDAYS.flatMap((id) => {
    const days = law?.days[id];
    return days ? [{ id, name: STATUTORY_HOLIDAY_NAMES[id], days: days.map((rule) => dayIn(year, rule)).sort() }] : [];
  });
}

/** Which statutory holiday a name typed from a notice is (国庆节, or 国庆 without 节), for translating it; none for any other name. */
export function statutoryHolidayNamed(name: string): StatutoryHolidayId | undefined {
  const trimmed = name.trim();
  return STATUTORY_HOLIDAYS.find((id) => STATUTORY_HOLIDAY_NAMES[id] === trimmed || STATUTORY_HOLIDAY_NAMES[id].replace(/节$/, '') === trimmed);
}
