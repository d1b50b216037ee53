/**
 * The eco-burial subsidy application (生态安葬奖补): one schema for the form pages, the API and the
 * tests. Who died (name, resident ID number, the day, the number of the national 居民死亡医学证明),
 * the burial (the district, the kind, the day — not before the death, not after today — and where),
 * the person entitled to the ashes who applies (骨灰处置权人), and the bank account the subsidy is
 * paid to, in the applicant's own name. Every message is a translation key, shown next to its field.
 *
 * A kind the district's notice in force on the burial day does not fund is refused at the burial
 * step, kindly (rules.ts). Depends on the day and the amounts' rows, both passed in: the schema
 * reads no clock and no table. One subsidy per deceased is the submission's rule (service.ts
 * `oncePer`), since it depends on the cases already made.
 */
import { z } from 'zod';
import { MobilePhone, PersonName, residentIdField } from '../../domain/identity/person-fields.ts';
import { nameLine, textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { pastDay } from '../../domain/calendar/typed-day.ts';
import type { SubsidyAmountsValue } from './amounts-table.ts';
import { ECO_BURIAL_DISTRICTS } from './districts.ts';
import { BURIAL_KINDS, RELATIONSHIPS } from './kinds.ts';
import { subsidyFor } from './rules.ts';
import { parseResidentId } from '../../domain/identity/resident-id.ts';

const E = 'eco-burial-subsidy:errors.ecoBurial';

/**
 * The number printed on the 居民死亡医学证明 (one national certificate since 2026-07-01, also
 * electronic): letters and digits, typed with spaces or 全角 characters as people copy it.
 */
export const DeathCertificateNumber = textLine({ error: `${E}.certificateNumber` })
  .transform((value) => value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{6,30}$/, `${E}.certificateNumber`));

export function ecoBurialApplicationSchema(options: { today: string; rows: readonly RuleRow<SubsidyAmountsValue>[] }) {
  const { today, rows } = options;
  const IdNumber = residentIdField(today);
  return z
    .object({
      deceased: z.object({
        name: PersonName,
        idNumber: IdNumber,
        diedOn: pastDay(today, { required: `${E}.diedOn`, future: `${E}.diedOnFuture` }),
        deathCertificateNumber: DeathCertificateNumber,
      }),
      burial: z.object({
        district: textLine({ error: `${E}.district` }).refine((id) => ECO_BURIAL_DISTRICTS.some((district) => district.id === id), `${E}.district`),
        kind: z.enum(BURIAL_KINDS, { error: `${E}.kind` }),
        buriedOn: pastDay(today, { required: `${E}.buriedOn`, future: `${E}.buriedOnFuture` }),
        place: textLine({ error: `${E}.place` }).trim().min(2, `${E}.place`).max(100, `${E}.placeTooLong`),
      }),
      claimant: z.object({
        name: PersonName,
        idNumber: IdNumber,
        phone: MobilePhone,
        relationship: z.enum(RELATIONSHIPS, { error: `${E}.relationship` }),
      }),
      account: z.object({
        bankName: nameLine({ error: `${E}.bankName` }).trim().min(2, `${E}.bankName`).max(60, `${E}.bankName`),
        holder: PersonName,
        number: textLine({ error: `${E}.accountNumber` })
          .transform((value) => value.normalize('NFKC').replace(/\s/g, ''))
          .pipe(z.string().regex(/^\d{12,19}$/, `${E}.accountNumber`)),
      }),
      pledge: z.literal(true, { error: `${E}.pledge` }),
    })
    // Each rule runs as soon as the fields it reads are valid: the pages check one step at a time against this one schema.
    .superRefine(
      (application, context) => {
        const id = parseResidentId(application.deceased.idNumber, today);
        if (id.ok && application.deceased.diedOn < id.id.birthDate) context.addIssue({ code: 'custom', path: ['deceased', 'diedOn'], message: `${E}.diedBeforeBirth` });
      },
      { when: (payload) => validFields(payload.issues, [['deceased', 'idNumber'], ['deceased', 'diedOn']]) },
    )
    .superRefine(
      (application, context) => {
        if (application.burial.buriedOn < application.deceased.diedOn) context.addIssue({ code: 'custom', path: ['burial', 'buriedOn'], message: `${E}.buriedBeforeDeath` });
      },
      { when: (payload) => validFields(payload.issues, [['burial', 'buriedOn'], ['deceased', 'diedOn']]) },
    )
    .superRefine(
      (application, context) => {
        const { district, kind, buriedOn } = application.burial;
        if (!subsidyFor(rows, district, kind, buriedOn).funded) context.addIssue({ code: 'custom', path: ['burial', 'kind'], message: `${E}.kindNotFunded` });
      },
      { when: (payload) => validFields(payload.issues, [['burial', 'district'], ['burial', 'kind'], ['burial', 'buriedOn']]) },
    )
    .superRefine(
      (application, context) => {
        if (application.claimant.idNumber === application.deceased.idNumber) context.addIssue({ code: 'custom', path: ['claimant', 'idNumber'], message: `${E}.claimantIsDeceased` });
      },
      { when: (payload) => validFields(payload.issues, [['claimant', 'idNumber'], ['deceased', 'idNumber']]) },
    )
    .superRefine(
      (application, context) => {
        // The subsidy is paid to the applicant's own account (the guide: 户名必须是申请人本人).
        if (application.account.holder !== application.claimant.name) context.addIssue({ code: 'custom', path: ['account', 'holder'], message: `${E}.holderNotClaimant` });
      },
      { when: (payload) => validFields(payload.issues, [['account', 'holder'], ['claimant', 'name']]) },
    );
}

export type EcoBurialApplication = z.infer<ReturnType<typeof ecoBurialApplicationSchema>>;
