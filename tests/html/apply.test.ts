/**
 * 申领高龄津贴 online without a browser: one question per page, plain forms, answers checked page by
 * page with the message next to the field and nothing typed lost, a check-answers page with change
 * links, a confirmation with the tracking number and what happens next, and one case however often
 * the form is sent. Both languages.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS } from '../../api/db/request-guards.repo.ts';
import { residentIdCheckCharacter } from '../../api/domain/identity/resident-id.ts';
import { AGENT_ID, ELDER_ID } from '../support/applications.ts';
import { LANGUAGES, escapeRegExp, sentence, type Language } from '../support/site.ts';
import { normalize, type HtmlPage, type Visitor } from './support/html-client.ts';
import { visitor, workerPortal } from './support/portal.ts';

/** Born 1 June 1970: far too young for the allowance. */
const YOUNG_ID = '11010119700601123' + residentIdCheckCharacter('11010119700601123');
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
const BASE = '/apply/old-age-allowance';

/** The journey's pages, each answered as a reader would: check the page is the one meant, fill it in, continue. */
function journey(language: Language) {
  const s = language.strings;
  const f = s.fields;
  const continueFrom = (page: HtmlPage) => page.form(s.application.continue);
  const expectStep = (page: HtmlPage, step: keyof typeof s.application.step) => expect(page.h1).toBe(s.application.step[step].title);
  return {
    continueFrom,
    async eligibility(page: HtmlPage, idNumber = ELDER_ID, district = s.application.district['demo-district']) {
      expectStep(page, 'eligibility');
      return continueFrom(page).check(district).fill(sentence(f.elder.idNumber), idNumber).submit();
    },
    async elder(page: HtmlPage, name = '张秀英', phone = '138 1234 5678') {
      expectStep(page, 'elder');
      return continueFrom(page).fill(sentence(f.elder.name), name).fill(sentence(f.elder.phone), phone).submit();
    },
    async agent(page: HtmlPage, hasAgent: 'yes' | 'no') {
      expectStep(page, 'agent');
      return continueFrom(page).check(s.application.hasAgent[hasAgent]).submit();
    },
    async agentDetails(page: HtmlPage, idNumber = AGENT_ID) {
      expectStep(page, 'agent-details');
      return continueFrom(page)
        .fill(sentence(f.agent.name), '李明')
        .fill(sentence(f.agent.idNumber), idNumber)
        .fill(sentence(f.agent.phone), '13900001111')
        .check(s.application.relationship.child)
        .submit();
    },
    async bank(page: HtmlPage, accountNumber = '6222 0000 1111 2222 333') {
      expectStep(page, 'bank');
      return continueFrom(page).fill(sentence(f.bank.bankName), '示例银行').fill(sentence(f.bank.accountHolder), '张秀英').fill(sentence(f.bank.accountNumber), accountNumber).submit();
    },
    async declaration(page: HtmlPage) {
      expectStep(page, 'declaration');
      return continueFrom(page).check(s.application.declarationAgree).submit();
    },
    /** From the first question to the check page, without an agent. */
    async upToCheck(reader: Visitor): Promise<HtmlPage> {
      let page = await reader.get(language.path(`${BASE}/eligibility`));
      page = await this.eligibility(page);
      page = await this.elder(page);
      page = await this.agent(page, 'no');
      page = await this.bank(page);
      return this.declaration(page);
    },
    /** The answer the check page shows for a field. */
    answer(page: HtmlPage, field: string): string {
      const row = page.all('.check-answers div').find((candidate) => page.texts('dt', candidate).includes(sentence(field)));
      if (!row) throw new Error(`the check page has no answer "${sentence(field)}"; it has: ${page.texts('.check-answers dt').join(', ')}`);
      return normalize(row.querySelector('dd')?.textContent);
    },
    /** Submits the check page; answers the confirmation and its tracking number. */
    async submit(page: HtmlPage): Promise<{ confirmation: HtmlPage; trackingNumber: string }> {
      expectStep(page, 'check');
      const confirmation = await page.press(s.application.submit);
      expect(confirmation.h1).toBe(s.application.confirmation.title);
      const trackingNumber = confirmation.text('[data-testid="tracking-number"]');
      expect(trackingNumber).toMatch(TRACKING_NUMBER);
      return { confirmation, trackingNumber };
    },
  };
}

describe.each(LANGUAGES)('applying for the old-age allowance in $name', (language) => {
  const s = language.strings;
  const f = s.fields;

  it('starts from the guide, asks one thing per page, lets the applicant change an answer, and confirms with a tracking number and what happens next', async () => {
    const j = journey(language);
    const reader = visitor(language);
    const guide = await reader.get(language.path('/guides/old-age-allowance'));
    const start = await guide.follow(s.apply.onlineAction);
    expect(start.h1).toBe(s.application.start.title);
    let page = await start.follow(s.application.start.button);
    page = await j.eligibility(page, ELDER_ID.toLowerCase());
    page = await j.elder(page);
    page = await j.agent(page, 'no');
    page = await j.bank(page);
    page = await j.declaration(page);

    expect(page.h1).toBe(s.application.step.check.title);
    expect(j.answer(page, f.elder.idNumber)).toBe(ELDER_ID);
    expect(j.answer(page, f.elder.phone)).toBe('13812345678');
    expect(j.answer(page, f.hasAgent)).toBe(s.application.hasAgent.no);
    expect(j.answer(page, f.bank.accountNumber)).toBe('6222000011112222333');
    const change = await page.follow(`${s.application.change} ${f.elder.phone}`);
    expect(change.valueOf(sentence(f.elder.phone))).toBe('138 1234 5678');
    page = await j.continueFrom(change).fill(sentence(f.elder.phone), '13700002222').submit();
    expect(page.h1).toBe(s.application.step.check.title);
    expect(j.answer(page, f.elder.phone)).toBe('13700002222');

    const { confirmation, trackingNumber } = await j.submit(page);
    expect(confirmation.text()).toContain(`${s.application.sentTo}${s.punctuation.colon}137****2222`);
    expect(confirmation.text()).toMatch(new RegExp(language.t(s.application.confirmation.acceptBy, { date: '.+' })));

    // The number works on the progress page straight away.
    const track = await confirmation.follow(s.application.confirmation.trackLink, confirmation.one('main'));
    const result = await track.form(s.track.submit).fill(s.track.trackingNumber, trackingNumber).fill(s.track.secondFactor, ELDER_ID).submit();
    expect(result.hasExactText(s.case.state.submitted)).toBe(true);
  });

  it('with an agent: asks for the agent’s details, and sends the messages to the agent', async () => {
    const j = journey(language);
    let page = await visitor(language).get(language.path(`${BASE}/eligibility`));
    page = await j.eligibility(page);
    page = await j.elder(page);
    page = await j.agent(page, 'yes');
    page = await j.agentDetails(page);
    page = await j.bank(page);
    page = await j.declaration(page);
    expect(j.answer(page, f.agent.relationship)).toBe(s.application.relationship.child);
    expect(j.answer(page, f.agent.idNumber)).toBe(AGENT_ID);
    const { confirmation } = await j.submit(page);
    expect(confirmation.text()).toContain(`${s.application.sentTo}${s.punctuation.colon}139****1111`);
  });

  it('explains each bad answer next to its field, in the error summary too, and keeps what was typed', async () => {
    const j = journey(language);
    const e = s.errors.application;
    const idNumber = sentence(f.elder.idNumber);
    let page = await visitor(language).get(language.path(`${BASE}/eligibility`));
    page = await j.continueFrom(page).submit();
    expect(page.title).toMatch(new RegExp(`^${escapeRegExp(s.errors.title)}`));
    expect(page.errorSummary).toContainEqual({ text: e.districtRequired, href: '#district' });
    expect(page.errorSummary).toContainEqual({ text: language.t(e.idNumberRequired, { field: f.elder.idNumber }), href: '#elder-idNumber' });

    // Too short, then a mistyped check digit, then too young for the district.
    page = await j.continueFrom(page).check(s.application.district['demo-district']).fill(idNumber, '110101194003011').submit();
    expect(page.errorFor('elder-idNumber')).toContain(sentence(language.t(e.idNumberLength, { field: f.elder.idNumber })));
    expect(page.valueOf(idNumber)).toBe('110101194003011');
    expect(page.isChecked(s.application.district['demo-district'])).toBe(true);
    const typo = ELDER_ID.slice(0, 17) + (ELDER_ID.endsWith('1') ? '2' : '1');
    page = await j.continueFrom(page).fill(idNumber, typo).submit();
    expect(page.errorFor('elder-idNumber')).toContain(sentence(language.t(e.idNumberCheckDigit, { field: f.elder.idNumber })));
    page = await j.continueFrom(page).fill(idNumber, YOUNG_ID).submit();
    expect(page.errorFor('elder-idNumber')).toContain(language.t(e.tooYoung, { threshold: 80 }));
    expect(page.field(idNumber).getAttribute('aria-invalid')).toBe('true');

    page = await j.continueFrom(page).fill(idNumber, ELDER_ID).submit();
    page = await j.elder(page, '张秀英', '12345');
    expect(page.errorFor('elder-phone')).toContain('13812345678');
    expect(page.valueOf(sentence(f.elder.name))).toBe('张秀英');
    page = await j.elder(page);
    page = await j.agent(page, 'yes');
    page = await j.agentDetails(page, ELDER_ID);
    expect(page.errorFor('agent-idNumber')).toContain(e.agentIsElder);
    expect(page.valueOf(sentence(f.agent.name))).toBe('李明');
    page = await j.agentDetails(page);
    page = await j.bank(page, '123');
    expect(page.errorFor('bank-accountNumber')).toContain(e.accountNumberInvalid);
    expect(page.valueOf(sentence(f.bank.bankName))).toBe('示例银行');
    page = await j.bank(page);
    page = await j.continueFrom(page).submit();
    expect(page.errorFor('declaration')).toContain(e.declarationRequired);
  });

  it('makes one case however often the applicant goes back and sends again', async () => {
    const j = journey(language);
    const reader = visitor(language);
    const page = await j.upToCheck(reader);
    const key = page.one('input[name="key"]').getAttribute('value') ?? '';
    expect(key).not.toBe('');
    const { trackingNumber } = await j.submit(page);
    // Back to the check page: it now shows the confirmation of the case already made.
    const back = await reader.get(language.path(`${BASE}/check`));
    expect(back.text('[data-testid="tracking-number"]')).toBe(trackingNumber);
    // The same form posted again (a double click, or a resubmitted page) finds the same case.
    const again = await reader.post(language.path(`${BASE}/check`), { key });
    expect(again.path).toMatch(/\/apply\/old-age-allowance\/confirmation$/);
    expect(again.html).toContain(trackingNumber);
    // Applying for someone else starts afresh.
    const fresh = await back.press(s.application.confirmation.newApplication);
    expect(fresh.h1).toBe(s.application.step.eligibility.title);
    expect(fresh.valueOf(sentence(f.elder.idNumber))).toBe('');
  });

  it('sends the application when a request with the draft’s key died mid-way, once its claim’s lease has passed', async () => {
    const j = journey(language);
    const reader = visitor(language);
    const page = await j.upToCheck(reader);
    const key = page.one('input[name="key"]').getAttribute('value') ?? '';
    // A request with this draft's key, whose process died: its claim stays "in progress" in the
    // server's database, as old as the lease.
    const database = new DatabaseSync(join(workerPortal().dataDir, 'portal.sqlite'), { timeout: 5000 });
    try {
      database
        .prepare(`insert into idempotency_keys (key, request_hash, status, response_status, response_json, created_at) values (?, 'the dead request', 'in-progress', null, null, ?)`)
        .run(`applications/old-age-allowance:${key}`, new Date(Date.now() - IDEMPOTENCY_LEASE_MS - 1000).toISOString());
    } finally {
      database.close();
    }
    const { trackingNumber } = await j.submit(page);
    expect(trackingNumber).toMatch(TRACKING_NUMBER);
  });

  it('asks for a page a change put on the route before going back to the check page, and opens no page beyond the first unanswered one', async () => {
    const j = journey(language);
    const reader = visitor(language);
    let page = await j.upToCheck(reader);
    // "No one applies for me" changed to "someone does": the agent's page is asked, in change mode, then the check page.
    const change = await page.follow(`${s.application.change} ${f.hasAgent}`);
    page = await j.continueFrom(change).check(s.application.hasAgent.yes).submit();
    expect(page.h1).toBe(s.application.step['agent-details'].title);
    expect(page.url.search).toBe('?change=1');
    page = await j.agentDetails(page);
    expect(page.h1).toBe(s.application.step.check.title);
    expect(j.answer(page, f.agent.name)).toBe('李明');
    // And back: the agent's answers are no longer kept (data minimisation), and the check page says no one applies for the elder.
    const agent = await reader.get(language.path(`${BASE}/agent?change=1`));
    page = await j.continueFrom(agent).check(s.application.hasAgent.no).submit();
    expect(page.h1).toBe(s.application.step.check.title);
    expect(j.answer(page, f.hasAgent)).toBe(s.application.hasAgent.no);
    expect(page.text()).not.toContain('李明');

    // A new applicant who answered the first page only cannot open the bank page by its address: the first unanswered page opens.
    const another = visitor(language);
    await j.eligibility(await another.get(language.path(`${BASE}/eligibility`)));
    expect((await another.get(language.path(`${BASE}/bank`))).h1).toBe(s.application.step.elder.title);
  });

  it('knows no service that has no journey', async () => {
    const reader = visitor(language);
    expect((await reader.get(language.path('/apply/no-such-service'))).status).toBe(404);
    expect((await reader.get(language.path('/apply/no-such-service/check'))).status).toBe(404);
    expect((await reader.get(language.path(`${BASE}/no-such-step`))).status).toBe(404);
  });

  it('sends a reader who arrives mid-way without answers to the start', async () => {
    const reader = visitor(language);
    expect((await reader.get(language.path(`${BASE}/bank`))).h1).toBe(s.application.start.title);
    expect((await reader.get(language.path(`${BASE}/confirmation`))).h1).toBe(s.application.start.title);
  });
});
