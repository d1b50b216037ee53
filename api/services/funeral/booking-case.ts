/**
 * A booking of basic funeral services as a service of the case core (docs/decisions/063): a
 * tracking number, a status page, the funeral area's staff, and every place it took given back when
 * it is cancelled. It is booked through its own use case (booking-service.ts), not the generic
 * application route: its places are taken in the submission's transaction, as the marriage booking's.
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import type { AnswerRow, CaseService } from '../case-service.ts';
import { funeralBookingSchema, rowsOf, type FuneralBooking } from './booking.schema.ts';
import { funeralBookingEffects, funeralBookingWorkflow } from './booking-workflow.ts';
import { funeralHome } from './homes.ts';
import { homeName } from './words.ts';
import { draftPolicyOf } from '../../engine/drafts/draft-rules.ts';
import { funeralBookingJourney } from '../funeral-booking/journey.ts';
import { claimView } from './exemption-claim-view.ts';
import { funeralBookingPanel } from './booking-panel.ts';

const F = 'funeral:funeralBooking.fields';

/** The answers as the check page and the workbench show them: personal values marked, so they are masked where the reader may not see them whole. */
export function bookingAnswerRows(booking: FuneralBooking, lang: Locale): AnswerRow[] {
  const t = translator(lang);
  const { deceased, contact } = booking;
  return [
    { label: `${F}.home`, value: homeName(booking.home, lang) },
    { label: `${F}.deceased.name`, value: deceased.name },
    { label: `${F}.deceased.idNumber`, value: deceased.idNumber, personal: 'id' },
    { label: `${F}.deceased.diedOn`, value: deceased.diedOn, format: 'date' },
    { label: `${F}.deceased.placeOfDeath`, value: deceased.placeOfDeath },
    { label: `${F}.deceased.certificate.form`, value: `funeral:funeralBooking.certificateForm.${deceased.certificate.form}`, valueKey: true },
    { label: `${F}.deceased.certificate.number`, value: deceased.certificate.number, personal: 'id' },
    { label: `${F}.contact.name`, value: contact.name },
    { label: `${F}.contact.relationship`, value: `funeral:funeralBooking.relationship.${contact.relationship}`, valueKey: true },
    { label: `${F}.contact.phone`, value: contact.phone, personal: 'phone' },
    ...(booking.transport
      ? [
          { label: `${F}.transport.date`, value: booking.transport.date, format: 'date' as const },
          { label: `${F}.transport.window`, value: t('funeral:funeralBooking.window', { from: booking.transport.from, to: booking.transport.to }) },
          // Where the family is: personal, masked as an ID number is outside the home's own staff.
          { label: `${F}.transport.address`, value: booking.transport.address, personal: 'id' as const },
        ]
      : []),
    ...(booking.storage ? [{ label: `${F}.storage.from`, value: booking.storage.from, format: 'date' as const }, { label: `${F}.storage.days`, value: String(booking.storage.days) }] : []),
    ...(booking.cremation ? [{ label: `${F}.cremation.date`, value: booking.cremation.date, format: 'date' as const }, { label: `${F}.cremation.start`, value: booking.cremation.start }] : []),
    ...(booking.hall
      ? [{ label: `${F}.hall.kind`, value: t(dynamicKey`funeral:funeralBooking.hallKind.${booking.hall.kind}`) }, { label: `${F}.hall.date`, value: booking.hall.date, format: 'date' as const }, { label: `${F}.hall.start`, value: booking.hall.start }]
      : []),
  ];
}

export const funeralBookingService: CaseService<FuneralBooking> = {
  workflow: funeralBookingWorkflow,
  words: 'funeral:funeralBooking.case',
  appointmentEffects: funeralBookingEffects,
  closureSteps: ['cancel-by-home'],
  bookingPath: '/apply/funeral-booking',
  // Submitted through POST /funeral/bookings; the schema's "now" there is the request's moment.
  applicationSchema: (today, data) => funeralBookingSchema({ moment: { today, time: '00:00' }, rows: rowsOf(data.rules) }),
  // The family's phone opens the status page; the deceased's ID number is who the case is about.
  applicant: (booking) => ({ idNumber: booking.deceased.idNumber, phone: booking.contact.phone }),
  recipients: (booking) => [booking.contact.phone],
  office: (booking) => funeralHome(booking.home)?.district ?? booking.home,
  answerRows: (booking, lang) => bookingAnswerRows(booking, lang),
  people: (booking) => [booking.deceased.idNumber],
  // Its journey's drafts (docs/decisions/033): resumed with the deceased's ID number, the code texted to the family's phone.
  drafts: draftPolicyOf(funeralBookingJourney, { identityPath: 'deceased.idNumber', phonePaths: ['contact.phone'] }),
  // The fee exemption's manual claim, where the booking opened one (docs/decisions/075): its status page shows it and takes the proof.
  claim: (deps, caseId, booking) => claimView(deps, caseId, booking),
  statusPanel: funeralBookingPanel,
  recordedValues: { waived: 'fen' },
};
