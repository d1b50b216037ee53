/**
 * The handler's phone, confirmed by a code on the bundle's journey (docs/decisions/019, 076): the
 * confirm-phones step for one party, `handler` (../one-party-phone.ts); the submission sends the
 * proof beside the application and the route checks it.
 */
import { onePartyPhone } from '../one-party-phone.ts';

/** The one party whose phone the journey confirms. */
export const HANDLER = 'handler';
const handlerPhoneOf = onePartyPhone(HANDLER, 'handler.phone', 'handler');
export const HANDLER_CODE_SENT = handlerPhoneOf.codeSentKey;
export const HANDLER_PROOF = handlerPhoneOf.proofKey;
export const handlerPhone = handlerPhoneOf.phoneOf;
export const handlerProof = handlerPhoneOf.proof;
export const handlerPhoneRules = handlerPhoneOf.rules;
