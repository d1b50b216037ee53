/**
 * The status page's lookups without a browser (issue 12, items 3 and 4): the second person tracks
 * an appointment with their own phone; moving an appointment twice does not use up the lookups of
 * its number (the server allows 10 per number in 10 minutes), since the pages of a case already
 * opened carry its lookup token and no personal data in their address; and when the limit is
 * reached, the page says so on its own, with when to try again, not as a wrong answer. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { marriageAppointment } from '../support/applications.ts';
import { bookableSlot, bookedViaApi } from '../support/portal-api.ts';
import { LANGUAGES, type Language } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { choosable } from './support/booking-pages.ts';
import { baseUrl, lookUp, people, visitor } from './support/portal.ts';
import { summaryState } from './support/registry-office.ts';

/** Moves the appointment on the result page to the last day offered and its first free time; answers the result page after. */
async function reschedule(result: HtmlPage, language: Language): Promise<HtmlPage> {
  const s = language.strings;
  const dateStep = await result.press(s.track.rescheduleButton);
  expect(dateStep.h1).toBe(s.track.rescheduleDateTitle);
  const day = choosable(dateStep, 'date').at(-1) ?? '';
  const slotStep = await dateStep.form(s.application.continue).set('date', day).submit();
  expect(slotStep.h1).toBe(s.track.rescheduleSlotTitle);
  const moved = await slotStep.form(s.track.rescheduleConfirm).set('start', choosable(slotStep, 'start')[0] ?? '').submit();
  expect(moved.role('status')).toBe(s.track.rescheduled);
  // Nothing personal in any address on the way.
  for (const page of [dateStep, slotStep, moved]) expect(page.url.search).toBe('');
  return moved;
}

describe.each(LANGUAGES)('looking an appointment up in $name', (language) => {
  const s = language.strings;

  it('is done by the second person with their own phone', async () => {
    const couple = marriageAppointment(people(), await bookableSlot(baseUrl()));
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);
    const result = await lookUp(visitor(language), language, trackingNumber, couple.partyB.phone);
    expect(result.status).toBe(200);
    expect(result.h1).toBe(language.t(s.track.result, { trackingNumber }));
    expect(summaryState(result)).toBe(s.appointmentCase.state.booked);
  });

  it('is not used up by moving the appointment twice: both people can still look it up', async () => {
    const couple = marriageAppointment(people(), await bookableSlot(baseUrl()));
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);
    const first = await lookUp(visitor(language), language, trackingNumber, couple.partyA.phone);
    const once = await reschedule(first, language);
    // Back to the case from the day list, then a second move.
    const dateStep = await once.press(s.track.rescheduleButton);
    const back = await dateStep.press(s.track.rescheduleBack);
    expect(back.h1).toBe(language.t(s.track.result, { trackingNumber }));
    await reschedule(back, language);
    for (const secondFactor of [couple.partyB.phone, couple.partyB.idNumber, couple.partyA.idNumber]) {
      const again = await lookUp(visitor(language), language, trackingNumber, secondFactor);
      expect(again.status, secondFactor).toBe(200);
      expect(again.h1).toBe(language.t(s.track.result, { trackingNumber }));
    }
  });

  it('says on its own, with when to try again, that the number’s lookups are used up', async () => {
    const couple = marriageAppointment(people(), await bookableSlot(baseUrl()));
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);
    const reader = visitor(language);
    for (let attempt = 0; attempt < 10; attempt += 1) expect((await lookUp(reader, language, trackingNumber, '13800000000')).status).toBe(404);
    const limited = await lookUp(reader, language, trackingNumber, couple.partyA.phone);
    expect(limited.status).toBe(429);
    expect(limited.h1).toBe(s.track.title);
    const notice = limited.text('[data-testid="lookup-limit"]');
    expect(notice).toContain(s.track.tooMany);
    expect(notice).toMatch(language.code === 'en' ? /Try again after \d{1,2} \w+ at \d\d:\d\d\./ : /请在 \d{1,2}月\d{1,2}日 \d\d:\d\d 之后再试。/);
    expect(limited.one('[data-testid="lookup-limit"]').getAttribute('role')).toBe('alert');
    // Not a wrong answer: no error summary, nothing marked on a field, and the title says no error.
    expect(limited.errorSummary).toEqual([]);
    expect(limited.errorFor('trackingNumber')).toBe('');
    expect(limited.errorFor('secondFactor')).toBe('');
    expect(limited.has('[aria-invalid="true"]')).toBe(false);
    expect(limited.title).not.toContain(s.errors.title);
    expect(limited.valueOf(s.track.trackingNumber)).toBe(trackingNumber);
  });
});
