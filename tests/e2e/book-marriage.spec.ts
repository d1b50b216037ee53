/**
 * Booking a marriage registration appointment: one question per page, the office's calendar and
 * times with places left (full and closed days shown but not choosable), both people with their
 * ID numbers checked (age on the day, not the same person), check your answers, and the
 * confirmation; in both languages, with and without JavaScript. The confirmation and the status
 * page say where the office is and how to reach it: its address, phone and a map link.
 */
import { expect, test, type Page } from '@playwright/test';
import { registryOffice } from '../../api/services/marriage/offices.ts';
import { personId } from '../support/applications.ts';
import { bookingPages, chooseDay } from './support/booking.ts';
import { LANGUAGES, demoOffice, expectNoAxeViolations, mapLinkName, type Language } from './support/portal.ts';

/** The booked office (the county's) with its address, a phone link and a map link. */
async function expectBookedOffice(page: Page, language: Language) {
  const s = language.strings;
  const county = demoOffice(language);
  const { phone = '', mapUrl = '' } = registryOffice('demo-county-registry') ?? {};
  const where = page.getByTestId('appointment-office');
  await expect(where).toContainText(county.name);
  await expect(where).toContainText(county.address);
  await expect(where.getByRole('link', { name: phone, exact: true })).toHaveAttribute('href', `tel:${phone.replaceAll('-', '')}`);
  await expect(where.getByRole('link', { name: mapLinkName(language, county.name) })).toHaveAttribute('href', mapUrl);
}

for (const [index, language] of LANGUAGES.entries()) {
  const s = language.strings;
  test.describe(`In ${language.name}, booking a marriage registration appointment`, () => {
    test('chooses an office, a day and a time from the calendar, names both people, and gets a tracking number that either can use', async ({ page }, info) => {
      const n = 9000 + index * 200 + info.project.name.length * 10;
      const b = bookingPages(page, language);
      await b.upToPeople();
      await expect(b.heading()).toHaveText(s.booking.step['party-a'].title);
      await b.person('partyA', '王小明', personId(n, 'male'), '139 0000 1234');
      await expect(b.heading()).toHaveText(s.booking.step['party-b'].title);
      await b.person('partyB', '李小红', personId(n, 'female'), '13700001234');
      await expect(b.heading()).toHaveText(s.booking.step.check.title);
      await expect(page.locator('.check-answers')).toContainText(demoOffice(language).name);
      await page.getByRole('button', { name: s.booking.submit }).click();

      await expect(b.heading()).toHaveText(s.booking.confirmation.title);
      const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
      expect(trackingNumber).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/);
      await expect(page.getByText(`${s.application.sentTo}${s.punctuation.colon}139****1234`)).toBeVisible();
      await expect(page.getByText(s.booking.confirmation.bringBoth)).toBeVisible();
      await expectBookedOffice(page, language);
      // The calendar file carries the same appointment, in UTC.
      const calendarFile = await page.request.get(await page.getByRole('link', { name: s.booking.confirmation.addToCalendar }).getAttribute('href') ?? '');
      expect(calendarFile.headers()['content-type']).toContain('text/calendar');
      expect((await calendarFile.text()).replace(/\r\n /g, '')).toMatch(new RegExp(`DTSTART:\\d{8}T\\d{6}Z[\\s\\S]*SUMMARY:.*${trackingNumber}`));

      await page.getByRole('main').getByRole('link', { name: s.booking.confirmation.trackLink }).click();
      await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
      await page.getByLabel(s.track.secondFactor).fill(personId(n, 'female'));
      await page.getByRole('button', { name: s.track.submit }).click();
      await expect(page.getByText(s.caseState.booked, { exact: true })).toBeVisible();
      await expectBookedOffice(page, language);
    });

    test('a replacement certificate needs one person', async ({ page }, info) => {
      const n = 9050 + index * 200 + info.project.name.length * 10;
      const b = bookingPages(page, language);
      await b.upToPeople('reissue');
      await b.person('partyA', '王小明', personId(n, 'male'), '13900002345');
      await expect(b.heading()).toHaveText(s.booking.step.check.title);
    });

    test('explains each bad answer next to its field and keeps what was typed', async ({ page }, info) => {
      const n = 9100 + index * 200 + info.project.name.length * 10;
      const b = bookingPages(page, language);
      const e = s.errors.marriage;
      await page.goto(language.path('/book/marriage/kind'));
      await b.next();
      await expect(page.getByRole('alert').getByRole('link', { name: e.kindRequired })).toHaveAttribute('href', '#kind');
      await b.upToPeople();
      // He turns 22 only in 2040.
      await b.person('partyA', '王小明', personId(n, 'male', '20180101'), '13900003456');
      await expect(page.locator('#partyA-idNumber-error')).toContainText(language.t(e.underAge.male, { minimum: 22 }));
      await expect(b.label(s.fields.partyA.name)).toHaveValue('王小明');
      await b.person('partyA', '王小明', personId(n, 'male'), '13900003456');
      await b.person('partyB', '王小明', personId(n, 'male'), '13900003456');
      await expect(page.locator('#partyB-idNumber-error')).toContainText(e.samePerson);
      await b.person('partyB', '张强', personId(n + 1, 'male'), '13900004567');
      await expect(page.locator('#partyB-idNumber-error')).toContainText(e.manAndWoman.replace(/（.*|\(.*/, ''));
    });

    test('pages have no axe violations, the calendar included', { tag: '@needs-js' }, async ({ page }) => {
      const b = bookingPages(page, language);
      await page.goto(language.path('/book/marriage'));
      await expectNoAxeViolations(page, 'start');
      await page.goto(language.path('/book/marriage/kind'));
      await b.next();
      // Each check waits for the page it means: axe must not run while the next page is loading.
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'kind with an error');
      await page.getByLabel(s.marriage.kind.marriage, { exact: true }).check();
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step.office.title);
      await expectNoAxeViolations(page, 'office');
      await page.getByLabel(demoOffice(language).name).check();
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step.date.title);
      await expectNoAxeViolations(page, 'calendar');
      await chooseDay(page);
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step.slot.title);
      await expectNoAxeViolations(page, 'times');
    });
  });
}
