/**
 * The person who died, as a funeral booking records them (docs/decisions/063): one schema for the
 * booking's pages, its API and the tests. The day is an argument: no clock.
 *
 * - name, and the resident ID number (居民身份证). ASSUMPTION: a family booking online has the
 *   deceased's resident ID card; other documents (a passport, a permit) and unidentified bodies are
 *   arranged by phone with the home (the police or a hospital arranges an unidentified body), so the
 *   portal does not take them here.
 * - the day of death (not in the future, not before the birth date the ID number carries) and the
 *   place of death (a hospital, at home…, in the family's words).
 * - the 居民死亡医学证明 (the national medical certificate of death, one form since 2026-07-01), on
 *   paper or electronic, and its number. ASSUMPTION on the number's shape, to be checked with the
 *   health commission (卫健委) before a real deployment, since no national format is published:
 *     paper: the serial printed on the form, one capital letter and 9 digits (e.g. A110123456);
 *     electronic: the electronic certificate's number, 18 to 24 digits (a region code, a year, a serial).
 *   Typed with spaces, hyphens or full-width characters as people copy it; kept normalised.
 */
import { z } from 'zod';
import { PersonName, residentIdField } from '../../domain/identity/person-fields.ts';
import { parseResidentId } from '../../domain/identity/resident-id.ts';
import { textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import { parseDay } from '../social-relief/application/schema.ts';

const E = 'funeral:funeralBooking.errors.deceased';

export const CERTIFICATE_FORMS = ['paper', 'electronic'] as const;
export type CertificateForm = (typeof CERTIFICATE_FORMS)[number];

/** The assumed shape of each form's number (see above). */
export const CERTIFICATE_NUMBER_SHAPES: Readonly<Record<CertificateForm, RegExp>> = {
  paper: /^[A-Z]\d{9}$/,
  electronic: /^\d{18,24}$/,
};

const normaliseNumber = (typed: string) => typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();

export function deceasedSchema(today: string) {
  return z
    .object({
      name: PersonName,
      idNumber: residentIdField(today),
      diedOn: textLine({ error: `${E}.diedOn` }).transform((typed, context) => {
        const day = parseDay(typed);
        if (!day) context.addIssue({ code: 'custom', message: `${E}.diedOn` });
        else if (day > today) context.addIssue({ code: 'custom', message: `${E}.diedOnFuture` });
        return day ?? z.NEVER;
      }),
      placeOfDeath: textLine({ error: `${E}.placeOfDeath` }).trim().min(2, `${E}.placeOfDeath`).max(100, `${E}.placeOfDeathTooLong`),
      certificate: z.object({
        form: z.enum(CERTIFICATE_FORMS, { error: `${E}.certificateForm` }),
        number: textLine({ error: `${E}.certificateNumberRequired` }).transform(normaliseNumber),
      }),
    })
    .superRefine(
      (deceased, context) => {
        if (!CERTIFICATE_NUMBER_SHAPES[deceased.certificate.form].test(deceased.certificate.number)) {
          context.addIssue({ code: 'custom', path: ['certificate', 'number'], message: `${E}.certificateNumber.${deceased.certificate.form}` });
        }
      },
      { when: (payload) => validFields(payload.issues, [['certificate']]) },
    )
    .superRefine(
      (deceased, context) => {
        const id = parseResidentId(deceased.idNumber, today);
        if (id.ok && deceased.diedOn < id.id.birthDate) context.addIssue({ code: 'custom', path: ['diedOn'], message: `${E}.diedBeforeBirth` });
      },
      { when: (payload) => validFields(payload.issues, [['idNumber'], ['diedOn']]) },
    );
}

export type Deceased = z.output<ReturnType<typeof deceasedSchema>>;
