/**
 * The cremation certificate from the portal's own record (docs/decisions/072, 074): when the
 * cremation was booked on the portal and the home recorded the certificate, the applicant uploads
 * nothing for it. The finding itself is the funeral service's (`cremationReference`); the registry
 * passes it in, so that this service names no other service's code.
 *
 * A death must never be matched to the wrong person: the record is asked for only with BOTH the
 * deceased's resident ID number and the 居民死亡医学证明's number, each well formed by this
 * service's own schema — one alone asks nothing.
 */
import { z } from 'zod';
import type { EvidenceOnRecord } from '../../domain/cases/evidence-on-record.ts';
import { residentIdField } from '../../domain/identity/person-fields.ts';
import type { RecordDeps } from '../case-service.ts';
import { DeathCertificateNumber } from './application.schema.ts';
import { UPLOAD_PURPOSES } from './journey.ts';

/** Who died, as the record is found by: both numbers, normalised as the application's schema keeps them. */
export interface DeceasedOnRecord {
  idNumber: string;
  deathCertificateNumber: string;
}

/** Finds the cremation on the portal's record: the booking's tracking number and the home (a translation key of its name). */
export type CremationLookup = (deps: RecordDeps, deceased: DeceasedOnRecord) => Promise<{ trackingNumber: string; place: string } | undefined>;

/**
 * Both numbers from an application or from the answers so far (nested, unchecked), or nothing
 * while either is missing or not well formed. Pure.
 */
export function deceasedOnRecord(application: unknown, today: string): DeceasedOnRecord | undefined {
  const parsed = z.object({ deceased: z.object({ idNumber: residentIdField(today), deathCertificateNumber: DeathCertificateNumber }) }).safeParse(application);
  return parsed.success ? parsed.data.deceased : undefined;
}

/** The service's `evidenceOnRecord`: the cremation certificate, found by the lookup the registry gives. */
export function cremationEvidence(lookup: CremationLookup): (deps: RecordDeps, application: unknown) => Promise<EvidenceOnRecord[]> {
  return async (deps, application) => {
    const deceased = deceasedOnRecord(application, deps.today);
    if (!deceased) return [];
    const found = await lookup(deps, deceased);
    return found ? [{ purpose: UPLOAD_PURPOSES.cremation, trackingNumber: found.trackingNumber, place: found.place }] : [];
  };
}
