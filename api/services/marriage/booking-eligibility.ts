/**
 * Whether a person may book now, asked on the page where their ID number is entered: a person who
 * missed too many appointments lately is told there, with why, until when and whom to call, rather
 * than only on the check page after every other answer (docs/decisions/023). The booking itself
 * asks the same rule again (booking-service.ts).
 */
import { missedDaysSince } from '../../db/booking.repo.ts';
import { bookingSuspendedUntil, noShowLookback } from '../../engine/booking/no-show-rule.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { parseIdDocument, type IdDocumentType } from '../../domain/identity/id-document.ts';
import { PERSON_HASH_CONTEXT, type CaseDeps } from '../../cases/case-service.ts';

export type PersonCheck = { ok: true } | { ok: false; reason: 'invalid-id' } | { ok: false; reason: 'suspended'; until: string };

/** The last day a person (by their document) may not book, if they are suspended after no-shows. */
export async function checkPersonMayBook(deps: Pick<CaseDeps, 'db' | 'crypto' | 'now'>, person: { idType: IdDocumentType; idNumber: string }): Promise<PersonCheck> {
  const today = chinaDate(deps.now());
  const parsed = parseIdDocument(person.idType, person.idNumber, today);
  if (!parsed.ok) return { ok: false, reason: 'invalid-id' };
  // The same keyed hash the booking gives the person (of the normalised number).
  const hash = deps.crypto.lookupHash(parsed.document.value, PERSON_HASH_CONTEXT);
  const missed = await missedDaysSince(deps.db, [hash], noShowLookback(today));
  const until = bookingSuspendedUntil(missed.get(hash) ?? [], today);
  return until ? { ok: false, reason: 'suspended', until } : { ok: true };
}
