import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  TRACKING_ALPHABET,
  checkTrackingNumber,
  formatTrackingNumber,
  newTrackingNumber,
  trackingCheckCharacter,
} from '../../api/domain/cases/tracking-number.ts';
import { ageOn, parseResidentId, residentIdCheckCharacter } from '../../api/domain/identity/resident-id.ts';
import { maskDocumentNumber } from '../../api/domain/identity/id-document.ts';

const TODAY = '2026-11-25';
/** A valid number built from its parts, so the tests show what each part means. */
function residentId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

describe('resident identity numbers (GB 11643)', () => {
  it('accept a valid number and read the birth date and sex from it', () => {
    const result = parseResidentId(residentId('110101', '19400101', '123'), TODAY);
    expect(result).toEqual({ ok: true, id: { value: expect.any(String), regionCode: '110101', birthDate: '1940-01-01', sex: 'male' } });
    const woman = parseResidentId(residentId('440305', '19990520', '124'), TODAY);
    expect(woman.ok && woman.id.sex).toBe('female');
  });

  it('compute the check character with ISO 7064 MOD 11-2, X for ten', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(parseResidentId('11010519491231002x', TODAY).ok).toBe(true);
  });

  it('forgive full-width digits, spaces and a lower-case x', () => {
    expect(parseResidentId('１１０１０５ 1949 1231 002x', TODAY).ok).toBe(true);
  });

  it('name what is wrong: length, characters, region, birth date, check digit', () => {
    expect(parseResidentId('11010519491231', TODAY)).toEqual({ ok: false, problem: 'length' });
    expect(parseResidentId('11010519491231002Y', TODAY)).toEqual({ ok: false, problem: 'characters' });
    expect(parseResidentId(residentId('990101', '19400101', '123'), TODAY)).toEqual({ ok: false, problem: 'region' });
    expect(parseResidentId(residentId('110101', '19400230', '123'), TODAY)).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseResidentId(residentId('110101', '20270101', '123'), TODAY)).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseResidentId('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'checkDigit' });
  });

  it('give whole years of age, counting the birthday itself', () => {
    expect(ageOn('1946-11-25', '2026-11-25')).toBe(80);
    expect(ageOn('1946-11-26', '2026-11-25')).toBe(79);
    expect(ageOn('2004-02-29', '2026-02-28')).toBe(21);
    expect(ageOn('2004-02-29', '2026-03-01')).toBe(22);
  });

  it('are shown masked', () => {
    expect(maskDocumentNumber('110101194001011234')).toBe('1101**********1234');
  });
});

describe('tracking numbers', () => {
  const fixedBytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => i * 37);

  it('use 32 characters with nothing that reads like 0, 1, O or I', () => {
    expect(new Set(TRACKING_ALPHABET).size).toBe(32);
    expect(TRACKING_ALPHABET).not.toMatch(/[01OI]/);
  });

  it('are eleven characters, shown in groups of four, and check themselves', () => {
    const number = newTrackingNumber(fixedBytes);
    expect(number).toHaveLength(11);
    expect(formatTrackingNumber(number)).toMatch(/^\w{4}-\w{4}-\w{3}$/);
    expect(checkTrackingNumber(formatTrackingNumber(number).toLowerCase())).toEqual({ ok: true, value: number });
  });

  it('catch every single wrong character', () => {
    const number = newTrackingNumber(randomBytes);
    for (let position = 0; position < number.length; position += 1) {
      for (const character of TRACKING_ALPHABET) {
        if (character === number[position]) continue;
        const typo = number.slice(0, position) + character + number.slice(position + 1);
        expect(checkTrackingNumber(typo).ok, typo).toBe(false);
      }
    }
  });

  it('catch every swap of two neighbouring characters', () => {
    for (let sample = 0; sample < 200; sample += 1) {
      const number = newTrackingNumber(randomBytes);
      for (let position = 0; position < number.length - 1; position += 1) {
        if (number[position] === number[position + 1]) continue;
        const swapped = number.slice(0, position) + number[position + 1] + number[position] + number.slice(position + 2);
        expect(checkTrackingNumber(swapped).ok, `${number} → ${swapped}`).toBe(false);
      }
    }
  });

  it('are random, not sequential: a thousand draws never repeat', () => {
    const drawn = new Set(Array.from({ length: 1000 }, () => newTrackingNumber(randomBytes)));
    expect(drawn.size).toBe(1000);
  });

  it('say why a typed number is not one', () => {
    expect(checkTrackingNumber('ABC')).toEqual({ ok: false, problem: 'length' });
    expect(checkTrackingNumber('0000-0000-000')).toEqual({ ok: false, problem: 'characters' });
    const body = 'ABCDEFGHJK';
    expect(checkTrackingNumber(body + trackingCheckCharacter(body)).ok).toBe(true);
  });
});
