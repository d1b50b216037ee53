/**
 * Arranging basic funeral services, one short page at a time, without JavaScript (docs/decisions/063):
 * the funeral home, who died, their 居民死亡医学证明, the family's contact and its phone confirmed,
 * what is needed (ticked), a page for each thing ticked (transport, storage, cremation, hall), what
 * the fee exemption is decided on, then check and book. Pure: data for the journey engine.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { answersOnRoute, nestAnswers, type JourneyDefinition, type JourneyStepField } from '../../engine/journey/journey.ts';
import { RELATIONSHIPS } from '../funeral/booking.schema.ts';
import { CERTIFICATE_FORMS } from '../funeral/deceased.schema.ts';
import { FUNERAL_HOMES } from '../funeral/homes.ts';
import { HALL_KINDS } from '../funeral/resources-table.ts';
import { onePartyPhone } from '../one-party-phone.ts';

export const FUNERAL_BOOKING_SERVICE = 'funeral-booking';
/** The one phone the journey confirms: the family contact's. */
export const CONTACT = 'contact';
export const NEEDS = ['transport', 'storage', 'cremation', 'hall'] as const;
const REGISTERED = ['yes', 'no', 'unknown'] as const;
const YES_NO = ['yes', 'no'] as const;

const W = 'funeral-booking:journey';
const text = (path: string, more: Partial<JourneyStepField> = {}): JourneyStepField => ({ path, control: 'text', autocomplete: 'off', ...more });
const short = (path: string) => text(path, { width: 'medium' });
const radios = (path: string, values: readonly string[], words: string): JourneyStepField => ({ path, control: 'radios', options: values.map((value) => ({ value, label: `${words}.${value}` })) });
const box = (path: string): JourneyStepField => ({ path, control: 'checkbox', optional: true });

export const funeralBookingJourney: JourneyDefinition = {
  service: FUNERAL_BOOKING_SERVICE,
  steps: [
    { step: 'home', fields: [{ path: 'home', control: 'radios', options: FUNERAL_HOMES.map((home) => ({ value: home.id, label: `funeral:homes.${home.id}.name` })) }] },
    { step: 'deceased', fields: [text('deceased.name'), short('deceased.idNumber'), short('deceased.diedOn'), text('deceased.placeOfDeath')] },
    { step: 'certificate', fields: [radios('deceased.certificate.form', CERTIFICATE_FORMS, `${W}.certificateForm`), short('deceased.certificate.number')] },
    { step: 'contact', fields: [text('contact.name', { autocomplete: 'name' }), radios('contact.relationship', RELATIONSHIPS, `${W}.relationship`), text('contact.phone', { autocomplete: 'tel', inputmode: 'tel', width: 'medium' })] },
    { step: 'phones', kind: 'confirm-phones', fields: [] },
    // One yes-or-no question each, on one page: plain without JavaScript, and "none of them" can be said next to the first.
    { step: 'needs', fields: NEEDS.map((need) => radios(`needs.${need}`, YES_NO, `${W}.yesNo`)) },
    { step: 'transport', when: { field: 'needs.transport', is: 'yes' }, fields: [short('transport.date'), short('transport.from'), short('transport.to'), text('transport.address')] },
    { step: 'storage', when: { field: 'needs.storage', is: 'yes' }, fields: [short('storage.from'), text('storage.days', { width: 'short', inputmode: 'numeric' })] },
    { step: 'cremation', when: { field: 'needs.cremation', is: 'yes' }, fields: [short('cremation.date'), short('cremation.start')] },
    { step: 'hall', when: { field: 'needs.hall', is: 'yes' }, fields: [radios('hall.kind', HALL_KINDS, `${W}.hallKind`), short('hall.date'), short('hall.start')] },
    { step: 'exemption', fields: [radios('registeredHere', REGISTERED, `${W}.registeredHere`), box('claims.relief'), box('claims.youfu')] },
  ],
  invalidates: { 'contact.phone': ['phoneCodeSent.contact', 'phoneProof.contact'] },
};

/** The answers the schema does not read as they are: the phone's confirmation. */
export const NOT_IN_BOOKING = ['phoneCodeSent.contact', 'phoneProof.contact'];

/** The booking the API takes, from the flat answers: only the pages asked; ticks as booleans, the registration as the family said it. */
export function bookingFrom(answers: FlatAnswers): Record<string, unknown> {
  const asked = answersOnRoute(funeralBookingJourney, answers);
  const kept = Object.fromEntries(Object.entries(asked).filter(([key]) => !NOT_IN_BOOKING.includes(key) && key !== 'registeredHere' && !key.startsWith('claims.') && !key.startsWith('needs.')));
  const booking = nestAnswers(funeralBookingJourney, kept);
  // What the family said it needs, once the page is answered: the schema asks for one at least.
  if (NEEDS.every((need) => asked[`needs.${need}`] !== undefined)) booking['needs'] = Object.fromEntries(NEEDS.map((need) => [need, asked[`needs.${need}`] === 'yes']));
  const registered = asked['registeredHere'];
  if (registered === 'yes' || registered === 'no') booking['registeredHere'] = registered === 'yes';
  booking['claims'] = { relief: asked['claims.relief'] === 'yes', youfu: asked['claims.youfu'] === 'yes' };
  return booking;
}

/** The family's phone, confirmed by a code (../one-party-phone.ts), changed on the contact step. */
export const contactPhoneOf = onePartyPhone(CONTACT, 'contact.phone', 'contact');
export const contactPhone = contactPhoneOf.phoneOf;
/** The phone's proof while it holds at `now`. */
export const phoneProof = (answers: FlatAnswers, now: Date): string | undefined => contactPhoneOf.proof(answers, now)?.proof;
