/**
 * Evidence the portal already holds in place of a file (docs/decisions/074): a document an
 * application needs (the eco-burial subsidy's cremation certificate) that the portal recorded itself
 * in another case (the funeral booking whose home recorded the certificate). Found by the service's
 * `evidenceOnRecord` hook; what it means for the files an application needs is here. Pure.
 */

/** One document found on the portal's own record. */
export interface EvidenceOnRecord {
  /** The upload purpose it stands for (`cremationCertificate`): no file of it is needed then. */
  purpose: string;
  /** The portal's case it was found in, its tracking number formatted (for staff: "预约 …"). */
  trackingNumber: string;
  /**
   * Where it was recorded, a translation key (the funeral home's name). Never the document's own
   * number: that stays sealed where it was recorded.
   */
  place: string;
}

/** The files an application needs by purpose, with each purpose found on record needing none. */
export function filesNeededBeside(needed: Readonly<Record<string, number>>, found: readonly Pick<EvidenceOnRecord, 'purpose'>[]): Record<string, number> {
  const onRecord = new Set(found.map((evidence) => evidence.purpose));
  return Object.fromEntries(Object.entries(needed).map(([purpose, min]) => [purpose, onRecord.has(purpose) ? 0 : min]));
}

/**
 * The evidence a service found, kept only for purposes it takes files for, once each: a hook that
 * answered a purpose the journey has no step for would excuse nothing and must not be stored.
 */
export function evidenceForPurposes(found: readonly EvidenceOnRecord[], purposes: readonly string[]): EvidenceOnRecord[] {
  const kept: EvidenceOnRecord[] = [];
  for (const evidence of found) if (purposes.includes(evidence.purpose) && !kept.some((other) => other.purpose === evidence.purpose)) kept.push(evidence);
  return kept;
}
