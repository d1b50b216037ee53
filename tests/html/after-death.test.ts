/**
 * 身后一件事 through the generic pages, without JavaScript (docs/decisions/066, 076). In Chinese: the
 * start page, each bad answer back next to its field with what was typed kept (the handler's phone,
 * a wrong code for it, a death in the future, a death certificate number of the wrong shape, a sex
 * the ID number does not carry, nothing ticked), only the pages the items ticked need, the check page
 * and a tracking number. In English: bad input on the deceased's page, and the check page from a
 * draft to the confirmation. The status page in both languages lists every part with its own number
 * and state. The confirmation and the status page offer to continue each item applied for later,
 * whose journey opens with what the bundle holds; once sent, the plain journey link again.
 */
import { describe, expect, it } from 'vitest';
import { afterDeathEn } from '../../api/services/after-death/messages/en.ts';
import { afterDeathZhCN } from '../../api/services/after-death/messages/zh-CN.ts';
import { funeralBookingEn } from '../../api/services/funeral-booking/messages/en.ts';
import { funeralBookingZhCN } from '../../api/services/funeral-booking/messages/zh-CN.ts';
import { afterDeathAnswers, afterDeathApplication } from '../support/applications.ts';
import { createDraft, JOURNEYS } from '../support/drafts.ts';
import { afterDeathViaApi, sentPhoneCode, withConfirmedHandler } from '../support/portal-api.ts';
import { english, zh } from '../support/site.ts';
import { baseUrl, lookUp, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';

const BASE = '/apply/after-death';
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
const asLabel = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const pick = (answers: Record<string, string>, prefix: string): Record<string, string> => Object.fromEntries(Object.entries(answers).filter(([key]) => key.startsWith(prefix)));

describe('身后一件事 in Chinese, without JavaScript', () => {
  const language = zh;
  const s = language.strings;
  const w = afterDeathZhCN;

  it('goes from the start page to a tracking number, each bad answer next to its field and nothing typed lost', async () => {
    const reader = visitor(language);
    const answers = afterDeathAnswers(people());
    const start = await reader.get(language.path(BASE));
    expect(start.h1).toBe(w.afterDeath.start.title);
    let page = await start.follow(w.afterDeath.start.button);
    expect(page.path).toBe(language.path(`${BASE}/handler`));

    const handler = pick(answers, 'handler.');
    page = await reader.post(language.path(`${BASE}/handler`), { ...handler, 'handler.phone': '1234' });
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#handler-phone']);
    expect(page.valueOf(asLabel(w.fields.handler.address))).toBe(handler['handler.address']);
    page = await reader.post(language.path(`${BASE}/handler`), handler);
    expect(page.path).toBe(language.path(`${BASE}/phones`));

    // The phone confirmed by a code, without JavaScript: a wrong code is said next to its field, what was typed kept.
    expect(page.h1).toBe(w.afterDeath.step.phones.title);
    const codes = await page.press(w.afterDeath.phones.send);
    expect(codes.path).toBe(language.path(`${BASE}/phones`));
    const right = await sentPhoneCode(baseUrl(), handler['handler.phone'] ?? '');
    const wrong = right === '000000' ? '111111' : '000000';
    page = await codes.form(s.application.continue).set('phoneCode.handler', wrong).submit();
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorFor('phoneCode-handler')).toContain(language.t(s.errors.verification.wrong, { count: 4 }));
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#phoneCode-handler']);
    expect(page.one('input[name="phoneCode.handler"]').getAttribute('value')).toBe(wrong);
    page = await page.form(s.application.continue).set('phoneCode.handler', right).submit();
    expect(page.path).toBe(language.path(`${BASE}/deceased`));

    // A death in the future, a certificate number of the wrong shape and a sex the ID number does not carry, each by its field.
    const { 'deceased.socialSecurityCardNumber': _card, ...asked } = pick(answers, 'deceased.');
    const deceased = { ...asked, 'deceased.diedOn': '2099-01-01', 'deceased.deathCertificateNumber': '12-3', 'deceased.sex': 'female' };
    page = await reader.post(language.path(`${BASE}/deceased`), deceased);
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#deceased-diedOn', '#deceased-deathCertificateNumber']);
    expect(page.errorFor('deceased-diedOn')).toContain(w.errors.afterDeath.diedOnFuture);
    expect(page.errorFor('deceased-deathCertificateNumber')).toContain(s.errors.ecoBurial.certificateNumber);
    expect(page.valueOf(asLabel(w.fields.deceased.diedOn))).toBe('2099-01-01');
    page = await reader.post(language.path(`${BASE}/deceased`), { ...deceased, 'deceased.diedOn': '2026年10月20日', 'deceased.deathCertificateNumber': answers['deceased.deathCertificateNumber'] ?? '' });
    expect(page.errorFor('deceased-sex')).toContain(w.errors.afterDeath.sexNotOnId);
    expect(page.isChecked(w.afterDeath.sex.female)).toBe(true);
    page = await reader.post(language.path(`${BASE}/deceased`), { ...deceased, 'deceased.diedOn': '2026-10-20', 'deceased.deathCertificateNumber': answers['deceased.deathCertificateNumber'] ?? '', 'deceased.sex': 'male' });
    expect(page.path).toBe(language.path(`${BASE}/items`));

    // Nothing ticked: said next to the first box.
    expect(page.text()).toContain(w.afterDeath.itemsText);
    page = await reader.post(language.path(`${BASE}/items`), {});
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#items-household-deregistration']);
    expect(page.errorFor('items-household-deregistration')).toContain(w.errors.afterDeath.items);
    // The pension needs the card and the account: those pages come next, and only they.
    page = await reader.post(language.path(`${BASE}/items`), { 'items.driving-licence': 'yes', 'items.pension-account': 'yes' });
    expect(page.path).toBe(language.path(`${BASE}/social-security`));
    page = await reader.post(language.path(`${BASE}/social-security`), { 'deceased.socialSecurityCardNumber': '' });
    expect(page.errorFor('deceased-socialSecurityCardNumber')).toContain(w.errors.afterDeath.socialSecurityCard);
    page = await reader.post(language.path(`${BASE}/social-security`), { 'deceased.socialSecurityCardNumber': answers['deceased.socialSecurityCardNumber'] ?? '' });
    expect(page.path).toBe(language.path(`${BASE}/account`));
    page = await reader.post(language.path(`${BASE}/account`), { ...pick(answers, 'account.'), 'account.number': 'ABC' });
    expect(page.errorFor('account-number')).toContain(w.errors.afterDeath.accountNumber);
    expect(page.valueOf(asLabel(w.fields.account.bankName))).toBe(answers['account.bankName']);
    const check = await reader.post(language.path(`${BASE}/account`), pick(answers, 'account.'));
    expect(check.path).toBe(language.path(`${BASE}/check`));
    expect(check.text('.check-answers')).toContain(w.fields.items['pension-account']);
    expect(check.text('.check-answers')).not.toContain(w.fields.items['housing-fund']);

    const confirmation = await check.press(s.application.submit);
    expect(confirmation.path).toBe(language.path(`${BASE}/confirmation`));
    expect(confirmation.text('[data-testid="tracking-number"]')).toMatch(TRACKING_NUMBER);
  });
});

describe('身后一件事 in English, without JavaScript', () => {
  const language = english;
  const s = language.strings;
  const w = afterDeathEn;

  it('says what is wrong on the deceased’s page in English, and sends the application from the check page', async () => {
    const reader = visitor(language);
    const answers = afterDeathAnswers(people(), {}, ['household-deregistration', 'allowance-stop']);
    const { reference } = await createDraft(workerPortal(), 'after-death', { ...pick(answers, 'handler.') });
    reader.setCookie(JOURNEYS['after-death'].cookie, reference);
    const { 'deceased.socialSecurityCardNumber': _card, ...asked } = pick(answers, 'deceased.');
    const deceased = { ...asked, 'deceased.diedOn': '1939-01-01' };
    let page = await reader.post(language.path(`${BASE}/deceased`), deceased);
    expect(page.status).toBe(422);
    expect(page.lang).toBe('en');
    expect(page.errorFor('deceased-diedOn')).toContain(w.errors.afterDeath.diedBeforeBirth);
    expect(page.valueOf(asLabel(w.fields.deceased.name))).toBe(answers['deceased.name']);

    const other = visitor(language);
    const draft = await createDraft(workerPortal(), 'after-death', await withConfirmedHandler(baseUrl(), answers));
    other.setCookie(JOURNEYS['after-death'].cookie, draft.reference);
    const check = await other.get(language.path(`${BASE}/check`));
    expect(check.status).toBe(200);
    expect(check.h1).toBe(w.afterDeath.step.check.title);
    // No card or account asked: the items ticked need neither.
    expect(check.text('.check-answers')).not.toContain(w.fields.account.number);
    page = await check.press(s.application.submit);
    expect(page.text('[data-testid="tracking-number"]')).toMatch(TRACKING_NUMBER);
    expect(page.text()).toContain(w.afterDeath.confirmation.afterAccept);
  });
});

describe.each([zh, english])('the bundle’s status page, in $name', (language) => {
  const w = language.code === 'en' ? afterDeathEn : afterDeathZhCN;

  it('shows every part with its own number and state, and where to apply for the subsidy later', async () => {
    const body = afterDeathApplication(people());
    const response = await afterDeathViaApi(baseUrl(), body);
    expect(response.status).toBe(201);
    const submitted = (await response.json()) as { trackingNumber: string; parts: { item: keyof typeof w.afterDeath.item; trackingNumber: string | null }[] };
    const page = await lookUp(visitor(language), language, submitted.trackingNumber, body.handler['phone'] ?? '');
    expect(page.status).toBe(200);
    expect(page.text()).toContain(w.afterDeathCase.parts.heading);
    const statuses = Object.values(w.afterDeathCase.partStatus) as string[];
    for (const part of submitted.parts) {
      const row = page.text(`[data-testid="part-${part.item}"]`);
      expect(row, part.item).toContain(w.afterDeath.item[part.item]);
      if (part.trackingNumber) expect(row).toContain(part.trackingNumber);
      // The state first, then quieter, the part's own number.
      const status = page.text(`[data-testid="part-${part.item}-status"]`);
      expect(statuses.some((state) => status.startsWith(state)), status).toBe(true);
    }
    expect(page.text('[data-testid="part-allowance-stop-status"]').startsWith(w.afterDeathCase.partStatus['with-staff'])).toBe(true);
    expect(page.text('[data-testid="part-eco-burial-subsidy-status"]')).toBe(w.afterDeathCase.partStatus['to-apply']);
    // Its journey was prefilled from the bundle: a form with the bundle's key continues it (docs/decisions/076).
    expect(page.buttons(w.afterDeathCase.later.continue['eco-burial-subsidy'])).toHaveLength(1);
    expect(page.text('[data-action="continue-eco-burial-subsidy"]')).toContain(w.afterDeathCase.later['eco-burial-subsidy']);
  });
});

describe('身后一件事 on the workbench', () => {
  const language = zh;
  const w = afterDeathZhCN;

  it('shows a department’s part with its hand-off and a way to send it again, and the allowances’ stop as a step the reviewer confirms', async () => {
    const body = afterDeathApplication(people(), {}, ['driving-licence', 'allowance-stop']);
    const response = await afterDeathViaApi(baseUrl(), body);
    const submitted = (await response.json()) as { parts: { item: string; trackingNumber: string }[] };
    const [licence, stop] = submitted.parts;
    const clerk = await staffVisitor(language, 'intake');
    const licencePage = await clerk.get(language.path(`/staff/cases/${licence?.trackingNumber ?? ''}`));
    expect(licencePage.status).toBe(200);
    expect(licencePage.text()).toContain(w.part['driving-licence'].name);
    expect(licencePage.text()).toContain(w.part['driving-licence'].handoff['public-security']);
    expect(licencePage.text()).toContain(w.part['driving-licence'].action['send-again']);
    const id = body.deceased['idNumber'] ?? '';
    expect(licencePage.text()).not.toContain(id);

    const reviewer = await staffVisitor(language, 'reviewer');
    const stopPage = await reviewer.get(language.path(`/staff/cases/${stop?.trackingNumber ?? ''}`));
    expect(stopPage.status).toBe(200);
    expect(stopPage.text()).toContain(w.part['allowance-stop'].action['confirm-stop']);
    expect(stopPage.text()).toContain(w.fields.evidence);
    expect(stopPage.text()).not.toContain(id);
  });
});

describe.each([zh, english])('continuing the items applied for later, in $name', (language) => {
  const s = language.strings;
  const w = language.code === 'en' ? afterDeathEn : afterDeathZhCN;
  const booking = language.code === 'en' ? funeralBookingEn : funeralBookingZhCN;
  const ITEMS = ['driving-licence', 'funeral-booking', 'cemetery-plot'];

  it('the confirmation offers each one; following one opens its journey at the first question left, the deceased and the confirmed phone filled in', async () => {
    const reader = visitor(language);
    const answers = await withConfirmedHandler(baseUrl(), afterDeathAnswers(people(), {}, ITEMS));
    const draft = await createDraft(workerPortal(), 'after-death', answers);
    reader.setCookie(JOURNEYS['after-death'].cookie, draft.reference);
    const check = await reader.get(language.path(`${BASE}/check`));
    expect(check.h1).toBe(w.afterDeath.step.check.title);
    const confirmation = await check.press(s.application.submit);
    expect(confirmation.path).toBe(language.path(`${BASE}/confirmation`));
    expect(confirmation.text()).toContain(w.afterDeath.confirmation.continueTitle);
    expect(confirmation.buttons(w.afterDeathCase.later.continue['funeral-booking'])).toHaveLength(1);
    expect(confirmation.buttons(w.afterDeathCase.later.continue['cemetery-plot'])).toHaveLength(1);
    expect(confirmation.buttons(w.afterDeathCase.later.continue['eco-burial-subsidy'])).toHaveLength(0);

    // The home is the first question the bundle could not answer; then the deceased's page, filled in.
    let page = await confirmation.press(w.afterDeathCase.later.continue['funeral-booking']);
    expect(page.path).toBe(language.path('/apply/funeral-booking/home'));
    page = await reader.post(language.path('/apply/funeral-booking/home'), { home: 'demo-district-funeral-home' });
    expect(page.path).toBe(language.path('/apply/funeral-booking/deceased'));
    expect(page.valueOf(asLabel(booking.fields.deceased.name))).toBe(answers['deceased.name']);
    expect(page.valueOf(asLabel(booking.fields.deceased.idNumber))).toBe(answers['deceased.idNumber']);
    expect(page.valueOf(asLabel(booking.fields.deceased.diedOn))).toBe(answers['deceased.diedOn']);
    // Where they died is the booking's own question; the certificate comes filled in.
    const certificate = await page.form(s.application.continue).fill(asLabel(booking.fields.deceased.placeOfDeath), '示例区人民医院').submit();
    expect(certificate.path).toBe(language.path('/apply/funeral-booking/certificate'));
    expect(certificate.isChecked(booking.journey.certificateForm.paper)).toBe(true);
    expect(certificate.valueOf(asLabel(booking.fields.deceased.certificate.number))).toBe(answers['deceased.deathCertificateNumber']);
    const contact = await certificate.form(s.application.continue).submit();
    expect(contact.path).toBe(language.path('/apply/funeral-booking/contact'));
    expect(contact.valueOf(asLabel(booking.fields.contact.phone))).toBe(answers['handler.phone']);
    expect(contact.valueOf(asLabel(booking.fields.contact.name))).toBe(answers['handler.name']);
    // The phone the bundle confirmed is confirmed here too: no code asked again, straight on to what is needed.
    const next = await contact.form(s.application.continue).submit();
    expect(next.path).toBe(language.path('/apply/funeral-booking/needs'));
    expect(next.has('input[name="phoneCode.contact"]')).toBe(false);
  });

  it('the status page continues it with the bundle’s key; once that draft was sent, the plain journey link again', async () => {
    const body = afterDeathApplication(people(), {}, ITEMS);
    const submitted = (await (await afterDeathViaApi(baseUrl(), body)).json()) as { trackingNumber: string };
    const reader = visitor(language);
    const status = await lookUp(reader, language, submitted.trackingNumber, body.handler['idNumber'] ?? '');
    expect(status.text('[data-action="continue-cemetery-plot"]')).toContain(w.afterDeathCase.later['cemetery-plot']);
    const plot = await status.press(w.afterDeathCase.later.continue['cemetery-plot']);
    // The plot and kind are what the bundle could not know.
    expect(plot.path).toBe(language.path('/apply/public-cemetery/plot'));

    const continued = await status.press(w.afterDeathCase.later.continue['funeral-booking']);
    expect(continued.path).toBe(language.path('/apply/funeral-booking/home'));
    // Sent (here: ended as a submission ends it): the status page links the journey as before.
    const reference = reader.cookies.get(JOURNEYS['funeral-booking'].cookie) ?? '';
    const ended = await fetch(`${baseUrl()}/api/v1/drafts/current`, { method: 'PUT', headers: { 'content-type': 'application/json', 'draft-reference': reference }, body: JSON.stringify({ answers: {}, submitted: { trackingNumber: 'ABCD-EFGH-JKM', acceptanceDue: null, smsTo: '136****0000' } }) });
    expect(ended.status).toBe(200);
    const again = await lookUp(visitor(language), language, submitted.trackingNumber, body.handler['phone'] ?? '');
    expect(again.buttons(w.afterDeathCase.later.continue['funeral-booking'])).toHaveLength(0);
    expect(again.hrefOf(w.afterDeathCase.later.apply['funeral-booking'])).toBe(language.path('/apply/funeral-booking'));
    expect(again.buttons(w.afterDeathCase.later.continue['cemetery-plot'])).toHaveLength(1);
  });
});
