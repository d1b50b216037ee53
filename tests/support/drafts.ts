/**
 * A journey's draft as its cookie carries it, sealed with a test server's secret: a test of the
 * check page starts on the check page, with the answers it needs, instead of clicking through every
 * step before it (the steps themselves are tested once, in the HTML tier).
 */
import { randomUUID } from 'node:crypto';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { draftSealer } from '../../api/server/portal.ts';
import type { TestPortalInfo } from './test-portal.ts';

/** The journeys' services and their draft cookies' names (site/lib/application-draft.ts). */
export const JOURNEYS = {
  'old-age-allowance': { cookie: 'draft_old_age_allowance', path: '/apply/old-age-allowance' },
  'marriage-appointment': { cookie: 'draft_marriage_appointment', path: '/book/marriage' },
  // The service only the tests have (tests/support/test-service, docs/decisions/029).
  'test-household-grant': { cookie: 'draft_test_household_grant', path: '/apply/test-household-grant' },
} as const;

export type JourneyService = keyof typeof JOURNEYS;

/** What a draft keeps once its application was submitted (the confirmation page reads it). */
export interface SubmittedDraft {
  trackingNumber: string;
  acceptanceDue: string | null;
  smsTo: string;
}

/** The cookie (name and sealed value) of a draft with these answers (flat paths: 'partyA.name'), or of one already submitted. */
export function draftCookie(portal: TestPortalInfo, service: JourneyService, answers: Record<string, string>, submitted?: SubmittedDraft): { name: string; value: string } {
  const sealer = draftSealer(createFieldCrypto(Buffer.from(portal.secret, 'hex')));
  return { name: JOURNEYS[service].cookie, value: sealer.seal({ service, key: randomUUID(), answers, ...(submitted ? { submitted } : {}) }) };
}
