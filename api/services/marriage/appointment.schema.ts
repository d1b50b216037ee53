/**
 * A marriage registration appointment (婚姻登记预约): the kind of business, the office, the slot, and
 * the parties with their resident ID numbers. Both parties come for a marriage or a divorce; one
 * may come alone for a reissue (补领). For a marriage, both must be of legal age on the appointment
 * day (Civil Code art. 1047: a man 22, a woman 20), and a marriage is registered between a man and
 * a woman (art. 1049). Whether the slot is free is the booking engine's question, not the schema's.
 * Messages are translation keys (errors.marriage.* and the shared person fields).
 */
import { z } from 'zod';
import { MobilePhone, PersonName, residentIdField } from '../../domain/identity/person-fields.ts';
import { ageOn, parseResidentId } from '../../domain/identity/resident-id.ts';
import { validFields } from '../../domain/valid-fields.ts';
import { MARRIAGE_KINDS, REGISTRY_OFFICES } from './offices.ts';

/** Civil Code art. 1047. */
export const MARRIAGE_AGE = { male: 22, female: 20 } as const;

/**
 * The schema for bookings made on `today` (ID numbers and ages are checked against it). Built once
 * per day and reused: building it costs several times more than a parse, and every booking attempt
 * in a rush for a popular date parses one.
 */
export function marriageAppointmentSchema(options: { today: string }): ReturnType<typeof buildSchema> {
  if (built?.today !== options.today) built = { today: options.today, schema: buildSchema(options) };
  return built.schema;
}

let built: { today: string; schema: ReturnType<typeof buildSchema> } | undefined;

function buildSchema(options: { today: string }) {
  const IdNumber = residentIdField(options.today);
  const Party = z.object({ name: PersonName, idNumber: IdNumber, phone: MobilePhone });
  return z
    .object({
      kind: z.enum(MARRIAGE_KINDS, { error: 'errors.marriage.kindRequired' }),
      office: z.string({ error: 'errors.marriage.officeRequired' }).refine((id) => REGISTRY_OFFICES.some((o) => o.id === id), 'errors.marriage.officeRequired'),
      date: z.iso.date({ error: 'errors.marriage.dateRequired' }),
      start: z.string({ error: 'errors.marriage.slotRequired' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.marriage.slotRequired'),
      partyA: Party,
      partyB: Party.optional(),
    })
    .superRefine(
      (appointment, context) => {
        if (appointment.kind !== 'reissue' && !appointment.partyB) {
          context.addIssue({ code: 'custom', path: ['partyB'], message: 'errors.marriage.bothParties' });
        }
      },
      { when: (payload) => validFields(payload.issues, [['kind'], ['partyB']]) },
    )
    .superRefine(
      (appointment, context) => {
        const b = appointment.partyB;
        if (!b) return;
        if (b.idNumber === appointment.partyA.idNumber) {
          context.addIssue({ code: 'custom', path: ['partyB', 'idNumber'], message: 'errors.marriage.samePerson' });
          return;
        }
        if (appointment.kind !== 'marriage') return;
        const a = parseResidentId(appointment.partyA.idNumber, options.today);
        const other = parseResidentId(b.idNumber, options.today);
        if (a.ok && other.ok && a.id.sex === other.id.sex) context.addIssue({ code: 'custom', path: ['partyB', 'idNumber'], message: 'errors.marriage.manAndWoman' });
      },
      { when: (payload) => validFields(payload.issues, [['kind'], ['partyA', 'idNumber'], ['partyB', 'idNumber']]) },
    )
    // The legal age, for each person as soon as their own ID number is valid (the form asks one person per page).
    .superRefine(...legalAge('partyA'))
    .superRefine(...legalAge('partyB'));

  function legalAge(key: 'partyA' | 'partyB') {
    return [
      (appointment: { kind: string; date: string; partyA: { idNumber: string }; partyB?: { idNumber: string } | undefined }, context: z.RefinementCtx) => {
        const party = appointment[key];
        if (appointment.kind !== 'marriage' || !party) return;
        const parsed = parseResidentId(party.idNumber, options.today);
        if (!parsed.ok) return;
        const minimum = MARRIAGE_AGE[parsed.id.sex];
        if (ageOn(parsed.id.birthDate, appointment.date) < minimum) {
          context.addIssue({ code: 'custom', path: [key, 'idNumber'], message: `errors.marriage.underAge.${parsed.id.sex}`, params: { minimum } });
        }
      },
      { when: (payload: { issues: readonly { path?: readonly PropertyKey[] | undefined }[] }) => validFields(payload.issues, [['kind'], ['date'], [key, 'idNumber']]) },
    ] as const;
  }
}

export type MarriageAppointment = z.infer<ReturnType<typeof marriageAppointmentSchema>>;
