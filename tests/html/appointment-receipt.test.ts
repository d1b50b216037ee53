/**
 * The printable receipt (预约回执) after booking, without a browser: the confirmation page links a
 * PDF in the reader's language, sent as a file to save, with nothing personal in it, whose status
 * link opens the status page with the tracking number filled in; without a booking there is no
 * receipt. The QR code itself is decoded in tests/unit/appointment-receipt.test.ts; that the
 * browser saves the file under its name is the browser tier's.
 */
import { describe, expect, it } from 'vitest';
import { extractText } from 'unpdf';
import { personId } from '../support/applications.ts';
import { LANGUAGES, demoOffice } from '../support/site.ts';
import { confirmPhones, person, trackingNumberOn, upToPeople } from './support/booking-pages.ts';
import { baseUrl, people, visitor } from './support/portal.ts';

describe.each(LANGUAGES)('the appointment receipt in $name', (language) => {
  const s = language.strings;

  it('is a PDF in this language, linked from the confirmation page, whose status link fills in the number', async () => {
    const n = people();
    const couple = { a: { name: '欧阳明', id: personId(n, 'male'), phone: '13900005678' }, b: { name: '司马红', id: personId(n, 'female'), phone: '13700005678' } };
    const reader = visitor(language);
    const first = await upToPeople(reader, language);
    const second = await person(first, language, 'partyA', couple.a.name, couple.a.id, couple.a.phone);
    const check = await confirmPhones(await person(second, language, 'partyB', couple.b.name, couple.b.id, couple.b.phone), language, { partyA: couple.a.phone, partyB: couple.b.phone });
    const confirmation = await check.press(s.booking.submit);
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    const trackingNumber = trackingNumberOn(confirmation);

    const link = confirmation.link(s.booking.confirmation.downloadReceipt);
    expect(link.getAttribute('href')).toBe(language.path('/book/marriage/receipt'));
    // A link to save, not to open.
    expect(link.hasAttribute('download')).toBe(true);
    const response = await reader.request(language.path('/book/marriage/receipt'));
    expect(response.status).toBe(200);
    // The same file at the generic pages' address of a service's downloads (docs/decisions/034).
    const generic = await reader.request(language.path('/apply/marriage-appointment/download/receipt'));
    expect([generic.status, generic.headers.get('content-disposition')]).toEqual([200, `attachment; filename="appointment-${trackingNumber}.pdf"`]);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="appointment-${trackingNumber}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const pdf = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    const { text } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(s.booking.receipt.title.replace(/\s+/g, ''));
    expect(flat).toContain(trackingNumber);
    expect(flat).toContain(demoOffice(language).name.replace(/\s+/g, ''));
    for (const value of [couple.a.name, couple.b.name, couple.a.id, couple.b.id, couple.a.phone, couple.b.phone]) expect(flat).not.toContain(value);
    const statusUrl = `${baseUrl()}${language.path('/track')}?number=${trackingNumber}`;
    expect(flat).toContain(statusUrl);

    // The status link (the QR code's content) fills in the number and still asks who is asking.
    const status = await reader.get(statusUrl);
    expect(status.valueOf(s.track.trackingNumber)).toBe(trackingNumber);
    expect(status.valueOf(s.track.secondFactor)).toBe('');
    const result = await status.form(s.track.submit).fill(s.track.secondFactor, couple.b.id).submit();
    expect(result.hasExactText(s.appointmentCase.state.booked)).toBe(true);
  });

  it('there is none without a booking', async () => {
    const response = await visitor(language).request(language.path('/book/marriage/receipt'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type') ?? '').not.toContain('application/pdf');
  });
});
