/**
 * Every journey the portal runs keeps the engine's contract (api/engine/journey/contract.ts,
 * docs/decisions/028), checked from its definition: every step reachable, every answer of the
 * service's schema asked by exactly one step, no step asking for what the schema does not take,
 * and every label and choice in both languages, looked up as the generic pages do: in the service's
 * namespace, then common's (docs/decisions/038). A new journey is checked by adding a line here.
 */
import { serviceDataOf } from '../../api/services/service-data.ts';
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import type { z } from 'zod';
import { journeyProblems, schemaPaths } from '../../api/engine/journey/contract.ts';
import type { JourneyDefinition } from '../../api/engine/journey/journey.ts';
import { addMessages, dynamicKey, isLocale, LOCALES, serviceNamespaces, translator } from '../../api/i18n/index.ts';
import { marriageAppointmentSchema } from '../../api/services/marriage/appointment.schema.ts';
import { BOOKING_JOURNEY, NOT_IN_APPOINTMENT } from '../../api/services/marriage/journey.ts';
import { oldAgeAllowanceApplicationSchema } from '../../api/services/old-age-allowance/application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import { NOT_IN_APPLICATION, oldAgeAllowanceJourney } from '../../api/services/old-age-allowance/journey.ts';
import { testHouseholdPackage } from '../support/test-service/service.ts';
import { JOURNEY_SERVICES } from '../../site/lib/journey-services.ts';

// A service package's words are its own namespace, added at start as the portal does.
addMessages(testHouseholdPackage.id, testHouseholdPackage.messages);

/** Whether the key names a string for the service whose words are at `words` (a key without a namespace: its own, then common's). */
const hasKeyFor = (words: string) => (language: string, key: string): boolean =>
  isLocale(language) && translator(language)(dynamicKey`${key}`, { ns: serviceNamespaces(words), defaultValue: '', returnObjects: false }) !== '';

// The relief applications (docs/decisions/042), as their pages register them.
// The relief applications (docs/decisions/042), the eco-burial subsidy (061) and the public cemetery plot (064), as their pages register them.
const RELIEF = ['minimum-living-allowance', 'extreme-poverty-support', 'temporary-assistance', 'eco-burial-subsidy', 'public-cemetery'].map((id) => {
  const pages = JOURNEY_SERVICES[id];
  if (!pages) throw new Error(`no journey for ${id}`);
  return { words: pages.messages, journey: pages.journey, schema: pages.schema('2026-12-06', serviceDataOf({ offices: DEMO_OFFICES })), notInSchema: pages.notInSchema, derived: pages.derived ?? [] };
});

const JOURNEYS: { journey: JourneyDefinition; schema: z.ZodType; notInSchema: readonly string[]; words: string; derived?: readonly string[] }[] = [
  {
    words: 'old-age-allowance:application',
    journey: oldAgeAllowanceJourney(OLD_AGE_ALLOWANCE_DISTRICTS),
    schema: oldAgeAllowanceApplicationSchema({ today: '2026-12-06', districts: OLD_AGE_ALLOWANCE_DISTRICTS }),
    notInSchema: NOT_IN_APPLICATION,
  },
  { words: 'marriage:booking', journey: BOOKING_JOURNEY, schema: marriageAppointmentSchema({ today: '2026-12-06', offices: DEMO_OFFICES }), notInSchema: NOT_IN_APPOINTMENT },
  // A service defined outside api/services (docs/decisions/029): checked the same way.
  { words: testHouseholdPackage.pages.messages, journey: testHouseholdPackage.pages.journey, schema: testHouseholdPackage.pages.schema('2026-12-06', serviceDataOf({ offices: DEMO_OFFICES })), notInSchema: testHouseholdPackage.pages.notInSchema },
  ...RELIEF,
];

describe.each(JOURNEYS)('the journey of $journey.service', ({ journey, schema, notInSchema, words, derived }) => {
  it('keeps the contract: every step reachable, every answer asked once, every label in both languages', () => {
    expect(journeyProblems(journey, { schemaPaths: schemaPaths(schema), notInSchema, ...(derived ? { derived } : {}), languages: LOCALES, hasKey: hasKeyFor(words) })).toEqual([]);
  });
});
