/**
 * The amount an approval of 高龄津贴 is proposed at: the elder's age on the decision day picks the
 * band, the standard in force for the first month paid gives its amount, and payment starts the
 * month after the decision. Table-driven at the edges: each band's first and last day of age, a
 * birthday on the decision day, 29 February, the day a new standard takes effect, a year's end.
 */
import { describe, expect, it } from 'vitest';
import { OLD_AGE_ALLOWANCE_DISTRICTS, type AllowanceDistrict } from '../../api/services/old-age-allowance/districts.ts';
import { ageThresholdOn, bandRanges, monthAfter, proposeAllowance, standardOn } from '../../api/services/old-age-allowance/rules.ts';

const district = (id: string): AllowanceDistrict => {
  const found = OLD_AGE_ALLOWANCE_DISTRICTS.find((d) => d.id === id);
  if (!found) throw new Error(`no district ${id}`);
  return found;
};

/** A district of its own, so the edges do not move when the example figures do. */
const TEST_DISTRICT: Pick<AllowanceDistrict, 'standards'> = {
  standards: [
    { effectiveFrom: '2027-01-01', sourceYear: 2026, example: true, bands: [{ fromAge: 80, monthlyAmount: 60 }, { fromAge: 90, monthlyAmount: 120 }, { fromAge: 100, monthlyAmount: 600 }] },
    { effectiveFrom: '2024-01-01', sourceYear: 2023, example: true, bands: [{ fromAge: 100, monthlyAmount: 500 }, { fromAge: 80, monthlyAmount: 50 }, { fromAge: 90, monthlyAmount: 100 }] },
  ],
};

describe('the proposed 高龄津贴 amount', () => {
  it.each([
    // born, decided on → age, first month, amount
    { case: 'the day before the 80th birthday: below every band', born: '1946-11-16', decided: '2026-11-15', age: 79, firstMonth: '2026-12', amount: undefined },
    { case: 'the 80th birthday itself', born: '1946-11-15', decided: '2026-11-15', age: 80, firstMonth: '2026-12', amount: 50 },
    { case: 'the last day at 89', born: '1936-11-16', decided: '2026-11-15', age: 89, firstMonth: '2026-12', amount: 50 },
    { case: 'the 90th birthday', born: '1936-11-15', decided: '2026-11-15', age: 90, firstMonth: '2026-12', amount: 100 },
    { case: 'the last day at 99', born: '1926-11-16', decided: '2026-11-15', age: 99, firstMonth: '2026-12', amount: 100 },
    { case: 'the 100th birthday', born: '1926-11-15', decided: '2026-11-15', age: 100, firstMonth: '2026-12', amount: 500 },
    { case: 'well past 100: the last band has no end', born: '1918-01-01', decided: '2026-11-15', age: 108, firstMonth: '2026-12', amount: 500 },
    { case: 'born on 29 February: 90 only from 1 March in a common year', born: '1936-02-29', decided: '2026-02-28', age: 89, firstMonth: '2026-03', amount: 50 },
    { case: 'born on 29 February, the next day', born: '1936-02-29', decided: '2026-03-01', age: 90, firstMonth: '2026-04', amount: 100 },
    { case: 'decided in November: December is paid at the standard of 2024', born: '1940-03-01', decided: '2026-11-30', age: 86, firstMonth: '2026-12', amount: 50 },
    { case: 'decided in December: January 2027 is paid at the raised standard', born: '1940-03-01', decided: '2026-12-01', age: 86, firstMonth: '2027-01', amount: 60 },
    { case: 'decided on 31 December: the first month is in the next year', born: '1936-12-31', decided: '2026-12-31', age: 90, firstMonth: '2027-01', amount: 120 },
    { case: 'the age is the decision day’s even when the elder is older by the first month', born: '1937-01-15', decided: '2026-12-20', age: 89, firstMonth: '2027-01', amount: 60 },
  ])('$case: $age, from $firstMonth, $amount yuan', ({ born, decided, age, firstMonth, amount }) => {
    const proposal = proposeAllowance(TEST_DISTRICT, born, decided);
    expect(proposal.age).toBe(age);
    expect(proposal.firstMonth).toBe(firstMonth);
    expect(proposal.monthlyAmount).toBe(amount);
    expect(proposal.band?.monthlyAmount).toBe(amount);
  });

  it('has no standard, and so no amount, before the district’s first one took effect', () => {
    const proposal = proposeAllowance(TEST_DISTRICT, '1930-01-01', '2023-11-30');
    expect(proposal).toMatchObject({ age: 93, firstMonth: '2023-12', standard: undefined, band: undefined, monthlyAmount: undefined });
    expect(proposeAllowance(TEST_DISTRICT, '1930-01-01', '2023-12-01').standard?.effectiveFrom).toBe('2024-01-01');
  });

  it.each([
    { day: '2023-12-31', effectiveFrom: undefined },
    { day: '2024-01-01', effectiveFrom: '2024-01-01' },
    { day: '2026-12-31', effectiveFrom: '2024-01-01' },
    { day: '2027-01-01', effectiveFrom: '2027-01-01' },
  ])('on $day the standard in force is the one from $effectiveFrom, whatever the order they are listed in', ({ day, effectiveFrom }) => {
    expect(standardOn(TEST_DISTRICT, day)?.effectiveFrom).toBe(effectiveFrom);
  });

  it('describes each band with its upper end, youngest first, the last open', () => {
    const standard = standardOn(TEST_DISTRICT, '2026-01-01');
    expect(standard && bandRanges(standard)).toEqual([
      { fromAge: 80, toAge: 89, monthlyAmount: 50 },
      { fromAge: 90, toAge: 99, monthlyAmount: 100 },
      { fromAge: 100, toAge: null, monthlyAmount: 500 },
    ]);
  });

  it.each([
    ['2026-01-31', '2026-02'],
    ['2026-09-15', '2026-10'],
    ['2026-12-01', '2027-01'],
  ])('pays from the month after a decision on %s: %s', (day, month) => {
    expect(monthAfter(day)).toBe(month);
  });

  it('takes the age from which one may apply from the standard in force, and the usual 80 before any', () => {
    const standards = [
      { effectiveFrom: '2025-01-01', sourceYear: 2024, example: true, bands: [{ fromAge: 70, monthlyAmount: 30 }, { fromAge: 80, monthlyAmount: 50 }] },
      // A district raising its age from a day it announced.
      { effectiveFrom: '2027-01-01', sourceYear: 2026, example: true, bands: [{ fromAge: 75, monthlyAmount: 40 }, { fromAge: 80, monthlyAmount: 60 }] },
    ];
    expect(ageThresholdOn(standards, '2024-12-31')).toBe(80);
    expect(ageThresholdOn(standards, '2025-01-01')).toBe(70);
    expect(ageThresholdOn(standards, '2026-12-31')).toBe(70);
    expect(ageThresholdOn(standards, '2027-01-01')).toBe(75);
    expect(ageThresholdOn([], '2027-01-01')).toBe(80);
  });

  it('follows each example district’s own bands: a county that starts at 70', () => {
    expect(proposeAllowance(district('demo-county'), '1956-11-15', '2026-11-15')).toMatchObject({ age: 70, monthlyAmount: 30 });
    expect(proposeAllowance(district('demo-county'), '1956-11-16', '2026-11-15')).toMatchObject({ age: 69, monthlyAmount: undefined });
  });

  it('has, in every example district, standards marked as examples whose youngest band is the age from which one may apply while it is in force', () => {
    for (const { id, standards } of OLD_AGE_ALLOWANCE_DISTRICTS) {
      expect(standards.length, id).toBeGreaterThan(0);
      for (const standard of standards) {
        expect(standard.example, id).toBe(true);
        expect(ageThresholdOn(standards, standard.effectiveFrom), `${id} from ${standard.effectiveFrom}`).toBe(Math.min(...standard.bands.map((band) => band.fromAge)));
        expect(standard.sourceYear, id).toBeLessThanOrEqual(Number(standard.effectiveFrom.slice(0, 4)));
      }
    }
  });
});
