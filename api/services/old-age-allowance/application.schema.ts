/**
 * The 高龄津贴 application: one schema for the form pages, the API and the tests. Every message is a
 * translation key (errors.application.*), so a bad answer is explained in the reader's language
 * next to its field. The schema depends on the day (the age rule), the districts and their standards
 * in force (the youngest band's age is the threshold: rules.ts ageThresholdOn), which are passed in:
 * the domain reads no clock and no table.
 */
import { z } from 'zod';
import { MobilePhone, PersonName as Name, residentIdField } from '../../domain/identity/person-fields.ts';
import { ageOn, parseResidentId } from '../../domain/identity/resident-id.ts';
import { nameLine, textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import type { AllowanceDistrict, AllowanceStandard } from './districts.ts';
import { ageThresholdOn } from './rules.ts';

export const RELATIONSHIPS = ['spouse', 'child', 'child-in-law', 'grandchild', 'sibling', 'other-relative', 'carer'] as const;

/**
 * `standardsOf`: a district's standards as the rule table holds them now (the source file's and any
 * staff set since); without it, the districts' own (the source rows).
 */
export function oldAgeAllowanceApplicationSchema(options: { today: string; districts: readonly AllowanceDistrict[]; standardsOf?: (district: string) => readonly AllowanceStandard[] }) {
  const districtIds = options.districts.map((d) => d.id);
  const standardsOf = options.standardsOf ?? ((id: string) => options.districts.find((d) => d.id === id)?.standards ?? []);
  const thresholdOf = (id: string) => ageThresholdOn(standardsOf(id), options.today);
  const IdNumber = residentIdField(options.today);
  return z
    .object({
      district: textLine({ error: 'old-age-allowance:errors.application.districtRequired' }).refine((id) => districtIds.includes(id), 'old-age-allowance:errors.application.districtRequired'),
      elder: z.object({ name: Name, idNumber: IdNumber, phone: MobilePhone }),
      agent: z
        .object({
          name: Name,
          idNumber: IdNumber,
          phone: MobilePhone,
          relationship: z.enum(RELATIONSHIPS, { error: 'old-age-allowance:errors.application.relationshipRequired' }),
        })
        .optional(),
      bank: z.object({
        bankName: nameLine({ error: 'old-age-allowance:errors.application.bankNameRequired' }).trim().min(2, 'old-age-allowance:errors.application.bankNameRequired').max(60, 'old-age-allowance:errors.application.bankNameRequired'),
        accountHolder: Name,
        accountNumber: textLine({ error: 'old-age-allowance:errors.application.accountNumberRequired' })
          .transform((value) => value.normalize('NFKC').replace(/\s/g, ''))
          .pipe(z.string().regex(/^\d{12,19}$/, 'old-age-allowance:errors.application.accountNumberInvalid')),
      }),
      declaration: z.literal(true, { error: 'old-age-allowance:errors.application.declarationRequired' }),
    })
    // Each rule runs as soon as the fields it reads are valid, whatever the state of the others: the
    // form pages validate one page at a time against this one schema.
    .superRefine(
      (application, context) => {
        const birthDate = parseResidentId(application.elder.idNumber, options.today);
        const threshold = thresholdOf(application.district);
        if (birthDate.ok && ageOn(birthDate.id.birthDate, options.today) < threshold) {
          context.addIssue({ code: 'custom', path: ['elder', 'idNumber'], message: 'old-age-allowance:errors.application.tooYoung', params: { threshold } });
        }
      },
      { when: (payload) => validFields(payload.issues, [['district'], ['elder', 'idNumber']]) },
    )
    .superRefine(
      (application, context) => {
        if (application.agent && application.agent.idNumber === application.elder.idNumber) {
          context.addIssue({ code: 'custom', path: ['agent', 'idNumber'], message: 'old-age-allowance:errors.application.agentIsElder' });
        }
      },
      { when: (payload) => validFields(payload.issues, [['agent', 'idNumber'], ['elder', 'idNumber']]) },
    );
}

export type OldAgeAllowanceApplication = z.infer<ReturnType<typeof oldAgeAllowanceApplicationSchema>>;
