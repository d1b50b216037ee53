/**
 * The public cemetery plot application (公益性公墓): one schema for the form pages, the API and the
 * tests (docs/decisions/064). The plot asked for (the cemetery and the kind, which it must have on
 * the day), who died (the funeral folder's one deceased concept), where they belonged (the
 * cemetery's residence rule decides who may apply), the proof the plot is sold against — the number
 * of the 居民死亡医学证明, or the cremation certificate as a file (its minimum is the service's
 * `uploadsNeededFor`) — and the family member who applies. Every message is a translation key,
 * shown next to its field, kindly. Whether a plot of the kind is still free is the submission's
 * rule (service.ts `holds`): it depends on the cases already made. The day and the rows are passed
 * in: the schema reads no clock and no table.
 */
import { z } from 'zod';
import { MobilePhone, PersonName, residentIdField } from '../../domain/identity/person-fields.ts';
import { textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { DeathCertificateNumber } from '../eco-burial-subsidy/application.schema.ts';
import { deceasedSchema } from '../funeral/deceased.schema.ts';
import type { CemeteryDetails } from './cemeteries-table.ts';
import { CEMETERIES } from './cemeteries.ts';
import { PLOT_TYPES, PROOF_KINDS, RELATIONSHIPS } from './kinds.ts';
import { plotFor, residenceAllows } from './rules.ts';
import { rowOn } from '../../engine/rules/rule-table.ts';

const E = 'public-cemetery:errors.cemetery';

export function cemeteryApplicationSchema(options: { today: string; rows: readonly RuleRow<CemeteryDetails>[] }) {
  const { today, rows } = options;
  return z
    .object({
      plot: z.object({
        cemetery: textLine({ error: `${E}.cemetery` }).refine((id) => CEMETERIES.some((each) => each.id === id), `${E}.cemetery`),
        type: z.enum(PLOT_TYPES, { error: `${E}.type` }),
      }),
      deceased: deceasedSchema(today),
      residence: z.object({
        registeredHere: z.boolean({ error: `${E}.registeredHere` }),
        livedHere: z.boolean({ error: `${E}.livedHere` }).optional(),
      }),
      proof: z.object({
        kind: z.enum(PROOF_KINDS, { error: `${E}.proofKind` }),
        deathCertificateNumber: DeathCertificateNumber.optional(),
      }),
      family: z.object({
        name: PersonName,
        idNumber: residentIdField(today),
        phone: MobilePhone,
        relationship: z.enum(RELATIONSHIPS, { error: `${E}.relationship` }),
      }),
      pledge: z.literal(true, { error: `${E}.pledge` }),
    })
    // Each rule runs as soon as the fields it reads are valid: the pages check one step at a time against this one schema.
    .superRefine(
      (application, context) => {
        if (!plotFor(rows, application.plot.cemetery, application.plot.type, today).offered) context.addIssue({ code: 'custom', path: ['plot', 'type'], message: `${E}.typeNotOffered` });
      },
      { when: (payload) => validFields(payload.issues, [['plot', 'cemetery'], ['plot', 'type']]) },
    )
    .superRefine(
      (application, context) => {
        const { registeredHere, livedHere } = application.residence;
        if (registeredHere) return;
        const rule = rowOn(rows, application.plot.cemetery, today)?.value.residence ?? 'registered';
        if (rule === 'registered') context.addIssue({ code: 'custom', path: ['residence', 'registeredHere'], message: `${E}.registeredOnly` });
        else if (livedHere === undefined) context.addIssue({ code: 'custom', path: ['residence', 'livedHere'], message: `${E}.livedHere` });
        else if (!residenceAllows(rule, application.residence).allowed) context.addIssue({ code: 'custom', path: ['residence', 'livedHere'], message: `${E}.notResident` });
      },
      { when: (payload) => validFields(payload.issues, [['plot', 'cemetery'], ['residence', 'registeredHere'], ['residence', 'livedHere']]) },
    )
    .superRefine(
      (application, context) => {
        // A plot is sold only against a death or cremation certificate (殡葬管理条例, revised 2026): the number, or the file (uploadsNeededFor).
        if (application.proof.kind === 'death-certificate' && application.proof.deathCertificateNumber === undefined) context.addIssue({ code: 'custom', path: ['proof', 'deathCertificateNumber'], message: `${E}.certificateNumber` });
      },
      { when: (payload) => validFields(payload.issues, [['proof', 'kind'], ['proof', 'deathCertificateNumber']]) },
    )
    .superRefine(
      (application, context) => {
        if (application.family.idNumber === application.deceased.idNumber) context.addIssue({ code: 'custom', path: ['family', 'idNumber'], message: `${E}.applicantIsDeceased` });
      },
      { when: (payload) => validFields(payload.issues, [['family', 'idNumber'], ['deceased', 'idNumber']]) },
    );
}

export type CemeteryApplication = z.infer<ReturnType<typeof cemeteryApplicationSchema>>;
