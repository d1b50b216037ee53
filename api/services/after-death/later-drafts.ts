/**
 * What each item applied for later starts with (docs/decisions/076): a draft of its own journey,
 * written with the bundle, prefilled with what the bundle already holds ("what the portal already
 * holds is used, never asked for again": issue 16), and only what that journey asks (data
 * minimisation, 个人信息保护法 第六条): the deceased's name, ID number, day of death and death
 * certificate number; the handler as the family's contact or applicant; the handler's phone already
 * confirmed where the journey carries a confirmation; the heir's account where it is the handler's own.
 * Never the deceased's sex, the handler's address or the social security card: no later journey asks
 * them. One mapping per item, as parts.ts maps the departments' parts; flat answers by field path, as
 * a draft keeps them. Pure.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import type { BundleContext } from '../../engine/bundles/bundle.ts';
import { RELATIONSHIPS as BOOKING_RELATIONSHIPS } from '../funeral/booking.schema.ts';
import { CERTIFICATE_FORMS, CERTIFICATE_NUMBER_SHAPES } from '../funeral/deceased.schema.ts';
import { RELATIONSHIPS as ECO_BURIAL_RELATIONSHIPS } from '../eco-burial-subsidy/kinds.ts';
import { RELATIONSHIPS as CEMETERY_RELATIONSHIPS } from '../public-cemetery/kinds.ts';
import type { AfterDeathApplication } from './application.schema.ts';
import type { HandlerRelationship, LaterItemId } from './items.ts';

/** The handler's relationship where the later journey offers the same choice; otherwise left for the family to answer there. */
function relationshipIn(allowed: readonly string[], relationship: HandlerRelationship): Record<string, string> {
  return allowed.includes(relationship) ? { relationship } : {};
}

const prefixed = (prefix: string, values: Readonly<Record<string, string>>): FlatAnswers => Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));

/**
 * The funeral home booking (docs/decisions/063): the deceased (the certificate's form only where the
 * number's shape says which), the handler as the family's contact, and the phone's confirmation (the
 * journey keeps one: `phoneProof.contact`) when the submission's proof was for the phone the contact
 * gives. Not the place of death: the bundle does not ask it.
 */
export function funeralBookingDraft(application: AfterDeathApplication, context: BundleContext = {}): FlatAnswers {
  const { deceased, handler } = application;
  const number = deceased.deathCertificateNumber;
  const form = CERTIFICATE_FORMS.find((candidate) => CERTIFICATE_NUMBER_SHAPES[candidate].test(number));
  const confirmed = context.confirmedPhone?.phone === handler.phone ? context.confirmedPhone : undefined;
  return {
    ...prefixed('deceased', { name: deceased.name, idNumber: deceased.idNumber, diedOn: deceased.diedOn }),
    ...(form ? { 'deceased.certificate.form': form } : {}),
    'deceased.certificate.number': number,
    ...prefixed('contact', { name: handler.name, phone: handler.phone, ...relationshipIn(BOOKING_RELATIONSHIPS, handler.relationship) }),
    ...(confirmed ? { 'phoneProof.contact': JSON.stringify({ phone: confirmed.phone, proof: confirmed.proof, expiresAt: confirmed.expiresAt }) } : {}),
  };
}

/**
 * A public cemetery plot (docs/decisions/064): the deceased, the death certificate's number as the
 * proof the plot is sold against, and the handler as the family member who applies. Its journey
 * confirms no phone: nothing to carry.
 */
export function cemeteryPlotDraft(application: AfterDeathApplication): FlatAnswers {
  const { deceased, handler } = application;
  return {
    ...prefixed('deceased', { name: deceased.name, idNumber: deceased.idNumber, diedOn: deceased.diedOn }),
    'proof.kind': 'death-certificate',
    'proof.deathCertificateNumber': deceased.deathCertificateNumber,
    ...prefixed('family', { name: handler.name, idNumber: handler.idNumber, phone: handler.phone, ...relationshipIn(CEMETERY_RELATIONSHIPS, handler.relationship) }),
  };
}

/**
 * The eco-burial subsidy (docs/decisions/061): the deceased, the handler as the claimant, and the
 * heir's account when it is the handler's own (the subsidy is paid to the claimant's account only).
 */
export function ecoBurialDraft(application: AfterDeathApplication): FlatAnswers {
  const { deceased, handler, account } = application;
  return {
    ...prefixed('deceased', { name: deceased.name, idNumber: deceased.idNumber, diedOn: deceased.diedOn, deathCertificateNumber: deceased.deathCertificateNumber }),
    ...prefixed('claimant', { name: handler.name, idNumber: handler.idNumber, phone: handler.phone, ...relationshipIn(ECO_BURIAL_RELATIONSHIPS, handler.relationship) }),
    ...(account && account.holder === handler.name ? prefixed('account', { bankName: account.bankName, holder: account.holder, number: account.number }) : {}),
  };
}

/** Each later item's mapping: an item applied for later cannot be added without one. */
export const LATER_DRAFTS: Readonly<Record<LaterItemId, (application: AfterDeathApplication, context: BundleContext) => FlatAnswers>> = {
  'funeral-booking': funeralBookingDraft,
  'cemetery-plot': (application) => cemeteryPlotDraft(application),
  'eco-burial-subsidy': (application) => ecoBurialDraft(application),
};
