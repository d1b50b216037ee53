/**
 * Proof that a reader has opened a case: a short-lived token, bound to the tracking number and
 * keyed with the portal secret, given with every answer that shows the case and sent back with the
 * next page of it (moving a visit, booking a second one, withdrawing). The lookup limit per tracking
 * number counts attempts to open a case, not pages of one already opened (docs/decisions/023). It
 * carries nothing personal, so it may sit in a form's hidden field; it opens nothing by itself: every
 * request still gives the second factor.
 */
import { timingSafeEqual } from 'node:crypto';
import { checkTrackingNumber } from '../domain/cases/tracking-number.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';

/** How long a token counts as proof after the answer that gave it: longer than a reader takes over a few pages. */
export const LOOKUP_TOKEN_MS = 30 * 60_000;

const CONTEXT = 'track.lookup-token';

const mac = (crypto: FieldCrypto, number: string, expires: number) => crypto.lookupHash(`${number}\n${expires}`, CONTEXT);

/** A token for the case with this tracking number, valid LOOKUP_TOKEN_MS from `now`. */
export function issueLookupToken(crypto: FieldCrypto, trackingInput: string, now: Date): string | undefined {
  const checked = checkTrackingNumber(trackingInput);
  if (!checked.ok) return undefined;
  const expires = Math.floor((now.getTime() + LOOKUP_TOKEN_MS) / 1000);
  return `${expires}.${mac(crypto, checked.value, expires)}`;
}

/** Whether `token` was issued by this portal for this tracking number and has not expired. */
export function isLookupTokenFor(crypto: FieldCrypto, token: string | undefined, trackingInput: string, now: Date): boolean {
  if (!token) return false;
  const checked = checkTrackingNumber(trackingInput);
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!checked.ok || !match?.[1] || !match[2]) return false;
  const expires = Number(match[1]);
  if (expires * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(mac(crypto, checked.value, expires));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
