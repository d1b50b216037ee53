/**
 * One party's phone confirmed by a code on a journey (docs/decisions/019): the confirm-phones step
 * kind's rules (PhoneRules) for a journey that confirms a single phone — the family's contact of a
 * funeral booking, the handler of 身后一件事. The draft keeps the code sent (`phoneCodeSent.<party>`)
 * and the confirmation (`phoneProof.<party>`: the phone, the proof, its expiry), each only while it
 * is for the phone as now answered; the submission sends the proof. Pure: the moment comes in.
 */
import { MobilePhone } from '../domain/identity/person-fields.ts';
import type { FlatAnswers } from '../domain/journey.ts';
import type { PhoneRules } from './service-package.ts';

/** What the draft keeps of a code sent or a confirmation: for the phone it was given for. */
interface Kept {
  phone: string;
  expiresAt: string;
  proof?: string;
}

export interface OnePartyPhone {
  party: string;
  /** The answer keys of the code sent and of the confirmation (what a change of the phone invalidates). */
  codeSentKey: string;
  proofKey: string;
  /** The phone as the API reads it ('' while missing or mistyped). */
  phoneOf(answers: FlatAnswers): string;
  /** The confirmation while it holds at `now`, for the phone as now answered. */
  proof(answers: FlatAnswers, now: Date): { phone: string; proof: string; expiresAt: string } | undefined;
  rules: PhoneRules;
}

/** The rules for `party`, whose phone is the answer `phoneField`, changed on `changeStep`. */
export function onePartyPhone(party: string, phoneField: string, changeStep: string): OnePartyPhone {
  const codeSentKey = `phoneCodeSent.${party}`;
  const proofKey = `phoneProof.${party}`;
  const phoneOf = (answers: FlatAnswers): string => {
    const parsed = MobilePhone.safeParse(answers[phoneField] ?? '');
    return parsed.success ? parsed.data : '';
  };
  const kept = (answers: FlatAnswers, key: string): Kept | undefined => {
    const raw = answers[key];
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as Partial<Kept>;
      if (typeof value.phone !== 'string' || typeof value.expiresAt !== 'string' || value.phone !== phoneOf(answers)) return undefined;
      return { phone: value.phone, expiresAt: value.expiresAt, ...(typeof value.proof === 'string' ? { proof: value.proof } : {}) };
    } catch {
      return undefined;
    }
  };
  const proof = (answers: FlatAnswers, now: Date) => {
    const confirmed = kept(answers, proofKey);
    return confirmed?.proof && Date.parse(confirmed.expiresAt) > now.getTime() ? { phone: confirmed.phone, proof: confirmed.proof, expiresAt: confirmed.expiresAt } : undefined;
  };
  return {
    party,
    codeSentKey,
    proofKey,
    phoneOf,
    proof,
    rules: {
      parties: () => [party],
      toConfirm: (answers, now) => (proof(answers, now) ? [] : [party]),
      phoneOf: (answers) => phoneOf(answers),
      codeSent: (answers) => kept(answers, codeSentKey) !== undefined,
      confirmed: (answers, _party, now) => proof(answers, now) !== undefined,
      shared: () => false,
      codeSentKey: (which) => `phoneCodeSent.${which}`,
      proofKey: (which) => `phoneProof.${which}`,
      changeStep: () => changeStep,
    },
  };
}
