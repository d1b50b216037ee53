/**
 * The handler's phone, confirmed by a code on the bundle's journey (docs/decisions/019, 076): the
 * confirm-phones step kind for one party, `handler`. The draft keeps the code sent
 * (`phoneCodeSent.handler`) and the confirmation (`phoneProof.handler`: the phone, the proof, its
 * expiry), each only while it is for the phone as now answered; the submission sends the proof beside
 * the application and the route checks it. Pure: the moment comes in.
 */
import { MobilePhone } from '../../domain/identity/person-fields.ts';
import type { FlatAnswers } from '../../domain/journey.ts';
import type { PhoneRules } from '../service-package.ts';

/** The one party whose phone the journey confirms. */
export const HANDLER = 'handler';
export const HANDLER_CODE_SENT = `phoneCodeSent.${HANDLER}`;
export const HANDLER_PROOF = `phoneProof.${HANDLER}`;

/** The handler's phone as the API reads it ('' while missing or mistyped). */
export function handlerPhone(answers: FlatAnswers): string {
  const parsed = MobilePhone.safeParse(answers['handler.phone'] ?? '');
  return parsed.success ? parsed.data : '';
}

/** What the draft keeps of a code sent or a confirmation: for the phone it was given for. */
interface Kept {
  phone: string;
  expiresAt: string;
  proof?: string;
}

function kept(answers: FlatAnswers, key: string): Kept | undefined {
  const raw = answers[key];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Kept>;
    return typeof value.phone === 'string' && typeof value.expiresAt === 'string' && value.phone === handlerPhone(answers) ? { phone: value.phone, expiresAt: value.expiresAt, ...(typeof value.proof === 'string' ? { proof: value.proof } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** The handler's confirmation while it holds at `now`: the proof the submission sends, and until when. */
export function handlerProof(answers: FlatAnswers, now: Date): { phone: string; proof: string; expiresAt: string } | undefined {
  const confirmed = kept(answers, HANDLER_PROOF);
  return confirmed?.proof && Date.parse(confirmed.expiresAt) > now.getTime() ? { phone: confirmed.phone, proof: confirmed.proof, expiresAt: confirmed.expiresAt } : undefined;
}

export const handlerPhoneRules: PhoneRules = {
  parties: () => [HANDLER],
  toConfirm: (answers, now) => (handlerProof(answers, now) ? [] : [HANDLER]),
  phoneOf: (answers) => handlerPhone(answers),
  codeSent: (answers) => kept(answers, HANDLER_CODE_SENT) !== undefined,
  confirmed: (answers, _party, now) => handlerProof(answers, now) !== undefined,
  shared: () => false,
  codeSentKey: (party) => `phoneCodeSent.${party}`,
  proofKey: (party) => `phoneProof.${party}`,
  changeStep: () => 'handler',
};
