/**
 * What a part of 身后一件事 carries (docs/decisions/066): only what its item needs (items.ts), built
 * by parts.ts from the bundle's answers. One schema for every department's part (the item says
 * which), and one for the portal's own step that stops the deceased's allowances. Strict: a part
 * never takes a field its item does not need, so a mistake in the minimisation fails the whole
 * bundle (and its unit test) rather than send more than a department needs.
 */
import { z } from 'zod';
import { MobilePhone, PersonName, SEXES } from '../../domain/identity/person-fields.ts';
import { textLine } from '../../domain/text.ts';
import { DeathCertificateNumber } from '../eco-burial-subsidy/application.schema.ts';
import { HeirAccount, SocialSecurityCardNumber } from './application.schema.ts';
import { HANDLER_RELATIONSHIPS, DEPARTMENT_ITEM_IDS } from './items.ts';

const Day = textLine().regex(/^\d{4}-\d{2}-\d{2}$/);
const IdNumber = textLine().regex(/^\d{17}[\dX]$/);

/** The deceased as every part identifies them: the ID number and the death certificate together. */
const Deceased = z
  .object({
    name: PersonName,
    idNumber: IdNumber,
    diedOn: Day,
    deathCertificateNumber: DeathCertificateNumber,
    sex: z.enum(SEXES).optional(),
    socialSecurityCardNumber: SocialSecurityCardNumber.optional(),
  })
  .strict();

export const departmentPartSchema = z
  .object({
    item: z.enum(DEPARTMENT_ITEM_IDS),
    deceased: Deceased,
    handler: z.object({ name: PersonName, phone: MobilePhone, relationship: z.enum(HANDLER_RELATIONSHIPS), idNumber: IdNumber.optional() }).strict(),
    account: HeirAccount.strict().optional(),
  })
  .strict();
export type DepartmentPart = z.infer<typeof departmentPartSchema>;

export const allowanceStopSchema = z.object({ deceased: Deceased.omit({ sex: true, socialSecurityCardNumber: true }).strict() }).strict();
export type AllowanceStopPart = z.infer<typeof allowanceStopSchema>;
