/**
 * One-time codes that prove a person holds a mobile phone (短信验证码), for any service that must
 * know the phone is really theirs before it acts on it (first: booking a marriage registration,
 * docs/decisions/019). Pure: the random number, the clock and the stored state are arguments.
 *
 * The rules:
 *  - a code is 6 digits, valid for 10 minutes from when it was made, and confirms once;
 *  - each try is counted before the code is compared, and a code takes at most 5 tries (right or
 *    wrong): the 6th is refused without comparing, so guessing one code succeeds at most 5 times in
 *    a million;
 *  - at most 5 codes per phone per hour (what a person needs, with resends; it also bounds what a
 *    stranger can send to someone else's phone, and guesses to 25 an hour), and a limit per client
 *    address (30 an hour by default: a service hall confirms several couples' phones);
 *  - a new code replaces the ones sent before it: only the newest code of a phone is tried;
 *  - a confirmed code gives a proof (a random token) bound to that phone and valid for the rest of
 *    the journey (24 hours, as long as a draft lives).
 */
import { z } from 'zod';
import { textLine } from '../text.ts';

export const PHONE_CODE_RULES = {
  digits: 6,
  validForMs: 10 * 60_000,
  maxTries: 5,
  /** Codes sent to one phone per window. */
  perPhone: 5,
  /** Codes sent at the request of one client address per window (PHONE_CODE_LIMIT_PER_CLIENT). */
  perClient: 30,
  limitWindowMs: 60 * 60_000,
  /** How long a confirmation holds: a journey's draft lives 24 hours from its last answer. */
  proofValidForMs: 24 * 60 * 60_000,
} as const;

/** The code sent for a random integer in [0, 10^digits): leading zeros kept. */
export function codeFromNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10 ** PHONE_CODE_RULES.digits) throw new RangeError(`a code is drawn from 0 to ${10 ** PHONE_CODE_RULES.digits - 1}`);
  return String(n).padStart(PHONE_CODE_RULES.digits, '0');
}

/** A code as people type it: full-width digits (１２３４５６) and spaces ("123 456") forgiven. */
export function normaliseCode(typed: string): string {
  return typed.normalize('NFKC').replace(/\s/g, '');
}

/** A code as a form or the API takes it: anything else than 6 digits (once normalised) is refused before any try is counted. */
export const PhoneCodeSchema = textLine({ error: 'errors.verification.codeRequired' })
  .transform(normaliseCode)
  .pipe(z.string().min(1, { message: 'errors.verification.codeRequired', abort: true }).regex(/^\d{6}$/, 'errors.verification.codeFormat'));

/** When a code made at `createdAt` stops being valid. */
export function codeExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + PHONE_CODE_RULES.validForMs);
}

/** When a proof given at `confirmedAt` stops holding. */
export function proofExpiresAt(confirmedAt: Date): Date {
  return new Date(confirmedAt.getTime() + PHONE_CODE_RULES.proofValidForMs);
}

export interface SentCode {
  expiresAt: string;
  /** Tries counted so far (each counted before its comparison). */
  tries: number;
  confirmedAt: string | null;
}

/** Why a try cannot be compared: the code has run out, was used, or has had all its tries. */
export type ClosedCode = 'expired' | 'used' | 'tries-used-up';

/**
 * Whether a code may take one more try at `now`, and if not why. A code is valid strictly before its
 * expiry (at exactly 10 minutes it has expired); it takes tries 1 to 5. The repository takes the try
 * with one conditional update that says the same (phone-verifications.repo.ts).
 */
export function mayTry(code: SentCode, now: Date): { ok: true } | { ok: false; reason: ClosedCode } {
  if (code.confirmedAt !== null) return { ok: false, reason: 'used' };
  if (now.getTime() >= Date.parse(code.expiresAt)) return { ok: false, reason: 'expired' };
  if (code.tries >= PHONE_CODE_RULES.maxTries) return { ok: false, reason: 'tries-used-up' };
  return { ok: true };
}

/** Tries left after `tries` were counted. */
export function triesLeft(tries: number): number {
  return Math.max(0, PHONE_CODE_RULES.maxTries - tries);
}
