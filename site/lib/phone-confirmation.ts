/**
 * The confirm-phones step kind of the generic journey pages (docs/decisions/019, 034), through the
 * API: codes sent to each phone not yet confirmed (a POST, never on a GET), then the codes typed on
 * one page, each checked on its own, a confirmed phone's proof kept in the draft. Which parties and
 * where the draft keeps what is the service's (its registration's PhoneRules); the step's fields
 * are `phoneCode.<party>`.
 */
import type { AstroGlobal } from 'astro';
import { ZodError } from 'zod';
import type { FlatAnswers } from '../../api/domain/journey.ts';
import { PhoneCodeSchema } from '../../api/domain/verification/phone-code.ts';
import { fieldErrors } from '../../api/http/api-error.ts';
import { translator } from '../../api/i18n/index.ts';
import { maskPhone } from '../../api/platform/field-crypto.ts';
import type { PhoneRules } from '../../api/services/service-package.ts';
import { UnexpectedApiAnswer } from './api.ts';
import type { FieldMessage } from './forms.ts';

type Astro = Pick<AstroGlobal, 'locals'>;
type Party = string;

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

export function phoneLines(rules: PhoneRules, answers: FlatAnswers, now = new Date()): PhoneLine[] {
  const toConfirm = rules.toConfirm(answers, now);
  const parties = rules.parties(answers);
  // A shared phone is the first party's (the one it was given by).
  const first = parties[0] ?? '';
  return parties.map((party) => {
    const shared = rules.shared(answers, party);
    const confirmed = shared ? !toConfirm.includes(first) : !toConfirm.includes(party) && rules.confirmed(answers, party, now);
    const state = confirmed ? 'confirmed' : rules.codeSent(answers, shared ? first : party) ? 'code' : 'unsent';
    return { party, name: answers[`${party}.name`] ?? '', phone: maskPhone(rules.phoneOf(answers, party)), state, shared };
  });
}

/** Whether the page asks for codes (one was sent to a phone not yet confirmed), rather than offering to send them. */
export const asksForCodes = (rules: PhoneRules, answers: FlatAnswers, now = new Date()) => rules.toConfirm(answers, now).some((party) => rules.codeSent(answers, party));

/**
 * Sends a new code to each of `parties`' phones; the answers keep each code sent. A limit reached is
 * a problem on that party's code field, with when to try again.
 */
export async function sendCodes(astro: Astro, rules: PhoneRules, answers: Record<string, string>, parties: readonly Party[]): Promise<{ answers: Record<string, string>; problems: FieldMessage[]; sentTo: string[] }> {
  const next = { ...answers };
  const problems: FieldMessage[] = [];
  const sentTo: string[] = [];
  for (const party of parties) {
    const phone = rules.phoneOf(answers, party);
    const response = await astro.locals.portal.api['phone-codes'].$post({ json: { phone } });
    if (response.status === 202) {
      const sent = (await response.json()) as { sentTo: string; expiresAt: string };
      next[rules.codeSentKey(party)] = JSON.stringify({ phone, expiresAt: sent.expiresAt });
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
export async function confirmCodes(astro: Astro, rules: PhoneRules, answers: Record<string, string>, typed: Partial<Record<Party, string>>): Promise<{ answers: Record<string, string>; problems: FieldMessage[] }> {
  const { lang } = astro.locals.portal;
  const next = { ...answers };
  const problems: FieldMessage[] = [];
  for (const party of rules.toConfirm(answers, new Date())) {
    const field = codeField(party);
    const parsed = PhoneCodeSchema.safeParse(typed[party] ?? '');
    if (!parsed.success) {
      const [message] = fieldErrors(new ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ['phoneCode', party] }))), lang);
      problems.push({ field, message: message?.message ?? translator(lang)('errors.badRequest') });
      continue;
    }
    const phone = rules.phoneOf(answers, party);
    const response = await astro.locals.portal.api['phone-codes'].confirm.$post({ json: { phone, code: parsed.data } });
    if (response.status === 200) {
      const confirmed = (await response.json()) as { proof: string; expiresAt: string };
      next[rules.proofKey(party)] = JSON.stringify({ phone, proof: confirmed.proof, expiresAt: confirmed.expiresAt });
      delete next[rules.codeSentKey(party)];
    } else if (response.status === 422) {
      const refused = (await response.json()) as { error: { message: string; fields?: FieldMessage[] } };
      problems.push({ field, message: refused.error.fields?.[0]?.message ?? refused.error.message });
    } else throw new UnexpectedApiAnswer(`POST /phone-codes/confirm answered ${String((response as Response).status)}`);
  }
  return { answers: next, problems };
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
export async function postPhonesStep(astro: Astro, rules: PhoneRules, answers: Record<string, string>, form: FormData): Promise<PhonesStepOutcome> {
  const action = String(form.get('action') ?? '');
  const toConfirm = rules.toConfirm(answers, new Date());
  if (action === 'send' || action === 'resend') {
    const party = String(form.get('party') ?? '');
    const parties = action === 'resend' ? toConfirm.filter((candidate) => candidate === party) : toConfirm;
    const sent = await sendCodes(astro, rules, answers, parties);
    if (sent.problems.length > 0) return { kind: 'refused', answers: sent.answers, problems: sent.problems, typed: {} };
    return { kind: 'sent', answers: sent.answers, query: action === 'resend' && parties[0] ? `resent=${parties[0]}` : 'sent=1' };
  }
  const typed: Record<Party, string> = {};
  for (const party of toConfirm) typed[party] = String(form.get(codeField(party)) ?? '').slice(0, 100);
  const confirmed = await confirmCodes(astro, rules, answers, typed);
  if (confirmed.problems.length === 0 && rules.toConfirm(confirmed.answers, new Date()).length === 0) return { kind: 'done', answers: confirmed.answers };
  return { kind: 'refused', answers: confirmed.answers, problems: confirmed.problems, typed: Object.fromEntries(Object.entries(typed).map(([party, code]) => [codeField(party), code])) };
}
