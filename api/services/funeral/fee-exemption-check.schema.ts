/**
 * What the fee exemption check is asked (POST /funeral/exemption-check, docs/decisions/065): one
 * schema for the booking journey's pages, the API and the tests. The funeral home (its district's
 * scheme applies), who died (the resident ID number — none for an unidentified body —, the day,
 * the 居民死亡医学证明's number, and where the household was registered if the family says), the
 * items with their quantities (each must be on the home's price list in force today: their price
 * is what is waived from), what the family claims (低保 or 特困, 优抚), and the family's phone with
 * the proof that it was confirmed. Every message is a translation key, shown next to its field.
 * The day and the price lists are arguments: the schema reads no clock and no table.
 */
import { z } from 'zod';
import { MobilePhone, residentIdField } from '../../domain/identity/person-fields.ts';
import { parseResidentId } from '../../domain/identity/resident-id.ts';
import { textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { DeathCertificateNumber } from '../eco-burial-subsidy/application.schema.ts';
import { pastDay } from '../../domain/calendar/typed-day.ts';
import { FUNERAL_HOMES } from './homes.ts';
import { priceOf, MAX_BASIC_ENTRIES, MAX_OPTIONAL_ENTRIES, type PriceListValue } from './price-list.ts';

const E = 'funeral:exemption.errors.check';
export const MAX_QUANTITY = 1000;

export function exemptionCheckSchema(options: { today: string; priceLists: readonly RuleRow<PriceListValue>[] }) {
  const { today, priceLists } = options;
  return z
    .object({
      home: textLine({ error: `${E}.home` }).refine((id) => FUNERAL_HOMES.some((home) => home.id === id), `${E}.home`),
      deceased: z.object({
        /** An unidentified body (无名遗体): no ID number; the police's notice goes with it to the home. */
        unidentified: z.boolean().default(false),
        idNumber: residentIdField(today).optional(),
        diedOn: pastDay(today, { required: `${E}.diedOn`, future: `${E}.diedOnFuture` }),
        deathCertificateNumber: DeathCertificateNumber,
        /** The family's answer: the household was registered (户籍) in the home's district, or elsewhere; absent: not said. */
        registeredHere: z.boolean().optional(),
      }),
      items: z
        .array(z.object({ item: textLine().trim().min(1).max(40), quantity: z.number({ error: `${E}.quantity` }).int(`${E}.quantity`).min(1, `${E}.quantity`).max(MAX_QUANTITY, `${E}.quantity`) }), { error: `${E}.itemsRequired` })
        .min(1, `${E}.itemsRequired`)
        .max(MAX_BASIC_ENTRIES + MAX_OPTIONAL_ENTRIES),
      claims: z.object({ relief: z.boolean().default(false), youfu: z.boolean().default(false) }).default({ relief: false, youfu: false }),
      contact: z.object({ phone: MobilePhone, phoneProof: textLine().trim().min(1, `${E}.phoneProof`).max(100, `${E}.phoneProof`) }),
    })
    .superRefine(
      (check, context) => {
        // An ID number for every identified person; none for an unidentified body.
        if (!check.deceased.unidentified && check.deceased.idNumber === undefined) context.addIssue({ code: 'custom', path: ['deceased', 'idNumber'], message: `${E}.idNumber` });
      },
      { when: (payload) => validFields(payload.issues, [['deceased', 'idNumber'], ['deceased', 'unidentified']]) },
    )
    .superRefine(
      (check, context) => {
        const id = check.deceased.idNumber === undefined ? undefined : parseResidentId(check.deceased.idNumber, today);
        if (id?.ok && check.deceased.diedOn < id.id.birthDate) context.addIssue({ code: 'custom', path: ['deceased', 'diedOn'], message: `${E}.diedBeforeBirth` });
      },
      { when: (payload) => validFields(payload.issues, [['deceased', 'idNumber'], ['deceased', 'diedOn']]) },
    )
    .superRefine(
      (check, context) => {
        // Only what the home's price list in force has can be booked, and so priced and waived.
        check.items.forEach((entry, index) => {
          if (!priceOf(priceLists, check.home, entry.item, today)) context.addIssue({ code: 'custom', path: ['items', index, 'item'], message: `${E}.itemNotListed`, params: { entry: index + 1, item: entry.item } });
        });
      },
      { when: (payload) => validFields(payload.issues, [['home'], ['items']]) },
    );
}

export type ExemptionCheck = z.infer<ReturnType<typeof exemptionCheckSchema>>;
