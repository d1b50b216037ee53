/**
 * The files a booked appointment's confirmation offers (its registration's `downloads`, served by
 * the generic journey pages at the booking's own address: /book/marriage/receipt and /calendar):
 * the printable receipt (预约回执) as a PDF and the appointment as a calendar file, in the reader's
 * language. Made from what the draft kept after booking, which is this appointment's public details
 * only (never a name, number or phone), and linking the status page on the public origin.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { appointmentIcs } from '../../engine/booking/ics.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import type { DownloadCall, JourneyDownload } from '../service-package.ts';
import { appointmentReceipt } from './appointment-receipt.ts';
import { officeText } from './offices.ts';

/** The status page with the number filled in (it still asks for an ID number or phone), on the public origin, never the Host a request was sent with. */
const statusUrlOf = (call: DownloadCall, trackingNumber: string) => `${call.origin}${call.lang === 'en' ? '/en' : ''}/track?number=${encodeURIComponent(trackingNumber)}`;

export async function receiptDownload(call: DownloadCall, kept: FlatAnswers, submitted: { trackingNumber: string }): Promise<JourneyDownload | undefined> {
  if (!kept['date']) return undefined;
  const { trackingNumber } = submitted;
  // PDFKit, fontkit and their parsers (~3 MB of heap) load with the first receipt, not with every start (docs/decisions/078).
  const { appointmentReceiptPdf } = await import('../../engine/booking/receipt-pdf.ts');
  const pdf = await appointmentReceiptPdf(appointmentReceipt({ lang: call.lang, trackingNumber, answers: kept, statusUrl: statusUrlOf(call, trackingNumber), issuedAt: call.now, offices: call.offices }));
  return { body: pdf, contentType: 'application/pdf', filename: `appointment-${trackingNumber}.pdf` };
}

export async function calendarDownload(call: DownloadCall, kept: FlatAnswers, submitted: { trackingNumber: string }): Promise<JourneyDownload | undefined> {
  const { kind = '', office = '', date = '', start = '', end = '' } = kept;
  if (!date) return undefined;
  const t = translator(call.lang);
  const registry = call.offices.get(office);
  const where = registry ? officeText(registry, call.lang) : undefined;
  const { trackingNumber } = submitted;
  const statusUrl = statusUrlOf(call, trackingNumber);
  const body = appointmentIcs({
    uid: `${trackingNumber.replaceAll('-', '')}@civil-affairs-portal`,
    title: `${t(dynamicKey`marriage:marriage.kind.${kind}`)} · ${trackingNumber}`,
    location: where ? `${where.name}, ${where.address}` : office,
    description: `${t(kind === 'reissue' ? 'marriage:booking.confirmation.bringReissue' : 'marriage:booking.confirmation.bringBoth')} ${t('marriage:booking.confirmation.numberLabel')}${t('punctuation.colon')}${trackingNumber} ${t('marriage:booking.receipt.trackTitle')}${t('punctuation.colon')}${statusUrl}`,
    date,
    start,
    end,
    stamp: call.now,
    url: statusUrl,
  });
  return { body, contentType: 'text/calendar; charset=utf-8', filename: `appointment-${trackingNumber}.ics` };
}
