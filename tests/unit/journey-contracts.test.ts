/**
 * Every journey the portal runs keeps the engine's contract (api/engine/journey/contract.ts,
 * docs/decisions/028), checked from its definition: every step reachable, every answer of the
 * service's schema asked by exactly one step, no step asking for what the schema does not take,
 * and every label and choice in both languages (a service package's own words merged under the
 * portal's). A new journey is checked by adding a line here.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import type { z } from 'zod';
import { journeyProblems, schemaPaths } from '../../api/engine/journey/contract.ts';
import type { JourneyDefinition } from '../../api/engine/journey/journey.ts';
import { LOCALES } from '../../api/i18n/index.ts';
import { en } from '../../api/i18n/resources/en.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { marriageAppointmentSchema } from '../../api/services/marriage/appointment.schema.ts';
import { BOOKING_JOURNEY, NOT_IN_APPOINTMENT } from '../../api/services/marriage/journey.ts';
import { oldAgeAllowanceApplicationSchema } from '../../api/services/old-age-allowance/application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import { NOT_IN_APPLICATION, oldAgeAllowanceJourney } from '../../api/services/old-age-allowance/journey.ts';
import { testHouseholdPackage } from '../support/test-service/service.ts';

// The portal's words, and a service package's own (merged under them, as the portal does).
const RESOURCES: Record<string, unknown[]> = { 'zh-CN': [zhCN, testHouseholdPackage.messages['zh-CN']], en: [en, testHouseholdPackage.messages.en] };

function hasKey(language: string, key: string): boolean {
  return (RESOURCES[language] ?? []).some((tree) => {
    let node: unknown = tree;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null || !(part in node)) return false;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string';
  });
}

const JOURNEYS: { journey: JourneyDefinition; schema: z.ZodType; notInSchema: readonly string[] }[] = [
  {
    journey: oldAgeAllowanceJourney(OLD_AGE_ALLOWANCE_DISTRICTS),
    schema: oldAgeAllowanceApplicationSchema({ today: '2026-12-06', districts: OLD_AGE_ALLOWANCE_DISTRICTS }),
    notInSchema: NOT_IN_APPLICATION,
  },
  { journey: BOOKING_JOURNEY, schema: marriageAppointmentSchema({ today: '2026-12-06', offices: DEMO_OFFICES }), notInSchema: NOT_IN_APPOINTMENT },
  // A service defined outside api/services (docs/decisions/029): checked the same way.
  { journey: testHouseholdPackage.pages.journey, schema: testHouseholdPackage.pages.schema('2026-12-06', { offices: DEMO_OFFICES }), notInSchema: testHouseholdPackage.pages.notInSchema },
];

describe.each(JOURNEYS)('the journey of $journey.service', ({ journey, schema, notInSchema }) => {
  it('keeps the contract: every step reachable, every answer asked once, every label in both languages', () => {
    expect(journeyProblems(journey, { schemaPaths: schemaPaths(schema), notInSchema, languages: LOCALES, hasKey })).toEqual([]);
  });
});
