/**
 * Booking a marriage registration appointment, one question per page: what to register, which
 * office, which day (a calendar of availability), which time, then each person (name, ID document,
 * phone), with a page for their birth date and sex when their document's number does not carry
 * them. A replacement certificate (补领) needs one person. Pure data; the pages render it and the
 * API decides.
 */
import { carriesBirthDetails, ID_DOCUMENT_TYPES, type IdDocumentType } from '../../domain/identity/id-document.ts';
import { SEXES } from '../../domain/identity/person-fields.ts';
import type { FlatAnswers, JourneyField, JourneyPage } from '../../domain/journey.ts';
import { MARRIAGE_KINDS } from './offices.ts';

export type BookingStep = 'kind' | 'office' | 'date' | 'slot' | 'party-a' | 'party-a-born' | 'party-b' | 'party-b-born' | 'check';

const person = (key: 'partyA' | 'partyB'): JourneyField[] => [
  { path: `${key}.name`, control: 'text', autocomplete: 'off' },
  { path: `${key}.idType`, control: 'radios', options: ID_DOCUMENT_TYPES.map((type) => ({ value: type, label: `identity.document.${type}` })), default: 'resident-id' },
  { path: `${key}.idNumber`, control: 'text', autocomplete: 'off', width: 'medium' },
  { path: `${key}.phone`, control: 'text', autocomplete: 'off', inputmode: 'tel', width: 'medium' },
];

const born = (key: 'partyA' | 'partyB'): JourneyField[] => [
  { path: `${key}.birthDate`, control: 'text', autocomplete: 'off', width: 'medium' },
  { path: `${key}.sex`, control: 'radios', options: SEXES.map((sex) => ({ value: sex, label: `identity.sex.${sex}` })) },
];

/**
 * The pages; the office page's choices come from the offices list (with each office's details), the
 * date and slot pages' from the office's calendar at the time.
 */
export const BOOKING_PAGES: readonly JourneyPage<BookingStep>[] = [
  { step: 'kind', fields: [{ path: 'kind', control: 'radios', options: MARRIAGE_KINDS.map((kind) => ({ value: kind, label: `marriage.kind.${kind}` })) }] },
  { step: 'office', fields: [{ path: 'office', control: 'radios' }] },
  { step: 'date', fields: [{ path: 'date', control: 'radios' }] },
  { step: 'slot', fields: [{ path: 'start', control: 'radios' }] },
  { step: 'party-a', fields: person('partyA') },
  { step: 'party-a-born', fields: born('partyA') },
  { step: 'party-b', fields: person('partyB') },
  { step: 'party-b-born', fields: born('partyB') },
];

const ORDER: BookingStep[] = ['kind', 'office', 'date', 'slot', 'party-a', 'party-a-born', 'party-b', 'party-b-born', 'check'];

const asksBirth = (answers: FlatAnswers, key: 'partyA' | 'partyB') =>
  !carriesBirthDetails((answers[`${key}.idType`] || 'resident-id') as IdDocumentType, answers[`${key}.idNumber`] ?? '');

/**
 * The pages these answers go through: no second person for a replacement certificate; a person's
 * birth date and sex only when their document's number does not carry them.
 */
export function bookingRoute(answers: FlatAnswers): BookingStep[] {
  const reissue = answers['kind'] === 'reissue';
  return ORDER.filter((step) => {
    if (step === 'party-a-born') return asksBirth(answers, 'partyA');
    if (step === 'party-b') return !reissue;
    if (step === 'party-b-born') return !reissue && asksBirth(answers, 'partyB');
    return true;
  });
}

export function nextBookingStep(step: BookingStep, answers: FlatAnswers): BookingStep {
  const route = bookingRoute(answers);
  return route[route.indexOf(step) + 1] ?? 'check';
}

/**
 * Answers that a change makes stale: another kind or office means another calendar, another day
 * another set of times.
 */
export function forgetStaleAnswers(before: FlatAnswers, after: Record<string, string>): Record<string, string> {
  const next = { ...after };
  if (before['kind'] !== after['kind'] || before['office'] !== after['office']) {
    delete next['date'];
    delete next['start'];
  } else if (before['date'] !== after['date']) delete next['start'];
  if (next['kind'] === 'reissue') for (const key of Object.keys(next)) if (key.startsWith('partyB.')) delete next[key];
  // Birth details given for a document that carries them in its number are not kept (data minimisation).
  for (const key of ['partyA', 'partyB'] as const) {
    if (!asksBirth(next, key)) {
      delete next[`${key}.birthDate`];
      delete next[`${key}.sex`];
    }
  }
  return next;
}

/** The appointment the schema checks, from flat answers. */
export function appointmentFrom(answers: FlatAnswers): Record<string, unknown> {
  const appointment: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(answers)) {
    const [head, tail] = path.split('.', 2) as [string, string | undefined];
    if (head === 'partyB' && answers['kind'] === 'reissue') continue;
    if (tail === undefined) appointment[head] = value;
    else appointment[head] = { ...(appointment[head] as Record<string, unknown> | undefined), [tail]: value };
  }
  return appointment;
}
