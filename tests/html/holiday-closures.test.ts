/**
 * A year's public holidays entered over a booked day, without a browser (issue 12, item 2): the
 * system admin's form leads to the list of the appointments the new holidays cancel (masked, with
 * their office and day), back to the form with what was typed, or on to saving, which cancels them:
 * the couple's status page says the office cancelled it, the apology is in the development outbox,
 * and the clerk's day says the office is closed for that holiday. A form tampered on the way shows
 * its problem next to its field. Both languages.
 *
 * Saving a year changes the calendar every later test on a server would book against, so this file
 * starts a server of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHolidayFiles } from '../../api/content/holidays.ts';
import { marriageAppointment } from '../support/applications.ts';
import { bookableSlot, bookedViaApi } from '../support/portal-api.ts';
import { demoOffice, LANGUAGES, sentence, type Language } from '../support/site.ts';
import { nextPeople, staffPassword, startTestPortal, type TestPortal } from '../support/test-portal.ts';
import { Visitor, type HtmlPage } from './support/html-client.ts';
import { lookUp, signIn } from './support/portal.ts';
import { maskedId, summaryState } from './support/registry-office.ts';

const OFFICE = 'demo-district-registry';
const HOLIDAY = '测试假日';

let portal: TestPortal | undefined;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.stop();
});

function server(): TestPortal {
  if (!portal) throw new Error('the server of this file did not start');
  return portal;
}
const visitor = (language: Language) => new Visitor(server().url, { acceptLanguage: language.code === 'en' ? 'en' : 'zh-CN,zh;q=0.9' });
const signedIn = async (language: Language, role: 'system-admin' | 'intake') => {
  const member = visitor(language);
  await signIn(member, language, role, staffPassword(server(), role));
  return member;
};

/** A year's holidays as the form takes them: the shipped year's (if any), with a made-up holiday on `day`. */
function holidaysWith(day: string): { year: string; holidays: string } {
  const year = day.slice(0, 4);
  const shipped = readHolidayFiles().find((known) => String(known.year) === year);
  const lines = (shipped?.holidays ?? []).map((holiday) => `${holiday.name} ${holiday.from} ${holiday.to}`);
  return { year, holidays: [...lines, `${HOLIDAY} ${day} ${day}`].join('\n') };
}

/** The texts in the development outbox exactly like `text`, asked for until `count` are there or 15 s have passed (texts are sent after the answer). */
async function outboxed(reader: Visitor, language: Language, text: string, count: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await reader.get(language.path('/dev/outbox'))).texts('td').filter((cell) => cell === text).length;
    if (found >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.each(LANGUAGES)('public holidays over a booked day in $name', (language) => {
  const s = language.strings;
  const f = s.fields;

  it('lists the appointment the new holidays cancel, goes back to the form, and on confirming cancels it and tells the couple', async () => {
    // The last bookable day of the window: a day of its own for each language.
    const slot = await bookableSlot(server().url, OFFICE, 'marriage', 'last');
    const couple = marriageAppointment(nextPeople(server()), { ...slot, office: OFFICE });
    const trackingNumber = await bookedViaApi(server().url, couple, language.code);
    const { year, holidays } = holidaysWith(slot.date);

    const admin = await signedIn(language, 'system-admin');
    const form = await admin.get(language.path('/staff/holidays'));
    const filled = (page: HtmlPage) =>
      page.form(s.holidays.submit).fill(sentence(f.year), year).fill(sentence(f.source), '测试用的假想安排').fill(sentence(f.holidays), holidays).fill(sentence(f.makeUpWorkdays), '');
    let confirm = await filled(form).submit();
    expect(confirm.status).toBe(200);
    expect(confirm.h1).toBe(language.t(s.holidays.confirmTitle_one, { year, count: 1 }));
    const row = confirm.all('tbody tr').find((candidate) => (candidate.textContent ?? '').includes(trackingNumber));
    expect(row, `a row for ${trackingNumber}`).toBeDefined();
    const rowText = row ? confirm.texts('th, td', row).join(' ') : '';
    for (const shown of [demoOffice(language, OFFICE).name, language.date(slot.date), slot.start, s.marriage.kind.marriage, '王**', maskedId(couple.partyA.idNumber)]) expect(rowText).toContain(shown);
    // No whole value anywhere on the page, not even out of sight.
    expect(confirm.html).not.toContain(couple.partyA.idNumber);
    expect(confirm.html).not.toContain(couple.partyA.name);

    // Back to the form, with what was typed; nothing saved.
    const back = await confirm.press(s.holidays.confirmNo);
    expect(back.h1).toBe(s.holidays.title);
    expect(back.valueOf(sentence(f.holidays))).toBe(holidays);
    expect(back.role('status')).toBe('');

    // A form changed on its way from the list: its problem next to its field, what was typed kept.
    confirm = await filled(back).submit();
    const tampered = await confirm.form(s.holidays.confirmYes).set('holidays', 'tampered').submit();
    expect(tampered.status).toBe(422);
    const lineError = sentence(language.t(s.errors.holidays.line, { line: 1 }));
    expect(tampered.errorFor(tampered.field(sentence(f.holidays)).id)).toContain(lineError);
    expect(tampered.role('alert')).toContain(lineError);

    confirm = await filled(tampered).submit();
    const saved = await confirm.press(s.holidays.confirmYes);
    expect(saved.role('status')).toBe(language.t(s.holidays.savedCancelled_one, { year, count: 1 }));

    const reader = visitor(language);
    const status = await lookUp(reader, language, trackingNumber, couple.partyB.idNumber);
    expect(summaryState(status)).toBe(s.appointmentCase.state['cancelled-by-office']);
    expect(status.hrefOf(s.track.rebook)).toBe(language.path('/book/marriage'));
    const sms = language.t(s.notifications.case.appointmentCancelledByOffice_holiday, {
      date: slot.date,
      holiday: HOLIDAY,
      office: demoOffice(language, OFFICE).name,
      start: slot.start,
      trackingNumber,
      bookUrl: `${new URL(server().url).origin}${language.path('/book/marriage')}`,
    });
    expect(await outboxed(reader, language, sms, 2)).toBe(2);

    // The clerk's day: closed, and why.
    const clerk = await signedIn(language, 'intake');
    const day = await clerk.get(`${language.path('/staff/appointments')}?office=${OFFICE}&date=${slot.date}`);
    expect(day.text()).toContain(language.t(s.officeDay.closedHoliday, { name: HOLIDAY }));
  });

  it('shows the clerk a day closed by law alone with the holiday’s name in the page’s language', async () => {
    const clerk = await signedIn(language, 'intake');
    // 1 January of a year far ahead, whose notice nobody has entered.
    const day = await clerk.get(`${language.path('/staff/appointments')}?office=${OFFICE}&date=2040-01-01`);
    expect(day.text()).toContain(language.t(s.officeDay.closedByLaw, { name: s.holidays.names['new-year'] }));
  });
});
