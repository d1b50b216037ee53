/**
 * The social relief eligibility self-check's questions (issue 14; docs/decisions/041): a short
 * journey on the journey engine, no sign-in, nothing stored on the server. Where the household lives
 * (district, urban or rural), each member (add another: who, health, able to work, each monthly
 * income by kind), the costs the rules deduct and the medical and education spending, a few asset
 * questions, whether anyone can support an household that cannot work, and a sudden hardship.
 * Amounts are left blank when there are none, and typed as people type them (money.ts).
 */
import type { FlatAnswers, JourneyDefinition, JourneyStepField } from '../../../engine/journey/journey.ts';
import { SOCIAL_RELIEF_DISTRICTS } from '../districts.ts';
import { SELF_CHECK_MAX_MEMBERS } from '../figures.ts';

export const SELF_CHECK_TOOL = 'social-relief';
const WORDS = 'social-relief:selfCheck';

/** The amounts asked of each member: the four kinds counted, the basic pension (the district says), and the kinds never counted as one sum. */
export const MEMBER_INCOME_FIELDS = ['wages', 'business', 'property', 'transfer', 'pension', 'exempt'] as const;
export type MemberIncomeField = (typeof MEMBER_INCOME_FIELDS)[number];
export const COST_FIELDS = ['illness', 'working', 'medical', 'education'] as const;

const radios = (path: string, values: readonly string[], labels = `${WORDS}.options.${path.split('.').at(-1) ?? path}`): JourneyStepField => ({
  path,
  control: 'radios',
  options: values.map((value) => ({ value, label: `${labels}.${value}` })),
});
const amount = (path: string, optional = true): JourneyStepField => ({ path, control: 'text', inputmode: 'text', width: 'short', optional });

export const AREAS = ['urban', 'rural'] as const;
export const HEALTH = ['none', 'severely-disabled', 'gravely-ill'] as const;
export const YES_NO = ['yes', 'no'] as const;
export const VEHICLES = ['none', 'some'] as const;
/** Homes owned: none, one, two or more (the limits are a whole number, one in the examples). */
export const HOMES = ['0', '1', '2'] as const;
export const SUPPORTER = ['none-able', 'able', 'unsure'] as const;

/** Every member said they cannot work: only then is the 特困 question about supporters asked. */
const everyoneUnableToWork = (answers: FlatAnswers): boolean => {
  const work = Object.entries(answers).filter(([key]) => /^members\.\d+\.work$/.test(key));
  return work.length > 0 && work.every(([, value]) => value === 'no');
};

export const selfCheckJourney: JourneyDefinition = {
  service: SELF_CHECK_TOOL,
  rules: { everyoneUnableToWork },
  collections: {
    members: {
      path: 'members',
      fields: [
        { path: 'who', control: 'text', width: 'medium' },
        radios('health', HEALTH),
        radios('work', YES_NO),
        ...MEMBER_INCOME_FIELDS.map((field) => amount(field)),
      ],
      min: 1,
      max: SELF_CHECK_MAX_MEMBERS,
      // Each member named by who they are, their health and work: not every amount.
      summary: ['health', 'work'],
    },
  },
  steps: [
    { step: 'where', fields: [radios('district', SOCIAL_RELIEF_DISTRICTS.map((district) => district.id), 'social-relief:relief.district'), radios('area', AREAS, 'social-relief:relief.area')] },
    { step: 'members', kind: 'add-another', collection: 'members', fields: [] },
    { step: 'costs', fields: COST_FIELDS.map((field) => amount(`costs.${field}`)) },
    { step: 'assets', fields: [amount('assets.financial'), radios('assets.vehicles', VEHICLES), radios('assets.homes', HOMES)] },
    { step: 'vehicle-value', when: { field: 'assets.vehicles', is: 'some' }, fields: [amount('assets.vehicleValue', false)] },
    { step: 'support', when: { rule: 'everyoneUnableToWork' }, fields: [radios('supporter', SUPPORTER)] },
    { step: 'hardship', fields: [radios('hardship', YES_NO)] },
    { step: 'help-now', when: { field: 'hardship', is: 'yes' }, fields: [radios('helpNow', YES_NO)] },
  ],
};
