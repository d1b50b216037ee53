/**
 * The booking's phones step without JavaScript (docs/decisions/019): after the people, the phones
 * to confirm are named (masked) and nothing is sent until the reader asks (a POST); then one page
 * takes both codes, each field named by whose phone it is; a wrong code is explained next to its
 * own field with the other phone confirmed and what was typed kept; a code can be sent again; a
 * phone changed from the check page is asked about again; in both languages.
 */
import { describe, expect, it } from 'vitest';
import { personId } from '../support/applications.ts';
import { bookableSlot, sentPhoneCode } from '../support/portal-api.ts';
import { LANGUAGES, sentence, type Language } from '../support/site.ts';
import type { HtmlPage, Visitor } from './support/html-client.ts';
import { enterCodes, label, person, trackingNumberOn, upToPeople } from './support/booking-pages.ts';
import { draftCookie } from '../support/drafts.ts';
import { baseUrl, people, visitor, workerPortal } from './support/portal.ts';

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
const phonesOf = (n: number) => ({ partyA: `134${String(n).padStart(8, '0')}`, partyB: `133${String(n).padStart(8, '0')}` });

/** Whether the development route has a code for the phone (404 until one is sent). */
const hasCode = async (phone: string) => (await fetch(`${baseUrl()}/api/v1/dev/phone-codes/${phone}`)).status === 200;

describe.each(LANGUAGES)('confirming the phones before booking, in $name', (language: Language) => {
  const s = language.strings;
  const p = s.booking.phones;
  const codeLabel = (party: 'partyA' | 'partyB', name: string, phone: string) => language.t(p.codeLabel, { who: p.who[party], name, phone: masked(phone) });

  /** A couple `n` up to the phones step (nothing sent yet). */
  async function upToPhones(reader: Visitor, n: number): Promise<HtmlPage> {
    const phones = phonesOf(n);
    const first = await upToPeople(reader, language, { slot: await bookableSlot(baseUrl(), 'demo-county-registry', 'marriage', 'last') });
    const second = await person(first, language, 'partyA', '王小明', personId(n, 'male'), phones.partyA);
    const step = await person(second, language, 'partyB', '李小红', personId(n, 'female'), phones.partyB);
    expect(step.h1).toBe(s.booking.step.phones.title);
    return step;
  }

  it('names the masked phones and sends nothing until asked; then one page takes both codes, each named by whose phone it is', async () => {
    const n = people();
    const phones = phonesOf(n);
    const reader = visitor(language);
    const step = await upToPhones(reader, n);
    expect(step.text()).toContain(masked(phones.partyA));
    expect(step.text()).toContain(masked(phones.partyB));
    expect(step.text()).not.toContain(phones.partyA);
    expect(step.has('input[name^="phoneCode."]')).toBe(false);
    // Opening the page again sends nothing: only the button does (a POST).
    await reader.get(step.url);
    expect(await hasCode(phones.partyA)).toBe(false);

    const codes = await step.press(p.send);
    expect(codes.h1).toBe(s.booking.step.phones.title);
    expect(codes.role('status')).toContain(masked(phones.partyA));
    expect(await hasCode(phones.partyA)).toBe(true);
    expect(await hasCode(phones.partyB)).toBe(true);
    const form = codes.form(s.application.continue);
    form.fill(codeLabel('partyA', '王小明', phones.partyA), await sentPhoneCode(baseUrl(), phones.partyA));
    form.fill(codeLabel('partyB', '李小红', phones.partyB), await sentPhoneCode(baseUrl(), phones.partyB));
    const check = await form.submit();
    expect(check.h1).toBe(s.booking.step.check.title);
    const confirmation = await check.press(s.booking.submit);
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    expect(trackingNumberOn(confirmation)).toMatch(/^[2-9A-HJ-NP-Z]{4}-/);
  });

  it('explains a wrong code next to its own field, keeps what was typed, and confirms the other phone meanwhile', async () => {
    const n = people();
    const phones = phonesOf(n);
    const codes = await (await upToPhones(visitor(language), n)).press(p.send);
    const right = await sentPhoneCode(baseUrl(), phones.partyA);
    const wrong = right === '000000' ? '111111' : '000000';
    const refused = await codes
      .form(s.application.continue)
      .fill(codeLabel('partyA', '王小明', phones.partyA), wrong)
      .fill(codeLabel('partyB', '李小红', phones.partyB), await sentPhoneCode(baseUrl(), phones.partyB))
      .submit();

    expect(refused.status).toBe(422);
    expect(refused.title.startsWith(s.errors.title)).toBe(true);
    const message = language.t(s.errors.verification.wrong, { count: 4 });
    expect(refused.errorFor('phoneCode-partyA')).toContain(message);
    expect(refused.errorSummary).toContainEqual({ text: message, href: '#phoneCode-partyA' });
    expect(refused.valueOf(codeLabel('partyA', '王小明', phones.partyA))).toBe(wrong);
    // The second phone's code was right: it is confirmed, not asked again.
    expect(refused.has('input[name="phoneCode.partyB"]')).toBe(false);
    expect(refused.text('[data-testid="confirmed-partyB"]')).toBe(language.t(p.confirmed, { who: p.who.partyB, name: '李小红', phone: masked(phones.partyB) }));

    const check = await refused.form(s.application.continue).fill(codeLabel('partyA', '王小明', phones.partyA), right).submit();
    expect(check.h1).toBe(s.booking.step.check.title);
  });

  it('explains a missing or mistyped code next to its field, before any try is counted', async () => {
    const n = people();
    const codes = await (await upToPhones(visitor(language), n)).press(p.send);
    const refused = await codes.form(s.application.continue).fill(codeLabel('partyA', '王小明', phonesOf(n).partyA), '12 34').submit();
    expect(refused.status).toBe(422);
    expect(refused.errorFor('phoneCode-partyA')).toContain(sentence(language.t(s.errors.verification.codeFormat, { field: s.fields.phoneCode.partyA })));
    expect(refused.errorFor('phoneCode-partyB')).toContain(sentence(language.t(s.errors.verification.codeRequired, { field: s.fields.phoneCode.partyB })));
    expect(refused.valueOf(codeLabel('partyA', '王小明', phonesOf(n).partyA))).toBe('12 34');
  });

  it('sends one phone’s code again: the new code confirms it, the old one no longer does', async () => {
    const n = people();
    const phones = phonesOf(n);
    const codes = await (await upToPhones(visitor(language), n)).press(p.send);
    const first = await sentPhoneCode(baseUrl(), phones.partyB);
    const resent = await codes.press(language.t(p.resend, { phone: masked(phones.partyB) }));
    expect(resent.status).toBe(200);
    expect(resent.role('status')).toBe(language.t(p.resent, { phone: masked(phones.partyB) }));
    const second = await sentPhoneCode(baseUrl(), phones.partyB);
    if (first !== second) {
      const refused = await resent
        .form(s.application.continue)
        .fill(codeLabel('partyA', '王小明', phones.partyA), await sentPhoneCode(baseUrl(), phones.partyA))
        .fill(codeLabel('partyB', '李小红', phones.partyB), first)
        .submit();
      expect(refused.errorFor('phoneCode-partyB')).not.toBe('');
      expect((await enterCodes(refused, language, { partyB: phones.partyB })).h1).toBe(s.booking.step.check.title);
    } else {
      expect((await enterCodes(resent, language, phones)).h1).toBe(s.booking.step.check.title);
    }
  });

  it('asks again for a phone changed from the check page, and books with the new one', async () => {
    const n = people();
    const phones = phonesOf(n);
    const codes = await (await upToPhones(visitor(language), n)).press(p.send);
    const check = await enterCodes(codes, language, phones);
    expect(check.h1).toBe(s.booking.step.check.title);

    const partyA = await check.follow(new RegExp(`${s.application.change}\\s+${s.fields.partyA.phone}`, 'i'));
    expect(partyA.h1).toBe(s.booking.step['party-a'].title);
    const newPhone = `132${String(n).padStart(8, '0')}`;
    const again = await partyA.form(s.application.continue).fill(label(s.fields.partyA.phone), newPhone).submit();
    expect(again.h1).toBe(s.booking.step.phones.title);
    // Only the changed phone is asked about; the other stays confirmed.
    expect(again.text()).toContain(masked(newPhone));
    const codesAgain = await again.press(p.send);
    expect(codesAgain.all('input[name^="phoneCode."]').map((input) => input.getAttribute('name'))).toEqual(['phoneCode.partyA']);
    const checkAgain = await enterCodes(codesAgain, language, { partyA: newPhone });
    expect(checkAgain.h1).toBe(s.booking.step.check.title);
    expect(checkAgain.text('.check-answers')).toContain(newPhone);
    const confirmation = await checkAgain.press(s.booking.submit);
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    expect(confirmation.text()).toContain(masked(newPhone));
  });

  it('sends the reader back to the step when the booking no longer accepts a confirmation, everything else kept', async () => {
    const n = people();
    const phones = phonesOf(n);
    const slot = await bookableSlot(baseUrl(), 'demo-county-registry', 'marriage', 'last');
    const later = new Date(Date.now() + 3_600_000).toISOString();
    // As the draft would hold it had the proofs run out on the server meanwhile.
    const stale = (phone: string) => JSON.stringify({ phone, proof: 'x'.repeat(43), expiresAt: later });
    const reader = visitor(language);
    const { name, value } = await draftCookie(workerPortal(), 'marriage-appointment', {
      kind: 'marriage',
      office: 'demo-county-registry',
      ...slot,
      'partyA.name': '王小明',
      'partyA.idType': 'resident-id',
      'partyA.idNumber': personId(n, 'male'),
      'partyA.phone': phones.partyA,
      'partyB.name': '李小红',
      'partyB.idType': 'resident-id',
      'partyB.idNumber': personId(n, 'female'),
      'partyB.phone': phones.partyB,
      'phoneProof.partyA': stale(phones.partyA),
      'phoneProof.partyB': stale(phones.partyB),
    });
    reader.setCookie(name, value);
    const check = await reader.get(language.path('/book/marriage/check'));
    expect(check.h1).toBe(s.booking.step.check.title);
    const again = await check.press(s.booking.submit);
    expect(again.h1).toBe(s.booking.step.phones.title);
    expect(again.role('status')).toBe(p.again);
    const codes = await again.press(p.send);
    const checkAgain = await enterCodes(codes, language, phones);
    expect(checkAgain.text('.check-answers')).toContain('李小红');
    expect((await checkAgain.press(s.booking.submit)).h1).toBe(s.booking.confirmation.title);
  });
});
