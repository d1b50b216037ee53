/**
 * The booked appointment's printable receipt (预约回执) as a PDF in the reader's language, for the
 * confirmation page's link. Read from the draft cookie, like the calendar file: after booking it
 * holds only this appointment's public details, and only those go on the receipt.
 */
import type { APIRoute } from 'astro';
import { appointmentReceipt } from '../../../../api/services/marriage/appointment-receipt.ts';
import { appointmentReceiptPdf } from '../../../../api/engine/booking/receipt-pdf.ts';
import { readDraft } from '../../../lib/application-draft.ts';
import { SERVICE } from '../../../lib/marriage-booking.ts';
import { localizedHref } from '../../../lib/page-context.ts';

export const GET: APIRoute = async (context) => {
  const draft = await readDraft(context, SERVICE);
  const submitted = draft?.submitted;
  if (!submitted || !draft.answers.date) return new Response(null, { status: 404 });
  const { lang, origin, offices } = context.locals.portal;
  const { trackingNumber } = submitted;
  // The status page with the number filled in; it still asks for an ID number or phone.
  const statusUrl = `${origin}${localizedHref('/track', lang)}?number=${encodeURIComponent(trackingNumber)}`;
  const pdf = await appointmentReceiptPdf(appointmentReceipt({ lang, trackingNumber, answers: draft.answers, statusUrl, issuedAt: new Date(), offices }));
  return new Response(pdf, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="appointment-${trackingNumber}.pdf"`,
      'cache-control': 'no-store',
    },
  });
};
