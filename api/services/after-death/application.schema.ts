/**
 * 身后一件事's one form (docs/decisions/066): one schema for the pages, the API and the tests. Three
 * blocks — the agent who applies (经办人), the deceased, the heir's bank account (only when an item
 * ticked pays something out) — and the items ticked. Every message is a translation key shown next
 * to its field. The deceased is identified by the ID number and the death certificate's number
 * together (what each part carries); the day of death is not in the future nor before the birth
 * date the ID number carries, and the sex asked must be the one it carries.
 */
import { z } from 'zod';
import { MobilePhone, PersonName, residentIdField, SEXES } from '../../domain/identity/person-fields.ts';
import { parseResidentId } from '../../domain/identity/resident-id.ts';
import { nameLine, textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import { DeathCertificateNumber } from '../eco-burial-subsidy/application.schema.ts';
import { pastDay } from '../../domain/calendar/typed-day.ts';
import { HANDLER_RELATIONSHIPS, ITEM_IDS, itemsNeed } from './items.ts';

const E = 'after-death:errors.afterDeath';

/** The number on the social security card (社会保障卡), as people copy it: letters and digits. */
export const SocialSecurityCardNumber = textLine({ error: `${E}.socialSecurityCard` })
  .transform((value) => value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{6,20}$/, `${E}.socialSecurityCard`));

/** The heir's account: the bank, the holder (the heir), the number. */
export const HeirAccount = z.object({
  bankName: nameLine({ error: `${E}.bankName` }).trim().min(2, `${E}.bankName`).max(60, `${E}.bankName`),
  holder: PersonName,
  number: textLine({ error: `${E}.accountNumber` })
    .transform((value) => value.normalize('NFKC').replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, `${E}.accountNumber`)),
});

export function afterDeathApplicationSchema(today: string) {
  const IdNumber = residentIdField(today);
  return z
    .object({
      handler: z.object({
        name: PersonName,
        sex: z.enum(SEXES, { error: `${E}.sex` }),
        idNumber: IdNumber,
        phone: MobilePhone,
        relationship: z.enum(HANDLER_RELATIONSHIPS, { error: `${E}.relationship` }),
        address: textLine({ error: `${E}.address` }).trim().min(5, `${E}.address`).max(120, `${E}.addressTooLong`),
      }),
      deceased: z.object({
        name: PersonName,
        sex: z.enum(SEXES, { error: `${E}.sex` }),
        idNumber: IdNumber,
        diedOn: pastDay(today, { required: `${E}.diedOn`, future: `${E}.diedOnFuture` }),
        deathCertificateNumber: DeathCertificateNumber,
        socialSecurityCardNumber: SocialSecurityCardNumber.optional(),
      }),
      account: HeirAccount.optional(),
      items: z.array(z.enum(ITEM_IDS, { error: `${E}.items` })).min(1, `${E}.items`).max(ITEM_IDS.length),
    })
    // Each rule runs as soon as the fields it reads are valid: the pages check one step at a time against this one schema.
    .superRefine(
      (application, context) => {
        const id = parseResidentId(application.deceased.idNumber, today);
        if (!id.ok) return;
        if (application.deceased.diedOn < id.id.birthDate) context.addIssue({ code: 'custom', path: ['deceased', 'diedOn'], message: `${E}.diedBeforeBirth` });
        if (application.deceased.sex !== id.id.sex) context.addIssue({ code: 'custom', path: ['deceased', 'sex'], message: `${E}.sexNotOnId` });
      },
      { when: (payload) => validFields(payload.issues, [['deceased', 'idNumber'], ['deceased', 'diedOn'], ['deceased', 'sex']]) },
    )
    .superRefine(
      (application, context) => {
        if (application.handler.idNumber === application.deceased.idNumber) context.addIssue({ code: 'custom', path: ['deceased', 'idNumber'], message: `${E}.deceasedIsAgent` });
      },
      { when: (payload) => validFields(payload.issues, [['handler', 'idNumber'], ['deceased', 'idNumber']]) },
    )
    .superRefine(
      (application, context) => {
        // Asked only when an item ticked needs it: a pension account, survivors' benefits or medical insurance is found by the card.
        if (itemsNeed(application.items, 'socialSecurityCard') && !application.deceased.socialSecurityCardNumber)
          context.addIssue({ code: 'custom', path: ['deceased', 'socialSecurityCardNumber'], message: `${E}.socialSecurityCard` });
        if (itemsNeed(application.items, 'heirAccount') && !application.account) context.addIssue({ code: 'custom', path: ['account', 'number'], message: `${E}.accountNeeded` });
      },
      { when: (payload) => validFields(payload.issues, [['items'], ['deceased', 'socialSecurityCardNumber'], ['account']]) },
    );
}

export type AfterDeathApplication = z.infer<ReturnType<typeof afterDeathApplicationSchema>>;
