/**
 * The booking's phones step (docs/decisions/019), through the API: codes sent to each phone not yet
 * confirmed (a POST, never on a GET), then the codes typed on one page, each checked on its own, a
 * confirmed phone's proof kept in the draft. Which parties and what the draft keeps is the
 * journey's (api/services/marriage/journey.ts).
 */
import type { AstroGlobal } from 'astro';
import { ZodError } from 'zod';
import type { FlatAnswers } from '../../api/domain/journey.ts';
import { PhoneCodeSchema } from '../../api/domain/verification/phone-code.ts';
import { fieldErrors } from '../../api/http/api-error.ts';
import { translator } from '../../api/i18n/index.ts';
import { maskPhone } from '../../api/platform/field-crypto.ts';
import { codeSentTo, phoneConfirmation, phoneOf, phoneParties, phonesToConfirm, sharesFirstPhone, type Party } from '../../api/services/marriage/journey.ts';
import { UnexpectedApiAnswer } from './api.ts';
import type { FieldMessage } from './forms.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export const codeField = (party: Party) => `phoneCode.${party}`;

/** How each party's phone stands on the page: confirmed, a code to type, or no code sent yet. */
export interface PhoneLine {
  party: Party;
  name: string;
  /** Masked: 139****0001. */
  phone: string;
  state: 'confirmed' | 'code' | 'unsent';
  /** The second person gave the first person's phone: it is confirmed with the first's code. */
  shared: boolean;
}

export function phoneLines(answers: FlatAnswers, now = new Date()): PhoneLine[] {
  const toConfirm = phonesToConfirm(answers, now);
  return phoneParties(answers).map((party) => {
    const shared = sharesFirstPhone(answers, party);
    const confirmed = shared ? !toConfirm.includes('partyA') : !toConfirm.includes(party) && phoneConfirmation(answers, party, now) !== undefined;
    const state = confirmed ? 'confirmed' : codeSentTo(answers, shared ? 'partyA' : party) ? 'code' : 'unsent';
    return { party, name: answers[`${party}.name`] ?? '', phone: maskPhone(phoneOf(answers, party)), state, shared };
  });
}

/** Whether the page asks for codes (one was sent to a phone not yet confirmed), rather than offering to send them. */
export const asksForCodes = (answers: FlatAnswers, now = new Date()) => phonesToConfirm(answers, now).some((party) => codeSentTo(answers, party));

/**
 * Sends a new code to each of `parties`' phones; the answers keep each code sent. A limit reached is
 * a problem on that party's code field, with when to try again.
 */
export async function sendCodes(astro: Astro, answers: Record<string, string>, parties: readonly Party[]): Promise<{ answers: Record<string, string>; problems: FieldMessage[]; sentTo: string[] }> {
  const next = { ...answers };
  const problems: FieldMessage[] = [];
  const sentTo: string[] = [];
  for (const party of parties) {
    const phone = phoneOf(answers, party);
    const response = await astro.locals.portal.api['phone-codes'].$post({ json: { phone } });
    if (response.status === 202) {
      const sent = (await response.json()) as { sentTo: string; expiresAt: string };
      next[`phoneCodeSent.${party}`] = JSON.stringify({ phone, expiresAt: sent.expiresAt });
      sentTo.push(sent.sentTo);
    } else if (response.status === 429) {
      const refused = (await response.json()) as { error: { message: string } };
      problems.push({ field: codeField(party), message: refused.error.message });
    } else throw new UnexpectedApiAnswer(`POST /phone-codes answered ${String((response as Response).status)}`);
  }
  return { answers: next, problems, sentTo };
}

/**
 * Checks each code typed for a phone not yet confirmed, each on its own: a right one confirms its
 * phone (its proof kept in the answers) whatever the other; a wrong, expired or used one is a
 * problem on its field. What was typed stays for the page to show again.
 */
export async function confirmCodes(astro: Astro, answers: Record<string, string>, typed: Partial<Record<Party, string>>): Promise<{ answers: Record<string, string>; problems: FieldMessage[] }> {
  const { lang } = astro.locals.portal;
  const next = { ...answers };
  const problems: FieldMessage[] = [];
  for (const party of phonesToConfirm(answers, new Date())) {
    const field = codeField(party);
    const parsed = PhoneCodeSchema.safeParse(typed[party] ?? '');
    if (!parsed.success) {
      const [message] = fieldErrors(new ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ['phoneCode', party] }))), lang);
      problems.push({ field, message: message?.message ?? translator(lang)('errors.badRequest') });
      continue;
    }
    const phone = phoneOf(answers, party);
    const response = await astro.locals.portal.api['phone-codes'].confirm.$post({ json: { phone, code: parsed.data } });
    if (response.status === 200) {
      const confirmed = (await response.json()) as { proof: string; expiresAt: string };
      next[`phoneProof.${party}`] = JSON.stringify({ phone, proof: confirmed.proof, expiresAt: confirmed.expiresAt });
      delete next[`phoneCodeSent.${party}`];
    } else if (response.status === 422) {
      const refused = (await response.json()) as { error: { message: string; fields?: FieldMessage[] } };
      problems.push({ field, message: refused.error.fields?.[0]?.message ?? refused.error.message });
    } else throw new UnexpectedApiAnswer(`POST /phone-codes/confirm answered ${String((response as Response).status)}`);
  }
  return { answers: next, problems };
}

/** The answers without the parties' confirmations (the booking refused them): the step asks again. */
export function withoutConfirmations(answers: FlatAnswers, parties: readonly Party[]): Record<string, string> {
  const next = { ...answers };
  for (const party of parties) {
    delete next[`phoneProof.${party}`];
    delete next[`phoneCodeSent.${party}`];
  }
  return next;
}

export type PhonesStepOutcome =
  /** Every phone is confirmed: on to the next step. */
  | { kind: 'done'; answers: Record<string, string> }
  /** Codes were sent: the page asks for them (`query` says what was sent). */
  | { kind: 'sent'; answers: Record<string, string>; query: string }
  /** Shown again (422) with each problem by its field and the codes as typed. */
  | { kind: 'refused'; answers: Record<string, string>; problems: FieldMessage[]; typed: Record<string, string> };

/**
 * What the phones step's forms ask (their `action`): `send` the codes to every phone not yet
 * confirmed, `resend` one to `party`'s phone, or (the main form) confirm the codes typed.
 */
export async function postPhonesStep(astro: Astro, answers: Record<string, string>, form: FormData): Promise<PhonesStepOutcome> {
  const action = String(form.get('action') ?? '');
  const toConfirm = phonesToConfirm(answers, new Date());
  if (action === 'send' || action === 'resend') {
    const party = String(form.get('party') ?? '');
    const parties = action === 'resend' ? toConfirm.filter((candidate) => candidate === party) : toConfirm;
    const sent = await sendCodes(astro, answers, parties);
    if (sent.problems.length > 0) return { kind: 'refused', answers: sent.answers, problems: sent.problems, typed: {} };
    return { kind: 'sent', answers: sent.answers, query: action === 'resend' && parties[0] ? `resent=${parties[0]}` : 'sent=1' };
  }
  const typed: Partial<Record<Party, string>> = {};
  for (const party of toConfirm) typed[party] = String(form.get(codeField(party)) ?? '').slice(0, 100);
  const confirmed = await confirmCodes(astro, answers, typed);
  if (confirmed.problems.length === 0 && phonesToConfirm(confirmed.answers, new Date()).length === 0) return { kind: 'done', answers: confirmed.answers };
  return { kind: 'refused', answers: confirmed.answers, problems: confirmed.problems, typed: Object.fromEntries(Object.entries(typed).map(([party, code]) => [codeField(party as Party), code])) };
}
