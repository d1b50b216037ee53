/**
 * 身后一件事 through the generic pages, without JavaScript (docs/decisions/066). In Chinese: the
 * start page, each bad answer back next to its field with what was typed kept (the handler's phone,
 * a death in the future, a death certificate number of the wrong shape, a sex the ID number does not
 * carry, nothing ticked), only the pages the items ticked need, the check page and a tracking number.
 * In English: bad input on the deceased's page, and the check page from a draft to the confirmation.
 * The status page in both languages lists every part with its own number and state.
 */
import { describe, expect, it } from 'vitest';
import { afterDeathEn } from '../../api/services/after-death/messages/en.ts';
import { afterDeathZhCN } from '../../api/services/after-death/messages/zh-CN.ts';
import { afterDeathAnswers, afterDeathApplication } from '../support/applications.ts';
import { createDraft, JOURNEYS } from '../support/drafts.ts';
import { english, zh } from '../support/site.ts';
import { lookUp, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';

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
    const draft = await createDraft(workerPortal(), 'after-death', answers);
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
    const response = await fetch(`${workerPortal().url}/api/v1/services/after-death/applications`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
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
    expect(page.hrefOf(w.afterDeathCase.later.apply['eco-burial-subsidy'])).toBe(language.path('/apply/eco-burial-subsidy'));
  });
});

describe('身后一件事 on the workbench', () => {
  const language = zh;
  const w = afterDeathZhCN;

  it('shows a department’s part with its hand-off and a way to send it again, and the allowances’ stop as a step the reviewer confirms', async () => {
    const body = afterDeathApplication(people(), {}, ['driving-licence', 'allowance-stop']);
    const response = await fetch(`${workerPortal().url}/api/v1/services/after-death/applications`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
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
