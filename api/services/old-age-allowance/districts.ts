/**
 * Where 高龄津贴 is applied for, and each district's own rules: the age at which the allowance
 * starts is set locally (80 in most places, lower in some). Example data: a bureau replaces it, and
 * names each district in the i18n resources (application.district.<id>).
 */
export interface AllowanceDistrict {
  id: string;
  /** The office that handles the district's applications (staff scope). */
  office: string;
  ageThreshold: number;
}

export const DEFAULT_AGE_THRESHOLD = 80;

export const OLD_AGE_ALLOWANCE_DISTRICTS: readonly AllowanceDistrict[] = [
  { id: 'demo-district', office: 'demo-district', ageThreshold: DEFAULT_AGE_THRESHOLD },
  { id: 'demo-county', office: 'demo-county', ageThreshold: 70 },
];
