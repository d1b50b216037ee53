/**
 * The printable receipt (预约回执) after booking: the confirmation page links a PDF in the reader's
 * language, saved as a file, with nothing personal in it, whose status link opens the status page
 * with the tracking number filled in; without a booking there is no receipt. The QR code itself is
 * decoded in tests/unit/appointment-receipt.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { extractText } from 'unpdf';
import { personId } from '../support/applications.ts';
import { bookingPages } from './support/booking.ts';
import { LANGUAGES, demoOffice } from './support/portal.ts';

for (const [index, language] of LANGUAGES.entries()) {
  const s = language.strings;
  test.describe(`In ${language.name}, the appointment receipt`, () => {
    test('is a PDF in this language, linked from the confirmation page, whose status link fills in the number', async ({ page, baseURL }, info) => {
      // Distinct people per language and project: one active appointment per person.
      const n = 9600 + index * 100 + info.project.name.length * 5;
      const people = { a: { name: '欧阳明', id: personId(n, 'male'), phone: '13900005678' }, b: { name: '司马红', id: personId(n, 'female'), phone: '13700005678' } };
      const b = bookingPages(page, language);
      await b.upToPeople();
      await b.person('partyA', people.a.name, people.a.id, people.a.phone);
      await b.person('partyB', people.b.name, people.b.id, people.b.phone);
      await page.getByRole('button', { name: s.booking.submit }).click();
      await expect(b.heading()).toHaveText(s.booking.confirmation.title);
      const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';

      const link = page.getByRole('link', { name: s.booking.confirmation.downloadReceipt });
      await expect(link).toHaveAttribute('href', language.path('/book/marriage/receipt'));
      const response = await page.request.get(language.path('/book/marriage/receipt'));
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect(response.headers()['content-disposition']).toBe(`attachment; filename="appointment-${trackingNumber}.pdf"`);
      expect(response.headers()['cache-control']).toBe('no-store');

      // As a person gets it: the link saves the file.
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(`appointment-${trackingNumber}.pdf`);
      const pdf = new Uint8Array(await readFile(await download.path()));
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain(s.booking.receipt.title.replace(/\s+/g, ''));
      expect(flat).toContain(trackingNumber);
      expect(flat).toContain(demoOffice(language).name.replace(/\s+/g, ''));
      for (const value of [people.a.name, people.b.name, people.a.id, people.b.id, people.a.phone, people.b.phone]) expect(flat).not.toContain(value);
      const statusUrl = `${baseURL}${language.path('/track')}?number=${trackingNumber}`;
      expect(flat).toContain(statusUrl);

      // The status link (the QR code's content) fills in the number and still asks who is asking.
      await page.goto(statusUrl);
      await expect(page.getByLabel(s.track.trackingNumber)).toHaveValue(trackingNumber);
      await expect(page.getByLabel(s.track.secondFactor)).toHaveValue('');
      await page.getByLabel(s.track.secondFactor).fill(people.b.id);
      await page.getByRole('button', { name: s.track.submit }).click();
      await expect(page.getByText(s.caseState.booked, { exact: true })).toBeVisible();
    });

    test('there is none without a booking', async ({ request }) => {
      const response = await request.get(language.path('/book/marriage/receipt'));
      expect(response.status()).toBe(404);
      expect(response.headers()['content-type'] ?? '').not.toContain('application/pdf');
    });
  });
}
