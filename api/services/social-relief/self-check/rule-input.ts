/**
 * The self-check's answers as the eligibility rule's input (eligibility.ts, docs/decisions/040):
 * each member's incomes by kind, the household's deductions and rigid spending, its assets, and the
 * 特困 and 临时救助 questions. Pure.
 *
 * The kinds never counted (优抚, family planning, scholarships, bravery awards, relief received) are
 * asked as one sum, since none of them counts and telling them apart would only lengthen the page;
 * the rule is given that sum as one of those kinds. "Not sure" whether anyone can support the
 * household is read as nobody able: the self-check leans towards telling a family it may apply.
 */
import type { EligibilityInput, HouseholdMember, IncomeKind } from '../eligibility.ts';
import type { MemberIncomeField } from './journey.ts';
import type { SelfCheckAnswers, SelfCheckMember } from './schema.ts';

/** The rule's income kind for each amount asked of a member. */
export const INCOME_KIND_OF: Readonly<Record<MemberIncomeField, IncomeKind>> = {
  wages: 'wages',
  business: 'business',
  property: 'property',
  transfer: 'transfer',
  pension: 'basic-pension',
  exempt: 'social-assistance',
};

function memberOf(member: SelfCheckMember): HouseholdMember {
  const incomes = (Object.keys(INCOME_KIND_OF) as MemberIncomeField[]).filter((field) => member[field] > 0).map((field) => ({ kind: INCOME_KIND_OF[field], monthlyFen: member[field] }));
  return { incomes, severelyDisabled: member.health === 'severely-disabled', gravelyIll: member.health === 'gravely-ill', ableToWork: member.work === 'yes' };
}

export function eligibilityInputOf(answers: SelfCheckAnswers, day: string): EligibilityInput {
  const [first, ...rest] = answers.members.map(memberOf);
  if (!first) throw new RangeError('a household has at least one member');
  return {
    district: answers.district,
    area: answers.area,
    day,
    members: [first, ...rest],
    deductions: { illnessCostsFen: answers.costs.illness, workingCostsFen: answers.costs.working },
    rigidSpending: { medicalFen: answers.costs.medical, educationFen: answers.costs.education },
    assets: {
      financialFen: answers.assets.financial,
      vehicles: answers.assets.vehicles === 'some' ? [{ valueFen: answers.assets.vehicleValue ?? 0 }] : [],
      homes: Number(answers.assets.homes),
    },
    noSupporterAble: answers.supporter === 'none-able' || answers.supporter === 'unsure',
    suddenHardship: answers.hardship === 'yes',
    needsHelpNow: answers.hardship === 'yes' && answers.helpNow === 'yes',
  };
}
