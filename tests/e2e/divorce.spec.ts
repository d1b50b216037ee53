/**
 * Divorce by agreement, two visits: the couple books the first; the clerk marks them arrived and
 * accepts the application, which starts the cooling-off period; either party may then withdraw
 * online, or book the second visit, for which only the days of the window after the cooling-off
 * period are offered (and a day outside it is refused by name).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { marriageAppointment } from '../support/applications.ts';
import { bookableSlot, chooseDay } from './support/booking.ts';
import { LANGUAGES, exactly, expectNoAxeViolations, type Language } from './support/portal.ts';
import { signIn } from './support/staff.ts';

const OFFICE = 'demo-district-registry';

for (const [index, language] of LANGUAGES.entries()) {
  const s = language.strings;
  const heading = (page: Page) => page.getByRole('heading', { level: 1 });

  /** A divorce booked for the first slot with a place, then accepted by the office's clerk in the browser. */
  async function acceptedDivorce(page: Page, request: APIRequestContext, n: number) {
    const slot = await bookableSlot(request, OFFICE, 'divorce');
    const couple = marriageAppointment(n, { ...slot, office: OFFICE, kind: 'divorce' });
    const booked = await request.post('/api/v1/marriage/appointments', { data: couple });
    expect(booked.status()).toBe(201);
    const { trackingNumber } = (await booked.json()) as { trackingNumber: string };
    await signIn(page, language, 'intake');
    await page.goto(language.path(`/staff/cases/${trackingNumber}`));
    await page.getByRole('button', { name: exactly(s.workbench.action['mark-arrived']) }).click();
    await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.arrived);
    await page.getByRole('button', { name: exactly(s.workbench.action.accept) }).click();
    await expect(page.locator('dl.summary strong')).toHaveText(s.caseState['divorce-accepted']);
    await expect(page.getByTestId('period-cooling-off')).toBeVisible();
    await page.context().clearCookies();
    return { trackingNumber, couple };
  }

  async function openStatus(page: Page, language: Language, trackingNumber: string, secondFactor: string) {
    await page.goto(language.path('/track'));
    await page.getByLabel(language.strings.track.trackingNumber, { exact: true }).fill(trackingNumber);
    await page.getByLabel(language.strings.track.secondFactor, { exact: true }).fill(secondFactor);
    await page.getByRole('button', { name: language.strings.track.submit }).click();
    await expect(heading(page)).toHaveText(language.strings.track.result.replace('{{trackingNumber}}', trackingNumber));
  }

  test.describe(`In ${language.name}, a divorce by agreement`, () => {
    test('is accepted at the first visit, and either party may withdraw during the cooling-off period', async ({ page, request }, info) => {
      const { trackingNumber, couple } = await acceptedDivorce(page, request, 7000 + index * 100 + info.project.name.length * 7);
      await openStatus(page, language, trackingNumber, couple.partyB.idNumber);
      await expect(page.getByText(s.caseState['divorce-accepted'], { exact: true })).toBeVisible();
      await expect(page.getByTestId('cooling-off')).toBeVisible();
      await expect(page.getByTestId('second-visit-window')).toBeVisible();
      await page.getByRole('button', { name: s.track.divorce.withdrawButton }).click();
      await expect(heading(page)).toHaveText(s.track.divorce.withdrawConfirmTitle.replace('{{trackingNumber}}', trackingNumber));
      await page.getByRole('button', { name: s.track.divorce.withdrawConfirmYes }).click();
      await expect(page.getByRole('status')).toHaveText(s.track.divorce.withdrawn);
      await expect(page.getByText(s.caseState.withdrawn, { exact: true })).toBeVisible();
      // Nothing more to withdraw or book.
      await expect(page.getByRole('button', { name: s.track.divorce.secondVisitButton })).toHaveCount(0);
    });

    test('offers the second visit only on days of the window after the cooling-off period, and refuses a day outside it', async ({ page, request }, info) => {
      const { trackingNumber, couple } = await acceptedDivorce(page, request, 7050 + index * 100 + info.project.name.length * 7);
      await openStatus(page, language, trackingNumber, couple.partyA.idNumber);
      await page.getByRole('button', { name: s.track.divorce.secondVisitButton }).click();
      await expect(heading(page)).toHaveText(s.track.divorce.secondVisitDateTitle);
      const offered = await page.locator('input[name="date"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      // Accepted today: the window runs from day 31 to day 60 (or a little later when day 30 or day 60 is a rest day).
      const today = new Date(Date.now() + 8 * 3_600_000);
      const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      expect(offered[0]! >= day(31) && offered[0]! <= day(34)).toBe(true);
      expect(offered.at(-1)! >= day(60) && offered.at(-1)! <= day(64)).toBe(true);
      expect(offered.every((date) => date >= offered[0]! && date <= offered.at(-1)!)).toBe(true);

      const chosenDay = await chooseDay(page);
      await page.getByRole('button', { name: s.application.continue }).click();
      await expect(heading(page)).toHaveText(s.track.divorce.secondVisitSlotTitle);
      await page.locator('input[name="start"]:not([disabled])').first().check();
      // A tampered form asks for a day inside the cooling-off period: refused, on the date, with the window's days offered again.
      expect(await page.locator('input[type="hidden"][name="date"]').inputValue()).toBe(chosenDay);
      await page.locator('input[type="hidden"][name="date"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), day(20));
      await page.getByRole('button', { name: s.track.divorce.secondVisitConfirm }).click();
      await expect(page.getByRole('alert')).toContainText(s.errors.marriage.slot['outside-window']);
      await expect(heading(page)).toHaveText(s.track.divorce.secondVisitDateTitle);

      expect(await chooseDay(page)).toBe(chosenDay);
      await page.getByRole('button', { name: s.application.continue }).click();
      await page.locator('input[name="start"]:not([disabled])').first().check();
      await page.getByRole('button', { name: s.track.divorce.secondVisitConfirm }).click();
      await expect(page.getByRole('status')).toHaveText(s.track.divorce.secondVisitBooked);
      await expect(page.getByText(s.caseState['second-booked'], { exact: true })).toBeVisible();
      await expect(page.getByTestId('visit-2')).toBeVisible();
    });

    test('has no axe violations on the status page with its periods and the window’s calendar', { tag: '@needs-js' }, async ({ page, request }) => {
      const { trackingNumber, couple } = await acceptedDivorce(page, request, 7090 + index * 3);
      await openStatus(page, language, trackingNumber, couple.partyA.idNumber);
      await expectNoAxeViolations(page, 'divorce status');
      await page.getByRole('button', { name: s.track.divorce.secondVisitButton }).click();
      await expect(heading(page)).toHaveText(s.track.divorce.secondVisitDateTitle);
      await expectNoAxeViolations(page, 'second visit calendar');
    });
  });
}
