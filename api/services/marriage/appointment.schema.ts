/**
 * A marriage registration appointment (婚姻登记预约): the kind of business, the office, the slot, and
 * the parties with their ID documents (a resident ID card, or a document of a Hong Kong, Macao or
 * Taiwan resident or a foreigner, accepted only at an office the province designates). Both parties come for a marriage or a divorce; one
 * may come alone for a reissue (补领). For a marriage, both must be of legal age on the appointment
 * day (Civil Code art. 1047: a man 22, a woman 20), and a marriage is registered between a man and
 * a woman (art. 1049). Whether the slot is free is the booking engine's question, not the schema's.
 * Messages are translation keys (errors.marriage.* and the shared person fields).
 */
import { z } from 'zod';
import { carriesBirthDetails, needsDesignatedOffice, type IdDocumentType } from '../../domain/identity/id-document.ts';
import { birthAndSex, documentHolder } from '../../domain/identity/person-fields.ts';
import { ageOn } from '../../domain/identity/resident-id.ts';
import { textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import { MARRIAGE_KINDS, type RegistryOffices } from './offices.ts';

/** Civil Code art. 1047. */
export const MARRIAGE_AGE = { male: 22, female: 20 } as const;

/**
 * The schema for bookings made on `today` (ID numbers and ages are checked against it) at one of
 * `offices` (a portal's: docs/decisions/035, read as each value is checked, so an office's current
 * record counts). Built once per day and set of offices and reused: building it costs several times
 * more than a parse, and every booking attempt in a rush for a popular date parses one.
 */
export function marriageAppointmentSchema(options: { today: string; offices: Pick<RegistryOffices, 'get'> }): ReturnType<typeof buildSchema> {
  const cached = built.get(options.offices);
  if (cached?.today === options.today) return cached.schema;
  const schema = buildSchema(options);
  built.set(options.offices, { today: options.today, schema });
  return schema;
}

// By the offices object: a portal's lives as long as the portal, and one portal's schema never checks against another's offices.
const built = new WeakMap<object, { today: string; schema: ReturnType<typeof buildSchema> }>();

function buildSchema(options: { today: string; offices: Pick<RegistryOffices, 'get'> }) {
  const Party = documentHolder(options.today);
  return z
    .object({
      kind: z.enum(MARRIAGE_KINDS, { error: 'marriage:errors.marriage.kindRequired' }),
      office: textLine({ error: 'marriage:errors.marriage.officeRequired' }).refine((id) => options.offices.get(id) !== undefined, 'marriage:errors.marriage.officeRequired'),
      date: z.iso.date({ error: 'marriage:errors.marriage.dateRequired' }),
      start: textLine({ error: 'marriage:errors.marriage.slotRequired' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'marriage:errors.marriage.slotRequired'),
      partyA: Party,
      partyB: Party.optional(),
    })
    .superRefine(
      (appointment, context) => {
        if (appointment.kind !== 'reissue' && !appointment.partyB) {
          context.addIssue({ code: 'custom', path: ['partyB'], message: 'marriage:errors.marriage.bothParties' });
        }
      },
      { when: (payload) => validFields(payload.issues, [['kind'], ['partyB']]) },
    )
    .superRefine(
      (appointment, context) => {
        const b = appointment.partyB;
        if (!b) return;
        if (b.idNumber === appointment.partyA.idNumber && b.idType === appointment.partyA.idType) {
          context.addIssue({ code: 'custom', path: ['partyB', 'idNumber'], message: 'marriage:errors.marriage.samePerson' });
          return;
        }
        if (appointment.kind !== 'marriage') return;
        const a = birthAndSex(appointment.partyA, options.today);
        const other = birthAndSex(b, options.today);
        if (a && other && a.sex === other.sex) context.addIssue({ code: 'custom', path: ['partyB', enteredBirthDetails(b) ? 'sex' : 'idNumber'], message: 'marriage:errors.marriage.manAndWoman' });
      },
      { when: (payload) => validFields(payload.issues, [['kind'], ...personFields('partyA'), ...personFields('partyB')]) },
    )
    // The legal age, for each person as soon as their own details are valid (the form asks one person per page).
    .superRefine(...legalAge('partyA'))
    .superRefine(...legalAge('partyB'))
    .superRefine(...designatedOffice('partyA'))
    .superRefine(...designatedOffice('partyB'));

  type Person = { idType?: string | undefined; idNumber: string; birthDate?: string | undefined; sex?: string | undefined };
  type Answers = { kind: string; office: string; date: string; partyA: Person; partyB?: Person | undefined };
  type Issues = { issues: readonly { path?: readonly PropertyKey[] | undefined }[] };

  function legalAge(key: 'partyA' | 'partyB') {
    return [
      (appointment: Answers, context: z.RefinementCtx) => {
        const party = appointment[key];
        if (appointment.kind !== 'marriage' || !party) return;
        const person = birthAndSex(party, options.today);
        if (!person) return;
        const minimum = MARRIAGE_AGE[person.sex];
        if (ageOn(person.birthDate, appointment.date) < minimum) {
          // On the field the age came from: the number, or the birth date the person gave.
          context.addIssue({ code: 'custom', path: [key, enteredBirthDetails(party) ? 'birthDate' : 'idNumber'], message: `marriage:errors.marriage.underAge.${person.sex}`, params: { minimum } });
        }
      },
      { when: (payload: Issues) => validFields(payload.issues, [['kind'], ['date'], ...personFields(key)]) },
    ] as const;
  }

  /** Documents other than a resident ID card are registered only at the offices the province designates. */
  function designatedOffice(key: 'partyA' | 'partyB') {
    return [
      (appointment: Answers, context: z.RefinementCtx) => {
        const type = appointment[key]?.idType as IdDocumentType | undefined;
        if (!type || !needsDesignatedOffice(type)) return;
        if (options.offices.get(appointment.office ?? '')?.handlesForeign) return;
        context.addIssue({ code: 'custom', path: [key, 'idType'], message: 'marriage:errors.marriage.designatedOffice' });
      },
      { when: (payload: Issues) => validFields(payload.issues, [['office'], [key, 'idType']]) },
    ] as const;
  }

  /** Whether the person gave their birth date and sex (their document's number does not carry them). */
  function enteredBirthDetails(person: Person): boolean {
    return !carriesBirthDetails((person.idType ?? 'resident-id') as IdDocumentType, person.idNumber);
  }
}

const personFields = (key: 'partyA' | 'partyB') => [[key, 'idType'], [key, 'idNumber'], [key, 'birthDate'], [key, 'sex']] as const;

export type MarriageAppointment = z.infer<ReturnType<typeof marriageAppointmentSchema>>;
