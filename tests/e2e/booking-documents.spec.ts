/**
 * Booking with an ID document other than a resident ID card: a passport or travel permit makes the
 * journey ask the person's birth date and sex (the number does not carry them), such documents are
 * registered only at a designated office, and the check page, the status page and the office day
 * name the document; in both languages, with and without JavaScript.
 */
import { expect, test } from '@playwright/test';
import { personId } from '../support/applications.ts';
import { bookingPages } from './support/booking.ts';
import { LANGUAGES, expectNoAxeViolations } from './support/portal.ts';

/** The demo office designated for registrations involving foreigners and Hong Kong, Macao and Taiwan residents. */
const DESIGNATED = 'demo-district-registry';

/** A message as the page shows it: a sentence, its first letter capital. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

for (const [index, language] of LANGUAGES.entries()) {
  const s = language.strings;
  const e = s.errors.application;
  test.describe(`In ${language.name}, booking with another ID document`, () => {
    test('a passport holder gives their birth date and sex on a page of their own, and finds the appointment with the passport number', async ({ page }, info) => {
      const n = 14000 + index * 100 + info.project.name.length * 5;
      const passport = `P${n}K`;
      const b = bookingPages(page, language);
      await b.upToPeople('marriage', DESIGNATED);
      await b.person('partyA', '王小明', personId(n, 'male'), '13900014000');
      await expect(b.heading()).toHaveText(s.booking.step['party-b'].title);
      // A resident ID card is the document until another is chosen.
      await expect(page.getByLabel(s.identity.document['resident-id'], { exact: true })).toBeChecked();
      await page.getByLabel(s.identity.document.passport, { exact: true }).check();
      await b.person('partyB', 'Anna Schmidt', passport.toLowerCase(), '13700014000');

      await expect(b.heading()).toHaveText(s.booking.step['party-b-born'].title);
      await b.label(s.fields.partyB.birthDate).fill('1996年2月30日');
      await b.next();
      await expect(page.locator('#partyB-birthDate-error')).toContainText(sentence(language.t(e.birthDateInvalid, { field: s.fields.partyB.birthDate })));
      await expect(page.locator('#partyB-sex-error')).toContainText(language.t(e.sexRequired, { field: s.fields.partyB.sex }));
      await expect(b.label(s.fields.partyB.birthDate)).toHaveValue('1996年2月30日');
      await b.label(s.fields.partyB.birthDate).fill('1996年5月7日');
      await page.getByLabel(s.identity.sex.female, { exact: true }).check();
      await b.next();

      await expect(b.heading()).toHaveText(s.booking.step.check.title);
      const answers = page.locator('.check-answers');
      await expect(answers).toContainText(s.identity.document.passport);
      await expect(answers).toContainText(passport);
      await expect(answers).toContainText('1996-05-07');
      await page.getByRole('button', { name: s.booking.submit }).click();
      await expect(b.heading()).toHaveText(s.booking.confirmation.title);
      const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';

      await page.goto(language.path('/track'));
      await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
      await page.getByLabel(s.track.secondFactor).fill(passport);
      await page.getByRole('button', { name: s.track.submit }).click();
      await expect(page.getByText(s.caseState.booked, { exact: true })).toBeVisible();
    });

    test('explains a document number in the wrong format, or a document this office does not take, and keeps what was typed', async ({ page }, info) => {
      const n = 14050 + index * 100 + info.project.name.length * 5;
      const b = bookingPages(page, language);
      await b.upToPeople();
      await b.person('partyA', '王小明', personId(n, 'male'), '13900014050');
      await page.getByLabel(s.identity.document['hk-macao-permit'], { exact: true }).check();
      await b.person('partyB', '陈美玲', 'H1234', '13700014050');
      await expect(page.locator('#partyB-idNumber-error')).toContainText(sentence(language.t(e.idNumberFormat['hk-macao-permit'], { field: s.fields.partyB.idNumber })));
      await expect(page.getByLabel(s.identity.document['hk-macao-permit'], { exact: true })).toBeChecked();
      await expect(b.label(s.fields.partyB.name)).toHaveValue('陈美玲');

      // A valid permit, but the county office is not designated: the message is on the document, nothing is booked.
      await b.person('partyB', '陈美玲', 'H12345678', '13700014050');
      await expect(page.locator('#partyB-idType-error')).toContainText(s.errors.marriage.designatedOffice);
      await expect(b.label(s.fields.partyB.idNumber)).toHaveValue('H12345678');
      await expect(b.label(s.fields.partyB.phone)).toHaveValue('13700014050');
    });

    test('the document and birth date pages have no axe violations, with and without errors', { tag: '@needs-js' }, async ({ page }, info) => {
      const n = 14080 + index * 100 + info.project.name.length * 5;
      const b = bookingPages(page, language);
      await b.upToPeople('reissue', DESIGNATED);
      await expectNoAxeViolations(page, 'the first person, with the document choice');
      await page.getByLabel(s.identity.document['taiwan-permit'], { exact: true }).check();
      await b.person('partyA', '林志明', `0${n}01`, '13900014080');
      await expect(b.heading()).toHaveText(s.booking.step['party-a-born'].title);
      await b.next();
      await expect(page.locator('#partyA-sex-error')).toBeVisible();
      await expectNoAxeViolations(page, 'birth date and sex, with errors');
    });
  });
}
