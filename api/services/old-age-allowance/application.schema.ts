/**
 * The 高龄津贴 application: one schema for the form pages, the API and the tests. Every message is a
 * translation key (errors.application.*), so a bad answer is explained in the reader's language
 * next to its field. The schema depends on the day (the age rule) and the districts (their age
 * thresholds), which are passed in: the domain reads no clock.
 */
import { z } from 'zod';
import { ageOn, parseResidentId, type ResidentIdProblem } from '../../domain/identity/resident-id.ts';
import { DEFAULT_AGE_THRESHOLD, type AllowanceDistrict } from './districts.ts';

export const RELATIONSHIPS = ['spouse', 'child', 'child-in-law', 'grandchild', 'sibling', 'other-relative', 'carer'] as const;

const PROBLEM_MESSAGE: Record<ResidentIdProblem, string> = {
  length: 'errors.application.idNumberLength',
  characters: 'errors.application.idNumberCharacters',
  region: 'errors.application.idNumberRegion',
  birthDate: 'errors.application.idNumberBirthDate',
  checkDigit: 'errors.application.idNumberCheckDigit',
};

const Name = z
  .string({ error: 'errors.application.nameRequired' })
  .trim()
  .min(2, 'errors.application.nameRequired')
  .max(30, 'errors.application.nameTooLong');

const MobilePhone = z
  .string({ error: 'errors.application.phoneRequired' })
  .trim()
  .transform((value) => value.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1\d{10}$/, 'errors.application.phoneInvalid'));

/** A resident ID number, normalised (18 characters, upper-case X), checked against `today`. */
export function residentIdField(today: string) {
  return z
    .string({ error: 'errors.application.idNumberRequired' })
    .trim()
    .min(1, 'errors.application.idNumberRequired')
    .transform((value, context) => {
      const parsed = parseResidentId(value, today);
      if (!parsed.ok) {
        context.addIssue({ code: 'custom', message: PROBLEM_MESSAGE[parsed.problem] });
        return z.NEVER;
      }
      return parsed.id.value;
    });
}

export function oldAgeAllowanceApplicationSchema(options: { today: string; districts: readonly AllowanceDistrict[] }) {
  const districtIds = options.districts.map((d) => d.id);
  const thresholdOf = (id: string) => options.districts.find((d) => d.id === id)?.ageThreshold ?? DEFAULT_AGE_THRESHOLD;
  const IdNumber = residentIdField(options.today);
  return z
    .object({
      district: z.string({ error: 'errors.application.districtRequired' }).refine((id) => districtIds.includes(id), 'errors.application.districtRequired'),
      elder: z.object({ name: Name, idNumber: IdNumber, phone: MobilePhone }),
      agent: z
        .object({
          name: Name,
          idNumber: IdNumber,
          phone: MobilePhone,
          relationship: z.enum(RELATIONSHIPS, { error: 'errors.application.relationshipRequired' }),
        })
        .optional(),
      bank: z.object({
        bankName: z.string({ error: 'errors.application.bankNameRequired' }).trim().min(2, 'errors.application.bankNameRequired').max(60, 'errors.application.bankNameRequired'),
        accountHolder: Name,
        accountNumber: z
          .string({ error: 'errors.application.accountNumberRequired' })
          .transform((value) => value.normalize('NFKC').replace(/\s/g, ''))
          .pipe(z.string().regex(/^\d{12,19}$/, 'errors.application.accountNumberInvalid')),
      }),
      declaration: z.literal(true, { error: 'errors.application.declarationRequired' }),
    })
    // Each rule runs as soon as the fields it reads are valid, whatever the state of the others: the
    // form pages validate one page at a time against this one schema.
    .superRefine(
      (application, context) => {
        const birthDate = parseResidentId(application.elder.idNumber, options.today);
        const threshold = thresholdOf(application.district);
        if (birthDate.ok && ageOn(birthDate.id.birthDate, options.today) < threshold) {
          context.addIssue({ code: 'custom', path: ['elder', 'idNumber'], message: 'errors.application.tooYoung', params: { threshold } });
        }
      },
      { when: (payload) => validFields(payload.issues, [['district'], ['elder', 'idNumber']]) },
    )
    .superRefine(
      (application, context) => {
        if (application.agent && application.agent.idNumber === application.elder.idNumber) {
          context.addIssue({ code: 'custom', path: ['agent', 'idNumber'], message: 'errors.application.agentIsElder' });
        }
      },
      { when: (payload) => validFields(payload.issues, [['agent', 'idNumber'], ['elder', 'idNumber']]) },
    );
}

/** No issue touches these fields (an issue on a parent object, e.g. a missing `elder`, counts). */
function validFields(issues: readonly { path?: readonly PropertyKey[] | undefined }[], fields: readonly (readonly string[])[]): boolean {
  return !issues.some((issue) => fields.some((field) => field.every((part, i) => i >= (issue.path?.length ?? 0) || issue.path?.[i] === part)));
}

export type OldAgeAllowanceApplication = z.infer<ReturnType<typeof oldAgeAllowanceApplicationSchema>>;
