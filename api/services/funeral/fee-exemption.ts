/**
 * The funeral fee exemption decided (惠民殡葬, docs/decisions/065): which of a booking's items are
 * waived, by how much and why, from the district's scheme in force on the day of death
 * (fee-exemption-table.ts) and the facts the portal holds or the family states. Pure: the rows, the
 * facts, the items and the day are arguments.
 *
 * A ground is decided from what the portal can stand behind:
 * - an unidentified body (the police's notice travels with it: the home sees it);
 * - a 低保 or 特困 decision of this portal in force on the day of death, for the deceased or their
 *   household, in the district (found by the use case, exemption-check.ts, only when the family says
 *   the household had one: the portal confirms a claim, it does not volunteer a status);
 * - under an all-residents scheme, the household registration: the family's own answer (the
 *   户口簿 is shown at the home, as these schemes waive on ID and registration), or else the ID
 *   number's region code.
 * What the portal cannot check — a 优抚 status (it holds no 优抚 records), a relief decision it did
 * not make, a registration nobody stated where the ID number says elsewhere — is 'cannot-decide',
 * naming what is missing: the manual claim (fee-exemption-claim.ts) or one more answer. What would be
 * waived if the claim is confirmed is given with it, so the family knows what is at stake.
 *
 * Only basic services the scheme covers are waived; an optional service never is. A cap is per
 * deceased, spent on the covered items in the national list's order (so the answer does not depend
 * on the order a booking lists them in).
 */
import { rowOn, type RuleRow } from '../../engine/rules/rule-table.ts';
import { BASIC_SERVICES, isBasicService, type BasicService } from './catalogue.ts';
import type { ExemptionGroup, ExemptionScheme, FeeExemptionValue } from './fee-exemption-table.ts';

/** Relief the portal decides and can find: 低保 and 特困. */
export type PortalRelief = 'dibao' | 'tekun';

export interface ExemptionFacts {
  /** The district whose scheme applies: where the funeral is arranged (the home's). */
  district: string;
  /** The first 6 digits of the deceased's resident ID number; absent for an unidentified body. */
  idRegionCode?: string | undefined;
  /** The family's answer: registered (户籍) in the district, elsewhere, or not said. */
  registeredHere?: boolean | undefined;
  /** This portal's 低保 or 特困 decisions in force on the day of death in the district, for the deceased or their household. */
  portalRelief: readonly PortalRelief[];
  /** The family says the deceased or their household received 低保 or 特困. */
  claimsRelief: boolean;
  /** The family says the deceased was of a 优抚 family (重点优抚对象). */
  claimsYoufu: boolean;
  /** An unidentified body (无名遗体), arranged by the police or a hospital. */
  unidentified: boolean;
}

/** A booked item and what it costs (price × quantity on the home's list), fen. */
export interface BookedItem {
  item: string;
  chargedFen: number;
}

export type Ground = 'unidentified' | 'dibao' | 'tekun' | 'resident';
/** A ground the family claims that the portal cannot confirm: relief it did not decide, a 优抚 status, a registration not stated. */
export type Claim = 'relief' | 'youfu' | 'resident';
/** How a ground is known: the family's answer (shown at the home), the ID number, the portal's own relief decision. */
export type GroundBasis = 'declared' | 'id-number' | 'relief-case';
/** What the portal lacks to decide: a manual claim with its proof, or the family's answer on the registration. */
export type Missing = 'relief-proof' | 'youfu-proof' | 'household-registration';

/** A reason a person reads: a key of the `funeral` namespace's `exemption.reasons`, and what it names (amounts in fen, ids). */
export interface ExemptionReason {
  key: ReasonKey;
  values: Record<string, string | number>;
}
export type ReasonKey =
  | 'waived'
  | 'capPartly'
  | 'capReached'
  | 'notCovered'
  | 'optional'
  | 'noGround'
  | 'unconfirmed'
  | 'ground.unidentified'
  | 'ground.dibao'
  | 'ground.tekun'
  | 'ground.resident.declared'
  | 'ground.resident.id-number'
  | 'none.noScheme'
  | 'none.notResident'
  | 'none.notInGroups'
  | 'pending';

export interface ExemptionLine {
  item: string;
  kind: 'basic' | 'optional';
  chargedFen: number;
  waivedFen: number;
  reason: ExemptionReason;
}

/** The scheme a decision followed: the row in force on the day of death. */
export interface SchemeApplied {
  district: string;
  scheme: ExemptionScheme;
  capFen: number | null;
  effectiveFrom: string;
  basis: string;
  example: boolean;
}

export interface Amounts {
  lines: ExemptionLine[];
  chargedFen: number;
  waivedFen: number;
  toPayFen: number;
}

export type ExemptionDecision =
  /** Decided: exempt on `ground` (the lines say what is waived), or not exempt (`ground` null: nothing waived, and why). */
  | ({ outcome: 'decided'; ground: Ground | null; basis: GroundBasis | null; reason: ExemptionReason; scheme: SchemeApplied | null } & Amounts)
  /** The portal cannot decide: what is missing, the ground claimed, and what would be waived if the claim is confirmed; until then, nothing is. */
  | ({ outcome: 'cannot-decide'; missing: Missing[]; claimed: Claim; reason: ExemptionReason; scheme: SchemeApplied; ifConfirmed: Amounts } & Amounts);

const national = (item: string) => (isBasicService(item) ? BASIC_SERVICES.indexOf(item) : BASIC_SERVICES.length);

/** The lines with what `ground` waives under `value` (nothing when `ground` is null), and the totals. */
export function amountsFor(value: FeeExemptionValue | undefined, ground: Ground | Claim | null, items: readonly BookedItem[]): Amounts {
  const covered = (item: string): item is BasicService => value !== undefined && isBasicService(item) && value.items.includes(item);
  let left = value?.capFen ?? Number.POSITIVE_INFINITY;
  const waived = new Map<number, number>();
  // The cap is spent in the national list's order, whatever the booking's.
  const order = items.map((entry, index) => ({ entry, index })).sort((a, b) => national(a.entry.item) - national(b.entry.item) || a.index - b.index);
  for (const { entry, index } of order) {
    if (ground === null || !covered(entry.item)) continue;
    const amount = Math.min(entry.chargedFen, left);
    waived.set(index, amount);
    left -= amount;
  }
  const cap = value?.capFen ?? 0;
  const lines = items.map((entry, index): ExemptionLine => {
    const kind = isBasicService(entry.item) ? 'basic' : 'optional';
    const amount = waived.get(index) ?? 0;
    const line = (key: ReasonKey, values: Record<string, string | number> = {}): ExemptionLine => ({ item: entry.item, kind, chargedFen: entry.chargedFen, waivedFen: amount, reason: { key, values: { item: entry.item, ...values } } });
    if (kind === 'optional') return line('optional');
    if (ground === null) return line('noGround');
    if (!covered(entry.item)) return line('notCovered');
    if (amount === entry.chargedFen) return line('waived', { ground });
    return amount > 0 ? line('capPartly', { capFen: cap }) : line('capReached', { capFen: cap });
  });
  const chargedFen = items.reduce((sum, entry) => sum + entry.chargedFen, 0);
  const waivedFen = lines.reduce((sum, line) => sum + line.waivedFen, 0);
  return { lines, chargedFen, waivedFen, toPayFen: chargedFen - waivedFen };
}

/** Where an all-residents scheme reads the registration from: the family's answer first, then the ID number's region. */
function residenceOf(value: FeeExemptionValue, facts: ExemptionFacts): 'declared' | 'id-number' | 'elsewhere' | 'unknown' {
  if (facts.registeredHere === true) return 'declared';
  if (facts.registeredHere === false) return 'elsewhere';
  if (facts.idRegionCode !== undefined && value.regionCodes.includes(facts.idRegionCode)) return 'id-number';
  return 'unknown';
}

/** The ground the portal can decide on, best first: an unidentified body, its own relief decision (特困 over 低保), the registration. */
function decidedGround(value: FeeExemptionValue, facts: ExemptionFacts): { ground: Ground; basis: GroundBasis } | undefined {
  const has = (group: ExemptionGroup) => value.groups.includes(group);
  if (facts.unidentified && has('unidentified')) return { ground: 'unidentified', basis: 'declared' };
  for (const relief of ['tekun', 'dibao'] as const) if (facts.portalRelief.includes(relief) && has(relief)) return { ground: relief, basis: 'relief-case' };
  if (value.scheme !== 'all-residents' || facts.unidentified) return undefined;
  const residence = residenceOf(value, facts);
  return residence === 'declared' || residence === 'id-number' ? { ground: 'resident', basis: residence } : undefined;
}

/**
 * The exemption for `items` of a deceased who died on `diedOn` (YYYY-MM-DD), by the scheme of
 * `facts.district` in force that day.
 */
export function decideExemption(rows: readonly RuleRow<FeeExemptionValue>[], facts: ExemptionFacts, items: readonly BookedItem[], diedOn: string): ExemptionDecision {
  const row = rowOn(rows, facts.district, diedOn);
  if (!row) return { outcome: 'decided', ground: null, basis: null, reason: { key: 'none.noScheme', values: { district: facts.district } }, scheme: null, ...amountsFor(undefined, null, items) };
  const value = row.value;
  const scheme: SchemeApplied = { district: facts.district, scheme: value.scheme, capFen: value.capFen, effectiveFrom: row.effectiveFrom, basis: row.basis, example: value.example };
  const decided = decidedGround(value, facts);
  if (decided) {
    const reason: ExemptionReason = decided.ground === 'resident' ? { key: `ground.resident.${decided.basis === 'declared' ? 'declared' : 'id-number'}`, values: { district: facts.district } } : { key: `ground.${decided.ground}`, values: { district: facts.district } };
    return { outcome: 'decided', ...decided, reason, scheme, ...amountsFor(value, decided.ground, items) };
  }
  const missing: Missing[] = [];
  const claims: Claim[] = [];
  if (facts.claimsRelief && (value.groups.includes('dibao') || value.groups.includes('tekun'))) {
    missing.push('relief-proof');
    claims.push('relief');
  }
  if (facts.claimsYoufu && value.groups.includes('youfu')) {
    missing.push('youfu-proof');
    claims.push('youfu');
  }
  const residence = residenceOf(value, facts);
  if (value.scheme === 'all-residents' && !facts.unidentified && residence === 'unknown') {
    missing.push('household-registration');
    claims.push('resident');
  }
  const [claimed] = claims;
  if (claimed !== undefined) {
    const pending = amountsFor(undefined, null, items);
    return {
      outcome: 'cannot-decide',
      missing,
      claimed,
      reason: { key: 'pending', values: { district: facts.district } },
      scheme,
      ifConfirmed: amountsFor(value, claimed, items),
      ...pending,
      lines: pending.lines.map((line) => (line.kind === 'basic' && value.items.includes(line.item as BasicService) ? { ...line, reason: { key: 'unconfirmed', values: { item: line.item } } } : line)),
    };
  }
  const reason: ExemptionReason = value.scheme === 'all-residents' ? { key: 'none.notResident', values: { district: facts.district } } : { key: 'none.notInGroups', values: { district: facts.district } };
  return { outcome: 'decided', ground: null, basis: null, reason, scheme, ...amountsFor(value, null, items) };
}
