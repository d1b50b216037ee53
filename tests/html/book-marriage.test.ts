/**
 * Booking a marriage registration appointment without JavaScript: one question per page, the
 * office's days as a radio list (full and closed days shown but not choosable) and its times with
 * places left, both people with their ID numbers checked (age on the day, not the same person),
 * check your answers, and the confirmation; in both languages. The confirmation and the status page
 * say where the office is and how to reach it: its address, phone and a map link.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import { personId } from '../support/applications.ts';
import { officeCalendar } from '../support/portal-api.ts';
import { LANGUAGES, demoOffice, mapLinkName, type Language } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { confirmPhones, enterCodes, label, person, trackingNumberOn, upToDate, upToPeople } from './support/booking-pages.ts';
import { baseUrl, people, visitor } from './support/portal.ts';

/** The booked office (the county's) with its address, a phone link and a map link. */
function expectBookedOffice(page: HtmlPage, language: Language) {
  const county = demoOffice(language);
  const { phone = '', mapUrl = '' } = DEMO_OFFICES.get('demo-county-registry') ?? {};
  const where = page.one('[data-testid="appointment-office"]');
  const text = page.text('[data-testid="appointment-office"]');
  expect(text).toContain(county.name);
  expect(text).toContain(county.address);
  expect(page.hrefOf(phone, where)).toBe(`tel:${phone.replaceAll('-', '')}`);
  expect(page.hrefOf(mapLinkName(language, county.name), where)).toBe(mapUrl);
}

describe.each(LANGUAGES)('booking a marriage registration appointment in $name', (language) => {
  const s = language.strings;

  it('lists the office’s days as its calendar has them, a day without places (closed or full) shown but not choosable', async () => {
    const dateStep = await upToDate(visitor(language), language);
    const calendar = await officeCalendar(baseUrl());
    expect(calendar.some((day) => day.state === 'closed')).toBe(true);
    for (const day of calendar) {
      const radio = dateStep.one(`input[name="date"][value="${day.date}"]`);
      expect(radio.hasAttribute('disabled'), `${day.date} (${day.state})`).toBe(day.state !== 'available');
      const choice = dateStep.text(`label[for="${radio.getAttribute('id') ?? ''}"]`);
      expect(choice).toContain(language.date(day.date));
      if (day.state !== 'opens-at') expect(choice).toContain(language.t(s.booking.day[day.state as keyof typeof s.booking.day], { count: day.placesLeft ?? 0 }));
    }
  });

  it('chooses an office, a day and a time from the calendar, names both people, and gets a tracking number that either can use', async () => {
    const n = people();
    const reader = visitor(language);
    const first = await upToPeople(reader, language);
    const second = await person(first, language, 'partyA', '王小明', personId(n, 'male'), '139 0000 1234');
    expect(second.h1).toBe(s.booking.step['party-b'].title);
    const phonesStep = await person(second, language, 'partyB', '李小红', personId(n, 'female'), '13700001234');
    const check = await confirmPhones(phonesStep, language, { partyA: '13900001234', partyB: '13700001234' });
    expect(check.h1).toBe(s.booking.step.check.title);
    expect(check.text('.check-answers')).toContain(demoOffice(language).name);
    const confirmation = await check.press(s.booking.submit);

    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    const trackingNumber = trackingNumberOn(confirmation);
    expect(trackingNumber).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/);
    expect(confirmation.text()).toContain(`${s.application.sentTo}${s.punctuation.colon}139****1234`);
    expect(confirmation.text()).toContain(s.booking.confirmation.bringBoth);
    expectBookedOffice(confirmation, language);
    // The calendar file carries the same appointment, in UTC.
    const calendarFile = await reader.request(new URL(confirmation.hrefOf(s.booking.confirmation.addToCalendar), confirmation.url));
    expect(calendarFile.headers.get('content-type')).toContain('text/calendar');
    expect((await calendarFile.text()).replace(/\r\n /g, '')).toMatch(new RegExp(`DTSTART:\\d{8}T\\d{6}Z[\\s\\S]*SUMMARY:.*${trackingNumber}`));

    const track = await confirmation.follow(s.booking.confirmation.trackLink, confirmation.one('main'));
    const result = await track.form(s.track.submit).fill(s.track.trackingNumber, trackingNumber).fill(s.track.secondFactor, personId(n, 'female')).submit();
    expect(result.hasExactText(s.appointmentCase.state.booked)).toBe(true);
    expectBookedOffice(result, language);
  });

  it('a replacement certificate needs one person, and one phone confirmed', async () => {
    const n = people();
    const first = await upToPeople(visitor(language), language, { kind: 'reissue' });
    const phonesStep = await person(first, language, 'partyA', '王小明', personId(n, 'male'), `139${String(n).padStart(8, '0')}`);
    expect(phonesStep.h1).toBe(s.booking.step.phones.title);
    const codes = await phonesStep.press(s.booking.phones.send);
    expect(codes.all('input[name^="phoneCode."]').map((input) => input.getAttribute('name'))).toEqual(['phoneCode.partyA']);
    const check = await enterCodes(codes, language, { partyA: `139${String(n).padStart(8, '0')}` });
    expect(check.h1).toBe(s.booking.step.check.title);
    expect((await check.press(s.booking.submit)).h1).toBe(s.booking.confirmation.title);
  });

  it('explains each bad answer next to its field and keeps what was typed', async () => {
    const n = people(2);
    const e = s.errors.marriage;
    const reader = visitor(language);
    const kindStep = await reader.get(language.path('/book/marriage/kind'));
    const noKind = await kindStep.press(s.application.continue);
    expect(noKind.errorSummary).toContainEqual({ text: e.kindRequired, href: '#kind' });

    const first = await upToPeople(reader, language);
    // He turns 22 only in 2040.
    const underAge = await person(first, language, 'partyA', '王小明', personId(n, 'male', '20180101'), '13900003456');
    expect(underAge.errorFor('partyA-idNumber')).toContain(language.t(e.underAge.male, { minimum: 22 }));
    expect(underAge.valueOf(label(s.fields.partyA.name))).toBe('王小明');
    const second = await person(underAge, language, 'partyA', '王小明', personId(n, 'male'), '13900003456');
    const samePerson = await person(second, language, 'partyB', '王小明', personId(n, 'male'), '13900003456');
    expect(samePerson.errorFor('partyB-idNumber')).toContain(e.samePerson);
    const twoMen = await person(samePerson, language, 'partyB', '张强', personId(n + 1, 'male'), '13900004567');
    expect(twoMen.errorFor('partyB-idNumber')).toContain(e.manAndWoman.replace(/（.*|\(.*/, ''));
  });
});
