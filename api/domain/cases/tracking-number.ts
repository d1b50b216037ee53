/**
 * Tracking numbers (办件编号) such as 7KQ4-M9XH-2CP: read aloud over the phone, typed from a paper
 * receipt, never guessed.
 *
 * - 32 characters: the digits 2–9 and the letters without I and O, so nothing reads like 0 or 1.
 *   Input is forgiving: case, spaces and hyphens do not matter.
 * - 10 random characters = 50 bits from a cryptographic source: unguessable and unique across
 *   processes without coordination (the database's unique key is the last line of defence).
 * - The 11th character is a Damm check over GF(32) (x∘y = 2·x + y): it catches every single wrong
 *   character and every swap of two neighbouring characters.
 * The random source is an argument, so the domain stays free of I/O.
 */

export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const BODY_LENGTH = 10;
export const TRACKING_NUMBER_LENGTH = BODY_LENGTH + 1;

/** Multiplication by 2 in GF(2^5) with the primitive polynomial x^5 + x^2 + 1. */
function double(x: number): number {
  const shifted = x << 1;
  return shifted & 0b100000 ? (shifted ^ 0b100101) & 0b11111 : shifted;
}

/** The Damm quasigroup x∘y = 2x ⊕ y: a Latin square (single errors) that is totally anti-symmetric (swaps). */
function combine(interim: number, digit: number): number {
  return double(interim) ^ digit;
}

function digits(text: string): number[] | undefined {
  const values = [...text].map((character) => TRACKING_ALPHABET.indexOf(character));
  return values.every((value) => value >= 0) ? values : undefined;
}

export function trackingCheckCharacter(body: string): string {
  const values = digits(body);
  if (!values) throw new RangeError('not a tracking-number body');
  const interim = values.reduce(combine, 0);
  // The check c makes interim∘c = 0, i.e. c = 2·interim in characteristic 2.
  return TRACKING_ALPHABET[double(interim)] ?? '';
}

/** @param randomBytes a cryptographic source, e.g. node:crypto's randomBytes */
export function newTrackingNumber(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(BODY_LENGTH);
  // 256 is a multiple of 32: taking the low five bits keeps every character equally likely.
  const body = [...bytes].map((byte) => TRACKING_ALPHABET[byte & 31]).join('');
  return body + trackingCheckCharacter(body);
}

export function normaliseTrackingNumber(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}

export type TrackingNumberProblem = 'length' | 'characters' | 'checkCharacter';

export function checkTrackingNumber(input: string): { ok: true; value: string } | { ok: false; problem: TrackingNumberProblem } {
  const value = normaliseTrackingNumber(input);
  if (value.length !== TRACKING_NUMBER_LENGTH) return { ok: false, problem: 'length' };
  const values = digits(value);
  if (!values) return { ok: false, problem: 'characters' };
  return values.reduce(combine, 0) === 0 ? { ok: true, value } : { ok: false, problem: 'checkCharacter' };
}

/** 7KQ4-M9XH-2CP: groups of four are easier to read out and to copy. */
export function formatTrackingNumber(value: string): string {
  return value.match(/.{1,4}/g)?.join('-') ?? value;
}
