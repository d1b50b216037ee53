/**
 * A marriage registration appointment on the status page: either party finds it with their own ID
 * number, sees where and when, and can cancel it (the place is given back). Booked through the API
 * here; the booking pages come in a later slice.
 */
import { expect, test } from '@playwright/test';
import { marriageAppointment } from '../support/applications.ts';
import { bookableSlot, chooseDay } from './support/booking.ts';
import { LANGUAGES, demoOffice, expectNoAxeViolations } from './support/portal.ts';

for (const [index, language] of LANGUAGES.entries()) {
  const s = language.strings;
  test.describe(`In ${language.name}, an appointment on the status page`, () => {
    test('is found by either party, shows where and when, and can be cancelled', async ({ page, request }, info) => {
      // Distinct people per language and project: one active appointment per person.
      const couple = marriageAppointment(7000 + index * 100 + info.project.name.length * 7 + (info.repeatEachIndex ?? 0), await bookableSlot(request));
      const booked = await request.post('/api/v1/marriage/appointments', { data: couple, headers: { 'accept-language': language.code } });
      expect(booked.status()).toBe(201);
      const { trackingNumber } = (await booked.json()) as { trackingNumber: string };

      await page.goto(language.path('/track'));
      await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
      await page.getByLabel(s.track.secondFactor).fill(couple.partyB.idNumber);
      await page.getByRole('button', { name: s.track.submit }).click();
      await expect(page.getByText(s.caseState.booked, { exact: true })).toBeVisible();
      await expect(page.getByTestId('appointment-office')).toContainText(demoOffice(language).name);
      await expect(page.getByTestId('appointment-office')).toContainText(demoOffice(language).address);
      await expect(page.getByText(language.t(s.track.appointmentSlot, { date: language.date(couple.date), start: couple.start, end: '.*' }).replace('.*', ''), { exact: false })).toBeVisible();

      await page.getByRole('button', { name: s.track.cancelButton }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.track.cancelConfirmTitle, { trackingNumber }));
      await page.getByRole('button', { name: s.track.cancelConfirmYes }).click();
      await expect(page.getByRole('status')).toHaveText(s.track.cancelled);
      await expect(page.getByText(s.caseState.cancelled, { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: s.track.cancelButton })).toHaveCount(0);
    });

    test('can be moved to another day and time under the same number', async ({ page, request }, info) => {
      const couple = marriageAppointment(7500 + index * 100 + info.project.name.length * 7, await bookableSlot(request));
      const { trackingNumber } = (await (await request.post('/api/v1/marriage/appointments', { data: couple })).json()) as { trackingNumber: string };
      await page.goto(language.path('/track'));
      await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
      await page.getByLabel(s.track.secondFactor).fill(couple.partyA.idNumber);
      await page.getByRole('button', { name: s.track.submit }).click();
      await page.getByRole('button', { name: s.track.rescheduleButton }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.track.rescheduleDateTitle);
      const newDate = await chooseDay(page, 'last');
      await page.getByRole('button', { name: s.application.continue }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.track.rescheduleSlotTitle);
      await page.getByRole('button', { name: s.track.rescheduleConfirm }).click();
      await expect(page.getByRole('alert')).toContainText(s.errors.marriage.slotRequired);
      await page.locator('input[name="start"]:not([disabled])').first().check();
      await page.getByRole('button', { name: s.track.rescheduleConfirm }).click();
      await expect(page.getByRole('status')).toHaveText(s.track.rescheduled);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.track.result, { trackingNumber }));
      await expect(page.locator('dl.summary').last()).toContainText(language.date(newDate));
      await expect(page.getByText(s.caseEvent.reschedule, { exact: true })).toBeVisible();
    });

    test('has no axe violations', { tag: '@needs-js' }, async ({ page, request }, info) => {
      const couple = marriageAppointment(8000 + index * 100 + info.project.name.length * 7, await bookableSlot(request));
      const { trackingNumber } = (await (await request.post('/api/v1/marriage/appointments', { data: couple })).json()) as { trackingNumber: string };
      await page.goto(language.path('/track'));
      await page.getByLabel(s.track.trackingNumber).fill(trackingNumber);
      await page.getByLabel(s.track.secondFactor).fill(couple.partyA.idNumber);
      await page.getByRole('button', { name: s.track.submit }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.t(s.track.result, { trackingNumber }));
      await expectNoAxeViolations(page, 'appointment');
      await page.getByRole('button', { name: s.track.rescheduleButton }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.track.rescheduleDateTitle);
      await expectNoAxeViolations(page, 'choosing a new day');
    });
  });
}
