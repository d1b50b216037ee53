/**
 * The relief application (低保, 特困, 临时救助; issue 14, docs/decisions/042): one schema per concept,
 * shared by the form pages, the API and the tests. The three services' applications are the same
 * application with their own parts: 特困 adds who can support the applicant (社会救助法 第二十条),
 * 临时救助 what happened (第三十六条–第三十八条), its area being where it happened (第三十七条第二款).
 *
 * Shapes others rely on (the contracts of issue 14): `area` { district, township, community },
 * `applicant` { name, idNumber, phone }, `household` [{ relationship ('self' first: the applicant),
 * name, idNumber, occupation, disability, health, incomes, authorisation }], `closeRelative`
 * 'yes' | 'no'; every amount integer fen (money.ts). Every message is a translation key.
 *
 * The authorisation to check the household's finances (家庭经济状况核对授权) is each adult member's
 * own: an answer in each member's item, required by the schema where the member's ID number says
 * they are of age on the day (a child's is not asked of anyone). Pure: `today` is an argument.
 */
import { z } from 'zod';
import { parseDay } from '../../../domain/calendar/typed-day.ts';
import { MobilePhone, PersonName, residentIdField } from '../../../domain/identity/person-fields.ts';
import { ageOn, parseResidentId } from '../../../domain/identity/resident-id.ts';
import { textLine, textLines } from '../../../domain/text.ts';
import { validFields } from '../../../domain/valid-fields.ts';
import { townshipOf } from '../areas.ts';
import { SOCIAL_RELIEF_DISTRICTS } from '../districts.ts';
import { INCOME_KINDS, type IncomeKind } from '../eligibility.ts';
import { AmountSchema } from '../money.ts';
import { RELIEF_APPLICATION_FIGURES } from './figures.ts';

const E = 'social-relief:errors.relief';

/** The three applications: each service's own parts of the one application. */
export const RELIEF_APPLICATIONS = ['dibao', 'tekun', 'temporary'] as const;
export type ReliefApplicationKind = (typeof RELIEF_APPLICATIONS)[number];

/** A member's relationship to the applicant; 'self' is the applicant, always the first member. */
export const RELATIONSHIPS = ['self', 'spouse', 'child', 'parent', 'parent-in-law', 'grandparent', 'grandchild', 'sibling', 'other'] as const;
export const OCCUPATIONS = ['employed', 'self-employed', 'farming', 'flexible', 'unemployed', 'student', 'preschool', 'retired', 'other'] as const;
/** 残疾等级: none, or the grade on the disability certificate (一级 the most severe). */
export const DISABILITIES = ['none', 'grade-1', 'grade-2', 'grade-3', 'grade-4'] as const;
/** 健康状况: healthy, a long-term illness, or a grave illness (重病: the district's list). */
export const HEALTH = ['healthy', 'chronic', 'grave'] as const;
/** The homes the household owns. */
export const HOUSING = ['none', 'one', 'more'] as const;
/** 特困: people bound by law to support the applicant (法定赡养、抚养、扶养义务人): none, some but none able, someone able. */
export const SUPPORTERS = ['none', 'unable', 'able'] as const;
export const EMERGENCIES = ['accident', 'fire', 'disaster', 'illness', 'death', 'other'] as const;
export const YES_NO = ['yes', 'no'] as const;

const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message });

/** Where: the community (村/社区) of areas.ts, with its township and district, which must be its own. */
export const AreaSchema = z
  .object({
    district: textLine({ error: `${E}.community` }).refine((id) => SOCIAL_RELIEF_DISTRICTS.some((district) => district.id === id), `${E}.community`),
    township: textLine({ error: `${E}.community` }),
    community: textLine({ error: `${E}.community` }).refine((id) => townshipOf(id) !== undefined, `${E}.community`),
  })
  .superRefine((area, context) => {
    const township = townshipOf(area.community);
    if (township && (township.id !== area.township || township.district !== area.district)) context.addIssue({ code: 'custom', path: ['community'], message: `${E}.areaMismatch` });
  });
export type ReliefArea = z.output<typeof AreaSchema>;

/** The area of a community, as the pages ask only for the community (its township and district follow). */
export function areaOf(community: string): ReliefArea | undefined {
  const township = townshipOf(community);
  return township ? { district: township.district, township: township.id, community } : undefined;
}

/** Each kind of monthly income (eligibility.ts's kinds), fen; a kind the member has none of is left out. */
const incomeShape = Object.fromEntries(INCOME_KINDS.map((kind) => [kind, AmountSchema.optional()])) as Record<IncomeKind, z.ZodOptional<typeof AmountSchema>>;
export const IncomesSchema = z.object(incomeShape);

export function memberSchema(today: string) {
  return z.object({
    relationship: choice(RELATIONSHIPS, `${E}.relationship`),
    name: PersonName,
    idNumber: residentIdField(today),
    occupation: choice(OCCUPATIONS, `${E}.occupation`),
    disability: choice(DISABILITIES, `${E}.disability`),
    health: choice(HEALTH, `${E}.health`),
    incomes: IncomesSchema,
    /** 家庭经济状况核对授权: given by this member (required of an adult; see the application's rules). */
    authorisation: z.boolean({ error: `${E}.authorisation` }).optional(),
  });
}
export type HouseholdMember = z.output<ReturnType<typeof memberSchema>>;

/** Income and assets, the household's: homes owned, and the value of vehicles and of each kind of financial asset, fen (0: none). */
export const AssetsSchema = z.object({
  housing: choice(HOUSING, `${E}.housing`),
  vehicles: AmountSchema,
  deposits: AmountSchema,
  securities: AmountSchema,
  insurance: AmountSchema,
  other: AmountSchema,
});

/** 特困 (第二十条): whether the applicant can work, and whether anyone bound to support them is able to. */
export const SupportSchema = z.object({
  ableToWork: choice(YES_NO, `${E}.ableToWork`),
  supporters: choice(SUPPORTERS, `${E}.supporters`),
});

/** 临时救助: what happened, when (not after today), and whether help is needed right now (先行救助, 第五十条). */
export function situationSchema(today: string) {
  return z.object({
    what: choice(EMERGENCIES, `${E}.what`),
    description: textLines({ error: `${E}.description` }).trim().min(2, `${E}.description`).max(RELIEF_APPLICATION_FIGURES.descriptionMax, `${E}.descriptionTooLong`),
    happenedOn: textLine({ error: `${E}.happenedOn` }).transform((typed, context) => {
      const day = parseDay(typed);
      if (!day) context.addIssue({ code: 'custom', message: `${E}.happenedOn` });
      else if (day > today) context.addIssue({ code: 'custom', message: `${E}.happenedOnFuture` });
      return day ?? z.NEVER;
    }),
    needsHelpNow: choice(YES_NO, `${E}.needsHelpNow`),
  });
}

function baseShape(today: string) {
  return {
    area: AreaSchema,
    applicant: z.object({ name: PersonName, idNumber: residentIdField(today), phone: MobilePhone }),
    household: z
      .array(memberSchema(today), { error: `${E}.householdMin` })
      .min(1, `${E}.householdMin`)
      .max(RELIEF_APPLICATION_FIGURES.householdMax, `${E}.householdMax`),
    assets: AssetsSchema,
    closeRelative: choice(YES_NO, `${E}.closeRelative`),
    commitment: z.literal(true, { error: `${E}.commitment` }),
  };
}

type HouseholdPart = { applicant: { name: string; idNumber: string }; household: readonly HouseholdMember[] };

/**
 * The household's rules, each run as soon as the fields it reads are valid: the applicant is the first
 * member ('self', their own name and ID number) and the only 'self'; no one is listed twice; every
 * member of age (by the birth date in their ID number, on `today`) has given the authorisation.
 */
function householdRules(today: string) {
  return (application: HouseholdPart, context: z.RefinementCtx) => {
    const [first] = application.household;
    if (first && first.relationship !== 'self') context.addIssue({ code: 'custom', path: ['household', 0, 'relationship'], message: `${E}.firstIsApplicant` });
    if (first && (first.idNumber !== application.applicant.idNumber || first.name !== application.applicant.name)) context.addIssue({ code: 'custom', path: ['household', 0, 'idNumber'], message: `${E}.firstIsApplicant` });
    const seen = new Set<string>();
    application.household.forEach((member, index) => {
      if (index > 0 && member.relationship === 'self') context.addIssue({ code: 'custom', path: ['household', index, 'relationship'], message: `${E}.onlyOneSelf` });
      if (seen.has(member.idNumber)) context.addIssue({ code: 'custom', path: ['household', index, 'idNumber'], message: `${E}.listedTwice` });
      seen.add(member.idNumber);
      const born = parseResidentId(member.idNumber, today);
      if (born.ok && ageOn(born.id.birthDate, today) >= RELIEF_APPLICATION_FIGURES.adultAge && member.authorisation !== true) {
        context.addIssue({ code: 'custom', path: ['household', index, 'authorisation'], message: `${E}.authorisation`, params: { age: RELIEF_APPLICATION_FIGURES.adultAge } });
      }
    });
  };
}

const whenHouseholdValid = { when: (payload: { issues: readonly { path?: readonly PropertyKey[] | undefined }[] }) => validFields(payload.issues, [['household'], ['applicant', 'name'], ['applicant', 'idNumber']]) };

export const dibaoApplicationSchema = (today: string) => z.object(baseShape(today)).superRefine(householdRules(today), whenHouseholdValid);
export const tekunApplicationSchema = (today: string) => z.object({ ...baseShape(today), support: SupportSchema }).superRefine(householdRules(today), whenHouseholdValid);
export const temporaryApplicationSchema = (today: string) => z.object({ ...baseShape(today), situation: situationSchema(today) }).superRefine(householdRules(today), whenHouseholdValid);

export type DibaoApplication = z.output<ReturnType<typeof dibaoApplicationSchema>>;
export type TekunApplication = z.output<ReturnType<typeof tekunApplicationSchema>>;
export type TemporaryApplication = z.output<ReturnType<typeof temporaryApplicationSchema>>;
/** Any of the three, as shared code reads it: each service's own part present only in its own. */
export type ReliefApplication = DibaoApplication & Partial<Pick<TekunApplication, 'support'>> & Partial<Pick<TemporaryApplication, 'situation'>>;

/** The schema of each application, by its kind. */
export const RELIEF_APPLICATION_SCHEMAS = {
  dibao: dibaoApplicationSchema,
  tekun: tekunApplicationSchema,
  temporary: temporaryApplicationSchema,
} as const satisfies Record<ReliefApplicationKind, (today: string) => z.ZodType<ReliefApplication>>;

/** A member's incomes as the eligibility rule reads them (eligibility.ts's HouseholdMember.incomes). */
export function incomesOf(member: Pick<HouseholdMember, 'incomes'>): { kind: IncomeKind; monthlyFen: number }[] {
  return INCOME_KINDS.flatMap((kind) => {
    const monthlyFen = member.incomes[kind];
    return monthlyFen === undefined ? [] : [{ kind, monthlyFen }];
  });
}
