/**
 * Bad input on the way to a marriage registration appointment (issue 5): an invalid or impossible
 * ID number, a person already booked, a past, closed or not-yet-open day, a time that filled up
 * while the reader was on the page, a tampered form, and the same booking sent twice. Each is
 * answered in the reader's language next to its field, with what they entered kept and nothing
 * booked; in both languages, with and without JavaScript (tampering happens in transit, on the
 * plain form post, so it works the same either way).
 *
 * Each test has a day and times of its own at the county office, so that filling a time here
 * never meets another test: days counted back from the end of the booking window, one per
 * language and project, and a time per test on it. People are numbered from 12000. Tests that go
 * the whole way to the people's pages are marked slow: other tests keep the machine busy.
 */
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { marriageAppointment, personId } from '../support/applications.ts';
import { NOT_YET_OPEN_OFFICE } from './support/offices-file.ts';
import { addDays, bookingPages, bookingUpToDate, chooseDate, chooseDay, officeCalendar } from './support/booking.ts';
import { LANGUAGES, expectNoAxeViolations, type Language } from './support/portal.ts';

const COUNTY = 'demo-county-registry';

interface Slot {
  date: string;
  start: string;
}

/** The time each test takes on its day (a weekday's slots: 09:00–12:00 and 13:30–17:00, half-hourly). */
const TIME = { idNumbers: '13:30', bookedA: '14:00', bookedB: '14:30', twice: '15:00', tampered: '15:30', timePage: '16:00', checkPage: '16:30', earlierBooking: '11:30' } as const;

/** 0–3: one per language and project, for the day and the people. */
const runIndex = (languageIndex: number, info: TestInfo) => languageIndex * 2 + (info.project.use.javaScriptEnabled === false ? 1 : 0);

/** The first of 500 people numbers this language and project may use. */
const peopleFrom = (languageIndex: number, info: TestInfo) => 12_000 + runIndex(languageIndex, info) * 500;

/** This language and project's own day: the 2nd to 5th last day with places at the county office (the last is left to the status page's tests). */
async function ownDay(request: APIRequestContext, languageIndex: number, info: TestInfo): Promise<string> {
  const days = (await officeCalendar(request)).filter((day) => day.state === 'available');
  const day = days.at(-2 - runIndex(languageIndex, info));
  if (!day) throw new Error('the county office has too few days with places');
  return day.date;
}

async function placesLeft(request: APIRequestContext, slot: Slot, office = COUNTY): Promise<number> {
  const response = await request.get(`/api/v1/marriage/offices/${office}/slots?kind=marriage&date=${slot.date}`);
  const { slots } = (await response.json()) as { slots: { start: string; placesLeft: number }[] };
  const found = slots.find((s) => s.start === slot.start);
  if (!found) throw new Error(`the county office has no ${slot.start} on ${slot.date}`);
  return found.placesLeft;
}

/** Books couples from `firstCouple` on through the API until `leave` places are left in the slot. */
async function fillSlot(request: APIRequestContext, slot: Slot, firstCouple: number, leave = 0): Promise<void> {
  for (let n = firstCouple; (await placesLeft(request, slot)) > leave; n += 1) {
    const response = await request.post('/api/v1/marriage/appointments', { data: marriageAppointment(n, slot) });
    expect([201, 409], await response.text()).toContain(response.status());
  }
}

/** Rewrites one field of the next form posted to `path`, on its way to the server. */
async function tamperWith(page: Page, path: string, field: string, value: string): Promise<void> {
  const matches = (url: URL) => url.pathname === path;
  await page.route(matches, async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const form = new URLSearchParams(request.postData() ?? '');
    form.set(field, value);
    await route.continue({ postData: form.toString() });
    // Once: the reader's next try goes as they send it.
    await page.unroute(matches);
  });
}

/** Today in China, as the server counts days. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** A moment in China's time as the pages write it, on the 24-hour clock: 12月13日 09:00 / 13 December at 09:00. */
const formatDateTime = (language: Language, iso: string) => {
  const [, month, day, time] = /^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso) ?? [];
  return language.code === 'zh-CN' ? `${Number(month)}月${Number(day)}日 ${time}` : `${Number(day)} ${MONTHS[Number(month) - 1]} at ${time}`;
};

/** Messages naming a field begin with it: the page starts the sentence with a capital. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

for (const [languageIndex, language] of LANGUAGES.entries()) {
  const s = language.strings;
  const e = s.errors.marriage;

  /** The booking pages up to the first person, for a marriage at the county office at `slot`. */
  async function upToPeopleAt(page: Page, slot: Slot): Promise<void> {
    const b = bookingPages(page, language);
    await bookingUpToDate(page, language);
    await chooseDate(page, slot.date);
    await b.next();
    await expect(b.heading()).toHaveText(s.booking.step.slot.title);
    await page.locator(`input[name="start"][value="${slot.start}"]`).check();
    await b.next();
    await expect(b.heading()).toHaveText(s.booking.step['party-a'].title);
  }

  /** A couple numbered `n` booked up to the check page at `slot` (phones from their number). */
  async function upToCheckAt(page: Page, slot: Slot, n: number): Promise<void> {
    const b = bookingPages(page, language);
    await upToPeopleAt(page, slot);
    await b.person('partyA', '王小明', personId(n, 'male'), `139${String(n).padStart(8, '0')}`);
    await b.person('partyB', '李小红', personId(n, 'female'), `137${String(n).padStart(8, '0')}`);
    await expect(b.heading()).toHaveText(s.booking.step.check.title);
  }

  /** The field's own message, and the error summary's link to it. */
  async function expectMessageAt(page: Page, field: string, message: string): Promise<void> {
    await expect(page.locator(`#${field}-error`)).toContainText(message);
    await expect(page.getByRole('alert').getByRole('link', { name: message })).toHaveAttribute('href', `#${field}`);
  }

  /** After a refused day, the kind and office are kept: a good day leads on to its times. */
  async function expectOfficeAndKindKept(page: Page, request: APIRequestContext): Promise<void> {
    const b = bookingPages(page, language);
    const day = (await officeCalendar(request)).find((d) => d.state === 'available');
    if (!day) throw new Error('the county office has no day with places');
    await chooseDate(page, day.date);
    await b.next();
    await expect(b.heading()).toHaveText(s.booking.step.slot.title);
    await expect(page.locator('legend')).toContainText(language.date(day.date));
  }

  test.describe(`In ${language.name}, a booking with bad input`, () => {
    test('an ID number with a wrong check digit, an impossible birth date, an unknown region or the wrong length is explained next to the ID number, with the name and phone kept', async ({ page, request }, info) => {
      test.slow();
      const n = peopleFrom(languageIndex, info);
      const b = bookingPages(page, language);
      await upToPeopleAt(page, { date: await ownDay(request, languageIndex, info), start: TIME.idNumbers });
      const good = personId(n, 'male');
      const badNumbers = [
        [`${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'}`, s.errors.application.idNumberCheckDigit],
        [personId(n, 'male', '19900230'), s.errors.application.idNumberBirthDate],
        [personId(n, 'male', undefined, '990101'), s.errors.application.idNumberRegion],
        [good.slice(0, 17), s.errors.application.idNumberLength],
      ] as const;
      for (const [idNumber, message] of badNumbers) {
        await b.person('partyA', '王小明', idNumber, '13900012000');
        await expect(b.heading()).toHaveText(s.booking.step['party-a'].title);
        await expectMessageAt(page, 'partyA-idNumber', sentence(language.t(message, { field: s.fields.partyA.idNumber })));
        await expect(b.label(s.fields.partyA.name)).toHaveValue('王小明');
        await expect(b.label(s.fields.partyA.idNumber)).toHaveValue(idNumber);
        await expect(b.label(s.fields.partyA.phone)).toHaveValue('13900012000');
      }
      // The second person's number is checked the same way, and named as theirs.
      await b.person('partyA', '王小明', good, '13900012000');
      await b.person('partyB', '李小红', `${personId(n, 'female').slice(0, 17)}${personId(n, 'female').endsWith('1') ? '2' : '1'}`, '13700012000');
      await expectMessageAt(page, 'partyB-idNumber', sentence(language.t(s.errors.application.idNumberCheckDigit, { field: s.fields.partyB.idNumber })));
      await expect(b.label(s.fields.partyB.name)).toHaveValue('李小红');
      await expect(b.label(s.fields.partyB.phone)).toHaveValue('13700012000');
    });

    for (const party of ['partyA', 'partyB'] as const) {
      test(`${party === 'partyA' ? 'the first' : 'the second'} person already holding a marriage appointment is told so next to their own ID number, and nothing is booked`, async ({ page, request }, info) => {
        test.slow();
        const n = peopleFrom(languageIndex, info) + (party === 'partyA' ? 10 : 20);
        const day = await ownDay(request, languageIndex, info);
        const slot = { date: day, start: party === 'partyA' ? TIME.bookedA : TIME.bookedB };
        // The couple n booked earlier: the man is the first person now, or the woman the second.
        const earlier = await request.post('/api/v1/marriage/appointments', { data: marriageAppointment(n, { date: day, start: TIME.earlierBooking }) });
        expect(earlier.status()).toBe(201);
        const b = bookingPages(page, language);
        await upToPeopleAt(page, slot);
        await b.person('partyA', '王小明', personId(party === 'partyA' ? n : n + 1, 'male'), '13900012001');
        await b.person('partyB', '李小红', personId(party === 'partyB' ? n : n + 1, 'female'), '13700012001');
        await expect(b.heading()).toHaveText(s.booking.step.check.title);
        const before = await placesLeft(request, slot);
        await page.getByRole('button', { name: s.booking.submit }).click();

        await expect(b.heading()).toHaveText(s.booking.step.check.title);
        await expectMessageAt(page, `${party}-idNumber`, e.alreadyBooked);
        const other = party === 'partyA' ? 'partyB' : 'partyA';
        await expect(page.locator(`#${other}-idNumber-error`)).toHaveCount(0);
        // Everything entered is still there, and the message's link is the answer's own "Change".
        await expect(page.locator('.check-answers')).toContainText('王小明');
        await expect(page.locator('.check-answers')).toContainText('李小红');
        expect(await placesLeft(request, slot)).toBe(before);
        // axe runs as a script in the page: with JavaScript only.
        if (info.project.use.javaScriptEnabled !== false) await expectNoAxeViolations(page, 'check page with a refusal');
        await page.getByRole('alert').getByRole('link', { name: e.alreadyBooked }).click();
        await page.locator(`#${party}-idNumber`).click();
        await expect(b.heading()).toHaveText(s.booking.step[party === 'partyA' ? 'party-a' : 'party-b'].title);
        await expect(b.label(s.fields[party].idNumber)).toHaveValue(personId(n, party === 'partyA' ? 'male' : 'female'));
      });
    }

    test('a day that has passed, sent instead of the one chosen, is refused next to the day', async ({ page, request }) => {
      const past = addDays(chinaToday(), -3);
      await bookingUpToDate(page, language);
      await tamperWith(page, language.path('/book/marriage/date'), 'date', past);
      await chooseDay(page);
      await bookingPages(page, language).next();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.date.title);
      await expectMessageAt(page, 'date', e.slot.past);
      await expectOfficeAndKindKept(page, request);
    });

    test('a day the office is closed, sent instead of the one chosen, is refused next to the day', async ({ page, request }) => {
      const closed = (await officeCalendar(request)).find((day) => day.state === 'closed');
      if (!closed) throw new Error('the county office is open every day of the next 31');
      await bookingUpToDate(page, language);
      await tamperWith(page, language.path('/book/marriage/date'), 'date', closed.date);
      await chooseDay(page);
      await bookingPages(page, language).next();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.date.title);
      await expectMessageAt(page, 'date', e.slot.closed);
      await expectOfficeAndKindKept(page, request);
    });

    test('a popular day not yet open for booking, sent instead of the one chosen, is refused next to the day with the time it opens', async ({ page, request }) => {
      const popular = (await officeCalendar(request, NOT_YET_OPEN_OFFICE)).find((day) => day.state === 'opens-at');
      if (!popular?.releasesAt) throw new Error(`${NOT_YET_OPEN_OFFICE} has no day still to open (tests/e2e/support/offices-file.ts)`);
      await bookingUpToDate(page, language, NOT_YET_OPEN_OFFICE);
      await tamperWith(page, language.path('/book/marriage/date'), 'date', popular.date);
      await chooseDay(page);
      await bookingPages(page, language).next();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.booking.step.date.title);
      await expectMessageAt(page, 'date', language.t(e.slot['not-yet-open'], { releasesAt: formatDateTime(language, popular.releasesAt) }));
      expect((await officeCalendar(request, NOT_YET_OPEN_OFFICE)).find((day) => day.date === popular.date)?.state).toBe('opens-at');
    });

    test('a time that fills up while the reader is on the time page is refused next to the time, and another can be chosen', async ({ page, request }, info) => {
      const n = peopleFrom(languageIndex, info) + 30;
      const slot = { date: await ownDay(request, languageIndex, info), start: TIME.timePage };
      const b = bookingPages(page, language);
      await bookingUpToDate(page, language);
      await chooseDate(page, slot.date);
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step.slot.title);
      const time = page.locator(`input[name="start"][value="${slot.start}"]`);
      await expect(time).toBeEnabled();
      // Meanwhile other couples take the time's last places.
      await fillSlot(request, slot, n);
      await time.check();
      await b.next();

      await expect(b.heading()).toHaveText(s.booking.step.slot.title);
      await expectMessageAt(page, 'start', e.slot.full);
      await expect(page.locator('legend')).toContainText(language.date(slot.date));
      await expect(time).toBeDisabled();
      await page.locator('input[name="start"]:not([disabled])').first().check();
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step['party-a'].title);
      expect(await placesLeft(request, slot)).toBe(0);
    });

    test('a time that fills up while the reader checks the answers sends them back to choose another, everything else kept, and books nothing', async ({ page, request }, info) => {
      test.slow();
      const n = peopleFrom(languageIndex, info) + 50;
      const slot = { date: await ownDay(request, languageIndex, info), start: TIME.checkPage };
      const b = bookingPages(page, language);
      await upToCheckAt(page, slot, n);
      // Meanwhile other couples take the time's last places.
      await fillSlot(request, slot, n + 1);
      await page.getByRole('button', { name: s.booking.submit }).click();

      await expect(b.heading()).toHaveText(s.booking.step.slot.title);
      await expectMessageAt(page, 'start', s.booking.slotTaken);
      await expect(page.locator('legend')).toContainText(language.date(slot.date));
      await expect(page.locator('input[name="start"]:checked')).toHaveCount(0);
      expect(await placesLeft(request, slot)).toBe(0);
      // Another time, and straight back to the answers: both people are still there, and booking
      // them works, so the refused attempt held nobody.
      await page.locator('input[name="start"]:not([disabled])').first().check();
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step.check.title);
      await expect(page.locator('.check-answers')).toContainText('王小明');
      await expect(page.locator('.check-answers')).toContainText('李小红');
      await page.getByRole('button', { name: s.booking.submit }).click();
      await expect(b.heading()).toHaveText(s.booking.confirmation.title);
    });

    test('a tampered form key is refused as out of date, with every answer kept and nothing booked until the reader submits again', async ({ page, request }, info) => {
      test.slow();
      const n = peopleFrom(languageIndex, info) + 70;
      const slot = { date: await ownDay(request, languageIndex, info), start: TIME.tampered };
      const b = bookingPages(page, language);
      await upToCheckAt(page, slot, n);
      const before = await placesLeft(request, slot);
      await tamperWith(page, language.path('/book/marriage/check'), 'key', '00000000-0000-4000-8000-000000000000');
      await page.getByRole('button', { name: s.booking.submit }).click();

      await expect(b.heading()).toHaveText(s.booking.step.check.title);
      await expectMessageAt(page, 'submit', s.errors.application.formOutOfDate);
      await expect(page.locator('.check-answers')).toContainText('王小明');
      await expect(page.locator('.check-answers')).toContainText('李小红');
      expect(await placesLeft(request, slot)).toBe(before);
      await page.getByRole('button', { name: s.booking.submit }).click();
      await expect(b.heading()).toHaveText(s.booking.confirmation.title);
      expect(await placesLeft(request, slot)).toBe(before - 1);
    });

    test('a time the office does not have, sent instead of the one chosen, is refused next to the time', async ({ page, request }, info) => {
      const slot = { date: await ownDay(request, languageIndex, info), start: TIME.tampered };
      const b = bookingPages(page, language);
      await bookingUpToDate(page, language);
      await chooseDate(page, slot.date);
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step.slot.title);
      await tamperWith(page, language.path('/book/marriage/slot'), 'start', '09:10');
      await page.locator(`input[name="start"][value="${slot.start}"]`).check();
      await b.next();
      await expect(b.heading()).toHaveText(s.booking.step.slot.title);
      await expectMessageAt(page, 'start', e.slot['no-such-slot']);
      await expect(page.locator('legend')).toContainText(language.date(slot.date));
    });

    test('the booking sent twice makes one appointment, and the second answer is the same confirmation', async ({ page, request }, info) => {
      test.slow();
      const n = peopleFrom(languageIndex, info) + 80;
      const slot = { date: await ownDay(request, languageIndex, info), start: TIME.twice };
      // The couple takes the time's last place: the repeat must not find it full.
      await fillSlot(request, slot, n + 1, 1);
      const b = bookingPages(page, language);
      await upToCheckAt(page, slot, n);
      // The form as it leaves the browser, cookie and all, to send once more.
      const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
      await page.route(
        (url) => url.pathname === language.path('/book/marriage/check'),
        async (route) => {
          const request = route.request();
          if (request.method() === 'POST') sent.push({ url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? '' });
          await route.continue();
        },
      );
      await page.getByRole('button', { name: s.booking.submit }).click();
      await expect(b.heading()).toHaveText(s.booking.confirmation.title);
      const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
      expect(await placesLeft(request, slot)).toBe(0);

      const [first] = sent;
      if (!first) throw new Error('the booking form was not posted');
      // Sent again with the cookie it left with, as a second click or a resubmitted tab does: the
      // draft not yet marked as booked, the same form key.
      const keep = ['cookie', 'origin', 'referer', 'content-type', 'accept-language', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest'];
      const again = await request.post(first.url, { headers: Object.fromEntries(Object.entries(first.headers).filter(([name]) => keep.includes(name))), data: first.body, maxRedirects: 0 });
      expect(again.status()).toBe(303);
      expect(new URL(again.headers()['location'] ?? '', first.url).pathname).toBe(language.path('/book/marriage/confirmation'));
      const draft = again.headersArray().find((header) => header.name.toLowerCase() === 'set-cookie')?.value.split(';')[0] ?? '';
      const confirmation = await request.get(language.path('/book/marriage/confirmation'), { headers: { cookie: draft }, maxRedirects: 0 });
      expect(confirmation.status()).toBe(200);
      expect(await confirmation.text()).toContain(trackingNumber);
      // The same appointment answered again: no refusal, no other number, no other place.
      expect(await placesLeft(request, slot)).toBe(0);
    });
  });
}
