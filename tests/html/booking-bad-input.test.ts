/**
 * Bad input on the way to a marriage registration appointment (issue 5), without JavaScript: an
 * invalid or impossible ID number, a person already booked, a past, closed or not-yet-open day, a
 * time that filled up while the reader was on the page, a tampered form, and the same booking sent
 * twice. Each is answered in the reader's language next to its field, with what they entered kept
 * and nothing booked; in both languages. Tampering happens in transit, on the plain form post.
 *
 * Tests that fill a time or count its places each have a (day, time) of their own at the county
 * office: a day per language counted back from the end of the booking window (the last is left to
 * the status page's tests), and a time per test on it.
 */
import { describe, expect, it } from 'vitest';
import { marriageAppointment, personId } from '../support/applications.ts';
import { NOT_YET_OPEN_OFFICE } from '../support/offices-file.ts';
import { addDays, bookedViaApi, chinaToday, fillSlot, officeCalendar, placesLeft, type Slot } from '../support/portal-api.ts';
import { LANGUAGES, sentence, type Language } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { chooseDay, chooseTime, choosable, confirmPhones, expectMessageAt, label, person, submitTampered, trackingNumberOn, upToCheck, upToDate, upToPeople } from './support/booking-pages.ts';
import { baseUrl, people, visitor } from './support/portal.ts';

/** The time each test takes on its language's day (a weekday's slots: 09:00–12:00 and 13:30–17:00, half-hourly). */
const TIME = { idNumbers: '13:30', bookedA: '14:00', bookedB: '14:30', twice: '15:00', tampered: '15:30', timePage: '16:00', checkPage: '16:30', earlierBooking: '11:30' } as const;

/**
 * Each language's own day: the 2nd (Chinese) or 3rd (English) last day with places at the county
 * office, found once so that a day filling up meanwhile cannot move a test onto another's.
 */
const ownDays = new Map<string, Promise<string>>();
function ownDay(language: Language): Promise<string> {
  let day = ownDays.get(language.code);
  if (!day) {
    day = officeCalendar(baseUrl()).then((calendar) => {
      const found = calendar.filter((d) => d.state === 'available').at(-2 - LANGUAGES.indexOf(language));
      if (!found) throw new Error('the county office has too few days with places');
      return found.date;
    });
    ownDays.set(language.code, day);
  }
  return day;
}

const slotOf = async (language: Language, start: string): Promise<Slot> => ({ date: await ownDay(language), start });

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** A moment in China's time as the pages write it, on the 24-hour clock: 12月13日 09:00 / 13 December at 09:00. */
const formatDateTime = (language: Language, iso: string) => {
  const [, month, day, time] = /^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso) ?? [];
  return language.code === 'zh-CN' ? `${Number(month)}月${Number(day)}日 ${time}` : `${Number(day)} ${MONTHS[Number(month) - 1]} at ${time}`;
};

/** An ID number with its check character changed. */
const wrongCheckCharacter = (idNumber: string) => `${idNumber.slice(0, 17)}${idNumber.endsWith('1') ? '2' : '1'}`;

describe.each(LANGUAGES)('a booking with bad input in $name', (language) => {
  const s = language.strings;
  const e = s.errors.marriage;

  /** The date step with this day sent instead of the one chosen; answers the refusal. */
  async function sendDay(dateStep: HtmlPage, date: string): Promise<HtmlPage> {
    const form = dateStep.form(s.application.continue).set('date', choosable(dateStep, 'date')[0] ?? '');
    const refused = await submitTampered(form, { date });
    expect(refused.h1).toBe(s.booking.step.date.title);
    return refused;
  }

  /** After a refused day, the kind and office are kept: a good day leads on to its times. */
  async function expectOfficeAndKindKept(dateStep: HtmlPage): Promise<void> {
    const day = (await officeCalendar(baseUrl())).find((d) => d.state === 'available');
    if (!day) throw new Error('the county office has no day with places');
    const slotStep = await chooseDay(dateStep, language, day.date);
    expect(slotStep.text('legend')).toContain(language.date(day.date));
  }

  it('an ID number with a wrong check digit, an impossible birth date, an unknown region or the wrong length is explained next to the ID number, with the name and phone kept', async () => {
    const n = people();
    let page = await upToPeople(visitor(language), language, { slot: await slotOf(language, TIME.idNumbers) });
    const good = personId(n, 'male');
    const badNumbers = [
      [wrongCheckCharacter(good), s.errors.application.idNumberCheckDigit],
      [personId(n, 'male', '19900230'), s.errors.application.idNumberBirthDate],
      [personId(n, 'male', undefined, '990101'), s.errors.application.idNumberRegion],
      [good.slice(0, 17), s.errors.application.idNumberLength],
    ] as const;
    for (const [idNumber, message] of badNumbers) {
      page = await person(page, language, 'partyA', '王小明', idNumber, '13900012000');
      expect(page.h1).toBe(s.booking.step['party-a'].title);
      expectMessageAt(page, 'partyA-idNumber', sentence(language.t(message, { field: s.fields.partyA.idNumber })));
      expect(page.valueOf(label(s.fields.partyA.name))).toBe('王小明');
      expect(page.valueOf(label(s.fields.partyA.idNumber))).toBe(idNumber);
      expect(page.valueOf(label(s.fields.partyA.phone))).toBe('13900012000');
    }
    // The second person's number is checked the same way, and named as theirs.
    const second = await person(page, language, 'partyA', '王小明', good, '13900012000');
    const refused = await person(second, language, 'partyB', '李小红', wrongCheckCharacter(personId(n, 'female')), '13700012000');
    expectMessageAt(refused, 'partyB-idNumber', sentence(language.t(s.errors.application.idNumberCheckDigit, { field: s.fields.partyB.idNumber })));
    expect(refused.valueOf(label(s.fields.partyB.name))).toBe('李小红');
    expect(refused.valueOf(label(s.fields.partyB.phone))).toBe('13700012000');
  });

  for (const party of ['partyA', 'partyB'] as const) {
    it(`${party === 'partyA' ? 'the first' : 'the second'} person already holding a marriage appointment is told so next to their own ID number, and nothing is booked`, async () => {
      const n = people(2);
      const day = await ownDay(language);
      const slot = { date: day, start: party === 'partyA' ? TIME.bookedA : TIME.bookedB };
      // The couple n booked earlier: the man is the first person now, or the woman the second.
      await bookedViaApi(baseUrl(), marriageAppointment(n, { date: day, start: TIME.earlierBooking }));
      const first = await upToPeople(visitor(language), language, { slot });
      // Phones of their own: whoever books here is not a party of the earlier appointment.
      const phones = { partyA: `136${String(n).padStart(8, '0')}`, partyB: `135${String(n).padStart(8, '0')}` };
      const second = await person(first, language, 'partyA', '王小明', personId(party === 'partyA' ? n : n + 1, 'male'), phones.partyA);
      const check = await confirmPhones(await person(second, language, 'partyB', '李小红', personId(party === 'partyB' ? n : n + 1, 'female'), phones.partyB), language, phones);
      expect(check.h1).toBe(s.booking.step.check.title);
      const before = await placesLeft(baseUrl(), slot);
      const refused = await check.press(s.booking.submit);

      expect(refused.h1).toBe(s.booking.step.check.title);
      expectMessageAt(refused, `${party}-idNumber`, e.alreadyBooked);
      const other = party === 'partyA' ? 'partyB' : 'partyA';
      expect(refused.has(`#${other}-idNumber-error`)).toBe(false);
      // Everything entered is still there, and the message's link is the answer's own "Change".
      expect(refused.text('.check-answers')).toContain('王小明');
      expect(refused.text('.check-answers')).toContain('李小红');
      expect(await placesLeft(baseUrl(), slot)).toBe(before);
      const change = refused.one(`#${party}-idNumber`);
      expect(change.tagName.toLowerCase()).toBe('a');
      expect(refused.one('.check-answers').contains(change)).toBe(true);
      const personPage = await refused.visitor.get(new URL(change.getAttribute('href') ?? '', refused.url));
      expect(personPage.h1).toBe(s.booking.step[party === 'partyA' ? 'party-a' : 'party-b'].title);
      expect(personPage.valueOf(label(s.fields[party].idNumber))).toBe(personId(n, party === 'partyA' ? 'male' : 'female'));
    });
  }

  it('a day that has passed, sent instead of the one chosen, is refused next to the day', async () => {
    const refused = await sendDay(await upToDate(visitor(language), language), addDays(chinaToday(), -3));
    expectMessageAt(refused, 'date', e.slot.past);
    await expectOfficeAndKindKept(refused);
  });

  it('a day the office is closed, sent instead of the one chosen, is refused next to the day', async () => {
    const closed = (await officeCalendar(baseUrl())).find((day) => day.state === 'closed');
    if (!closed) throw new Error('the county office is open every day of the next 31');
    const refused = await sendDay(await upToDate(visitor(language), language), closed.date);
    expectMessageAt(refused, 'date', e.slot.closed);
    await expectOfficeAndKindKept(refused);
  });

  it('a popular day not yet open for booking, sent instead of the one chosen, is refused next to the day with the time it opens', async () => {
    const popular = (await officeCalendar(baseUrl(), NOT_YET_OPEN_OFFICE)).find((day) => day.state === 'opens-at');
    if (!popular?.releasesAt) throw new Error(`${NOT_YET_OPEN_OFFICE} has no day still to open (tests/support/offices-file.ts)`);
    const refused = await sendDay(await upToDate(visitor(language), language, 'marriage', NOT_YET_OPEN_OFFICE), popular.date);
    expectMessageAt(refused, 'date', language.t(e.slot['not-yet-open'], { releasesAt: formatDateTime(language, popular.releasesAt) }));
    expect((await officeCalendar(baseUrl(), NOT_YET_OPEN_OFFICE)).find((day) => day.date === popular.date)?.state).toBe('opens-at');
  });

  it('a time that fills up while the reader is on the time page is refused next to the time, and another can be chosen', async () => {
    const slot = await slotOf(language, TIME.timePage);
    const slotStep = await chooseDay(await upToDate(visitor(language), language), language, slot.date);
    expect(choosable(slotStep, 'start')).toContain(slot.start);
    // Meanwhile other couples take the time's last places.
    await fillSlot(baseUrl(), slot, people);
    const refused = await chooseTime(slotStep, language, slot.start);

    expect(refused.h1).toBe(s.booking.step.slot.title);
    expectMessageAt(refused, 'start', e.slot.full);
    expect(refused.text('legend')).toContain(language.date(slot.date));
    expect(refused.one(`input[name="start"][value="${slot.start}"]`).hasAttribute('disabled')).toBe(true);
    const next = await chooseTime(refused, language);
    expect(next.h1).toBe(s.booking.step['party-a'].title);
    expect(await placesLeft(baseUrl(), slot)).toBe(0);
  });

  it('a time that fills up while the reader checks the answers sends them back to choose another, everything else kept, and books nothing', async () => {
    const slot = await slotOf(language, TIME.checkPage);
    const check = await upToCheck(visitor(language), language, slot, people());
    // Meanwhile other couples take the time's last places.
    await fillSlot(baseUrl(), slot, people);
    const sentBack = await check.press(s.booking.submit);

    expect(sentBack.h1).toBe(s.booking.step.slot.title);
    expectMessageAt(sentBack, 'start', s.booking.slotTaken);
    expect(sentBack.text('legend')).toContain(language.date(slot.date));
    expect(sentBack.has('input[name="start"][checked]')).toBe(false);
    expect(await placesLeft(baseUrl(), slot)).toBe(0);
    // Another time, and straight back to the answers: both people are still there, and booking
    // them works, so the refused attempt held nobody.
    const checkAgain = await chooseTime(sentBack, language);
    expect(checkAgain.h1).toBe(s.booking.step.check.title);
    expect(checkAgain.text('.check-answers')).toContain('王小明');
    expect(checkAgain.text('.check-answers')).toContain('李小红');
    const confirmation = await checkAgain.press(s.booking.submit);
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
  });

  it('a tampered form key is refused as out of date, with every answer kept and nothing booked until the reader submits again', async () => {
    const slot = await slotOf(language, TIME.tampered);
    const check = await upToCheck(visitor(language), language, slot, people());
    const before = await placesLeft(baseUrl(), slot);
    const refused = await check.form(s.booking.submit).set('key', '00000000-0000-4000-8000-000000000000').submit();

    expect(refused.h1).toBe(s.booking.step.check.title);
    expectMessageAt(refused, 'submit', s.errors.application.formOutOfDate);
    expect(refused.text('.check-answers')).toContain('王小明');
    expect(refused.text('.check-answers')).toContain('李小红');
    expect(await placesLeft(baseUrl(), slot)).toBe(before);
    const confirmation = await refused.press(s.booking.submit);
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    expect(await placesLeft(baseUrl(), slot)).toBe(before - 1);
  });

  it('a time the office does not have, sent instead of the one chosen, is refused next to the time', async () => {
    const slot = await slotOf(language, TIME.tampered);
    const slotStep = await chooseDay(await upToDate(visitor(language), language), language, slot.date);
    const refused = await submitTampered(slotStep.form(s.application.continue).set('start', slot.start), { start: '09:10' });
    expect(refused.h1).toBe(s.booking.step.slot.title);
    expectMessageAt(refused, 'start', e.slot['no-such-slot']);
    expect(refused.text('legend')).toContain(language.date(slot.date));
  });

  it('the booking sent twice makes one appointment, and the second answer is the same confirmation', async () => {
    const slot = await slotOf(language, TIME.twice);
    // The couple takes the time's last place: the repeat must not find it full.
    await fillSlot(baseUrl(), slot, people, 1);
    const reader = visitor(language);
    const check = await upToCheck(reader, language, slot, people());
    // The form and the cookies as they leave the browser, to send once more.
    const form = check.form(s.booking.submit);
    const body = form.values();
    const cookies = new Map(reader.cookies);
    const confirmation = await form.submit();
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    const trackingNumber = trackingNumberOn(confirmation);
    expect(await placesLeft(baseUrl(), slot)).toBe(0);

    // Sent again with the cookies it left with, as a second click or a resubmitted tab does: the
    // draft not yet marked as booked, the same form key.
    const again = visitor(language);
    for (const [name, value] of cookies) again.setCookie(name, value);
    const action = new URL(form.element.getAttribute('action') ?? '', check.url);
    const answer = await again.post(action, body, { follow: false });
    expect(answer.status).toBe(303);
    expect(new URL(answer.headers.get('location') ?? '', action).pathname).toBe(language.path('/book/marriage/confirmation'));
    const repeated = await again.get(language.path('/book/marriage/confirmation'), { follow: false });
    expect(repeated.status).toBe(200);
    expect(trackingNumberOn(repeated)).toBe(trackingNumber);
    // The same appointment answered again: no refusal, no other number, no other place.
    expect(await placesLeft(baseUrl(), slot)).toBe(0);
  });
});
