/**
 * The fee exemption's manual claim without JavaScript (docs/decisions/075), in both languages: the
 * booking's confirmation says what confirming the claim would waive and links the status page; the
 * status page says it again and offers the proof as a multipart form (the ground, the files, a
 * note); a file of the wrong type comes back with the message next to the files, "Error:" in the
 * title, the summary linking to it, the note and the ground kept; the proof taken, the reviewer of
 * the funeral area lists the claim, opens it with its file, is refused a reason too short next to the
 * field (the text kept), confirms it, and the family reads the claim confirmed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { funeralBookingEn } from '../../api/services/funeral-booking/messages/en.ts';
import { funeralBookingZhCN } from '../../api/services/funeral-booking/messages/zh-CN.ts';
import { funeralEn } from '../../api/services/funeral/messages/en.ts';
import { funeralZhCN } from '../../api/services/funeral/messages/zh-CN.ts';
import { personId } from '../support/applications.ts';
import { funeralBookedViaApi, sentPhoneCode } from '../support/portal-api.ts';
import { english, LANGUAGES, zh, type Language } from '../support/site.ts';
import { baseUrl, lookUp, staffVisitor, visitor } from './support/portal.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));
const chinaDay = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const WORDS = { 'zh-CN': { funeral: funeralZhCN, page: funeralBookingZhCN }, en: { funeral: funeralEn, page: funeralBookingEn } } as const;
/** What a family says that the portal cannot check: a 优抚 family, registered elsewhere. */
const CLAIMING = { registeredHere: false, claims: { relief: false, youfu: true } };

describe.each([
  [zh, 7501],
  [english, 7502],
] as const)('the fee exemption claim in %s', (language: Language, n: number) => {
  const w = WORDS[language.code].funeral.exemption;
  const s = language.strings;
  const phone = `1390072${String(n).padStart(4, '0')}`;

  it('takes the proof on the status page, the wrong type refused next to the files with the note and ground kept; the reviewer confirms it', async () => {
    const { trackingNumber } = await funeralBookedViaApi(baseUrl(), n, chinaDay(n === 7501 ? 3 : 4), language.code, undefined, CLAIMING);
    let page = await lookUp(visitor(language), language, trackingNumber, phone);
    expect(page.text('[data-testid="claim-status"]')).toContain(w.claim.track.statuses.open);
    expect(page.text('[data-testid="claim-waived"]')).toContain(w.claim.track.ifConfirmed);
    expect(page.one(`section[data-action="send-exemption-proof"] form[enctype="multipart/form-data"]`)).toBeTruthy();
    expect(page.isChecked(w.claim.grounds.youfu)).toBe(true);

    // A file that is not a document, another ground chosen and a note: the message by the files, both kept.
    page = await page
      .form(w.claim.track.button)
      .check(w.claim.grounds.relief)
      .fill(w.claim.note, '证件在外地亲戚家')
      .attach(w.claim.proofFiles, { name: 'proof.jpg', type: 'image/jpeg', bytes: fixture('script-named.jpg') })
      .submit();
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorFor('files')).toContain('proof.jpg');
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#files']);
    expect(page.field(w.claim.proofFiles).getAttribute('aria-invalid')).toBe('true');
    expect(page.valueOf(w.claim.note)).toBe('证件在外地亲戚家');
    expect(page.isChecked(w.claim.grounds.relief)).toBe(true);

    page = await page.form(w.claim.track.button).check(w.claim.grounds.youfu).attach(w.claim.proofFiles, { name: 'youfu.pdf', type: 'application/pdf', bytes: fixture('income-proof.pdf') }).submit();
    expect(page.status).toBe(200);
    expect(page.role('status')).toBe(w.claim.track.received);
    expect(page.text('[data-testid="claim-status"]')).toContain(w.claim.track.statuses.sent);
    expect(page.has('section[data-action="send-exemption-proof"]')).toBe(false);
    expect(page.text('.steps')).toContain(WORDS[language.code].funeral.funeralBooking.case.event['exemption-claim-sent']);

    // The reviewer: the claim listed, opened with its file; a reason too short refused next to the field, the text kept.
    const reviewer = await staffVisitor(language, 'reviewer');
    const list = await reviewer.get(language.path('/staff/funeral-claims'));
    expect(list.status).toBe(200);
    expect(list.h1).toBe(w.review.title);
    const claim = await list.follow(trackingNumber);
    expect(claim.h1).toBe(language.t(w.review.claimTitle, { trackingNumber }));
    expect(claim.texts('[data-testid="claim-files"] li > a').at(0)).toBe('youfu.pdf');
    expect(claim.text('[data-testid="claim"]')).not.toContain(personId(n, 'female', '19360101'));
    const short = await claim.form(w.review.refuse).fill(w.review.reason, '不行').submit();
    expect(short.status).toBe(422);
    expect(short.title.startsWith(s.errors.title)).toBe(true);
    expect(short.errorFor('refuse-reason')).toContain(w.errors.review.reason);
    expect(short.valueOf(w.review.reason)).toBe('不行');

    const confirmed = await short.form(w.review.confirm).submit();
    expect(confirmed.path).toBe(language.path(`/staff/funeral-claims/${trackingNumber}`));
    expect(confirmed.text('[data-testid="claim-done"]')).not.toBe('');
    expect(confirmed.text('[data-testid="claim-status"]')).toContain(w.claim.track.statuses.confirmed);
    expect(confirmed.buttons(w.review.confirm)).toHaveLength(0);

    const family = await lookUp(visitor(language), language, trackingNumber, phone);
    expect(family.text('[data-testid="claim-status"]')).toContain(w.claim.track.statuses.confirmed);
    expect(family.text('.steps')).toContain(WORDS[language.code].funeral.funeralBooking.case.event['exemption-confirmed']);
  });

  it('refuses the claims to staff who are not the funeral area’s reviewer', async () => {
    const clerk = await staffVisitor(language, 'intake');
    const page = await clerk.get(language.path('/staff/funeral-claims'));
    expect(page.status).toBe(403);
    expect(page.text()).toContain(w.errors.review.notPermitted);
  });
});

describe.each(LANGUAGES)('a booking that opens a claim, confirmed in $name', (language) => {
  it('says on the confirmation what confirming the claim would waive, and links the status page to send the proof', async () => {
    const w = WORDS[language.code];
    const reader = visitor(language);
    const BASE = '/apply/funeral-booking';
    const start = await reader.get(language.path(BASE));
    await start.follow(w.page.journey.start.button);
    const n = language.code === 'zh-CN' ? 7503 : 7504;
    let page = await reader.post(language.path(`${BASE}/home`), { home: 'demo-district-funeral-home' });
    page = await reader.post(language.path(`${BASE}/deceased`), { 'deceased.name': '周立国', 'deceased.idNumber': personId(n, 'male', '19400101', '320102'), 'deceased.diedOn': chinaDay(-1), 'deceased.placeOfDeath': '示例区人民医院' });
    page = await reader.post(language.path(`${BASE}/certificate`), { 'deceased.certificate.form': 'paper', 'deceased.certificate.number': 'A110123456' });
    const phone = `1390075${n}`;
    page = await reader.post(language.path(`${BASE}/contact`), { 'contact.name': '周红', 'contact.relationship': 'child', 'contact.phone': phone });
    const codes = await page.press(w.page.journey.phones.send);
    const form = codes.form(language.strings.application.continue);
    form.set('phoneCode.contact', await sentPhoneCode(codes.visitor.baseUrl, phone));
    page = await form.submit();
    page = await reader.post(language.path(`${BASE}/needs`), { 'needs.transport': 'yes', 'needs.storage': 'no', 'needs.cremation': 'no', 'needs.hall': 'no' });
    page = await reader.post(language.path(`${BASE}/transport`), { 'transport.date': chinaDay(1), 'transport.from': '09:00', 'transport.to': '11:00', 'transport.address': '示例区人民医院太平间' });
    page = await reader.post(language.path(`${BASE}/exemption`), { registeredHere: 'no', 'claims.youfu': 'yes' });
    expect(page.path).toBe(language.path(`${BASE}/check`));
    const done = await page.press(w.page.journey.submit);
    expect(done.path).toBe(language.path(`${BASE}/confirmation`));
    expect(done.text('[data-testid="claim-if-confirmed"]')).not.toBe('');
    const link = done.one('a[data-testid="claim-send-proof"], [data-testid="claim-send-proof"] a');
    expect(link.textContent).toBe(w.funeral.exemption.claim.track.sendProof);
    const tracking = /number=([^&]+)/.exec(decodeURIComponent(link.getAttribute('href') ?? ''))?.[1] ?? '';
    const status = await reader.get(link.getAttribute('href') ?? '');
    expect(status.valueOf(language.strings.track.trackingNumber)).toBe(tracking);
    expect(tracking).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/);
  });
});
