/**
 * 申领高龄津贴 online: one question per page, plain forms (with and without JavaScript), answers
 * checked page by page with the message next to the field and nothing typed lost, a check-answers
 * page with change links, and a confirmation with the tracking number and what happens next.
 */
import { expect, test, type Page } from '@playwright/test';
import { residentIdCheckCharacter } from '../../api/domain/identity/resident-id.ts';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES, exactly, expectNoAxeViolations, type Language } from './support/portal.ts';

/** Born 1 June 1970: far too young for the allowance. */
const YOUNG_ID = '11010119700601123' + residentIdCheckCharacter('11010119700601123');
const AGENT_ID = '11010519750315202' + residentIdCheckCharacter('11010519750315202');
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;

function journey(page: Page, language: Language) {
  const s = language.strings;
  const f = s.fields;
  const label = (text: string) => page.getByLabel(exactly(text.charAt(0).toUpperCase() + text.slice(1)));
  const next = () => page.getByRole('button', { name: s.application.continue }).click();
  const heading = () => page.getByRole('heading', { level: 1 });
  return {
    label,
    heading,
    next,
    async eligibility(idNumber = ELDER_ID, district = s.application.district['demo-district']) {
      await expect(heading()).toHaveText(s.application.step.eligibility.title);
      await page.getByLabel(district).check();
      await label(f.elder.idNumber).fill(idNumber);
      await next();
    },
    async elder(name = '张秀英', phone = '138 1234 5678') {
      await expect(heading()).toHaveText(s.application.step.elder.title);
      await label(f.elder.name).fill(name);
      await label(f.elder.phone).fill(phone);
      await next();
    },
    async agent(hasAgent: 'yes' | 'no') {
      await expect(heading()).toHaveText(s.application.step.agent.title);
      await page.getByLabel(s.application.hasAgent[hasAgent]).check();
      await next();
    },
    async agentDetails(idNumber = AGENT_ID) {
      await expect(heading()).toHaveText(s.application.step['agent-details'].title);
      await label(f.agent.name).fill('李明');
      await label(f.agent.idNumber).fill(idNumber);
      await label(f.agent.phone).fill('13900001111');
      await page.getByLabel(s.application.relationship.child, { exact: true }).check();
      await next();
    },
    async bank(accountNumber = '6222 0000 1111 2222 333') {
      await expect(heading()).toHaveText(s.application.step.bank.title);
      await label(f.bank.bankName).fill('示例银行');
      await label(f.bank.accountHolder).fill('张秀英');
      await label(f.bank.accountNumber).fill(accountNumber);
      await next();
    },
    async declaration() {
      await expect(heading()).toHaveText(s.application.step.declaration.title);
      await page.getByLabel(s.application.declarationAgree).check();
      await next();
    },
    /** The answer shown on the check page for a field. */
    answer: (field: string) => page.locator('.check-answers div').filter({ has: page.locator('dt', { hasText: exactly(field.charAt(0).toUpperCase() + field.slice(1)) }) }).locator('dd').first(),
    async submit(): Promise<string> {
      await page.getByRole('button', { name: s.application.submit }).click();
      await expect(heading()).toHaveText(s.application.confirmation.title);
      const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
      expect(trackingNumber).toMatch(TRACKING_NUMBER);
      return trackingNumber;
    },
  };
}

for (const language of LANGUAGES) {
  const s = language.strings;
  test.describe(`In ${language.name}, applying for the old-age allowance`, () => {
    test('starts from the guide, asks one thing per page, lets the applicant change an answer, and confirms with a tracking number and what happens next', async ({ page }) => {
      const j = journey(page, language);
      await page.goto(language.path('/guides/old-age-allowance'));
      await page.getByRole('link', { name: s.apply.onlineAction }).click();
      await expect(j.heading()).toHaveText(s.application.start.title);
      await page.getByRole('button', { name: s.application.start.button }).click();
      await j.eligibility(ELDER_ID.toLowerCase());
      await j.elder();
      await j.agent('no');
      await j.bank();
      await j.declaration();

      await expect(j.heading()).toHaveText(s.application.step.check.title);
      await expect(j.answer(s.fields.elder.idNumber)).toHaveText(ELDER_ID);
      await expect(j.answer(s.fields.elder.phone)).toHaveText('13812345678');
      await expect(j.answer(s.fields.hasAgent)).toHaveText(s.application.hasAgent.no);
      await expect(j.answer(s.fields.bank.accountNumber)).toHaveText('6222000011112222333');
      await page.getByRole('link', { name: `${s.application.change} ${s.fields.elder.phone}` }).click();
      await expect(j.label(s.fields.elder.phone)).toHaveValue('138 1234 5678');
      await j.label(s.fields.elder.phone).fill('13700002222');
      await j.next();
      await expect(j.heading()).toHaveText(s.application.step.check.title);
      await expect(j.answer(s.fields.elder.phone)).toHaveText('13700002222');

      const trackingNumber = await j.submit();
      await expect(page.getByText(`${s.application.sentTo}${s.punctuation.colon}137****2222`)).toBeVisible();
      await expect(page.getByText(new RegExp(language.t(s.application.confirmation.acceptBy, { date: '.+' })))).toBeVisible();

      // The number works on the progress page straight away.
      await page.getByRole('main').getByRole('link', { name: s.application.confirmation.trackLink }).click();
      await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
      await page.getByLabel(s.track.secondFactor).fill(ELDER_ID);
      await page.getByRole('button', { name: s.track.submit }).click();
      await expect(page.getByText(s.caseState.submitted, { exact: true })).toBeVisible();
    });

    test('with an agent: asks for the agent’s details, and sends the messages to the agent', async ({ page }) => {
      const j = journey(page, language);
      await page.goto(language.path('/apply/old-age-allowance/eligibility'));
      await j.eligibility();
      await j.elder();
      await j.agent('yes');
      await j.agentDetails();
      await j.bank();
      await j.declaration();
      await expect(j.answer(s.fields.agent.relationship)).toHaveText(s.application.relationship.child);
      await expect(j.answer(s.fields.agent.idNumber)).toHaveText(AGENT_ID);
      await j.submit();
      await expect(page.getByText(`${s.application.sentTo}${s.punctuation.colon}139****1111`)).toBeVisible();
    });

    test('explains each bad answer next to its field, in the error summary too, and keeps what was typed', async ({ page }) => {
      const j = journey(page, language);
      const e = s.errors.application;
      await page.goto(language.path('/apply/old-age-allowance/eligibility'));
      await j.next();
      await expect(page).toHaveTitle(new RegExp(`^${s.errors.title}`));
      await expect(page.getByRole('alert').getByRole('link', { name: e.districtRequired })).toHaveAttribute('href', '#district');
      await expect(page.getByRole('alert').getByRole('link', { name: language.t(e.idNumberRequired, { field: s.fields.elder.idNumber }) })).toHaveAttribute('href', '#elder-idNumber');

      // Too short, then a mistyped check digit, then too young for the district.
      await page.getByLabel(s.application.district['demo-district']).check();
      await j.label(s.fields.elder.idNumber).fill('110101194003011');
      await j.next();
      await expect(page.locator('#elder-idNumber-error')).toContainText(language.t(e.idNumberLength, { field: s.fields.elder.idNumber }).replace(/^./, (c) => c.toUpperCase()));
      await expect(j.label(s.fields.elder.idNumber)).toHaveValue('110101194003011');
      await expect(page.getByLabel(s.application.district['demo-district'])).toBeChecked();
      const typo = ELDER_ID.slice(0, 17) + (ELDER_ID.endsWith('1') ? '2' : '1');
      await j.label(s.fields.elder.idNumber).fill(typo);
      await j.next();
      await expect(page.locator('#elder-idNumber-error')).toContainText(language.t(e.idNumberCheckDigit, { field: s.fields.elder.idNumber }).replace(/^./, (c) => c.toUpperCase()));
      await j.label(s.fields.elder.idNumber).fill(YOUNG_ID);
      await j.next();
      await expect(page.locator('#elder-idNumber-error')).toContainText(language.t(e.tooYoung, { threshold: 80 }));
      await expect(j.label(s.fields.elder.idNumber)).toHaveAttribute('aria-invalid', 'true');

      await j.label(s.fields.elder.idNumber).fill(ELDER_ID);
      await j.next();
      await j.elder('张秀英', '12345');
      await expect(page.locator('#elder-phone-error')).toContainText('13812345678');
      await expect(j.label(s.fields.elder.name)).toHaveValue('张秀英');
      await j.elder();
      await j.agent('yes');
      await j.agentDetails(ELDER_ID);
      await expect(page.locator('#agent-idNumber-error')).toContainText(e.agentIsElder);
      await expect(j.label(s.fields.agent.name)).toHaveValue('李明');
      await j.agentDetails();
      await j.bank('123');
      await expect(page.locator('#bank-accountNumber-error')).toContainText(e.accountNumberInvalid);
      await expect(j.label(s.fields.bank.bankName)).toHaveValue('示例银行');
      await j.bank();
      await j.next();
      await expect(page.locator('#declaration-error')).toContainText(e.declarationRequired);
    });

    test('makes one case however often the applicant goes back and sends again', async ({ page }) => {
      const j = journey(page, language);
      await page.goto(language.path('/apply/old-age-allowance/eligibility'));
      await j.eligibility();
      await j.elder();
      await j.agent('no');
      await j.bank();
      await j.declaration();
      const key = await page.locator('input[name="key"]').inputValue();
      const trackingNumber = await j.submit();
      // Back to the check page: it now shows the confirmation of the case already made.
      await page.goto(language.path('/apply/old-age-allowance/check'));
      await expect(page.getByTestId('tracking-number')).toHaveText(trackingNumber);
      // The same form posted again (a double click, or a resubmitted page) finds the same case.
      const again = await page.request.post(language.path('/apply/old-age-allowance/check'), { form: { key }, headers: { origin: new URL(page.url()).origin } });
      expect(again.url()).toMatch(/\/apply\/old-age-allowance\/confirmation$/);
      expect(await again.text()).toContain(trackingNumber);
      // Applying for someone else starts afresh.
      await page.getByRole('button', { name: s.application.confirmation.newApplication }).click();
      await expect(j.heading()).toHaveText(s.application.step.eligibility.title);
      await expect(j.label(s.fields.elder.idNumber)).toHaveValue('');
    });

    test('sends a reader who arrives mid-way without answers to the start', async ({ page }) => {
      await page.goto(language.path('/apply/old-age-allowance/bank'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.application.start.title);
      await page.goto(language.path('/apply/old-age-allowance/confirmation'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.application.start.title);
    });

    test('has no axe violations on any page, with and without errors', { tag: '@needs-js' }, async ({ page }) => {
      const j = journey(page, language);
      await page.goto(language.path('/apply/old-age-allowance'));
      await expectNoAxeViolations(page, 'start');
      await page.getByRole('button', { name: s.application.start.button }).click();
      await expect(j.heading()).toHaveText(s.application.step.eligibility.title);
      await j.next();
      // Each check waits for the page it means: axe must not run while the next page is loading.
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'eligibility with errors');
      const on = async (step: keyof typeof s.application.step, view: string) => {
        await expect(j.heading()).toHaveText(s.application.step[step].title);
        await expectNoAxeViolations(page, view);
      };
      await j.eligibility();
      await on('elder', 'elder');
      await j.elder();
      await on('agent', 'agent');
      await j.agent('yes');
      await on('agent-details', 'agent details');
      await j.agentDetails();
      await on('bank', 'bank');
      await j.bank();
      await on('declaration', 'declaration');
      await j.declaration();
      await on('check', 'check answers');
      await j.submit();
      await expectNoAxeViolations(page, 'confirmation');
    });
  });
}
