/**
 * The cremation certificate from the portal's own record (docs/decisions/072, for the eco-burial
 * subsidy of 061 and 身后一件事): when the cremation was booked here and the home recorded the
 * certificate's number, a service that needs the certificate asks this instead of asking the family
 * for a photo of it.
 *
 * A death must never be matched to the wrong person, so the record is found by BOTH the deceased's
 * ID number (its keyed hash: case_people) AND the number of the 居民死亡医学证明 the booking gave —
 * never by one alone. Either differing, or no certificate recorded yet: nothing is found, and the
 * caller asks for the upload as before.
 */
import type { Kysely } from 'kysely';
import { cremationRecordsOfPerson } from '../../db/funeral-home-day.repo.ts';
import type { Database } from '../../db/schema.ts';
import { formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { normaliseResidentId } from '../../domain/identity/resident-id.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import { ANSWERS_CONTEXT, PERSON_HASH_CONTEXT } from '../../cases/crypto-contexts.ts';
import type { FuneralBooking } from './booking.schema.ts';
import { CREMATION_CERTIFICATE_CONTEXT } from './home-day.schema.ts';
import { homeNameKey } from './words.ts';

/** A death certificate number as both schemas compare it: no spaces or hyphens, half-width, upper case. */
export const comparableCertificateNumber = (typed: string): string => typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();

export interface CremationOnRecord {
  /** The funeral booking's tracking number (shown to the family: "found in booking …"). */
  bookingTrackingNumber: string;
  /** The cremation certificate's number as the home recorded it (for staff; masked in views). */
  certificateNumber: string;
  /** The home that recorded it (funeral:homes.<id>.name names it). */
  home: string;
}

export async function cremationOnRecord(deps: { db: Kysely<Database>; crypto: FieldCrypto }, deceased: { idNumber: string; deathCertificateNumber: string }): Promise<CremationOnRecord | undefined> {
  const hash = deps.crypto.lookupHash(normaliseResidentId(deceased.idNumber), PERSON_HASH_CONTEXT);
  const wanted = comparableCertificateNumber(deceased.deathCertificateNumber);
  for (const row of await cremationRecordsOfPerson(deps.db, hash)) {
    const booking = JSON.parse(deps.crypto.decrypt(row.answers_enc, ANSWERS_CONTEXT)) as FuneralBooking;
    // The hash found the person; the certificate number must be theirs too (a mistyped ID number that hashes to another booking never matches both).
    if (comparableCertificateNumber(booking.deceased.certificate.number) !== wanted) continue;
    if (normaliseResidentId(booking.deceased.idNumber) !== normaliseResidentId(deceased.idNumber)) continue;
    return { bookingTrackingNumber: formatTrackingNumber(row.tracking_number), certificateNumber: deps.crypto.decrypt(row.number_enc, CREMATION_CERTIFICATE_CONTEXT), home: booking.home };
  }
  return undefined;
}

/**
 * What another service may take from the record (docs/decisions/074): the booking's tracking number
 * and the home's name (a translation key), never the certificate's number, which stays sealed here.
 */
export async function cremationReference(deps: { db: Kysely<Database>; crypto: FieldCrypto }, deceased: { idNumber: string; deathCertificateNumber: string }): Promise<{ trackingNumber: string; place: string } | undefined> {
  const found = await cremationOnRecord(deps, deceased);
  return found ? { trackingNumber: found.bookingTrackingNumber, place: homeNameKey(found.home) } : undefined;
}
