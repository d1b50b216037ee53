/**
 * Booking a marriage registration appointment, one question per page: what to register, which
 * office, which day (a calendar of availability), which time, then each person (name, ID document,
 * phone), with a page for their birth date and sex when their document's number does not carry
 * them, and a page that confirms each person's phone with a code sent by text message (the codes
 * of both on one page: couples book together; docs/decisions/019). A replacement certificate (补领)
 * needs one person. Pure data; the pages render it and the API decides.
 *
 * The draft keeps, beside the answers, what the phones step did, per party: `phoneCodeSent.<party>`
 * (a code was sent: to which phone, until when) and `phoneProof.<party>` (the phone was confirmed:
 * which phone, the proof, until when), as JSON. Neither is an answer of the appointment.
 */
import { carriesBirthDetails, ID_DOCUMENT_TYPES, type IdDocumentType } from '../../domain/identity/id-document.ts';
import { MobilePhone, SEXES } from '../../domain/identity/person-fields.ts';
import type { FlatAnswers, JourneyPage } from '../../domain/journey.ts';
import { answersOnRoute, nestAnswers, nextStepOf, routeOf, settleAnswers, type JourneyDefinition, type JourneyStepField } from '../../engine/journey/journey.ts';
import { MARRIAGE_KINDS } from './offices.ts';

export type BookingStep = 'kind' | 'office' | 'date' | 'slot' | 'party-a' | 'party-a-born' | 'party-b' | 'party-b-born' | 'phones' | 'check';

export type Party = 'partyA' | 'partyB';
const PARTIES: readonly Party[] = ['partyA', 'partyB'];

const person = (key: Party): JourneyStepField[] => [
  { path: `${key}.name`, control: 'text', autocomplete: 'off' },
  { path: `${key}.idType`, control: 'radios', options: ID_DOCUMENT_TYPES.map((type) => ({ value: type, label: `marriage:identity.document.${type}` })), default: 'resident-id' },
  { path: `${key}.idNumber`, control: 'text', autocomplete: 'off', width: 'medium' },
  { path: `${key}.phone`, control: 'text', autocomplete: 'off', inputmode: 'tel', width: 'medium' },
];

const born = (key: Party): JourneyStepField[] => [
  { path: `${key}.birthDate`, control: 'text', autocomplete: 'off', width: 'medium' },
  { path: `${key}.sex`, control: 'radios', options: SEXES.map((sex) => ({ value: sex, label: `marriage:identity.sex.${sex}` })) },
];

const asksBirth = (answers: FlatAnswers, key: Party) =>
  !carriesBirthDetails((answers[`${key}.idType`] || 'resident-id') as IdDocumentType, answers[`${key}.idNumber`] ?? '');

/** A phone as the booking compares it: the same number typed with spaces or full-width digits is the same phone. */
const samePhone = (value: string) => {
  const parsed = MobilePhone.safeParse(value);
  return parsed.success ? parsed.data : value;
};

/**
 * The booking as the engine runs it (api/engine/journey): no second person for a replacement
 * certificate; a person's birth date and sex only when their document's number does not carry
 * them. The office page's choices come from the offices list (with each office's details), the
 * date and slot pages' from the office's calendar at the time.
 */
export const BOOKING_JOURNEY: JourneyDefinition<BookingStep> = {
  service: 'marriage-appointment',
  steps: [
    { step: 'kind', fields: [{ path: 'kind', control: 'radios', options: MARRIAGE_KINDS.map((kind) => ({ value: kind, label: `marriage:marriage.kind.${kind}` })) }] },
    { step: 'office', kind: 'office', fields: [{ path: 'office', control: 'radios' }] },
    { step: 'date', kind: 'day', fields: [{ path: 'date', control: 'radios' }] },
    { step: 'slot', kind: 'time-slot', fields: [{ path: 'start', control: 'radios' }] },
    { step: 'party-a', fields: person('partyA') },
    { step: 'party-a-born', when: { rule: 'partyA-birth-not-in-number' }, fields: born('partyA') },
    { step: 'party-b', when: { field: 'kind', isNot: 'reissue' }, fields: person('partyB') },
    { step: 'party-b-born', when: { all: [{ field: 'kind', isNot: 'reissue' }, { rule: 'partyB-birth-not-in-number' }] }, fields: born('partyB') },
    // Shown once the codes were sent, for each party whose phone is not confirmed yet.
    {
      step: 'phones',
      kind: 'confirm-phones',
      fields: PARTIES.map((party) => ({ path: `phoneCode.${party}`, control: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', width: 'short', optional: true })),
    },
  ],
  rules: {
    'partyA-birth-not-in-number': (answers) => asksBirth(answers, 'partyA'),
    'partyB-birth-not-in-number': (answers) => asksBirth(answers, 'partyB'),
  },
  // Another kind or office means another calendar, another day another set of times; a phone
  // changed (or gone) is asked about again: its code and confirmation were for the old one.
  invalidates: {
    kind: ['date', 'start'],
    office: ['date', 'start'],
    date: ['start'],
    'partyA.phone': ['phoneCodeSent.partyA', 'phoneProof.partyA'],
    'partyB.phone': ['phoneCodeSent.partyB', 'phoneProof.partyB'],
  },
  sameAnswer: { 'partyA.phone': samePhone, 'partyB.phone': samePhone },
};

/** The fields the pages ask that are not answers of the appointment: the codes typed. */
export const NOT_IN_APPOINTMENT = PARTIES.map((party) => `phoneCode.${party}`);

export const BOOKING_PAGES: readonly JourneyPage<BookingStep>[] = BOOKING_JOURNEY.steps;

/** The pages these answers go through, then the check page. */
export function bookingRoute(answers: FlatAnswers): BookingStep[] {
  return [...routeOf(BOOKING_JOURNEY, answers).map((step) => step.step), 'check'];
}

export function nextBookingStep(step: BookingStep, answers: FlatAnswers): BookingStep {
  return nextStepOf(BOOKING_JOURNEY, step, answers);
}

/**
 * The answers after a change: those it makes stale are dropped, and so are those of pages no
 * longer asked (a second person for a replacement certificate; birth details given for a document
 * that carries them in its number: data minimisation).
 */
export function forgetStaleAnswers(before: FlatAnswers, after: Record<string, string>): Record<string, string> {
  return settleAnswers(BOOKING_JOURNEY, before, after);
}

/** The appointment the schema checks, from flat answers: only the pages asked, nothing a page only did (codes sent, phones confirmed). */
export function appointmentFrom(answers: FlatAnswers): Record<string, unknown> {
  const asked = Object.entries(answersOnRoute(BOOKING_JOURNEY, answers)).filter(([key]) => !NOT_IN_APPOINTMENT.includes(key));
  return nestAnswers(BOOKING_JOURNEY, Object.fromEntries(asked));
}

/** A party's phone as the API reads it (11 digits), or '' while it is missing or not a mobile number. */
export function phoneOf(answers: FlatAnswers, party: Party): string {
  const parsed = MobilePhone.safeParse(answers[`${party}.phone`] ?? '');
  return parsed.success ? parsed.data : '';
}

/** The parties whose phones the booking confirms: the second person's only when they come. */
export function phoneParties(answers: FlatAnswers): Party[] {
  return answers['kind'] === 'reissue' ? ['partyA'] : [...PARTIES];
}

/** What the phones step keeps per party (JSON in the draft): a code sent, a phone confirmed. */
export interface CodeSent {
  phone: string;
  expiresAt: string;
}
export interface PhoneConfirmed {
  phone: string;
  proof: string;
  expiresAt: string;
}

function kept<T extends { phone: string; expiresAt: string }>(answers: FlatAnswers, key: string, party: Party): T | undefined {
  const raw = answers[`${key}.${party}`];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as T;
    return typeof value.phone === 'string' && typeof value.expiresAt === 'string' && value.phone === phoneOf(answers, party) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The code sent to the party's phone as it is now, if one was. */
export const codeSentTo = (answers: FlatAnswers, party: Party): CodeSent | undefined => kept<CodeSent>(answers, 'phoneCodeSent', party);

/** The confirmation of the party's phone as it is now, while it holds at `now`. */
export function phoneConfirmation(answers: FlatAnswers, party: Party, now: Date): PhoneConfirmed | undefined {
  const confirmed = kept<PhoneConfirmed>(answers, 'phoneProof', party);
  return confirmed && typeof confirmed.proof === 'string' && Date.parse(confirmed.expiresAt) > now.getTime() ? confirmed : undefined;
}

/** Whether the second person gave the first person's phone: one code confirms it for both. */
export const sharesFirstPhone = (answers: FlatAnswers, party: Party): boolean => party === 'partyB' && phoneOf(answers, 'partyB') !== '' && phoneOf(answers, 'partyB') === phoneOf(answers, 'partyA');

/**
 * The parties whose phone still needs a code typed: on the route and not confirmed. A second
 * person who gave the first person's phone is confirmed with the first's code.
 */
export function phonesToConfirm(answers: FlatAnswers, now: Date): Party[] {
  return phoneParties(answers).filter((party) => !sharesFirstPhone(answers, party) && !phoneConfirmation(answers, party, now));
}

/** The booking's proofs, as the API takes them (`phoneProofs`): a phone shared by both is proven once. */
export function phoneProofsFrom(answers: FlatAnswers, now: Date): Partial<Record<Party, string>> {
  const proofs: Partial<Record<Party, string>> = {};
  for (const party of phoneParties(answers)) {
    const own = phoneConfirmation(answers, party, now);
    const proof = own?.proof ?? (sharesFirstPhone(answers, party) ? phoneConfirmation(answers, 'partyA', now)?.proof : undefined);
    if (proof) proofs[party] = proof;
  }
  return proofs;
}
