/**
 * Where 高龄津贴 is applied for, and each district's own rules: the age at which the allowance
 * starts is set locally (80 in most places, lower in some), and so are the monthly amounts by age
 * band, which a district raises from a date it announces. The age is the youngest band's of the
 * standard in force (rules.ts ageThresholdOn): one effective-dated rule, not a second figure. Example data: a bureau replaces it, and
 * names each district in the i18n resources (application.district.<id>).
 */
export interface AllowanceDistrict {
  id: string;
  /** The office that handles the district's applications (staff scope). */
  office: string;
  /**
   * The monthly amounts by age band, each from the day it took effect: the source rows of the rule
   * table old-age-allowance.standards (standards-table.ts), over which staff may set others.
   */
  standards: readonly AllowanceStandard[];
}

/** From `fromAge` (whole years, included) up to the next band's `fromAge`: `monthlyAmount` yuan a month. */
export interface AgeBand {
  fromAge: number;
  monthlyAmount: number;
}

/** A district's amounts as one notice set them, in force from `effectiveFrom` until the next standard's. */
export interface AllowanceStandard {
  /** YYYY-MM-DD, the first day it applies. */
  effectiveFrom: string;
  /** The year of the notice the amounts come from. */
  sourceYear: number;
  /** Figures made up for the demonstration (shown as examples): a bureau enters its own notice's and sets this false. */
  example: boolean;
  /** The notice that sets the amounts, as published (the rule table's basis: standards-table.ts); its year when absent. */
  basis?: string;
  /** By age, youngest band first. */
  bands: readonly AgeBand[];
}

export const DEFAULT_AGE_THRESHOLD = 80;

export const OLD_AGE_ALLOWANCE_DISTRICTS: readonly AllowanceDistrict[] = [
  {
    id: 'demo-district',
    office: 'demo-district',
    standards: [
      { effectiveFrom: '2024-01-01', sourceYear: 2023, example: true, basis: '示例区 2023 年高龄津贴标准（示例）', bands: [{ fromAge: 80, monthlyAmount: 50 }, { fromAge: 90, monthlyAmount: 100 }, { fromAge: 100, monthlyAmount: 500 }] },
      // A raise announced ahead: the months paid from its first day are paid at the new amounts.
      { effectiveFrom: '2027-01-01', sourceYear: 2026, example: true, basis: '示例区 2026 年调整高龄津贴标准的通知（示例）', bands: [{ fromAge: 80, monthlyAmount: 60 }, { fromAge: 90, monthlyAmount: 120 }, { fromAge: 100, monthlyAmount: 600 }] },
    ],
  },
  {
    id: 'demo-county',
    office: 'demo-county',
    standards: [
      { effectiveFrom: '2025-01-01', sourceYear: 2024, example: true, basis: '示例县 2024 年高龄津贴标准（示例）', bands: [{ fromAge: 70, monthlyAmount: 30 }, { fromAge: 80, monthlyAmount: 50 }, { fromAge: 90, monthlyAmount: 100 }, { fromAge: 100, monthlyAmount: 500 }] },
    ],
  },
];
