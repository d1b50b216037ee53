/**
 * The rules of one-time codes (api/domain/verification/phone-code.ts), at their edges: how a code
 * is drawn and typed, when it expires, how many tries it takes, how long a proof holds.
 */
import { describe, expect, it } from 'vitest';
import { codeExpiresAt, codeFromNumber, mayTry, normaliseCode, PHONE_CODE_RULES, PhoneCodeSchema, proofExpiresAt, triesLeft } from '../../api/domain/verification/phone-code.ts';

const SENT = new Date('2026-11-25T02:00:00.000Z');
const at = (ms: number) => new Date(SENT.getTime() + ms);
const MINUTE = 60_000;

describe('a one-time code', () => {
  it('has 6 digits, leading zeros kept, drawn from 0 to 999999', () => {
    expect(codeFromNumber(0)).toBe('000000');
    expect(codeFromNumber(42)).toBe('000042');
    expect(codeFromNumber(999_999)).toBe('999999');
    expect(() => codeFromNumber(1_000_000)).toThrow(RangeError);
    expect(() => codeFromNumber(-1)).toThrow(RangeError);
    expect(() => codeFromNumber(1.5)).toThrow(RangeError);
  });

  it.each([
    ['123456', '123456'],
    ['１２３４５６', '123456'],
    ['123 456', '123456'],
    [' 12 34 56 ', '123456'],
    ['１２３　４５６', '123456'],
  ])('is read as people type it: %j → %s', (typed, read) => {
    expect(normaliseCode(typed)).toBe(read);
    expect(PhoneCodeSchema.parse(typed)).toBe(read);
  });

  it.each([
    ['', 'errors.verification.codeRequired'],
    ['   ', 'errors.verification.codeRequired'],
    ['12345', 'errors.verification.codeFormat'],
    ['1234567', 'errors.verification.codeFormat'],
    ['12345a', 'errors.verification.codeFormat'],
    ['１２３４５', 'errors.verification.codeFormat'],
    ['12\u00003456', 'errors.field.hiddenCharacters'],
  ])('refuses %j with one message (%s), before any try', (typed, message) => {
    const parsed = PhoneCodeSchema.safeParse(typed);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('lasts 10 minutes from when it was sent', () => {
    expect(PHONE_CODE_RULES.validForMs).toBe(10 * MINUTE);
    expect(codeExpiresAt(SENT).toISOString()).toBe('2026-11-25T02:10:00.000Z');
  });

  const open = { expiresAt: codeExpiresAt(SENT).toISOString(), tries: 0, confirmedAt: null };
  it.each([
    ['just sent', open, at(0), { ok: true }],
    ['a millisecond before 10 minutes', open, at(10 * MINUTE - 1), { ok: true }],
    ['at exactly 10 minutes', open, at(10 * MINUTE), { ok: false, reason: 'expired' }],
    ['after 10 minutes', open, at(11 * MINUTE), { ok: false, reason: 'expired' }],
    ['before its 5th try (4 counted)', { ...open, tries: 4 }, at(MINUTE), { ok: true }],
    ['before a 6th try (5 counted)', { ...open, tries: 5 }, at(MINUTE), { ok: false, reason: 'tries-used-up' }],
    ['once confirmed', { ...open, tries: 1, confirmedAt: at(MINUTE).toISOString() }, at(2 * MINUTE), { ok: false, reason: 'used' }],
    ['confirmed, even when also expired', { ...open, tries: 1, confirmedAt: at(MINUTE).toISOString() }, at(20 * MINUTE), { ok: false, reason: 'used' }],
  ])('may be tried %s: %j', (_name, code, now, verdict) => {
    expect(mayTry(code, now)).toEqual(verdict);
  });

  it.each([
    [1, 4],
    [4, 1],
    [5, 0],
    [6, 0],
  ])('after %i tries counted, has %i left', (tries, left) => {
    expect(triesLeft(tries)).toBe(left);
  });

  it('gives a proof that holds 24 hours (a draft’s life), and is limited per phone and per client', () => {
    expect(proofExpiresAt(SENT).toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(PHONE_CODE_RULES).toMatchObject({ digits: 6, maxTries: 5, perPhone: 5, perClient: 30, limitWindowMs: 60 * MINUTE });
  });
});
