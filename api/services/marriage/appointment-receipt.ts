/**
 * What a marriage appointment's receipt says, in the reader's language: the tracking number, the
 * kind of business, the office, the day and time, what to bring and how to check, change or cancel.
 * Only those public details are read from the answers, and the kind of each party's ID document
 * (what to bring depends on it: what-to-bring.ts, the confirmation page's list too): whatever else
 * they hold (names, ID numbers, phones) never reaches the page or its QR code, which opens the status
 * page, where the ID number or phone is still asked for.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { dynamicKey, formatDayWithWeekday, translator, type Locale } from '../../i18n/index.ts';
import { MARRIAGE_KINDS, officeText, type MarriageKind, type RegistryOffices } from './offices.ts';
import { bringLines, documentsOf, whatToBring } from './what-to-bring.ts';
import type { ReceiptContent } from '../../engine/booking/receipt-pdf.ts';

export interface AppointmentReceiptInput {
  lang: Locale;
  trackingNumber: string;
  answers: FlatAnswers;
  /** The absolute URL of the status page for this tracking number (the QR code's content). */
  statusUrl: string;
  issuedAt: Date;
  /** The portal's registry offices: the one booked is named by its record (docs/decisions/035). */
  offices: Pick<RegistryOffices, 'get'>;
}

const marriageKind = (kind: string): MarriageKind => MARRIAGE_KINDS.find((known) => known === kind) ?? 'marriage';

export function appointmentReceipt({ lang, trackingNumber, answers, statusUrl, issuedAt, offices }: AppointmentReceiptInput): ReceiptContent {
  const t = translator(lang);
  const { kind = 'marriage', office: officeId = '', date = '', start = '', end = '' } = answers;
  const office = offices.get(officeId);
  const text = office ? officeText(office, lang) : undefined;
  return {
    lang,
    issuer: `${t('site.bureau')} · ${t('site.name')}`,
    title: t('marriage:booking.receipt.title'),
    numberLabel: t('track.trackingNumber'),
    trackingNumber,
    rows: [
      { label: t('track.appointmentKind'), lines: [t(dynamicKey`marriage:marriage.kind.${kind}`)] },
      {
        label: t('track.appointmentTime'),
        lines: [t('track.appointmentSlot', { date: formatDayWithWeekday(date, lang), start, end }), t('marriage:booking.step.slot.lead')],
      },
      {
        label: t('track.appointmentOffice'),
        // An office no longer configured is named by its id; its address and phone are gone with it.
        lines: office && text ? [text.name, text.address, t('marriage:booking.phone', { phone: office.phone })] : [officeId],
      },
      {
        label: t('marriage:booking.confirmation.bringTitle'),
        lines: [t(kind === 'reissue' ? 'marriage:booking.confirmation.bringReissue' : 'marriage:booking.confirmation.bringBoth')],
        // The receipt is for the first visit (a divorce's second is booked later, on the status page).
        list: bringLines(whatToBring({ kind: marriageKind(kind), visit: 1, documents: documentsOf(answers, kind) }), (key, options) => t(key, options)),
      },
      { label: t('marriage:booking.receipt.trackTitle'), lines: [t('marriage:booking.receipt.track')], link: statusUrl },
    ],
    qr: { url: statusUrl, caption: t('marriage:booking.receipt.scan') },
    issuedAt,
  };
}
