/**
 * The registry office's day for its intake clerk: the appointments of a day by time, names shown
 * and ID numbers masked; from one, the case page marks the couple arrived and then done.
 */
import { expect, test } from '@playwright/test';
import { marriageAppointment } from '../support/applications.ts';
import { bookableSlot } from './support/booking.ts';
import { LANGUAGES, exactly, expectNoAxeViolations } from './support/portal.ts';
import { signIn } from './support/staff.ts';

for (const [index, language] of LANGUAGES.entries()) {
  const s = language.strings;
  test.describe(`In ${language.name}, the registry office’s day`, () => {
    test('lists the day’s appointments, and the clerk marks a couple arrived and done from the case page', async ({ page, request }, info) => {
      const slot = await bookableSlot(request, 'demo-district-registry');
      const couple = { ...marriageAppointment(6000 + index * 100 + info.project.name.length * 7, slot), office: 'demo-district-registry' };
      const booked = await request.post('/api/v1/marriage/appointments', { data: couple });
      expect(booked.status()).toBe(201);
      const { trackingNumber } = (await booked.json()) as { trackingNumber: string };

      await signIn(page, language, 'intake');
      await page.getByRole('link', { name: s.staff.home.appointments }).click();
      await page.getByLabel(s.officeDay.date).fill(slot.date);
      await page.getByRole('button', { name: s.officeDay.show }).click();
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: trackingNumber }) });
      await expect(row).toContainText(couple.partyA.name);
      await expect(row).toContainText(`${couple.partyA.idNumber.slice(0, 4)}**********${couple.partyA.idNumber.slice(-4)}`);
      await expect(row).not.toContainText(couple.partyA.idNumber);
      // The clerk finds the couple from the ID card one of them holds out (its last 4 characters will do).
      await page.getByLabel(s.officeDay.search).fill(couple.partyB.idNumber.slice(-4));
      await page.getByRole('button', { name: s.officeDay.searchButton }).click();
      await expect(page.getByRole('status')).toContainText(s.officeDay.clearSearch);
      await expect(page.getByRole('link', { name: trackingNumber })).toBeVisible();
      expect(page.url()).not.toContain(couple.partyB.idNumber.slice(-4));
      await page.getByRole('link', { name: trackingNumber }).click();

      await page.getByRole('button', { name: exactly(s.workbench.action['mark-arrived']) }).click();
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.arrived);
      await page.getByRole('button', { name: exactly(s.workbench.action.complete) }).click();
      await expect(page.locator('dl.summary strong')).toHaveText(s.caseState.completed);
    });

    test('has no axe violations', { tag: '@needs-js' }, async ({ page }) => {
      await signIn(page, language, 'intake');
      await page.goto(language.path('/staff/appointments'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.officeDay.title);
      await expectNoAxeViolations(page, 'office day');
    });
  });
}
