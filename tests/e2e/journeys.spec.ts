/**
 * One happy journey per service in each language, as a person goes through it in a real browser:
 * every other path is tested page by page in the HTML tier (tests/html). Those tagged @no-js also
 * run with JavaScript off (one per service), so a real browser without scripts gets through too.
 */
import { readFile } from 'node:fs/promises';
import { extractText } from 'unpdf';
import { ELDER_ID, personId } from '../support/applications.ts';
import { demoOffice, english, exactly, LANGUAGES, zh } from '../support/site.ts';
import { chooseDay } from './support/calendar.ts';
import { expect, test } from './support/fixtures.ts';

const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;

for (const language of LANGUAGES) {
  const s = language.strings;
  const label = (text: string) => exactly(text.charAt(0).toUpperCase() + text.slice(1));

  test(`In ${language.name}, applying for the old-age allowance: from the guide to a tracking number that finds the application`, { tag: language === zh ? ['@journey', '@no-js'] : ['@journey'] }, async ({ page }) => {
    const next = () => page.getByRole('button', { name: s.application.continue }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await page.goto(language.path('/guides/old-age-allowance'));
    await page.getByRole('link', { name: s.apply.onlineAction }).click();
    await expect(heading).toHaveText(s.application.start.title);
    await page.getByRole('link', { name: s.application.start.button }).click();

    await expect(heading).toHaveText(s.application.step.eligibility.title);
    await page.getByLabel(s.application.district['demo-district']).check();
    await page.getByLabel(label(s.fields.elder.idNumber)).fill(ELDER_ID);
    await next();
    await expect(heading).toHaveText(s.application.step.elder.title);
    await page.getByLabel(label(s.fields.elder.name)).fill('张秀英');
    await page.getByLabel(label(s.fields.elder.phone)).fill('138 1234 5678');
    await next();
    await page.getByLabel(s.application.hasAgent.no).check();
    await next();
    await expect(heading).toHaveText(s.application.step.bank.title);
    await page.getByLabel(label(s.fields.bank.bankName)).fill('示例银行');
    await page.getByLabel(label(s.fields.bank.accountHolder)).fill('张秀英');
    await page.getByLabel(label(s.fields.bank.accountNumber)).fill('6222 0000 1111 2222 333');
    await next();
    await page.getByLabel(s.application.declarationAgree).check();
    await next();

    await expect(heading).toHaveText(s.application.step.check.title);
    await page.getByRole('button', { name: s.application.submit }).click();
    await expect(heading).toHaveText(s.application.confirmation.title);
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(trackingNumber).toMatch(TRACKING_NUMBER);

    await page.getByRole('main').getByRole('link', { name: s.application.confirmation.trackLink }).click();
    await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
    await page.getByLabel(s.track.secondFactor).fill(ELDER_ID);
    await page.getByRole('button', { name: s.track.submit }).click();
    await expect(page.getByText(s.case.state.submitted, { exact: true })).toBeVisible();
  });

  test(`In ${language.name}, booking a marriage registration appointment: from the calendar to a receipt saved as a file and a number either party can track`, { tag: language === english ? ['@journey', '@no-js'] : ['@journey'] }, async ({ page, people }) => {
    // A long journey (16–22 s alone): on a loaded machine it went past the default 30 s, a hang it is not.
    test.setTimeout(60_000);
    const n = people();
    const next = () => page.getByRole('button', { name: s.application.continue }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await page.goto(language.path('/book/marriage'));
    await page.getByRole('link', { name: s.booking.start.button }).click();
    await page.getByLabel(s.marriage.kind.marriage, { exact: true }).check();
    await next();
    await page.getByRole('radio', { name: demoOffice(language).name, exact: true }).check();
    await next();
    await expect(heading).toHaveText(s.booking.step.date.title);
    // The month grid with JavaScript, the radio list without.
    await chooseDay(page);
    await next();
    await expect(heading).toHaveText(s.booking.step.slot.title);
    await page.locator('input[name="start"]:not([disabled])').first().check();
    await next();
    const couple = [['partyA', 'male', '王小明', '139 0000 1234'], ['partyB', 'female', '李小红', '13700001234']] as const;
    for (const [key, sex, name, phone] of couple) {
      await page.getByLabel(label(s.fields[key].name)).fill(name);
      await page.getByLabel(label(s.fields[key].idNumber)).fill(personId(n, sex));
      await page.getByLabel(label(s.fields[key].phone)).fill(phone);
      await next();
    }
    // Both phones confirmed on one page, each with the code its text message carried (read here from the development route).
    await expect(heading).toHaveText(s.booking.step.phones.title);
    await page.getByRole('button', { name: s.booking.phones.send }).click();
    for (const [key, , name, typed] of couple) {
      const phone = typed.replace(/\s/g, '');
      const sent = (await (await page.request.get(`/api/v1/dev/phone-codes/${phone}`)).json()) as { code: string };
      await page.getByLabel(language.t(s.booking.phones.codeLabel, { who: s.booking.phones.who[key], name, phone: `${phone.slice(0, 3)}****${phone.slice(7)}` })).fill(sent.code);
    }
    await next();
    await expect(heading).toHaveText(s.booking.step.check.title);
    await page.getByRole('button', { name: s.booking.submit }).click();
    await expect(heading).toHaveText(s.booking.confirmation.title);
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(trackingNumber).toMatch(TRACKING_NUMBER);

    // The receipt link saves a PDF under the appointment's number (its contents: tests/html).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: s.booking.confirmation.downloadReceipt }).click()]);
    expect(download.suggestedFilename()).toBe(`appointment-${trackingNumber}.pdf`);
    const pdf = new Uint8Array(await readFile(await download.path()));
    expect((await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, '')).toContain(trackingNumber);

    await page.getByRole('main').getByRole('link', { name: s.booking.confirmation.trackLink }).click();
    await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
    await page.getByLabel(s.track.secondFactor).fill(personId(n, 'female'));
    await page.getByRole('button', { name: s.track.submit }).click();
    await expect(page.getByText(s.appointmentCase.state.booked, { exact: true })).toBeVisible();
  });
}
