/**
 * The deceased (逝者) as a funeral service's application names them: kept small on purpose, the
 * fields every after-death service needs to identify the person — the name, the resident ID number
 * and the day of death (not in the future, not before the birth date the ID number gives). The
 * death certificate's number is each service's own question (docs/decisions/064): the cemetery plot
 * takes it or a cremation certificate as its proof; the eco-burial subsidy and the fee exemption
 * (written before this file) keep their own copies for now. Messages are translation keys of the
 * `funeral` namespace, shown next to their fields. The day is an argument: no clock.
 */
import { z } from 'zod';
import { PersonName, residentIdField } from '../../domain/identity/person-fields.ts';
import { parseResidentId } from '../../domain/identity/resident-id.ts';
import { textLine } from '../../domain/text.ts';
import { parseDay } from '../social-relief/application/schema.ts';

const E = 'funeral:errors.deceased';

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
    })
    .superRefine((deceased, context) => {
      const id = parseResidentId(deceased.idNumber, today);
      if (id.ok && deceased.diedOn < id.id.birthDate) context.addIssue({ code: 'custom', path: ['diedOn'], message: `${E}.diedBeforeBirth` });
    });
}

export type Deceased = z.infer<ReturnType<typeof deceasedSchema>>;
