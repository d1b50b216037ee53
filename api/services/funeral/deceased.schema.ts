/**
 * The deceased (逝者), one concept for every after-death service (docs/decisions/063, 064): what
 * identifies the person — the name, the resident ID number and the day of death (not in the future,
 * not before the birth date the ID number gives) — as `deceasedSchema`; a funeral booking adds the
 * place of death and the 居民死亡医学证明 (`bookedDeceasedSchema`), a cemetery plot takes the
 * certificate's number or a cremation certificate as its own proof. The eco-burial subsidy and the
 * fee exemption (written before this file) keep their own copies for now. Messages are translation
 * keys of the `funeral` namespace, shown next to their fields. The day is an argument: no clock.
 *
 * - ASSUMPTION: a family arranging things online has the deceased's resident ID card; other
 *   documents (a passport, a permit) and unidentified bodies are arranged by phone with the home.
 * - The 居民死亡医学证明 (one national form since 2026-07-01), on paper or electronic, and its
 *   number. ASSUMPTION on the number's shape, to be checked with the health commission (卫健委)
 *   before a real deployment, since no national format is published:
 *     paper: the serial printed on the form, one capital letter and 9 digits (e.g. A110123456);
 *     electronic: the electronic certificate's number, 18 to 24 digits (a region code, a year, a serial).
 *   Typed with spaces, hyphens or full-width characters as people copy it; kept normalised.
 */
import { z } from 'zod';
import { PersonName, residentIdField } from '../../domain/identity/person-fields.ts';
import { parseResidentId } from '../../domain/identity/resident-id.ts';
import { textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import { pastDay } from '../../domain/calendar/typed-day.ts';

/** The messages of what identifies the deceased, shared by every service. */
const E = 'funeral:errors.deceased';
/** The messages of what only a booking asks. */
const B = 'funeral:funeralBooking.errors.deceased';

export const CERTIFICATE_FORMS = ['paper', 'electronic'] as const;
export type CertificateForm = (typeof CERTIFICATE_FORMS)[number];

/** The assumed shape of each form's number (see above). */
export const CERTIFICATE_NUMBER_SHAPES: Readonly<Record<CertificateForm, RegExp>> = {
  paper: /^[A-Z]\d{9}$/,
  electronic: /^\d{18,24}$/,
};

const normaliseNumber = (typed: string) => typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();

/** The fields that identify the deceased. */
function identity(today: string) {
  return {
    name: PersonName,
    idNumber: residentIdField(today),
    diedOn: pastDay(today, { required: `${E}.diedOn`, future: `${E}.diedOnFuture` }),
  };
}

/** Died before the birth date the ID number gives: said next to the day, once both are valid. */
function diedAfterBirth(today: string) {
  return [
    (deceased: { idNumber: string; diedOn: string }, context: z.RefinementCtx) => {
      const id = parseResidentId(deceased.idNumber, today);
      if (id.ok && deceased.diedOn < id.id.birthDate) context.addIssue({ code: 'custom', path: ['diedOn'], message: `${E}.diedBeforeBirth` });
    },
    { when: (payload: z.core.ParsePayload) => validFields(payload.issues, [['idNumber'], ['diedOn']]) },
  ] as const;
}

export function deceasedSchema(today: string) {
  return z.object(identity(today)).superRefine(...diedAfterBirth(today));
}

export type Deceased = z.output<ReturnType<typeof deceasedSchema>>;

/** The deceased as a funeral booking records them: who, where they died, and the death certificate. */
export function bookedDeceasedSchema(today: string) {
  return z
    .object({
      ...identity(today),
      placeOfDeath: textLine({ error: `${B}.placeOfDeath` }).trim().min(2, `${B}.placeOfDeath`).max(100, `${B}.placeOfDeathTooLong`),
      certificate: z.object({
        form: z.enum(CERTIFICATE_FORMS, { error: `${B}.certificateForm` }),
        number: textLine({ error: `${B}.certificateNumberRequired` }).transform(normaliseNumber),
      }),
    })
    .superRefine(
      (deceased, context) => {
        if (!CERTIFICATE_NUMBER_SHAPES[deceased.certificate.form].test(deceased.certificate.number)) {
          context.addIssue({ code: 'custom', path: ['certificate', 'number'], message: `${B}.certificateNumber.${deceased.certificate.form}` });
        }
      },
      { when: (payload) => validFields(payload.issues, [['certificate']]) },
    )
    .superRefine(...diedAfterBirth(today));
}

export type BookedDeceased = z.output<ReturnType<typeof bookedDeceasedSchema>>;
