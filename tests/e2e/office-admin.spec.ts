/**
 * A registry office's admin closes a day that has a booking: the page first lists the appointment
 * (masked), the admin confirms, and the couple's status page then says the office cancelled it, with
 * a link to book again; the apology is in the development outbox. Booked through the API.
 */
import { expect, test, type TestInfo } from '@playwright/test';
import { loadWorkingDayCalendar } from '../../api/content/holidays.ts';
import { addDays } from '../../api/domain/calendar/working-days.ts';
import { marriageAppointment } from '../support/applications.ts';
import { LANGUAGES, demoOffice, expectNoAxeViolations, type Language } from './support/portal.ts';
import { signIn } from './support/staff.ts';

const OFFICE = 'demo-district-registry';
const calendar = loadWorkingDayCalendar();

/**
 * A working day near the end of the booking window (30 days), the `index`-th from the end: other
 * specs book the first free days, and each run of this spec closes a day of its own. Chosen from the
 * holiday calendar, not from the office's calendar, which changes as runs close days.
 */
function dayToClose(index: number): string {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const days: string[] = [];
  for (let ahead = 30; ahead >= 2 && days.length <= index; ahead -= 1) {
    const day = addDays(today, ahead);
    if (calendar.isWorkingDay(day)) days.push(day);
  }
  const day = days[index];
  if (!day) throw new Error('no working day left in the window');
  return day;
}

const runIndex = (languageIndex: number, info: TestInfo) => languageIndex * 2 + (info.project.name === 'chromium-no-js' ? 1 : 0);
const label = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

async function openOffice(page: import('@playwright/test').Page, language: Language) {
  const s = language.strings;
  await signIn(page, language, 'office-admin');
  await page.getByRole('link', { name: s.staff.home.officeSchedules }).click();
  await page.getByRole('link', { name: demoOffice(language, OFFICE).name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(demoOffice(language, OFFICE).name);
}

for (const [languageIndex, language] of LANGUAGES.entries()) {
  const s = language.strings;
  test.describe(`In ${language.name}, a registry office’s admin`, () => {
    test('closes a booked day after seeing its appointment; the couple is told and can book again', async ({ page, request }, info) => {
      const index = runIndex(languageIndex, info);
      const date = dayToClose(index);
      const couple = { ...marriageAppointment(8600 + index * 10, { date, start: '09:00' }), office: OFFICE };
      const booked = await request.post('/api/v1/marriage/appointments', { data: couple, headers: { 'accept-language': language.code } });
      expect(booked.status()).toBe(201);
      const { trackingNumber } = (await booked.json()) as { trackingNumber: string };

      await openOffice(page, language);
      await page.getByLabel(label(s.fields.date), { exact: true }).fill(date);
      await page.getByRole('button', { name: s.officeAdmin.addClosure }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.officeAdmin.confirmTitle_one, { date: language.date(date), count: 1 }));
      const row = page.getByRole('row').filter({ hasText: trackingNumber });
      await expect(row).toContainText('09:00');
      await expect(row).toContainText(s.marriage.kind.marriage);
      await expect(row).toContainText('王**');
      await expect(row).toContainText(`${couple.partyA.idNumber.slice(0, 4)}**********${couple.partyA.idNumber.slice(-4)}`);
      await expect(page.getByText(couple.partyA.idNumber)).toHaveCount(0);
      await expect(page.getByText(couple.partyA.name)).toHaveCount(0);
      await page.getByRole('button', { name: s.officeAdmin.confirmYes }).click();
      await expect(page.getByRole('status')).toHaveText(language.t(s.officeAdmin.closedCancelled_one, { date: language.date(date), count: 1 }));
      await expect(page.getByRole('button', { name: language.t(s.officeAdmin.reopenLabel, { date: language.date(date) }) })).toBeVisible();

      await page.goto(language.path('/track'));
      await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
      await page.getByLabel(s.track.secondFactor).fill(couple.partyB.idNumber);
      await page.getByRole('button', { name: s.track.submit }).click();
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState['cancelled-by-office']);
      await expect(page.locator('ol.steps')).toContainText(s.caseEvent['cancel-by-office']);
      await expect(page.getByText(s.caseNextStep['cancelled-by-office'])).toBeVisible();
      await expect(page.getByRole('link', { name: s.track.rebook })).toHaveAttribute('href', language.path('/book/marriage'));
      await expect(page.getByRole('button', { name: s.track.cancelButton })).toHaveCount(0);

      const origin = new URL(page.url()).origin;
      const sms = language.t(s.notifications.case.appointmentCancelledByOffice, {
        office: demoOffice(language, OFFICE).name,
        date,
        start: '09:00',
        trackingNumber,
        bookUrl: `${origin}${language.path('/book/marriage')}`,
      });
      await expect(async () => {
        await page.goto(language.path('/dev/outbox'));
        // One message to each of the couple.
        await expect(page.getByRole('cell', { name: sms })).toHaveCount(2, { timeout: 500 });
      }).toPass({ timeout: 15_000 });
    });

    test('explains a problem next to its field and keeps what was typed', async ({ page }) => {
      await openOffice(page, language);
      await page.getByLabel(label(s.fields.weekly['1']), { exact: true }).fill('mornings');
      await page.getByLabel(label(s.fields.slotMinutes), { exact: true }).fill('1');
      await page.getByRole('button', { name: s.officeAdmin.save }).click();
      await expect(page.getByRole('alert')).toContainText(language.t(s.errors.officeSchedule.sessionsFormat, { field: s.fields.weekly['1'] }));
      await expect(page.getByRole('alert')).toContainText(language.t(s.errors.field.numberTooSmall, { field: s.fields.slotMinutes, min: 5 }).replace(/^./, (c) => c.toUpperCase()));
      await expect(page.getByLabel(label(s.fields.weekly['1']), { exact: true })).toHaveValue('mornings');
    });

    test('pages have no axe violations', { tag: '@needs-js' }, async ({ page, request }) => {
      const date = dayToClose(4 + languageIndex);
      const couple = { ...marriageAppointment(8700 + languageIndex * 10, { date, start: '10:00' }), office: OFFICE };
      expect((await request.post('/api/v1/marriage/appointments', { data: couple })).status()).toBe(201);
      await openOffice(page, language);
      await expectNoAxeViolations(page, 'office settings');
      await page.getByRole('button', { name: s.officeAdmin.save }).click();
      await expect(page.getByRole('status')).toContainText(s.officeAdmin.saved);
      await page.getByLabel(label(s.fields.date), { exact: true }).fill('yesterday');
      await page.getByRole('button', { name: s.officeAdmin.addClosure }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'office settings with an error');
      await page.getByLabel(label(s.fields.date), { exact: true }).fill(date);
      await page.getByRole('button', { name: s.officeAdmin.addClosure }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.officeAdmin.confirmTitle_one, { date: language.date(date), count: 1 }));
      await expectNoAxeViolations(page, 'confirming a closure');
      await page.goto(language.path('/staff/offices'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.officeAdmin.title);
      await expectNoAxeViolations(page, 'offices');
    });
  });
}
