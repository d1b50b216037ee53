/**
 * A marriage registration appointment on the status page, without JavaScript: either party finds it
 * with their own ID number, sees where and when, and can cancel it; or moves it to another day (from
 * the day list) and time under the same number. Booked through the API; in both languages.
 */
import { describe, expect, it } from 'vitest';
import { marriageAppointment } from '../support/applications.ts';
import { bookableSlot, bookedViaApi } from '../support/portal-api.ts';
import { LANGUAGES, demoOffice } from '../support/site.ts';
import { choosable } from './support/booking-pages.ts';
import { baseUrl, lookUp, people, visitor } from './support/portal.ts';

describe.each(LANGUAGES)('an appointment on the status page in $name', (language) => {
  const s = language.strings;

  it('is found by either party, shows where and when, and can be cancelled', async () => {
    const couple = marriageAppointment(people(), await bookableSlot(baseUrl()));
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);

    const result = await lookUp(visitor(language), language, trackingNumber, couple.partyB.idNumber);
    expect(result.hasExactText(s.appointmentCase.state.booked)).toBe(true);
    expect(result.text('[data-testid="appointment-office"]')).toContain(demoOffice(language).name);
    expect(result.text('[data-testid="appointment-office"]')).toContain(demoOffice(language).address);
    expect(result.text()).toContain(language.t(s.track.appointmentSlot, { date: language.date(couple.date), start: couple.start, end: '.*' }).replace('.*', ''));

    const confirm = await result.press(s.track.cancelButton);
    expect(confirm.h1).toBe(language.t(s.track.cancelConfirmTitle, { trackingNumber }));
    const cancelled = await confirm.press(s.track.cancelConfirmYes);
    expect(cancelled.role('status')).toBe(s.track.cancelled);
    expect(cancelled.hasExactText(s.appointmentCase.state.cancelled)).toBe(true);
    expect(cancelled.buttons(s.track.cancelButton)).toHaveLength(0);
  });

  it('can be moved to another day and time under the same number', async () => {
    const couple = marriageAppointment(people(), await bookableSlot(baseUrl()));
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);
    const result = await lookUp(visitor(language), language, trackingNumber, couple.partyA.idNumber);
    const dateStep = await result.press(s.track.rescheduleButton);
    expect(dateStep.h1).toBe(s.track.rescheduleDateTitle);
    const newDate = choosable(dateStep, 'date').at(-1);
    if (!newDate) throw new Error(`the day list offers no day with places: ${dateStep.text()}`);
    const slotStep = await dateStep.form(s.application.continue).set('date', newDate).submit();
    expect(slotStep.h1).toBe(s.track.rescheduleSlotTitle);
    const noTime = await slotStep.press(s.track.rescheduleConfirm);
    expect(noTime.role('alert')).toContain(s.errors.marriage.slotRequired);
    // The message sits by the times, marked as an error, and is read with their group.
    expect(noTime.errorFor('start')).toBe(`${s.errors.title}${s.errors.marriage.slotRequired}`);
    expect(noTime.one('#start').closest('fieldset')?.getAttribute('aria-describedby')).toBe('start-error');
    const start = choosable(noTime, 'start')[0];
    if (!start) throw new Error(`the time list offers no time with places: ${noTime.text()}`);
    const moved = await noTime.form(s.track.rescheduleConfirm).set('start', start).submit();
    expect(moved.role('status')).toBe(s.track.rescheduled);
    expect(moved.h1).toBe(language.t(s.track.result, { trackingNumber }));
    expect(moved.texts('dl.summary').at(-1)).toContain(language.date(newDate));
    expect(moved.hasExactText(s.appointmentCase.event.reschedule)).toBe(true);
  });
});
