/**
 * Confirming that a person holds a mobile phone, for any service (docs/decisions/019): a one-time
 * code is sent by text message (queued in the outbox in the transaction that records it), and the
 * code typed back gives a proof, a random token bound to that phone, which a service's request
 * carries to show the phone was confirmed. The rules are the pure domain's
 * (domain/verification/phone-code.ts); the counts are kept in the database, so every process agrees.
 *
 * Nothing stored can be used if read: the phone and the code are keyed hashes (the code's bound to
 * its row, so equal codes never hash alike), the proof a hash of its token, and the code travels
 * only encrypted in the outbox until the message is rendered for sending.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hitRateLimit } from '../db/request-guards.repo.ts';
import { confirmCode, newestCodeMessage, proofHeld, recordPhoneCode, removeStalePhoneCodes, takeCodeTry } from '../db/phone-verifications.repo.ts';
import type { Database } from '../db/schema.ts';
import { clientNetwork } from '../domain/staff/sign-in-throttle.ts';
import { codeExpiresAt, codeFromNumber, PHONE_CODE_RULES, proofExpiresAt, triesLeft, type ClosedCode } from '../domain/verification/phone-code.ts';
import type { Locale } from '../i18n/index.ts';
import { OUTBOX_RECIPIENT_CONTEXT, OUTBOX_SECRET_PARAM_CONTEXT } from '../notifications/delivery.ts';
import { maskPhone, type FieldCrypto } from '../platform/field-crypto.ts';

/** The phone's keyed hash in phone_verifications (and what a proof is bound to). */
export const VERIFIED_PHONE_CONTEXT = 'phone_verifications.phone';
const CODE_CONTEXT = 'phone_verifications.code';
const CLIENT_CONTEXT = 'phone_verifications.client';

export interface PhoneCodeDeps {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  now: () => Date;
}

export type SendResult =
  | { ok: true; sentTo: string; expiresAt: string }
  /** A limit is reached (`phone`: codes to this number; `client`: codes asked from this address): try after `retryAt`. */
  | { ok: false; reason: 'too-many'; limit: 'phone' | 'client'; retryAt: string };

/**
 * Sends a new code to `phone` (normalised: 11 digits), counted against the client address's limit
 * first and then the phone's; a refused request sends nothing. The code replaces any code sent
 * to the phone before.
 */
export async function sendPhoneCode(deps: PhoneCodeDeps, phone: string, lang: Locale, client: { address: string | null; limitPerClient: number }): Promise<SendResult> {
  const now = deps.now();
  const window = { windowMs: PHONE_CODE_RULES.limitWindowMs, now };
  const clientKey = deps.crypto.lookupHash(clientNetwork(client.address), CLIENT_CONTEXT);
  const byClient = await hitRateLimit(deps.db, `phone-code:client:${clientKey}`, { ...window, limit: client.limitPerClient });
  if (!byClient.allowed) return { ok: false, reason: 'too-many', limit: 'client', retryAt: byClient.resetAt };
  const phoneHash = deps.crypto.lookupHash(phone, VERIFIED_PHONE_CONTEXT);
  const byPhone = await hitRateLimit(deps.db, `phone-code:phone:${phoneHash}`, { ...window, limit: PHONE_CODE_RULES.perPhone });
  if (!byPhone.allowed) return { ok: false, reason: 'too-many', limit: 'phone', retryAt: byPhone.resetAt };

  const code = codeFromNumber(randomInt(0, 10 ** PHONE_CODE_RULES.digits));
  const expiresAt = codeExpiresAt(now);
  await recordPhoneCode(deps.db, { phoneHash, createdAt: now, expiresAt }, (id) => codeHash(deps.crypto, id, code), {
    channel: 'sms',
    template: 'verification.phoneCode',
    lang,
    recipientEnc: deps.crypto.encrypt(phone, OUTBOX_RECIPIENT_CONTEXT),
    params: { codeEnc: deps.crypto.encrypt(code, OUTBOX_SECRET_PARAM_CONTEXT) },
  });
  return { ok: true, sentTo: maskPhone(phone), expiresAt: expiresAt.toISOString() };
}

const codeHash = (crypto: Pick<FieldCrypto, 'lookupHash'>, id: string, code: string) => crypto.lookupHash(`${id}:${code}`, CODE_CONTEXT);
const proofHash = (proof: string) => createHash('sha256').update(proof).digest('base64url');

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export type ConfirmResult =
  | { ok: true; proof: string; expiresAt: string }
  /** `wrong`: the code does not match (`triesLeft` more may be made on it); otherwise why no try could be made. */
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: ClosedCode | 'none' };

/**
 * Confirms the code typed for `phone` (both normalised). The try is counted before the code is
 * compared (in constant time); a matching code confirms once and gives a proof for the phone,
 * valid for PHONE_CODE_RULES.proofValidForMs.
 */
export async function confirmPhoneCode(deps: PhoneCodeDeps, phone: string, code: string): Promise<ConfirmResult> {
  const now = deps.now();
  const phoneHash = deps.crypto.lookupHash(phone, VERIFIED_PHONE_CONTEXT);
  const taken = await takeCodeTry(deps.db, phoneHash, { now, maxTries: PHONE_CODE_RULES.maxTries });
  if (!taken.taken) return { ok: false, reason: taken.reason };
  // Every open code is compared, so the time taken does not depend on which one matches.
  const matching = taken.codes.filter((open) => sameHash(codeHash(deps.crypto, open.id, code), open.codeHash));
  const match = matching[0];
  if (!match) return { ok: false, reason: 'wrong', triesLeft: triesLeft(Math.max(...taken.codes.map((open) => open.tries))) };
  const proof = randomBytes(32).toString('base64url');
  const expiresAt = proofExpiresAt(now);
  if (!(await confirmCode(deps.db, match.id, { hash: proofHash(proof), confirmedAt: now, expiresAt }))) return { ok: false, reason: 'used' };
  return { ok: true, proof, expiresAt: expiresAt.toISOString() };
}

/** Whether `proof` was given for `phone` (normalised) and still holds. A read only: a proof serves the whole journey. */
export async function proofHolds(deps: PhoneCodeDeps, proof: string, phone: string): Promise<boolean> {
  return (await proofHeldFor(deps, proof, phone)) !== undefined;
}

/** Until when `proof` holds for `phone` (normalised), or undefined when it does not: a read only, as proofHolds. */
export async function proofHeldFor(deps: PhoneCodeDeps, proof: string, phone: string): Promise<{ expiresAt: string } | undefined> {
  const held = await proofHeld(deps.db, proofHash(proof), deps.now());
  return held !== undefined && sameHash(held.phoneHash, deps.crypto.lookupHash(phone, VERIFIED_PHONE_CONTEXT)) ? { expiresAt: held.expiresAt } : undefined;
}

/** The periodic sweep: codes and proofs of phones never seen again go once no proof of theirs can hold. */
export function sweepStalePhoneCodes(deps: Pick<PhoneCodeDeps, 'db' | 'now'>): Promise<number> {
  return removeStalePhoneCodes(deps.db, deps.now());
}

/** Development only (/dev/phone-codes): the newest code sent to `phone`, read from its message. */
export async function newestCodeSentTo(deps: PhoneCodeDeps, phone: string): Promise<{ code: string; sentAt: string; expiresAt: string } | undefined> {
  const message = await newestCodeMessage(deps.db, deps.crypto.lookupHash(phone, VERIFIED_PHONE_CONTEXT));
  if (!message) return undefined;
  const params = JSON.parse(message.paramsJson) as { codeEnc?: string };
  if (!params.codeEnc) return undefined;
  return { code: deps.crypto.decrypt(params.codeEnc, OUTBOX_SECRET_PARAM_CONTEXT), sentAt: message.createdAt, expiresAt: message.expiresAt };
}
