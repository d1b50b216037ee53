/**
 * The identity documents a person may book a marriage registration with. Mainland residents use the
 * resident identity card; residents of Hong Kong, Macao and Taiwan and foreigners use the documents
 * below, and are registered only at offices the province designates (涉外、涉港澳台婚姻登记).
 *
 * - resident-id: 居民身份证 (GB 11643: birth date and sex are in the number).
 * - residence-permit: 港澳台居民居住证, numbered like a resident ID card with region 81 (Hong Kong),
 *   82 (Macao) or 83 (Taiwan); birth date and sex are in the number.
 * - hk-macao-permit: 港澳居民来往内地通行证, H or M and 8 digits (an older card adds 2 digits).
 * - taiwan-permit: 台湾居民来往大陆通行证, 8 digits.
 * - foreign-permanent-id: 外国人永久居留身份证; the 2023 card has 18 digits beginning with 9, birth date
 *   and sex where a resident ID card has them, and the same check digit; the 2017 card has 3 letters
 *   (the nationality) and 12 digits.
 * - passport: 护照 (a foreigner's, or a Chinese citizen's living abroad), 5 to 17 letters and digits.
 *
 * A document that does not carry the birth date and sex in its number makes the journey ask for them.
 * The clock is an argument.
 */
import { isPossibleBirthDate, normaliseResidentId, parseResidentId, residentIdCheckCharacter, type ResidentIdProblem, type Sex } from './resident-id.ts';

export const ID_DOCUMENT_TYPES = ['resident-id', 'residence-permit', 'hk-macao-permit', 'taiwan-permit', 'foreign-permanent-id', 'passport'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

/** What is wrong with a number for its document type. */
export type IdDocumentProblem = ResidentIdProblem | 'residencePermitNumber' | 'notResidencePermit' | 'format';

export interface IdDocument {
  type: IdDocumentType;
  /** Normalised: no spaces or hyphens, upper case. */
  value: string;
  /** From the number, when the document has them in it. */
  birthDate?: string;
  sex?: Sex;
}

export type IdDocumentResult = { ok: true; document: IdDocument } | { ok: false; problem: IdDocumentProblem };

const PERMIT_REGIONS = new Set(['81', '82', '83']);

/** Same forgiveness as for a resident ID card: full-width characters, spaces, hyphens, lower case. */
export const normaliseDocumentNumber = normaliseResidentId;

const SHAPES: Record<'hk-macao-permit' | 'taiwan-permit' | 'passport', RegExp> = {
  'hk-macao-permit': /^[HM]\d{8}(\d{2})?$/,
  'taiwan-permit': /^\d{8}$/,
  passport: /^[A-Z0-9]{5,17}$/,
};

/** @param today YYYY-MM-DD in China's time zone */
export function parseIdDocument(type: IdDocumentType, input: string, today: string): IdDocumentResult {
  const value = normaliseDocumentNumber(input);
  if (type === 'resident-id' || type === 'residence-permit') {
    const parsed = parseResidentId(value, today);
    if (!parsed.ok) return parsed;
    const isPermit = PERMIT_REGIONS.has(value.slice(0, 2));
    // A permit number under "resident ID card" (or the other way round) is a wrong choice of type, said so.
    if (type === 'resident-id' && isPermit) return { ok: false, problem: 'residencePermitNumber' };
    if (type === 'residence-permit' && !isPermit) return { ok: false, problem: 'notResidencePermit' };
    return { ok: true, document: { type, value, birthDate: parsed.id.birthDate, sex: parsed.id.sex } };
  }
  if (type === 'foreign-permanent-id') {
    if (/^[A-Z]{3}\d{12}$/.test(value)) return { ok: true, document: { type, value } };
    if (!/^9\d{16}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
    const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
    if (!isPossibleBirthDate(birthDate, today)) return { ok: false, problem: 'birthDate' };
    if (residentIdCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checkDigit' };
    return { ok: true, document: { type, value, birthDate, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
  }
  return SHAPES[type].test(value) ? { ok: true, document: { type, value } } : { ok: false, problem: 'format' };
}

/**
 * Whether a number of this type carries the birth date and sex (a resident ID card's, a residence
 * permit's, a 2023 permanent residence card's); if not, the journey asks for them. Judged by the
 * number's shape alone: whether it is valid is its own page's question.
 */
export function carriesBirthDetails(type: IdDocumentType, input: string): boolean {
  if (type === 'resident-id' || type === 'residence-permit') return true;
  return type === 'foreign-permanent-id' && /^9\d{16}[\dX]$/.test(normaliseDocumentNumber(input));
}

/** A document of this type is registered only at the offices the province designates. */
export function needsDesignatedOffice(type: IdDocumentType): boolean {
  return type !== 'resident-id';
}

/**
 * A birth date as people write it: 1995-03-08, 1995/3/8, 1995.3.8, 1995年3月8日 or 19950308 (full-width
 * digits forgiven); YYYY-MM-DD, or undefined when it is no real day between 1880 and today.
 */
export function parseBirthDate(input: string, today: string): string | undefined {
  const text = input.normalize('NFKC').replace(/\s/g, '');
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isPossibleBirthDate(date, today) ? date : undefined;
}

/**
 * A document number shown to someone who may not see it whole: a resident ID card's first four and
 * last four characters (1101**********1234, enough for its owner to recognise); a shorter number
 * keeps its first and its last two characters (E1******78).
 */
export function maskDocumentNumber(value: string): string {
  if (value.length >= 15) return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
  if (value.length < 6) return '*'.repeat(value.length);
  return `${value.slice(0, 1)}${'*'.repeat(value.length - 3)}${value.slice(-2)}`;
}

/** A birth date shown to someone who may not see it whole: the year only (1995-**-**). */
export function maskBirthDate(value: string): string {
  return `${value.slice(0, 4)}-**-**`;
}
