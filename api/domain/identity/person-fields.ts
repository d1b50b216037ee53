/**
 * The fields that name a person, shared by every application: a name, a mobile number, a resident
 * ID number. Messages are translation keys that name the field ({{field}}), so the same schema
 * explains itself on any form and in the API.
 */
import { z } from 'zod';
import { parseResidentId, type ResidentIdProblem } from './resident-id.ts';

const PROBLEM_MESSAGE: Record<ResidentIdProblem, string> = {
  length: 'errors.application.idNumberLength',
  characters: 'errors.application.idNumberCharacters',
  region: 'errors.application.idNumberRegion',
  birthDate: 'errors.application.idNumberBirthDate',
  checkDigit: 'errors.application.idNumberCheckDigit',
};

export const PersonName = z
  .string({ error: 'errors.application.nameRequired' })
  .trim()
  .min(2, 'errors.application.nameRequired')
  .max(30, 'errors.application.nameTooLong');

export const MobilePhone = z
  .string({ error: 'errors.application.phoneRequired' })
  .trim()
  .transform((value) => value.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1\d{10}$/, 'errors.application.phoneInvalid'));

/** A resident ID number, normalised (18 characters, upper-case X), checked against `today`. */
export function residentIdField(today: string) {
  return z
    .string({ error: 'errors.application.idNumberRequired' })
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

