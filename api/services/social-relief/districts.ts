/**
 * Where social relief is applied for, and each district's relief standards as their notices set
 * them: the source rows of the rule table social-relief.standards (standards-table.ts), over which a
 * system admin enters a new notice from its first day. The districts are the demonstration's (the
 * same as the 高龄津贴's), named in the service's words (social-relief:relief.district.<id>).
 *
 * The figures are EXAMPLES, not any place's: the 低保 standards are set near published city figures
 * (Shanghai ¥1,330 a person a month from July 2021, Beijing ¥1,170 from July 2020; the national
 * averages in January 2023, urban ¥752 and rural ¥582), raised by a few per cent a year as cities do;
 * the 特困 basic-living standard at 1.3 times the 低保 standard (the usual floor in provincial rules);
 * the 低保边缘 line at 1.5 times (社会救助法 第二十一条 leaves the multiple to the province; 1.5 is the
 * common one); the 先行救助 cap from a province's ¥3,000 that townships may grant at once.
 */
import type { ReliefStandardValue } from './standards-table.ts';

export interface ReliefDistrict {
  id: string;
  /** The office that handles the district's relief cases (staff scope, later slices). */
  office: string;
}

export const SOCIAL_RELIEF_DISTRICTS: readonly ReliefDistrict[] = [
  { id: 'demo-district', office: 'demo-district' },
  { id: 'demo-county', office: 'demo-county' },
];

/** A notice's standards for a district, from the day it takes effect. */
export interface SourceStandard {
  district: string;
  effectiveFrom: string;
  basis: string;
  value: ReliefStandardValue;
}

const yuan = (amount: number) => amount * 100;

export const SOCIAL_RELIEF_SOURCE_STANDARDS: readonly SourceStandard[] = [
  {
    district: 'demo-district',
    effectiveFrom: '2025-07-01',
    basis: '示例区 2025 年城乡最低生活保障标准（示例，参照已公布的城市标准）',
    value: {
      sourceYear: 2025,
      example: true,
      dibaoUrbanFen: yuan(1330),
      dibaoRuralFen: yuan(1170),
      tekunUrbanFen: yuan(1729),
      tekunRuralFen: yuan(1521),
      marginalPercent: 150,
      depositMonths: 24,
      vehicleLimitFen: 0,
      homesLimit: 1,
      rigidIncomePercent: 200,
      rigidSpendingPercent: 50,
      excludeBasicPension: true,
      advanceCapFen: yuan(3000),
    },
  },
  {
    // The standards raised from the day the 社会救助法 took effect: a standard changing on a day.
    district: 'demo-district',
    effectiveFrom: '2026-07-01',
    basis: '示例区 2026 年调整城乡最低生活保障标准的通知（示例）',
    value: {
      sourceYear: 2026,
      example: true,
      dibaoUrbanFen: yuan(1400),
      dibaoRuralFen: yuan(1250),
      tekunUrbanFen: yuan(1820),
      tekunRuralFen: yuan(1625),
      marginalPercent: 150,
      depositMonths: 24,
      vehicleLimitFen: 0,
      homesLimit: 1,
      rigidIncomePercent: 200,
      rigidSpendingPercent: 50,
      excludeBasicPension: true,
      advanceCapFen: yuan(3000),
    },
  },
  {
    district: 'demo-county',
    effectiveFrom: '2026-01-01',
    basis: '示例县 2025 年城乡最低生活保障标准（示例，参照 2023 年 1 月全国平均标准上调）',
    value: {
      sourceYear: 2025,
      example: true,
      dibaoUrbanFen: yuan(900),
      dibaoRuralFen: yuan(700),
      tekunUrbanFen: yuan(1170),
      tekunRuralFen: yuan(910),
      marginalPercent: 150,
      depositMonths: 18,
      vehicleLimitFen: yuan(30_000),
      homesLimit: 1,
      rigidIncomePercent: 200,
      rigidSpendingPercent: 50,
      excludeBasicPension: false,
      advanceCapFen: yuan(2000),
    },
  },
];
