/**
 * A journey's draft, made on a test server so that a test starts mid-journey (docs/decisions/033):
 * a test of the check page starts on the check page, with the answers it needs, instead of clicking
 * through every step before it (the steps themselves are tested once, in the HTML tier). The draft
 * is created through the server's API and its reference becomes the cookie; a submitted one is then
 * ended as a submission ends it, keeping only what its confirmation shows.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { TestPortalInfo } from './test-portal.ts';

/** The journeys' services and their draft cookies' names (site/lib/application-draft.ts). */
export const JOURNEYS = {
  'old-age-allowance': { cookie: 'draft_old_age_allowance', path: '/apply/old-age-allowance' },
  'marriage-appointment': { cookie: 'draft_marriage_appointment', path: '/book/marriage' },
  // The service only the tests have (tests/support/test-service, docs/decisions/029).
  'test-household-grant': { cookie: 'draft_test_household_grant', path: '/apply/test-household-grant' },
  // The relief applications (docs/decisions/042).
  'minimum-living-allowance': { cookie: 'draft_minimum_living_allowance', path: '/apply/minimum-living-allowance' },
  'extreme-poverty-support': { cookie: 'draft_extreme_poverty_support', path: '/apply/extreme-poverty-support' },
  'temporary-assistance': { cookie: 'draft_temporary_assistance', path: '/apply/temporary-assistance' },
  // The eco-burial subsidy (docs/decisions/061).
  'eco-burial-subsidy': { cookie: 'draft_eco_burial_subsidy', path: '/apply/eco-burial-subsidy' },
  // 身后一件事 (docs/decisions/066).
  'after-death': { cookie: 'draft_after_death', path: '/apply/after-death' },
  // Funeral-home bookings and public cemetery plots (docs/decisions/063, 064).
  'funeral-booking': { cookie: 'draft_funeral_booking', path: '/apply/funeral-booking' },
  'public-cemetery': { cookie: 'draft_public_cemetery', path: '/apply/public-cemetery' },
} as const;

export type JourneyService = keyof typeof JOURNEYS;

/** What a draft keeps once its application was submitted (the confirmation page reads it). */
export interface SubmittedDraft {
  trackingNumber: string;
  acceptanceDue: string | null;
  smsTo: string;
}

/** A draft with these answers on the server: its reference and key. */
export async function createDraft(portal: Pick<TestPortalInfo, 'url'>, service: JourneyService | string, answers: Record<string, string>): Promise<{ reference: string; key: string }> {
  const response = await fetch(`${portal.url}/api/v1/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service, answers }) });
  if (response.status !== 201) throw new Error(`creating a draft answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { reference: string; draft: { key: string } };
  return { reference: body.reference, key: body.draft.key };
}

/** The cookie (name and value) of a draft with these answers (flat paths: 'partyA.name'), or of one already submitted. */
export async function draftCookie(portal: TestPortalInfo, service: JourneyService, answers: Record<string, string>, submitted?: SubmittedDraft): Promise<{ name: string; value: string }> {
  const { reference } = await createDraft(portal, service, answers);
  if (submitted) {
    const ended = await fetch(`${portal.url}/api/v1/drafts/current`, { method: 'PUT', headers: { 'content-type': 'application/json', 'draft-reference': reference }, body: JSON.stringify({ answers, submitted }) });
    if (ended.status !== 200) throw new Error(`ending a draft answered ${ended.status}: ${await ended.text()}`);
  }
  return { name: JOURNEYS[service].cookie, value: reference };
}

/** Makes a draft's reference lapse, as 31 idle minutes would, in a test server's SQLite database (its clock is its own). */
export function lapseDraft(portal: Pick<TestPortalInfo, 'dataDir'>, key: string): void {
  const database = new DatabaseSync(join(portal.dataDir, 'portal.sqlite'), { timeout: 5000 });
  try {
    database.prepare('update drafts set last_seen_at = ? where id = ?').run(new Date(Date.now() - 31 * 60_000).toISOString(), key);
  } finally {
    database.close();
  }
}
