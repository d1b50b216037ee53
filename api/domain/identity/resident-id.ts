/**
 * The resident identity card number (居民身份证号码, GB 11643-1999): 6-digit region code, 8-digit
 * birth date, 3-digit sequence (odd for men, even for women), and a check character computed with
 * ISO 7064 MOD 11-2 ('X' stands for 10). The clock is an argument: "born in the future" depends
 * on today.
 */

export type ResidentIdProblem = 'length' | 'characters' | 'region' | 'birthDate' | 'checkDigit';

export type Sex = 'male' | 'female';

export interface ResidentId {
  /** Normalised: 18 characters, upper-case X. */
  value: string;
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
}

export type ResidentIdResult = { ok: true; id: ResidentId } | { ok: false; problem: ResidentIdProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level codes in use (GB/T 2260), and 71/81/82 for Taiwan, Hong Kong and Macao residents'
 * residence permits, 83 for those of Taiwan-born holders. A finer county-level table would also
 * refuse codes abolished decades ago, which are still printed on valid old cards; so only the
 * province is checked.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/** Full-width digits, spaces and a lower-case x are what people type; all are forgiven. */
export function normaliseResidentId(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .toUpperCase();
}

/** Whether YYYY-MM-DD is a real day someone alive could be born on: from 1880 up to `today`. */
export function isPossibleBirthDate(birthDate: string, today: string): boolean {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1880 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && birthDate <= today;
}

/** @param today YYYY-MM-DD in China's time zone */
export function parseResidentId(input: string, today: string): ResidentIdResult {
  const value = normaliseResidentId(input);
  if (value.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'characters' };
  const regionCode = value.slice(0, 6);
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) return { ok: false, problem: 'region' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isPossibleBirthDate(birthDate, today)) return { ok: false, problem: 'birthDate' };
  if (residentIdCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checkDigit' };
  const sex: Sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, id: { value, regionCode, birthDate, sex } };
}

/** Whole years of age on a day (YYYY-MM-DD); someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}
