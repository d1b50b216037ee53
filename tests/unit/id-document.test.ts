import { describe, expect, it } from 'vitest';
import { carriesBirthDetails, maskBirthDate, maskDocumentNumber, parseBirthDate, parseIdDocument } from '../../api/domain/identity/id-document.ts';
import { residentIdCheckCharacter } from '../../api/domain/identity/resident-id.ts';
import { personId } from '../support/applications.ts';

const today = '2026-11-25';
/** A 2023 foreign permanent resident ID card number: 9, province 11, nationality 156, birth date, order, sex digit, check digit. */
const permanentCard = (birth: string, sexDigit: string) => {
  const first17 = `911156${birth}01${sexDigit}`;
  return first17 + residentIdCheckCharacter(first17);
};

describe('ID documents', () => {
  it('read the birth date and sex from a resident ID card or a Hong Kong, Macao or Taiwan residence permit', () => {
    expect(parseIdDocument('resident-id', personId(1, 'male', '19900101'), today)).toMatchObject({ ok: true, document: { birthDate: '1990-01-01', sex: 'male' } });
    expect(parseIdDocument('residence-permit', personId(1, 'female', '19920315', '810000'), today)).toMatchObject({ ok: true, document: { birthDate: '1992-03-15', sex: 'female' } });
  });

  it('say when an 18-character number belongs to the other of the two documents', () => {
    expect(parseIdDocument('resident-id', personId(1, 'female', undefined, '820000'), today)).toEqual({ ok: false, problem: 'residencePermitNumber' });
    expect(parseIdDocument('residence-permit', personId(1, 'female'), today)).toEqual({ ok: false, problem: 'notResidencePermit' });
    expect(parseIdDocument('residence-permit', '81000019920315123', today)).toEqual({ ok: false, problem: 'length' });
  });

  it('check a 2023 foreign permanent resident card like a resident ID card, and accept the 2017 card by its shape', () => {
    expect(parseIdDocument('foreign-permanent-id', permanentCard('19850704', '3'), today)).toMatchObject({ ok: true, document: { birthDate: '1985-07-04', sex: 'male' } });
    const mistyped = permanentCard('19850704', '3').slice(0, 17) + (permanentCard('19850704', '3').endsWith('0') ? '1' : '0');
    expect(parseIdDocument('foreign-permanent-id', mistyped, today)).toEqual({ ok: false, problem: 'checkDigit' });
    expect(parseIdDocument('foreign-permanent-id', permanentCard('19850231', '3'), today)).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseIdDocument('foreign-permanent-id', 'usa 110085 070401', today)).toEqual({ ok: true, document: { type: 'foreign-permanent-id', value: 'USA110085070401' } });
    expect(parseIdDocument('foreign-permanent-id', '12345', today)).toEqual({ ok: false, problem: 'format' });
  });

  it('check travel permits and passports by their printed format, forgiving spaces, hyphens, full-width characters and case', () => {
    expect(parseIdDocument('hk-macao-permit', 'h 1234 5678', today)).toEqual({ ok: true, document: { type: 'hk-macao-permit', value: 'H12345678' } });
    expect(parseIdDocument('hk-macao-permit', 'M1234567801', today)).toMatchObject({ ok: true });
    expect(parseIdDocument('hk-macao-permit', 'K12345678', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseIdDocument('taiwan-permit', '０１２３４５６７', today)).toEqual({ ok: true, document: { type: 'taiwan-permit', value: '01234567' } });
    expect(parseIdDocument('taiwan-permit', '0123456', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseIdDocument('passport', 'e-1234-5678', today)).toEqual({ ok: true, document: { type: 'passport', value: 'E12345678' } });
    expect(parseIdDocument('passport', 'AB!12345', today)).toEqual({ ok: false, problem: 'format' });
  });

  it('tell the journey whose birth date and sex it must ask for', () => {
    expect(carriesBirthDetails('resident-id', '')).toBe(true);
    expect(carriesBirthDetails('residence-permit', '')).toBe(true);
    expect(carriesBirthDetails('foreign-permanent-id', permanentCard('19850704', '3'))).toBe(true);
    expect(carriesBirthDetails('foreign-permanent-id', 'USA110085070401')).toBe(false);
    expect(carriesBirthDetails('passport', 'E12345678')).toBe(false);
    expect(carriesBirthDetails('hk-macao-permit', 'H12345678')).toBe(false);
  });

  it('are shown masked: a long number keeps four characters at each end, a short one its first and last two', () => {
    expect(maskDocumentNumber('110101199001011234')).toBe('1101**********1234');
    expect(maskDocumentNumber('E12345678')).toBe('E******78');
    expect(maskDocumentNumber('12345')).toBe('*****');
    expect(maskBirthDate('1996-05-07')).toBe('1996-**-**');
  });
});

describe('a birth date as people write it', () => {
  it('is read in the usual Chinese and international forms', () => {
    for (const written of ['1995-03-08', '1995/3/8', '1995.3.8', '1995年3月8日', '19950308', '１９９５－０３－０８']) expect(parseBirthDate(written, today)).toBe('1995-03-08');
  });

  it('is refused when it is no real day, in the future or implausibly long ago', () => {
    for (const written of ['1995-02-29', '2027-01-01', '1879-12-31', '8 March 1995', '95-3-8', '']) expect(parseBirthDate(written, today)).toBeUndefined();
  });
});
