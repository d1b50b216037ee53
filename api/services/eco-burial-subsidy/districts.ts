/**
 * Where the eco-burial subsidy (生态安葬奖补) is applied for, and each district's amounts by kind of
 * burial from the day its notice set them: the source rows of the rule table
 * `eco-burial-subsidy.amounts` (amounts-table.ts), over which staff set others at /staff/rules.
 * The amounts are set by each province or city (殡葬管理条例, revised 2026; 民发〔2016〕21号): the
 * figures here are made up for the demonstration, in the range DOMAIN.md gives (sea ¥3,000–4,600,
 * scattering ¥4,000, a degradable urn ¥3,000, a columbarium niche ¥1,000). A kind a district does
 * not fund is absent from its amounts. Example data: a bureau replaces it, and names each district
 * in the service's words (ecoBurial.district.<id>).
 */
import type { BurialKind } from './kinds.ts';

export interface SubsidyDistrict {
  id: string;
  /** The office that handles the district's applications (staff scope): the district's civil affairs bureau. */
  office: string;
}

/** One notice's amounts for a district, in force from `effectiveFrom` until the next notice's. */
export interface SubsidyAmounts {
  district: string;
  /** YYYY-MM-DD, the first burial day it applies to. */
  effectiveFrom: string;
  /** The notice, as published. */
  basis: string;
  sourceYear: number;
  /** Figures made up for the demonstration (shown as examples). */
  example: boolean;
  /** Fen, by kind of burial; a kind the district does not fund is absent. */
  amounts: Readonly<Partial<Record<BurialKind, number>>>;
}

export const ECO_BURIAL_DISTRICTS: readonly SubsidyDistrict[] = [
  { id: 'demo-district', office: 'demo-district' },
  { id: 'demo-county', office: 'demo-county' },
];

const YUAN = 100;

export const ECO_BURIAL_SOURCE_AMOUNTS: readonly SubsidyAmounts[] = [
  {
    district: 'demo-district',
    effectiveFrom: '2024-01-01',
    basis: '示例区节地生态安葬奖补办法（示例，2023 年）',
    sourceYear: 2023,
    example: true,
    amounts: { sea: 3000 * YUAN, scattering: 4000 * YUAN, 'degradable-urn': 3000 * YUAN, columbarium: 1000 * YUAN },
  },
  // A later notice: more for a sea burial, and tree, flower and lawn burials funded from its first day.
  {
    district: 'demo-district',
    effectiveFrom: '2026-01-01',
    basis: '示例区关于调整节地生态安葬奖补标准的通知（示例，2025 年）',
    sourceYear: 2025,
    example: true,
    amounts: { tree: 2000 * YUAN, flower: 2000 * YUAN, lawn: 2000 * YUAN, scattering: 4000 * YUAN, sea: 4600 * YUAN, 'degradable-urn': 3000 * YUAN, columbarium: 1000 * YUAN },
  },
  // An inland county: no sea burial or scattering is organised there, so neither is funded.
  {
    district: 'demo-county',
    effectiveFrom: '2025-01-01',
    basis: '示例县节地生态安葬奖补实施细则（示例，2024 年）',
    sourceYear: 2024,
    example: true,
    amounts: { tree: 1500 * YUAN, flower: 1500 * YUAN, lawn: 1500 * YUAN, 'degradable-urn': 3000 * YUAN, columbarium: 1000 * YUAN },
  },
];
