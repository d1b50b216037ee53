/**
 * The fields that name a person, shared by every application: a name, a mobile number, a resident
 * ID number (or, where other documents are accepted, a document type and number, with the birth
 * date and sex when the number does not carry them). Messages are translation keys that name the field ({{field}}), so the same schema
 * explains itself on any form and in the API.
 */
import { z } from 'zod';
import { nameLine, textLine } from '../text.ts';
import { validFields } from '../valid-fields.ts';
import { ID_DOCUMENT_TYPES, parseBirthDate, parseIdDocument, type IdDocumentProblem, type IdDocumentType } from './id-document.ts';
import { parseResidentId, type Sex } from './resident-id.ts';

const PROBLEM_MESSAGE: Record<IdDocumentProblem, string> = {
  length: 'errors.application.idNumberLength',
  characters: 'errors.application.idNumberCharacters',
  region: 'errors.application.idNumberRegion',
  birthDate: 'errors.application.idNumberBirthDate',
  checkDigit: 'errors.application.idNumberCheckDigit',
  residencePermitNumber: 'errors.application.idNumberIsResidencePermit',
  notResidencePermit: 'errors.application.idNumberNotResidencePermit',
  // Each document's own format is explained (errors.application.idNumberFormat.<type>).
  format: 'errors.application.idNumberFormat',
};

export const PersonName = nameLine({ error: 'errors.application.nameRequired' })
  .trim()
  .min(2, 'errors.application.nameRequired')
  .max(30, 'errors.application.nameTooLong');

export const MobilePhone = textLine({ error: 'errors.application.phoneRequired' })
  .trim()
  .transform((value) => value.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1\d{10}$/, 'errors.application.phoneInvalid'));

/** A resident ID number, normalised (18 characters, upper-case X), checked against `today`. */
export function residentIdField(today: string) {
  return textLine({ error: 'errors.application.idNumberRequired' })
    .trim()
    .min(1, 'errors.application.idNumberRequired')
    .transform((value, context) => {
      const parsed = parseResidentId(value, today);
      if (!parsed.ok) {
        context.addIssue({ code: 'custom', message: PROBLEM_MESSAGE[parsed.problem] });
        return z.NEVER;
      }
      return parsed.id.value;
    });
}


export const SEXES = ['male', 'female'] as const;

/**
 * A person identified by a document of their choice (resident ID card when none is said, so API
 * callers from before document types keep working). When the number carries the birth date and sex
 * they are taken from it and anything entered is dropped; otherwise both must be given. The output
 * has the normalised number, and `birthDate`/`sex` only when they were entered.
 */
export function documentHolder(today: string) {
  return z
    .object({
      name: PersonName,
      idType: z.enum(ID_DOCUMENT_TYPES, { error: 'errors.application.idTypeRequired' }).default('resident-id'),
      idNumber: textLine({ error: 'errors.application.idNumberRequired' }).trim().min(1, 'errors.application.idNumberRequired'),
      phone: MobilePhone,
      birthDate: textLine().trim().max(20).optional(),
      sex: textLine().max(20).optional(),
    })
    .superRefine(
      (person, context) => {
        const parsed = parseIdDocument(person.idType, person.idNumber, today);
        if (parsed.ok) return;
        const message = parsed.problem === 'format' ? `${PROBLEM_MESSAGE.format}.${person.idType}` : PROBLEM_MESSAGE[parsed.problem];
        context.addIssue({ code: 'custom', path: ['idNumber'], message });
      },
      { when: (payload) => validFields(payload.issues, [['idType'], ['idNumber']]) },
    )
    .superRefine(
      (person, context) => {
        const parsed = parseIdDocument(person.idType, person.idNumber, today);
        if (!parsed.ok || parsed.document.birthDate !== undefined) return;
        if (!person.birthDate) context.addIssue({ code: 'custom', path: ['birthDate'], message: 'errors.application.birthDateRequired' });
        else if (!parseBirthDate(person.birthDate, today)) context.addIssue({ code: 'custom', path: ['birthDate'], message: 'errors.application.birthDateInvalid' });
        if (!SEXES.includes(person.sex as Sex)) context.addIssue({ code: 'custom', path: ['sex'], message: 'errors.application.sexRequired' });
      },
      { when: (payload) => validFields(payload.issues, [['idType'], ['idNumber'], ['birthDate'], ['sex']]) },
    )
    .transform((person): DocumentHolder => {
      const { birthDate, sex, ...rest } = person;
      const parsed = parseIdDocument(person.idType, person.idNumber, today);
      const document = parsed.ok ? parsed.document : undefined;
      const holder = { ...rest, idNumber: document?.value ?? person.idNumber };
      if (document?.birthDate !== undefined) return holder;
      return { ...holder, birthDate: parseBirthDate(birthDate ?? '', today) ?? '', sex: sex as Sex };
    });
}

export interface DocumentHolder {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  /** Only when the document's number does not carry them. */
  birthDate?: string;
  sex?: Sex;
}

/**
 * A person's birth date and sex, from their document's number or as they gave them; undefined
 * while either is missing or wrong. Reads the raw answers, so rules across people can run as soon as
 * these fields are valid, whatever the state of the rest.
 */
export function birthAndSex(person: { idType?: string | undefined; idNumber: string; birthDate?: string | undefined; sex?: string | undefined }, today: string): { birthDate: string; sex: Sex } | undefined {
  const type = (person.idType ?? 'resident-id') as IdDocumentType;
  if (!ID_DOCUMENT_TYPES.includes(type)) return undefined;
  const parsed = parseIdDocument(type, person.idNumber, today);
  if (!parsed.ok) return undefined;
  const { birthDate, sex } = parsed.document;
  if (birthDate !== undefined && sex !== undefined) return { birthDate, sex };
  const entered = parseBirthDate(person.birthDate ?? '', today);
  return entered && SEXES.includes(person.sex as Sex) ? { birthDate: entered, sex: person.sex as Sex } : undefined;
}
