/**
 * What to bring, after booking, without a browser: the confirmation page lists the documents for the
 * booked business and each person's ID document, and the printed receipt lists the same, from one
 * list (api/services/marriage/what-to-bring.ts). A divorce's first visit does not ask for the 受理回执,
 * which the office issues only at that visit. Each page starts at its confirmation (a sealed draft).
 */
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { draftCookie } from '../support/drafts.ts';
import { LANGUAGES, type Language } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { visitor, workerPortal } from './support/portal.ts';

const submitted = { trackingNumber: '7KQ4-M9XH-2CP', acceptanceDue: null, smsTo: '139****5678' };
const slot = { office: 'demo-district-registry', date: '2026-12-30', start: '09:00', end: '09:30' };

/** The confirmation page of a booking with these answers, and its receipt's text (spaces removed: the PDF wraps lines). */
async function afterBooking(language: Language, answers: Record<string, string>): Promise<{ page: HtmlPage; receipt: string }> {
  const reader = visitor(language);
  const { name, value } = await draftCookie(workerPortal(), 'marriage-appointment', { ...slot, ...answers }, submitted);
  reader.setCookie(name, value);
  const page = await reader.get(language.path('/book/marriage/confirmation'));
  expect(page.h1).toBe(language.strings.booking.confirmation.title);
  const response = await reader.request(language.path('/book/marriage/receipt'));
  expect(response.status).toBe(200);
  const { text } = await extractText(new Uint8Array(await response.arrayBuffer()), { mergePages: true });
  return { page, receipt: text.replace(/\s+/g, '') };
}

const listed = (page: HtmlPage) => page.all('[data-testid="what-to-bring"] li').map((item) => (item.textContent ?? '').trim());

describe.each(LANGUAGES)('what to bring in $name', (language) => {
  const s = language.strings;
  const t = language.t;
  const own = (who: 'partyA' | 'partyB', document: keyof typeof s.identity.document) => t(s.booking.bring.document, { who: s.booking.bring.who[who], document: s.identity.document[document] });

  it('for a divorce’s first visit: each person’s document, the marriage certificates and the agreement, not the 受理回执; the receipt lists the same', async () => {
    const { page, receipt } = await afterBooking(language, { kind: 'divorce', 'partyA.idType': 'resident-id', 'partyB.idType': 'taiwan-permit' });
    const items = listed(page);
    expect(items).toEqual([own('partyA', 'resident-id'), own('partyB', 'taiwan-permit'), s.booking.bring.marriageCertificates, s.booking.bring.divorceAgreement, s.booking.bring.onSite]);
    expect(page.text()).not.toContain(s.booking.bring.acceptanceReceipt);
    expect(page.text('main')).not.toMatch(language.code === 'en' ? /acceptance receipt/i : /受理回执/);
    for (const item of items) expect(receipt).toContain(item.replace(/\s+/g, ''));
    expect(receipt).not.toMatch(language.code === 'en' ? /acceptancereceipt/i : /受理回执/);
    // Each item is explained in the guide of the business booked.
    expect(page.hrefOf(s.booking.bring.guide)).toBe(language.path('/guides/divorce-registration#materials'));
  });

  it('for a marriage with a passport holder: the passport and proof of having no spouse, on the page and the receipt', async () => {
    const { page, receipt } = await afterBooking(language, { kind: 'marriage', 'partyA.idType': 'resident-id', 'partyB.idType': 'passport' });
    const items = listed(page);
    expect(items).toContain(own('partyA', 'resident-id'));
    expect(items).toContain(own('partyB', 'passport'));
    expect(items).toContain(t(s.booking.bring.noSpouseProof, { who: s.booking.bring.who.partyB }));
    expect(items).not.toContain(t(s.booking.bring.noSpouseProof, { who: s.booking.bring.who.partyA }));
    for (const item of items) expect(receipt).toContain(item.replace(/\s+/g, ''));
  });

  it('for a reissue: the one person’s own document', async () => {
    const { page, receipt } = await afterBooking(language, { kind: 'reissue', 'partyA.idType': 'resident-id' });
    const items = listed(page);
    expect(items[0]).toBe(t(s.booking.bring.ownDocument, { document: s.identity.document['resident-id'] }));
    expect(items.join('\n')).not.toContain(s.booking.bring.who.partyB);
    for (const item of items) expect(receipt).toContain(item.replace(/\s+/g, ''));
  });
});
