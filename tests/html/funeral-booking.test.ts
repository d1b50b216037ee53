/**
 * Arranging basic funeral services through the generic pages, without JavaScript (docs/decisions/063).
 * In Chinese, from the start page to a tracking number: a death date in the future and an ID number
 * mistyped, a certificate number of the wrong shape, a transport window in the past, each next to its
 * field with what was typed kept; the phone confirmed with a code; the check page; the confirmation
 * with each item's price, what is waived and why, and the amount to pay. In English, the same bad
 * input in English.
 */
import { describe, expect, it } from 'vitest';
import { funeralBookingEn } from '../../api/services/funeral-booking/messages/en.ts';
import { funeralBookingZhCN } from '../../api/services/funeral-booking/messages/zh-CN.ts';
import { bookingEn } from '../../api/services/funeral/messages/booking.en.ts';
import { bookingZhCN } from '../../api/services/funeral/messages/booking.zh-CN.ts';
import { funeralEn } from '../../api/services/funeral/messages/en.ts';
import { funeralZhCN } from '../../api/services/funeral/messages/zh-CN.ts';
import { personId } from '../support/applications.ts';
import { phoneProof, sentPhoneCode } from '../support/portal-api.ts';
import { english, zh, type Language } from '../support/site.ts';
import { baseUrl, visitor } from './support/portal.ts';

const BASE = '/apply/funeral-booking';
/** A label as the pages write it at the start of a line (site/lib/forms.ts asLabel). */
const asLabel = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** Days from today in China, YYYY-MM-DD (the portal runs on the real clock). */
const chinaDay = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;

const WORDS = { 'zh-CN': { page: funeralBookingZhCN, booking: bookingZhCN, funeral: funeralZhCN }, en: { page: funeralBookingEn, booking: bookingEn, funeral: funeralEn } } as const;

/** From the start page to the deceased's page: the draft's cookie set by the start button. */
async function begin(language: Language) {
  const reader = visitor(language);
  const w = WORDS[language.code].page;
  const start = await reader.get(language.path(BASE));
  expect(start.h1).toBe(w.journey.start.title);
  let page = await start.follow(w.journey.start.button);
  expect(page.path).toBe(language.path(`${BASE}/home`));
  // No home chosen yet: no line to call at the top.
  expect(page.document.querySelector('[data-testid="journey-helpline"]')).toBeNull();
  page = await reader.post(language.path(`${BASE}/home`), { home: 'demo-district-funeral-home' });
  expect(page.path).toBe(language.path(`${BASE}/deceased`));
  // Then the chosen home's 24-hour line is at the top of every page, one tap to call.
  const helpline = page.document.querySelector('[data-testid="journey-helpline"] a');
  expect(helpline?.getAttribute('href')).toMatch(/^tel:\+?\d{7,}$/);
  expect(page.text('[data-testid="journey-helpline"]')).toContain(WORDS[language.code].funeral.homes['demo-district-funeral-home'].name);
  return { reader, page };
}

describe('arranging funeral services in Chinese, without JavaScript', () => {
  const language = zh;
  const w = WORDS['zh-CN'];

  it('goes from the start page to a tracking number, each bad answer next to its field and nothing typed lost', async () => {
    const { reader } = await begin(language);
    const idNumber = personId(5101, 'female', '19400101');

    // A death date in the future and a mistyped ID number: each next to its field, the rest kept.
    const deceased = { 'deceased.name': '王秀英', 'deceased.idNumber': '12345', 'deceased.diedOn': chinaDay(3), 'deceased.placeOfDeath': '示例区人民医院' };
    let page = await reader.post(language.path(`${BASE}/deceased`), deceased);
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#deceased-idNumber', '#deceased-diedOn']);
    expect(page.errorFor('deceased-diedOn')).toContain(w.funeral.errors.deceased.diedOnFuture);
    expect(page.valueOf(asLabel(w.page.fields.deceased.name))).toBe('王秀英');
    expect(page.valueOf(asLabel(w.page.fields.deceased.placeOfDeath))).toBe('示例区人民医院');
    // Died before the birth date the ID number carries.
    page = await reader.post(language.path(`${BASE}/deceased`), { ...deceased, 'deceased.idNumber': idNumber, 'deceased.diedOn': '1939-05-01' });
    expect(page.errorFor('deceased-diedOn')).toContain(w.funeral.errors.deceased.diedBeforeBirth);
    page = await reader.post(language.path(`${BASE}/deceased`), { ...deceased, 'deceased.idNumber': idNumber, 'deceased.diedOn': chinaDay(-1) });
    expect(page.path).toBe(language.path(`${BASE}/certificate`));

    // A certificate number of the wrong shape for a paper certificate.
    page = await reader.post(language.path(`${BASE}/certificate`), { 'deceased.certificate.form': 'paper', 'deceased.certificate.number': '12345' });
    expect(page.status).toBe(422);
    expect(page.errorFor('deceased-certificate-number')).toContain(w.booking.errors.deceased.certificateNumber.paper);
    expect(page.isChecked(w.page.journey.certificateForm.paper)).toBe(true);
    expect(page.valueOf(asLabel(w.page.fields.deceased.certificate.number))).toBe('12345');
    page = await reader.post(language.path(`${BASE}/certificate`), { 'deceased.certificate.form': 'paper', 'deceased.certificate.number': 'a110 123456' });
    expect(page.path).toBe(language.path(`${BASE}/contact`));

    const phone = '13900005101';
    page = await reader.post(language.path(`${BASE}/contact`), { 'contact.name': '王明', 'contact.relationship': 'child', 'contact.phone': phone });
    expect(page.path).toBe(language.path(`${BASE}/phones`));
    expect(page.h1).toBe(w.page.journey.step.phones.title);
    const codes = await page.press(w.page.journey.phones.send);
    const form = codes.form(language.strings.application.continue);
    form.set('phoneCode.contact', await sentPhoneCode(codes.visitor.baseUrl, phone));
    page = await form.submit();
    expect(page.path).toBe(language.path(`${BASE}/needs`));

    // Nothing needed: said next to the first question, the answers kept.
    const none = { 'needs.transport': 'no', 'needs.storage': 'no', 'needs.cremation': 'no', 'needs.hall': 'no' };
    page = await reader.post(language.path(`${BASE}/needs`), none);
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#needs-transport']);
    expect(page.errorSummary[0]?.text).toContain(w.booking.errors.nothingChosen);
    page = await reader.post(language.path(`${BASE}/needs`), { ...none, 'needs.transport': 'yes', 'needs.cremation': 'yes' });
    expect(page.path).toBe(language.path(`${BASE}/transport`));
    // A window on a day already past: refused next to the day, every answer kept.
    const transport = { 'transport.date': chinaDay(-1), 'transport.from': '14:00', 'transport.to': '16:00', 'transport.address': '示例区人民医院太平间' };
    page = await reader.post(language.path(`${BASE}/transport`), transport);
    expect(page.status).toBe(422);
    expect(page.errorFor('transport-date')).toContain(w.booking.errors.transport.past);
    expect(page.valueOf(asLabel(w.page.fields.transport.address))).toBe('示例区人民医院太平间');
    expect(page.valueOf(asLabel(w.page.fields.transport.from))).toBe('14:00');
    page = await reader.post(language.path(`${BASE}/transport`), { ...transport, 'transport.date': chinaDay(1) });
    expect(page.path).toBe(language.path(`${BASE}/cremation`));
    page = await reader.post(language.path(`${BASE}/cremation`), { 'cremation.date': chinaDay(2), 'cremation.start': '09:00' });
    expect(page.path).toBe(language.path(`${BASE}/exemption`));
    page = await reader.post(language.path(`${BASE}/exemption`), { registeredHere: 'yes' });
    expect(page.path).toBe(language.path(`${BASE}/check`));
    expect(page.h1).toBe(w.page.journey.step.check.title);
    // Personal values are shown to their owner on the check page; the certificate number normalised.
    expect(page.text()).toContain('A110123456');

    const done = await page.press(w.page.journey.submit);
    expect(done.path).toBe(language.path(`${BASE}/confirmation`));
    expect(done.text('[data-testid="tracking-number"], main')).toMatch(/[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}/);
    const tracking = /([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3})/.exec(done.text())?.[1] ?? '';
    expect(tracking).toMatch(TRACKING_NUMBER);
    expect(done.text()).toContain('遗体接运');
    expect(done.text()).toContain('遗体火化');
    expect(done.one('[data-testid="to-pay"]').textContent).toContain('需付费用');
    expect(done.one('[data-testid="exemption-reason"]').textContent?.trim()).not.toBe('');
    expect(done.one('[data-testid="home-phone"]').textContent).toContain('0000-12345678');
    // The receipt, to the holder of the draft only: a PDF.
    const receipt = await reader.request(done.one('[data-testid="receipt-link"] a, a[data-testid="receipt-link"]').getAttribute('href') ?? '');
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await receipt.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect((await visitor(language).request(language.path(`${BASE}/download/receipt`))).status).not.toBe(200);
  });
});

describe('arranging funeral services in English, without JavaScript', () => {
  const language = english;
  const w = WORDS.en;

  it('says each bad answer in English next to its field, keeping what was typed', async () => {
    const { reader } = await begin(language);
    const deceased = { 'deceased.name': 'Wang Xiuying', 'deceased.idNumber': personId(5102, 'male', '19450101'), 'deceased.diedOn': chinaDay(5), 'deceased.placeOfDeath': 'At home' };
    let page = await reader.post(language.path(`${BASE}/deceased`), deceased);
    expect(page.status).toBe(422);
    expect(page.lang).toBe('en');
    expect(page.errorFor('deceased-diedOn')).toContain(w.funeral.errors.deceased.diedOnFuture);
    expect(page.valueOf(asLabel(w.page.fields.deceased.placeOfDeath))).toBe('At home');
    page = await reader.post(language.path(`${BASE}/deceased`), { ...deceased, 'deceased.diedOn': chinaDay(-2) });
    expect(page.path).toBe(language.path(`${BASE}/certificate`));
    page = await reader.post(language.path(`${BASE}/certificate`), { 'deceased.certificate.form': 'electronic', 'deceased.certificate.number': 'A110123456' });
    expect(page.status).toBe(422);
    expect(page.errorFor('deceased-certificate-number')).toContain(w.booking.errors.deceased.certificateNumber.electronic);
    expect(page.valueOf(asLabel(w.page.fields.deceased.certificate.number))).toBe('A110123456');
  });

  it('sends the family back to the hall’s time when it was taken meanwhile, the message next to it and every other answer kept', async () => {
    const { reader } = await begin(language);
    const day = chinaDay(4);
    let page = await reader.post(language.path(`${BASE}/deceased`), { 'deceased.name': 'Li Hua', 'deceased.idNumber': personId(5103, 'male', '19420101'), 'deceased.diedOn': chinaDay(-1), 'deceased.placeOfDeath': 'At home' });
    page = await reader.post(language.path(`${BASE}/certificate`), { 'deceased.certificate.form': 'electronic', 'deceased.certificate.number': '110101202612010001234' });
    const phone = '13900005103';
    page = await reader.post(language.path(`${BASE}/contact`), { 'contact.name': 'Li Ming', 'contact.relationship': 'child', 'contact.phone': phone });
    const codes = await page.press(w.page.journey.phones.send);
    const form = codes.form(language.strings.application.continue);
    form.set('phoneCode.contact', await sentPhoneCode(codes.visitor.baseUrl, phone));
    page = await form.submit();
    page = await reader.post(language.path(`${BASE}/needs`), { 'needs.transport': 'no', 'needs.storage': 'no', 'needs.cremation': 'no', 'needs.hall': 'yes' });
    expect(page.path).toBe(language.path(`${BASE}/hall`));
    page = await reader.post(language.path(`${BASE}/hall`), { 'hall.kind': 'hall-large', 'hall.date': day, 'hall.start': '08:00' });
    page = await reader.post(language.path(`${BASE}/exemption`), { registeredHere: 'unknown' });
    expect(page.path).toBe(language.path(`${BASE}/check`));

    // Another family takes the large hall's only place at that time, through the API.
    const other = '13900005104';
    const taken = await fetch(`${baseUrl()}/api/v1/funeral/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        home: 'demo-district-funeral-home',
        deceased: { name: '赵强', idNumber: personId(5104, 'male', '19410101'), diedOn: chinaDay(-1), placeOfDeath: '家中', certificate: { form: 'paper', number: 'B110123456' } },
        contact: { name: '赵明', relationship: 'child', phone: other },
        hall: { kind: 'hall-large', date: day, start: '08:00' },
        phoneProof: await phoneProof(baseUrl(), other),
      }),
    });
    expect(taken.status).toBe(201);

    page = await page.press(w.page.journey.submit);
    expect(page.path).toBe(language.path(`${BASE}/hall`));
    expect(page.errorFor('hall-start')).toContain(w.booking.errors.slot.full);
    expect(page.isChecked(w.page.journey.hallKind['hall-large'])).toBe(true);
    expect(page.valueOf(asLabel(w.page.fields.hall.date))).toBe(day);
    // Another time; the answers after it are still there.
    page = await reader.post(language.path(`${BASE}/hall`), { 'hall.kind': 'hall-large', 'hall.date': day, 'hall.start': '10:00' });
    expect(page.path).toBe(language.path(`${BASE}/exemption`));
    expect(page.isChecked(w.page.journey.registeredHere.unknown)).toBe(true);
  });
});
