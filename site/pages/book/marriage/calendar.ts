/**
 * The booked appointment as a calendar file, for the confirmation page's "add to calendar" link.
 * Read from the draft cookie (after booking it holds only this appointment's public details); it
 * links the status page, where the appointment is moved or cancelled.
 */
import type { APIRoute } from 'astro';
import { appointmentIcs } from '../../../../api/engine/booking/ics.ts';
import { dynamicKey, translator } from '../../../../api/i18n/index.ts';
import { officeText } from '../../../../api/services/marriage/offices.ts';
import { readDraft } from '../../../lib/application-draft.ts';
import { SERVICE } from '../../../lib/marriage-booking.ts';
import { localizedHref } from '../../../lib/page-context.ts';

export const GET: APIRoute = async (context) => {
  const draft = await readDraft(context, SERVICE);
  const submitted = draft?.submitted;
  const { kind = '', office = '', date = '', start = '', end = '' } = draft?.answers ?? {};
  if (!submitted || !date) return new Response(null, { status: 404 });
  const { lang, origin, offices } = context.locals.portal;
  const t = translator(lang);
  const registry = offices.get(office);
  const where = registry ? officeText(registry, lang) : undefined;
  // The status page, as on the receipt: on the public origin, never the Host the request was sent with.
  const statusUrl = `${origin}${localizedHref('/track', lang)}?number=${encodeURIComponent(submitted.trackingNumber)}`;
  const body = appointmentIcs({
    uid: `${submitted.trackingNumber.replaceAll('-', '')}@civil-affairs-portal`,
    title: `${t(dynamicKey`marriage:marriage.kind.${kind}`)} · ${submitted.trackingNumber}`,
    location: where ? `${where.name}, ${where.address}` : office,
    description: `${t(kind === 'reissue' ? 'marriage:booking.confirmation.bringReissue' : 'marriage:booking.confirmation.bringBoth')} ${t('marriage:booking.confirmation.numberLabel')}${t('punctuation.colon')}${submitted.trackingNumber} ${t('marriage:booking.receipt.trackTitle')}${t('punctuation.colon')}${statusUrl}`,
    date,
    start,
    end,
    stamp: new Date(),
    url: statusUrl,
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="appointment-${submitted.trackingNumber}.ics"`,
      'cache-control': 'no-store',
    },
  });
};
