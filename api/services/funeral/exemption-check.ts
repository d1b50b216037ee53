/**
 * The fee exemption check (docs/decisions/065): what a booking of basic funeral services would have
 * waived, decided from what the portal holds, for the family whose phone is confirmed. The use case
 * between the route and the data: it checks the request, the phone's proof, looks up the portal's
 * own relief decisions only when the family says the household had one, and hands the facts to the
 * pure decision (fee-exemption.ts).
 *
 * What it discloses is what the booking needs, no more: a ground (and so a relief decision) only
 * when the family claimed it; never a case, its tracking number, its amount or who else is in the
 * household; and a claim the portal does not find is "cannot decide: bring proof", the same answer
 * as for relief decided at a counter, never "has no 低保".
 */
import type { ZodError } from 'zod';
import { decisionsAboutPerson, type PersonDecision } from '../../db/case-people.repo.ts';
import { ID_HASH_CONTEXT, PERSON_HASH_CONTEXT, type CaseDeps } from '../../cases/case-service.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { sourceRuleBook, type RuleBook } from '../../engine/rules/live-rules.ts';
import { proofHolds } from '../../verification/phone-codes.ts';
import { SOCIAL_RELIEF_DISTRICTS } from '../social-relief/districts.ts';
import { RELIEF_SERVICE_IDS } from '../social-relief/application/journey.ts';
import { exemptionCheckSchema, type ExemptionCheck } from './fee-exemption-check.schema.ts';
import { decideExemption, type BookedItem, type ExemptionDecision, type PortalRelief } from './fee-exemption.ts';
import { FEE_EXEMPTIONS_TABLE } from './fee-exemption-table.ts';
import { funeralHome } from './homes.ts';
import { priceOf } from './price-list.ts';
import { FUNERAL_PRICE_LISTS_TABLE } from './price-list-table.ts';

export type ExemptionCheckResult =
  | { ok: true; check: ExemptionCheck; decision: ExemptionDecision }
  | { ok: false; reason: 'invalid'; error: ZodError }
  | { ok: false; reason: 'phone-not-confirmed' };

/** The states a 低保 or 特困 case may be in when it was in force on some day: approved, or stopped since. */
const DECIDED_STATES = ['approved', 'stopped'];
const RELIEF_OF_SERVICE: Readonly<Record<string, PortalRelief>> = { [RELIEF_SERVICE_IDS.dibao]: 'dibao', [RELIEF_SERVICE_IDS.tekun]: 'tekun' };

/** Whether a decision was in force on `day`: approved on or before it, not stopped by then (a stop after the death, as 身后一件事 makes, leaves it in force that day). */
export function inForceOn(decision: Pick<PersonDecision, 'approvedAt' | 'stoppedAt'>, day: string): boolean {
  if (decision.approvedAt === null || chinaDate(new Date(decision.approvedAt)) > day) return false;
  return decision.stoppedAt === null || chinaDate(new Date(decision.stoppedAt)) > day;
}

/**
 * This portal's 低保 and 特困 decisions in force on `day` in `district` for the person with
 * `idNumber` (normalised), as the applicant or a member of the household: found by keyed hashes only.
 */
export async function portalReliefOf(deps: Pick<CaseDeps, 'db' | 'crypto'>, idNumber: string, district: string, day: string): Promise<PortalRelief[]> {
  const decisions = await decisionsAboutPerson(deps.db, {
    personHash: deps.crypto.lookupHash(idNumber, PERSON_HASH_CONTEXT),
    applicantHash: deps.crypto.lookupHash(idNumber, ID_HASH_CONTEXT),
    services: Object.keys(RELIEF_OF_SERVICE),
    states: DECIDED_STATES,
    approve: 'approve',
    stop: 'stop',
  });
  const officeOf = SOCIAL_RELIEF_DISTRICTS.find((candidate) => candidate.id === district)?.office;
  const found = decisions.filter((decision) => decision.office === officeOf && inForceOn(decision, day)).flatMap((decision) => (RELIEF_OF_SERVICE[decision.service] ? [RELIEF_OF_SERVICE[decision.service] as PortalRelief] : []));
  return [...new Set(found)];
}

/** The booked items priced by the home's list in force `today`: price × quantity. */
export function pricedItems(rules: RuleBook, check: Pick<ExemptionCheck, 'home' | 'items'>, today: string): BookedItem[] {
  const rows = rules.rows(FUNERAL_PRICE_LISTS_TABLE);
  return check.items.map((entry) => ({ item: entry.item, chargedFen: (priceOf(rows, check.home, entry.item, today)?.priceFen ?? 0) * entry.quantity }));
}

/** The request checked against today's price lists: the schema's answer. */
export function parseExemptionCheck(deps: Pick<CaseDeps, 'now' | 'rules'>, input: unknown): { ok: true; check: ExemptionCheck } | { ok: false; reason: 'invalid'; error: ZodError } {
  const rules = deps.rules ?? sourceRuleBook();
  const parsed = exemptionCheckSchema({ today: chinaDate(deps.now()), priceLists: rules.rows(FUNERAL_PRICE_LISTS_TABLE) }).safeParse(input);
  return parsed.success ? { ok: true, check: parsed.data } : { ok: false, reason: 'invalid', error: parsed.error };
}

/** The decision for a checked request: the phone's proof first, then what the portal holds. */
export async function decideExemptionCheck(deps: Pick<CaseDeps, 'db' | 'crypto' | 'now' | 'rules'>, check: ExemptionCheck): Promise<ExemptionCheckResult> {
  const today = chinaDate(deps.now());
  const rules = deps.rules ?? sourceRuleBook();
  // The phone confirmed before anything about the person is looked up (docs/decisions/019).
  if (!(await proofHolds(deps, check.contact.phoneProof, check.contact.phone))) return { ok: false, reason: 'phone-not-confirmed' };
  const district = funeralHome(check.home)?.district ?? '';
  const { deceased } = check;
  const idNumber = deceased.unidentified ? undefined : deceased.idNumber;
  // The portal's decisions are read only to confirm what the family says.
  const portalRelief = idNumber !== undefined && check.claims.relief ? await portalReliefOf(deps, idNumber, district, deceased.diedOn) : [];
  const decision = decideExemption(
    rules.rows(FEE_EXEMPTIONS_TABLE),
    {
      district,
      idRegionCode: idNumber?.slice(0, 6),
      registeredHere: deceased.registeredHere,
      portalRelief,
      claimsRelief: check.claims.relief,
      claimsYoufu: check.claims.youfu,
      unidentified: deceased.unidentified,
    },
    pricedItems(rules, check, today),
    deceased.diedOn,
  );
  return { ok: true, check, decision };
}

/** The whole check: what the booking journey calls. */
export async function checkExemption(deps: Pick<CaseDeps, 'db' | 'crypto' | 'now' | 'rules'>, input: unknown): Promise<ExemptionCheckResult> {
  const parsed = parseExemptionCheck(deps, input);
  return parsed.ok ? decideExemptionCheck(deps, parsed.check) : parsed;
}
