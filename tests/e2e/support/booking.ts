/** Booking helpers for the browser specs. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { exactly, type Language } from './portal.ts';

/** The first slot with a place left in an office (the county's by default), from its own calendar (the server's clock is real). */
export async function bookableSlot(request: APIRequestContext, office = 'demo-county-registry', kind: 'marriage' | 'divorce' | 'reissue' = 'marriage'): Promise<{ date: string; start: string }> {
  const from = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  const calendar = (await (await request.get(`/api/v1/marriage/offices/${office}/calendar?kind=${kind}&from=${from}&days=30`)).json()) as { days: { date: string; state: string }[] };
  for (const day of calendar.days.filter((d) => d.state === 'available')) {
    const slots = (await (await request.get(`/api/v1/marriage/offices/${office}/slots?kind=${kind}&date=${day.date}`)).json()) as { slots: { start: string; placesLeft: number }[] };
    const slot = slots.slots.find((s) => s.placesLeft > 0);
    if (slot) return { date: day.date, start: slot.start };
  }
  throw new Error('no bookable slot in the next 30 days');
}

/** The booking pages, as a person goes through them: up to the people's pages, then each person. */
export function bookingPages(page: Page, language: Language) {
  const s = language.strings;
  const label = (text: string) => page.getByLabel(exactly(text.charAt(0).toUpperCase() + text.slice(1)));
  const next = () => page.getByRole('button', { name: s.application.continue }).click();
  const heading = () => page.getByRole('heading', { level: 1 });
  return {
    label,
    next,
    heading,
    async upToPeople(kind: 'marriage' | 'reissue' = 'marriage') {
      await page.goto(language.path('/book/marriage'));
      await page.getByRole('button', { name: s.booking.start.button }).click();
      await expect(heading()).toHaveText(s.booking.step.kind.title);
      await page.getByLabel(s.marriage.kind[kind], { exact: true }).check();
      await next();
      await page.getByLabel(s.marriage.office['demo-county-registry'].name).check();
      await next();
      await expect(heading()).toHaveText(s.booking.step.date.title);
      await expect(page.locator('input[name="date"][disabled]').first()).toBeAttached();
      await page.locator('input[name="date"]:not([disabled])').first().check();
      await next();
      await expect(heading()).toHaveText(s.booking.step.slot.title);
      await page.locator('input[name="start"]:not([disabled])').first().check();
      await next();
    },
    async person(key: 'partyA' | 'partyB', name: string, idNumber: string, phone: string) {
      await label(s.fields[key].name).fill(name);
      await label(s.fields[key].idNumber).fill(idNumber);
      await label(s.fields[key].phone).fill(phone);
      await next();
    },
  };
}
