/**
 * The registry office's day for its intake clerk, without a browser: the appointments of a day by
 * time, names shown and ID numbers masked; a search by the ID card a couple holds out (posted, so it
 * never enters the URL); and from one appointment, the case page marks the couple arrived and then
 * done. Booked through the API. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { marriageAppointment } from '../support/applications.ts';
import { bookableSlot, bookedViaApi } from '../support/portal-api.ts';
import { earlyToday, setAppointmentTime } from '../support/appointment-time.ts';
import { LANGUAGES } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { baseUrl, people, signIn, visitor, workerPortal } from './support/portal.ts';
import { maskedId, summaryState } from './support/registry-office.ts';

const OFFICE = 'demo-district-registry';

/** The text of the table row that links to this case. */
function rowOf(page: HtmlPage, trackingNumber: string): string {
  const row = page.all('tr').find((candidate) => page.links(trackingNumber, candidate).length > 0);
  if (!row) throw new Error(`${page.path} lists no ${trackingNumber}; its rows: ${page.texts('tr').join(' | ')}`);
  return page.texts('th, td', row).join(' ');
}

describe.each(LANGUAGES)('the registry office’s day in $name', (language) => {
  const s = language.strings;

  it('lists the day’s appointments, and the clerk marks a couple arrived and done from the case page', async () => {
    const slot = await bookableSlot(baseUrl(), OFFICE);
    const couple = marriageAppointment(people(), { ...slot, office: OFFICE });
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);

    const clerk = visitor(language);
    const workbench = await signIn(clerk, language, 'intake');
    const today = await workbench.follow(s.staff.home.appointments);
    const day = await today.form(s.officeDay.show).fill(s.officeDay.date, slot.date).submit();
    const row = rowOf(day, trackingNumber);
    expect(row).toContain(couple.partyA.name);
    expect(row).toContain(maskedId(couple.partyA.idNumber));
    expect(row).not.toContain(couple.partyA.idNumber);

    // The clerk finds the couple from the ID card one of them holds out (its last 4 characters will do).
    const lastFour = couple.partyB.idNumber.slice(-4);
    const found = await day.form(s.officeDay.searchButton).fill(s.officeDay.search, lastFour).submit();
    expect(found.role('status')).toContain(s.officeDay.clearSearch);
    expect(found.links(trackingNumber)).toHaveLength(1);
    expect(found.url.href).not.toContain(lastFour);
    expect(found.redirects.map((url) => url.href).join(' ')).not.toContain(lastFour);

    // The day comes: a clerk marks a couple arrived on their appointment's day only.
    setAppointmentTime(workerPortal(), trackingNumber, earlyToday());
    const casePage = await found.follow(trackingNumber);
    const arrived = await casePage.press(s.appointmentCase.action['mark-arrived']);
    expect(summaryState(arrived)).toBe(s.appointmentCase.state.arrived);
    const completed = await arrived.press(s.appointmentCase.action.complete);
    expect(summaryState(completed)).toBe(s.appointmentCase.state.completed);
  });
});
