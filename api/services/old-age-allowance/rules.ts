/**
 * What the district's standard says an approval should be: the elder's age on the decision day
 * puts them in an age band, and the band's amount in the standard in force for the first month
 * paid is the monthly amount proposed. Payment starts the month after the decision (自审批次月起,
 * as the guide says; an example setting). The approver sees the proposal, the standard and the age,
 * and may still change the amount or the month. Pure: the day is an argument.
 */
import { ageOn } from '../../domain/identity/resident-id.ts';
import { DEFAULT_AGE_THRESHOLD, type AgeBand, type AllowanceDistrict, type AllowanceStandard } from './districts.ts';
import { monthAfter } from '../../domain/calendar/working-days.ts';

/** An age band with its upper end (included), `null` for the last. */
export interface AgeBandRange extends AgeBand {
  toAge: number | null;
}

/** The standard in force on `day` (YYYY-MM-DD): the latest that took effect on or before it. */
export function standardOn(district: { readonly standards: readonly AllowanceStandard[] }, day: string): AllowanceStandard | undefined {
  return district.standards.filter((standard) => standard.effectiveFrom <= day).reduce<AllowanceStandard | undefined>((latest, standard) => (!latest || standard.effectiveFrom > latest.effectiveFrom ? standard : latest), undefined);
}

/**
 * The age from which an elder may apply on `day`: the youngest band of the district's standard in
 * force then (a district that lowers its age does so by a new standard, from the day it announces),
 * or the usual 80 while none is in force.
 */
export function ageThresholdOn(standards: readonly AllowanceStandard[], day: string): number {
  const standard = standardOn({ standards }, day);
  return standard && standard.bands.length > 0 ? Math.min(...standard.bands.map((band) => band.fromAge)) : DEFAULT_AGE_THRESHOLD;
}

/** The bands with their upper ends, youngest first. */
export function bandRanges(standard: Pick<AllowanceStandard, 'bands'>): AgeBandRange[] {
  const sorted = [...standard.bands].sort((a, b) => a.fromAge - b.fromAge);
  return sorted.map((band, index) => {
    const next = sorted[index + 1];
    return { ...band, toAge: next ? next.fromAge - 1 : null };
  });
}

/** The band an age falls in, if any. */
export function bandOf(standard: Pick<AllowanceStandard, 'bands'>, age: number): AgeBandRange | undefined {
  return bandRanges(standard).find((band) => age >= band.fromAge && (band.toAge === null || age <= band.toAge));
}

export { monthAfter };

export type AllowanceProposal = {
  /** The elder's age (whole years) on the decision day. */
  age: number;
  /** The first month paid (YYYY-MM). */
  firstMonth: string;
  /** The standard in force on the first day of that month; undefined when the district has none yet. */
  standard: AllowanceStandard | undefined;
  /** The band the age falls in; undefined when it is below every band (or there is no standard). */
  band: AgeBandRange | undefined;
  /** The band's amount, yuan a month; undefined without a band. */
  monthlyAmount: number | undefined;
};

/** What the standard gives an elder born on `birthDate` (YYYY-MM-DD) when the approver decides on `decisionDay`. */
export function proposeAllowance(district: Pick<AllowanceDistrict, 'standards'>, birthDate: string, decisionDay: string): AllowanceProposal {
  const age = ageOn(birthDate, decisionDay);
  const firstMonth = monthAfter(decisionDay);
  const standard = standardOn(district, `${firstMonth}-01`);
  const band = standard ? bandOf(standard, age) : undefined;
  return { age, firstMonth, standard, band, monthlyAmount: band?.monthlyAmount };
}
